import { sql, type Selectable, type SqlBool } from 'kysely';
import {
  Recurrence,
  type MaintenanceWindow,
  type MaintenanceWindowCreateInput,
  type MaintenanceWindowListQuery,
  type MaintenanceWindowPage,
  type MaintenanceWindowStatus,
} from '../../../../shared/schemas/maintenance-windows.ts';
import { assertInScope, inScope, requirePermission, scopeOf, type Actor } from '../../../platform/actor.ts';
import { subjectOf } from '../../../platform/audit.ts';
import type { Db } from '../../../platform/db.ts';
import type { PlatformDeps } from '../../../platform/deps.ts';
import { conflict, invalid, notFound } from '../../../platform/errors.ts';
import type { MaintenanceWindowsTable } from '../monitoring.tables.ts';
import { isInMaintenance, nextOccurrence, type WindowTiming } from './occurrences.ts';

type WindowRow = Selectable<MaintenanceWindowsTable>;
type Row = WindowRow & { orgName: string; probeName: string | null; assetName: string | null; createdByName: string | null };

/** Error texts of this domain; app.ts registers them with registerMessages. */
export const MAINTENANCE_WINDOW_MESSAGES: Record<string, { 'zh-CN': string; en: string }> = {
  'maintenance_window.ends_in_past': { 'zh-CN': '维护窗口的结束时间已过', en: 'The maintenance window would end in the past' },
  'maintenance_window.cancelled': { 'zh-CN': '该维护窗口已取消', en: 'The maintenance window is already cancelled' },
  'maintenance_window.ended': { 'zh-CN': '该维护窗口已结束，不能取消', en: 'The maintenance window has ended and cannot be cancelled' },
};

/** The timing of a stored window; recurrence was validated on the way in, parsing again guards hand edits. */
export function timingOf(row: Pick<WindowRow, 'startsAt' | 'endsAt' | 'recurrence' | 'cancelledAt'>): WindowTiming {
  return { startsAt: row.startsAt, endsAt: row.endsAt, cancelledAt: row.cancelledAt, recurrence: row.recurrence ? Recurrence.parse(row.recurrence) : null };
}

function statusOf(row: WindowRow, now: Date): MaintenanceWindowStatus {
  if (row.cancelledAt) return 'cancelled';
  if (row.endsAt <= now) return 'past';
  return row.startsAt > now ? 'upcoming' : 'active';
}

function present(row: Row, now: Date): MaintenanceWindow {
  const timing = timingOf(row);
  const next = nextOccurrence(timing, now);
  return {
    id: row.id,
    orgId: row.orgId,
    orgName: row.orgName,
    scope: row.scope,
    probeId: row.probeId,
    probeName: row.probeName,
    assetId: row.assetId,
    assetName: row.assetName,
    title: row.title,
    reason: row.reason,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    recurrence: timing.recurrence,
    createdByName: row.createdByName,
    createdAt: row.createdAt.toISOString(),
    cancelledAt: row.cancelledAt?.toISOString() ?? null,
    status: statusOf(row, now),
    isActiveNow: isInMaintenance([timing], now),
    nextOccurrence: next ? { start: next.start.toISOString(), end: next.end.toISOString() } : null,
  };
}

const snapshot = (r: WindowRow) => ({
  scope: r.scope,
  probeId: r.probeId,
  assetId: r.assetId,
  title: r.title,
  reason: r.reason,
  startsAt: r.startsAt.toISOString(),
  endsAt: r.endsAt.toISOString(),
  recurrence: r.recurrence,
  cancelledAt: r.cancelledAt?.toISOString() ?? null,
});

function joined(d: Db) {
  return d
    .selectFrom('maintenanceWindows as w')
    .innerJoin('organisations as o', 'o.id', 'w.orgId')
    .leftJoin('probes as p', 'p.id', 'w.probeId')
    .leftJoin('assets as a', 'a.id', 'w.assetId')
    .leftJoin('users as u', 'u.id', 'w.createdBy');
}
const withNames = ['o.name as orgName', 'p.name as probeName', 'a.name as assetName', 'u.displayName as createdByName'] as const;

/** Maintenance windows: planned periods in which probes' failures are shown as 'maintenance' and do not count against availability. */
export function createMaintenanceWindowService({ db, audit, clock }: Pick<PlatformDeps, 'db' | 'audit' | 'clock'>) {
  async function getRow(d: Db, actor: Actor, id: string, permission: 'probe.read' | 'probe.manage'): Promise<Row> {
    const row = await joined(d).selectAll('w').select(withNames).where('w.id', '=', id).where(inScope(scopeOf(actor, permission), 'w.org_id', actor)).executeTakeFirst();
    if (!row) throw notFound('maintenance_window', id);
    return row;
  }

  /** The organisation a new window belongs to: its target's; a target outside the caller's scope is 404. */
  async function targetOrg(actor: Actor, input: MaintenanceWindowCreateInput): Promise<string> {
    if (input.scope === 'probe') {
      const id = input.probeId!;
      const probe = await db.selectFrom('probes').select('orgId').where('id', '=', id).where('deletedAt', 'is', null).executeTakeFirst();
      await assertInScope(db, actor, 'probe.manage', probe?.orgId ?? null, 'probe', id);
      if (!probe) throw notFound('probe', id);
      return probe.orgId;
    }
    if (input.scope === 'asset') {
      const id = input.assetId!;
      const asset = await db.selectFrom('assets').select('orgId').where('id', '=', id).executeTakeFirst();
      await assertInScope(db, actor, 'probe.manage', asset?.orgId ?? null, 'asset', id);
      if (!asset) throw notFound('asset', id);
      return asset.orgId;
    }
    const id = input.orgId!;
    const org = await db.selectFrom('organisations').select('id').where('id', '=', id).executeTakeFirst();
    await assertInScope(db, actor, 'probe.manage', org?.id ?? null, 'organisation', id);
    if (!org) throw notFound('organisation', id);
    return org.id;
  }

  return {
    /** Windows of the caller's organisations, newest first, filtered and paged; status is computed at the clock's now. */
    async list(actor: Actor, query: MaintenanceWindowListQuery): Promise<MaintenanceWindowPage> {
      const scope = scopeOf(actor, 'probe.read');
      const now = clock.now();
      const empty = { items: [], total: 0, page: query.page, pageSize: query.pageSize };
      let q = joined(db).where(inScope(scope, 'w.org_id', actor, query.orgId));
      if (query.probeId) {
        // Every window that applies to the probe: its own, its asset's, and its organisation's or an ancestor's.
        const probe = await db
          .selectFrom('probes as p')
          .innerJoin('organisations as po', 'po.id', 'p.orgId')
          .select(['p.id', 'p.assetId', 'po.ancestorIds'])
          .where('p.id', '=', query.probeId)
          .where(inScope(scope, 'p.org_id', actor))
          .executeTakeFirst();
        if (!probe) return empty;
        // Same rule as the engine (suppression.ts): an asset's window reaches only probes inside its organisation's subtree.
        const inProbeSubtree = sql<SqlBool>`w.org_id = any(${sql.val(probe.ancestorIds)}::uuid[])`;
        q = q.where((eb) =>
          eb.or([
            eb('w.probeId', '=', probe.id),
            ...(probe.assetId ? [eb.and([eb('w.scope', '=', 'asset'), eb('w.assetId', '=', probe.assetId), inProbeSubtree])] : []),
            eb.and([eb('w.scope', '=', 'organisation'), inProbeSubtree]),
          ]),
        );
      }
      if (query.assetId) {
        const asset = await db
          .selectFrom('assets as a2')
          .innerJoin('organisations as ao', 'ao.id', 'a2.orgId')
          .select(['a2.id', 'ao.ancestorIds'])
          .where('a2.id', '=', query.assetId)
          .where(inScope(scope, 'a2.org_id', actor))
          .executeTakeFirst();
        if (!asset) return empty;
        q = q.where((eb) =>
          eb.or([
            eb('w.assetId', '=', asset.id),
            eb.and([eb('w.scope', '=', 'probe'), eb('p.assetId', '=', asset.id)]),
            eb.and([eb('w.scope', '=', 'organisation'), sql<SqlBool>`w.org_id = any(${sql.val(asset.ancestorIds)}::uuid[])`]),
          ]),
        );
      }
      if (query.q) q = q.where('w.title', 'ilike', `%${query.q}%`);
      if (query.status === 'cancelled') q = q.where('w.cancelledAt', 'is not', null);
      else if (query.status) {
        q = q.where('w.cancelledAt', 'is', null);
        if (query.status === 'past') q = q.where('w.endsAt', '<=', now);
        if (query.status === 'upcoming') q = q.where('w.startsAt', '>', now);
        if (query.status === 'active') q = q.where('w.startsAt', '<=', now).where('w.endsAt', '>', now);
      }
      const [count, rows] = await Promise.all([
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        q
          .selectAll('w')
          .select(withNames)
          .orderBy('w.startsAt', 'desc')
          .orderBy('w.id', 'desc')
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize)
          .execute(),
      ]);
      return { items: rows.map((r) => present(r, now)), total: Number(count.n), page: query.page, pageSize: query.pageSize };
    },

    /** One window in the caller's scope; any other is 404. */
    async get(actor: Actor, id: string): Promise<MaintenanceWindow> {
      return present(await getRow(db, actor, id, 'probe.read'), clock.now());
    },

    /** Plans a window for a probe, an asset's probes or an organisation subtree's probes. */
    async create(actor: Actor, input: MaintenanceWindowCreateInput): Promise<MaintenanceWindow> {
      requirePermission(actor, 'probe.manage');
      const orgId = await targetOrg(actor, input);
      const now = clock.now();
      const startsAt = new Date(input.startsAt);
      const endsAt = new Date(input.endsAt);
      if (endsAt <= now) throw invalid('maintenance_window.ends_in_past', 'The maintenance window would end in the past', [{ path: ['body', 'endsAt'], message: 'in the past' }]);
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('maintenanceWindows')
          .values({
            orgId,
            scope: input.scope,
            probeId: input.probeId ?? null,
            assetId: input.assetId ?? null,
            title: input.title,
            reason: input.reason || null,
            startsAt,
            endsAt,
            recurrence: input.recurrence ? JSON.stringify(input.recurrence) : null,
            createdBy: actor.userId,
            createdAt: now,
            cancelledAt: null,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await audit.record(trx, subjectOf(actor), { eventType: 'maintenance_window.create', action: 'create', objectType: 'maintenance_window', objectId: row.id, orgId, detail: { after: snapshot(row) } });
        return present(await getRow(trx, actor, row.id, 'probe.manage'), now);
      });
    },

    /** Ends a window now; it suppressed until this moment and no longer. An upcoming one never takes effect. */
    async cancel(actor: Actor, id: string): Promise<MaintenanceWindow> {
      const before = await getRow(db, actor, id, 'probe.manage');
      const now = clock.now();
      if (before.cancelledAt) throw conflict('maintenance_window.cancelled', 'The maintenance window is already cancelled');
      if (before.endsAt <= now) throw conflict('maintenance_window.ended', 'The maintenance window has ended and cannot be cancelled');
      return db.transaction().execute(async (trx) => {
        // Guarded by `cancelled_at is null`, so of two concurrent cancels only one writes and audits.
        const row = await trx.updateTable('maintenanceWindows').set({ cancelledAt: now }).where('id', '=', id).where('cancelledAt', 'is', null).returningAll().executeTakeFirst();
        if (!row) throw conflict('maintenance_window.cancelled', 'The maintenance window is already cancelled');
        await audit.record(trx, subjectOf(actor), { eventType: 'maintenance_window.cancel', action: 'cancel', objectType: 'maintenance_window', objectId: id, orgId: row.orgId, detail: { before: snapshot(before), after: snapshot(row) } });
        return present({ ...before, ...row }, now);
      });
    },
  };
}

export type MaintenanceWindowService = ReturnType<typeof createMaintenanceWindowService>;
