import { EventEmitter } from 'node:events';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { ProbeState } from '../../../shared/schemas/probes.ts';
import type { StateChange } from './state-machine.ts';

const OUTAGE_STATES: ReadonlySet<ProbeState> = new Set(['down', 'unreachable']);

/** A probe's state change as the rest of yiwei sees it (the alerting engine consumes these). */
export interface ProbeStateChangeEvent {
  id: string;
  probeId: string;
  orgId: string;
  assetId: string | null;
  fromState: ProbeState;
  toState: ProbeState;
  changedAt: Date;
  message: string | null;
  causeProbeId: string | null;
  isFlapping: boolean;
}

/**
 * The one interface through which monitoring announces state changes. Durable: every change is a row of
 * probe_state_changes with an increasing id, so a consumer reads `since(cursor)` after a restart and misses
 * nothing; in-process listeners (`on`) get them at once in the process that made the change.
 */
export function createProbeStateFeed(db: Kysely<Database>) {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(50);
  return {
    on(listener: (event: ProbeStateChangeEvent) => void) {
      emitter.on('change', listener);
      return () => emitter.off('change', listener);
    },
    emit(event: ProbeStateChangeEvent) {
      emitter.emit('change', event);
    },
    /** Changes with id > cursor, oldest first ('desc': newest first, to find where "now" is). */
    async since(cursor: string, limit = 500, order: 'asc' | 'desc' = 'asc'): Promise<ProbeStateChangeEvent[]> {
      const rows = await db
        .selectFrom('probeStateChanges as c')
        .innerJoin('probes as p', 'p.id', 'c.probeId')
        .select(['c.id', 'c.probeId', 'c.orgId', 'p.assetId', 'c.fromState', 'c.toState', 'c.changedAt', 'c.message', 'c.causeProbeId', 'p.isFlapping'])
        .where('c.id', '>', cursor)
        .orderBy('c.id', order)
        .limit(limit)
        .execute();
      return rows.map((r) => ({ ...r, id: String(r.id) }));
    },
  };
}

export type ProbeStateFeed = ReturnType<typeof createProbeStateFeed>;

/** The probe a change belongs to. */
export interface TransitionProbe { id: string; orgId: string; assetId: string | null }

/** Writes one state change in its own transaction; see writeTransition. */
export function recordTransition(db: Kysely<Database>, probe: TransitionProbe, change: StateChange, extra: { isFlapping: boolean; machine?: unknown }) {
  return db.transaction().execute((trx) => writeTransition(trx, probe, change, extra));
}

/**
 * Writes one state change through the caller's transaction: the probe's state, the change row, and the outage it
 * opens or closes (an outage runs from entering down/unreachable until leaving both). Returns the event to emit
 * after commit.
 */
export async function writeTransition(
  trx: Kysely<Database>,
  probe: TransitionProbe,
  change: StateChange,
  extra: { isFlapping: boolean; machine?: unknown },
): Promise<ProbeStateChangeEvent> {
  const at = new Date(change.atMs);
  {
    await trx
      .updateTable('probes')
      .set({
        state: change.to,
        stateSince: at,
        stateMessage: change.message || null,
        isFlapping: extra.isFlapping,
        ...(extra.machine === undefined ? {} : { machine: JSON.stringify(extra.machine) }),
      })
      .where('id', '=', probe.id)
      .execute();
    const row = await trx
      .insertInto('probeStateChanges')
      .values({ probeId: probe.id, orgId: probe.orgId, fromState: change.from, toState: change.to, changedAt: at, message: change.message || null, causeProbeId: change.causeProbeId })
      .returning('id')
      .executeTakeFirstOrThrow();
    const wasOut = OUTAGE_STATES.has(change.from);
    const isOut = OUTAGE_STATES.has(change.to);
    if (wasOut) {
      // down → unreachable (or back) is one outage whose cause became known: keep it open, update the cause.
      if (isOut) {
        await trx
          .updateTable('probeOutages')
          .set({ state: change.to, cause: change.message || null, causeProbeId: change.causeProbeId })
          .where('probeId', '=', probe.id)
          .where('endedAt', 'is', null)
          .execute();
      } else {
        await trx.updateTable('probeOutages').set({ endedAt: at }).where('probeId', '=', probe.id).where('endedAt', 'is', null).execute();
      }
    } else if (isOut) {
      await trx
        .insertInto('probeOutages')
        .values({ probeId: probe.id, orgId: probe.orgId, assetId: probe.assetId, state: change.to, startedAt: at, cause: change.message || null, causeProbeId: change.causeProbeId })
        .onConflict((oc) => oc.column('probeId').where('endedAt', 'is', null).doNothing())
        .execute();
    }
    return {
      id: String(row.id),
      probeId: probe.id,
      orgId: probe.orgId,
      assetId: probe.assetId,
      fromState: change.from,
      toState: change.to,
      changedAt: at,
      message: change.message || null,
      causeProbeId: change.causeProbeId,
      isFlapping: extra.isFlapping,
    };
  }
}

/** Sets only the flapping flag (no state change). */
export async function recordFlapping(db: Kysely<Database>, probeId: string, isFlapping: boolean) {
  await db.updateTable('probes').set({ isFlapping }).where('id', '=', probeId).execute();
}

/** Ids of probes failing right now anywhere (all workers): the upstream side of dependency suppression. */
export async function failingProbeIds(db: Kysely<Database>): Promise<Set<string>> {
  const rows = await sql<{ id: string }>`select id from probes where state in ('down', 'unreachable') and deleted_at is null`.execute(db);
  return new Set(rows.rows.map((r) => r.id));
}
