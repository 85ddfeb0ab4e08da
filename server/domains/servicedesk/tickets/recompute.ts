/**
 * Recomputing stored SLA columns of tickets that are not closed, in batches (one transaction each):
 * - after a policy changes, tickets still open under it take the new definition (their policy snapshot is replaced,
 *   a `policy_updated` event says so) and their due times are recomputed from their events;
 * - resolved tickets keep the definition their clocks stopped under;
 * - the calendar snapshot is never replaced: it was taken at open, so editing a working calendar moves no existing
 *   ticket (docs/sla-clocks.md “Calendar edits”); new tickets get the edited calendar.
 * Also closes resolved tickets whose auto-close time has come.
 */
import { sql } from 'kysely';
import type { RecomputeResult } from '../../../../shared/schemas/servicedesk.ts';
import type { SlaPolicy } from '../../../../shared/schemas/sla.ts';
import { systemActor } from '../../../platform/actor.ts';
import { subjectOf } from '../../../platform/audit.ts';
import type { PlatformDeps } from '../../../platform/deps.ts';
import { levelName } from './open.ts';
import { evaluateTicket, loadClockEventsOf, slaColumns, type EventRow } from './sla-state.ts';
import { appendAndRecompute } from './workflow.ts';

const FIRST_ID = '00000000-0000-0000-0000-000000000000';

/** Whether `policy` still has every level and pause reason the ticket's events use. */
function fits(policy: SlaPolicy, events: readonly EventRow[], pauseReason: string | null): boolean {
  const levels = new Set(policy.levels.map((l) => l.key));
  for (const e of events) {
    if (e.kind === 'opened' && !levels.has(String(e.details.level))) return false;
    if (e.kind === 'level_changed' && !levels.has(String(e.details.to))) return false;
  }
  return pauseReason === null || policy.pauseReasons.some((r) => r.key === pauseReason);
}

const sameTime = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

/**
 * Recomputes the stored SLA columns of every ticket that is not closed, optionally only in an organisation's
 * subtree or under one policy; refreshes policy snapshots of open tickets whose policy has a newer version.
 */
export async function recomputeOpenTickets({ db, clock }: Pick<PlatformDeps, 'db' | 'clock'>, opts: { orgId?: string; policyId?: string; batchSize?: number } = {}): Promise<RecomputeResult> {
  const result: RecomputeResult = { checked: 0, updated: 0, policyRefreshed: 0 };
  const batchSize = opts.batchSize ?? 500;
  let after = FIRST_ID;
  for (;;) {
    const n = await db.transaction().execute(async (trx) => {
      let q = trx.selectFrom('tickets').selectAll().where('status', '<>', 'closed').where('id', '>', after);
      if (opts.orgId) q = q.where(sql<boolean>`org_id in (select d.id from organisations d where d.ancestor_ids @> array[${opts.orgId}]::uuid[])`);
      if (opts.policyId) q = q.where('policyId', '=', opts.policyId);
      const rows = await q.orderBy('id').limit(batchSize).forUpdate().execute();
      if (rows.length === 0) return 0;
      after = rows.at(-1)!.id;
      const now = clock.now();
      const policyIds = [...new Set(rows.flatMap((r) => (r.policyId ? [r.policyId] : [])))];
      const policies = new Map(
        (policyIds.length ? await trx.selectFrom('slaPolicies').select(['id', 'version', 'definition']).where('id', 'in', policyIds).where('deletedAt', 'is', null).execute() : []).map((p) => [p.id, p]),
      );
      const eventsOf = await loadClockEventsOf(trx, rows.map((r) => r.id));
      for (const row of rows) {
        result.checked++;
        const events = eventsOf.get(row.id)!;
        const current = row.policyId ? policies.get(row.policyId) : undefined;
        if (current && row.status !== 'resolved' && current.version > (row.policyVersion ?? 0) && fits(current.definition, events, row.pauseReason)) {
          const sla = await appendAndRecompute(trx, row, [{ kind: 'policy_updated', details: { policyId: current.id, fromVersion: row.policyVersion, toVersion: current.version } }], { actorId: null, actorName: systemActor.name }, now, current.definition);
          await trx
            .updateTable('tickets')
            .set({ policySnapshot: JSON.stringify(current.definition), policyVersion: current.version, levelName: levelName(current.definition, row.levelKey), ...sla, updatedAt: now })
            .where('id', '=', row.id)
            .execute();
          result.policyRefreshed++;
          result.updated++;
          continue;
        }
        const sla = slaColumns(evaluateTicket(row, events, now), now);
        const isChanged =
          !sameTime(sla.responseDueAt, row.responseDueAt) ||
          !sameTime(sla.onSiteDueAt, row.onSiteDueAt) ||
          !sameTime(sla.diagnosisDueAt, row.diagnosisDueAt) ||
          !sameTime(sla.resolutionDueAt, row.resolutionDueAt) ||
          !sameTime(sla.nextBreachAt, row.nextBreachAt) ||
          !sameTime(sla.nextWarnAt, row.nextWarnAt) ||
          !sameTime(sla.autoCloseAt, row.autoCloseAt) ||
          sla.isBreached !== row.isBreached ||
          sla.breachedClocks.join() !== row.breachedClocks.join();
        await trx.updateTable('tickets').set(isChanged ? sla : { slaComputedAt: now }).where('id', '=', row.id).execute();
        if (isChanged) result.updated++;
      }
      return rows.length;
    });
    if (n < batchSize) break;
  }
  return result;
}

/** Closes resolved tickets whose policy's auto-close time has passed, each in its own transaction; answers how many. */
export async function autoCloseResolved({ db, audit, clock }: Pick<PlatformDeps, 'db' | 'audit' | 'clock'>, limit = 1000): Promise<number> {
  const now = clock.now();
  const due = await db.selectFrom('tickets').select('id').where('status', '=', 'resolved').where('autoCloseAt', '<=', now).orderBy('autoCloseAt').limit(limit).execute();
  let closed = 0;
  for (const { id } of due) {
    const isClosed = await db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('tickets').selectAll().where('id', '=', id).where('status', '=', 'resolved').where('autoCloseAt', '<=', now).forUpdate().executeTakeFirst();
      if (!row) return false; // reopened or closed since
      const sla = await appendAndRecompute(trx, row, [{ kind: 'closed', details: { auto: true } }], { actorId: null, actorName: systemActor.name }, now);
      await trx.updateTable('tickets').set({ status: 'closed', closedAt: now, ...sla, updatedAt: now }).where('id', '=', id).execute();
      await audit.record(trx, subjectOf(systemActor), { eventType: 'ticket.close', action: 'update', objectType: 'ticket', objectId: id, orgId: row.orgId, detail: { number: row.number, from: 'resolved', to: 'closed', auto: true } });
      return true;
    });
    if (isClosed) closed++;
  }
  return closed;
}
