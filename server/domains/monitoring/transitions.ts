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
    /** Changes with id > cursor, oldest first ('desc': newest first, to find where "now" is); `through` = a consumer's transaction. */
    async since(cursor: string, limit = 500, order: 'asc' | 'desc' = 'asc', through: Kysely<Database> = db): Promise<ProbeStateChangeEvent[]> {
      const rows = await through
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

interface QueuedTransition {
  probe: TransitionProbe;
  change: StateChange | null;
  isFlapping: boolean;
}

const TRANSITION_FLUSH_MS = 250;
const TRANSITION_BATCH = 2000;

/**
 * Writes the engine's state changes in batches: one transaction per flush for all probes, with a handful of
 * set-based statements instead of one transaction per change. A worker that starts 50,000 probes (each goes
 * unknown → up on its first check) would otherwise spend minutes committing single rows while checks wait.
 * Order is kept per probe: a probe with two changes in one flush has them written in two rounds.
 */
export function createTransitionWriter(db: Kysely<Database>, feed: Pick<ProbeStateFeed, 'emit'>, log: { error(o: object, m: string): void }) {
  let queue: QueuedTransition[] = [];
  let flushing: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;

  async function writeRound(trx: Kysely<Database>, round: QueuedTransition[]): Promise<ProbeStateChangeEvent[]> {
    const changes = round.filter((q) => q.change !== null) as Array<QueuedTransition & { change: StateChange }>;
    const flagsOnly = round.filter((q) => q.change === null);
    if (flagsOnly.length > 0) {
      await sql`update probes p set is_flapping = v.flapping
        from unnest(${sql.val(flagsOnly.map((q) => q.probe.id))}::uuid[], ${sql.val(flagsOnly.map((q) => q.isFlapping))}::boolean[]) as v(id, flapping)
        where p.id = v.id`.execute(trx);
    }
    if (changes.length === 0) return [];
    const col = <T>(f: (q: (typeof changes)[number]) => T) => sql.val(changes.map(f));
    const ids = col((q) => q.probe.id);
    const ats = col((q) => new Date(q.change.atMs).toISOString());
    const tos = col((q) => q.change.to);
    const messages = col((q) => q.change.message || null);
    await sql`update probes p set state = v.to_state, state_since = v.at, state_message = v.message, is_flapping = v.flapping
      from unnest(${ids}::uuid[], ${tos}::text[], ${ats}::timestamptz[], ${messages}::text[], ${col((q) => q.isFlapping)}::boolean[]) as v(id, to_state, at, message, flapping)
      where p.id = v.id`.execute(trx);
    const inserted = await sql<{ id: string; probeId: string }>`insert into probe_state_changes (probe_id, org_id, from_state, to_state, changed_at, message, cause_probe_id)
      select * from unnest(${ids}::uuid[], ${col((q) => q.probe.orgId)}::uuid[], ${col((q) => q.change.from)}::text[], ${tos}::text[], ${ats}::timestamptz[], ${messages}::text[], ${col((q) => q.change.causeProbeId)}::uuid[])
      returning id, probe_id as "probeId"`.execute(trx);
    const out = (s: ProbeState) => OUTAGE_STATES.has(s);
    const ending = changes.filter((q) => out(q.change.from) && !out(q.change.to));
    const moving = changes.filter((q) => out(q.change.from) && out(q.change.to));
    const starting = changes.filter((q) => !out(q.change.from) && out(q.change.to));
    if (ending.length > 0) {
      await sql`update probe_outages o set ended_at = v.at
        from unnest(${sql.val(ending.map((q) => q.probe.id))}::uuid[], ${sql.val(ending.map((q) => new Date(q.change.atMs).toISOString()))}::timestamptz[]) as v(id, at)
        where o.probe_id = v.id and o.ended_at is null`.execute(trx);
    }
    if (moving.length > 0) {
      // down ↔ unreachable is one outage whose cause became known: keep it open, update the cause.
      await sql`update probe_outages o set state = v.to_state, cause = v.cause, cause_probe_id = v.cause_probe
        from unnest(${sql.val(moving.map((q) => q.probe.id))}::uuid[], ${sql.val(moving.map((q) => q.change.to))}::text[], ${sql.val(moving.map((q) => q.change.message || null))}::text[], ${sql.val(moving.map((q) => q.change.causeProbeId))}::uuid[]) as v(id, to_state, cause, cause_probe)
        where o.probe_id = v.id and o.ended_at is null`.execute(trx);
    }
    if (starting.length > 0) {
      await sql`insert into probe_outages (probe_id, org_id, asset_id, state, started_at, cause, cause_probe_id)
        select * from unnest(${sql.val(starting.map((q) => q.probe.id))}::uuid[], ${sql.val(starting.map((q) => q.probe.orgId))}::uuid[], ${sql.val(starting.map((q) => q.probe.assetId))}::uuid[],
          ${sql.val(starting.map((q) => q.change.to))}::text[], ${sql.val(starting.map((q) => new Date(q.change.atMs).toISOString()))}::timestamptz[], ${sql.val(starting.map((q) => q.change.message || null))}::text[], ${sql.val(starting.map((q) => q.change.causeProbeId))}::uuid[])
        on conflict (probe_id) where ended_at is null do nothing`.execute(trx);
    }
    const idOf = new Map(inserted.rows.map((r) => [r.probeId, String(r.id)]));
    return changes.map((q) => ({
      id: idOf.get(q.probe.id)!,
      probeId: q.probe.id,
      orgId: q.probe.orgId,
      assetId: q.probe.assetId,
      fromState: q.change.from,
      toState: q.change.to,
      changedAt: new Date(q.change.atMs),
      message: q.change.message || null,
      causeProbeId: q.change.causeProbeId,
      isFlapping: q.isFlapping,
    }));
  }

  async function flushNow(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.splice(0, TRANSITION_BATCH);
      // Rounds: each probe at most once per round, so its changes are written in the order they happened.
      const rounds: QueuedTransition[][] = [];
      const roundOf = new Map<string, number>();
      for (const q of batch) {
        const r = (roundOf.get(q.probe.id) ?? -1) + 1;
        roundOf.set(q.probe.id, r);
        (rounds[r] ??= []).push(q);
      }
      try {
        const events = await db.transaction().execute(async (trx) => {
          const all: ProbeStateChangeEvent[] = [];
          for (const round of rounds) all.push(...(await writeRound(trx, round)));
          return all;
        });
        for (const e of events) feed.emit(e);
      } catch (err) {
        // Put the batch back in front: a database hiccup delays state changes, it must not lose them.
        queue = [...batch, ...queue];
        log.error({ err, pending: queue.length }, 'writing probe state changes failed; will retry');
        return;
      }
    }
  }

  function flush(): Promise<void> {
    flushing ??= flushNow().finally(() => (flushing = null));
    return flushing;
  }

  return {
    /** Queues a state change (or, with change null, a flapping flag change) of one probe. */
    push(probe: TransitionProbe, change: StateChange | null, isFlapping: boolean) {
      queue.push({ probe, change, isFlapping });
      if (queue.length >= TRANSITION_BATCH) void flush();
    },
    flush,
    start() {
      timer ??= setInterval(() => void flush(), TRANSITION_FLUSH_MS);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await flush();
      if (queue.length > 0) await flush();
    },
    pending: () => queue.length,
  };
}

export type TransitionWriter = ReturnType<typeof createTransitionWriter>;
