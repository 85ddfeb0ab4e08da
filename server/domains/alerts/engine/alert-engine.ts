import { sql } from 'kysely';
import type { Clock } from '../../../platform/clock.ts';
import type { Db } from '../../../platform/db.ts';
import type { Logger } from '../../../platform/log.ts';
import type { ProbeStateFeed } from '../../monitoring/transitions.ts';
import { matchesAll } from '../config/matchers.ts';
import { loadFacts } from '../store/facts.ts';
import type { AlertIngest } from '../store/ingest.ts';
import type { Notifier } from '../store/notifier.ts';
import { probeSignals } from './probe-signals.ts';

// The alert engine's loops, safe to run in several workers at once:
// - probe states: reads the durable probe-state feed after a cursor kept in feed_cursors; the cursor row is locked
//   (SKIP LOCKED) for the whole batch, so one worker consumes at a time, and alerts, outbox rows and the cursor move
//   in one transaction — a crash replays the batch, never half of it, and never notifies twice;
// - escalation: alerts whose next step is due, claimed with SKIP LOCKED;
// - silences: alerts muted by a silence that ended are released (and notified), open alerts that a new silence
//   covers are muted (their escalation stops).

export const PROBE_FEED_CURSOR = 'alerts.probe-state-changes';
const BATCH = 500;
/** On first start the consumer begins this far back, so an upgrade does not page everyone for old history. */
const FIRST_START_LOOKBACK_MS = 5 * 60_000;

export interface AlertEngineOptions {
  db: Db;
  clock: Clock;
  log: Logger;
  feed: ProbeStateFeed;
  ingest: AlertIngest;
  notifier: Notifier;
  /** called after a commit that wrote notifications, so the outbox sends without waiting for its poll */
  onNotified?: () => void;
  pollMs?: number;
  escalationMs?: number;
  silenceMs?: number;
}

export function createAlertEngine(opts: AlertEngineOptions) {
  const { db, clock, feed, ingest, notifier } = opts;
  const log = opts.log.child({ component: 'alert-engine' });

  async function ensureCursor(): Promise<void> {
    const exists = await db.selectFrom('feedCursors').select('name').where('name', '=', PROBE_FEED_CURSOR).executeTakeFirst();
    if (exists) return;
    const before = new Date(clock.now().getTime() - FIRST_START_LOOKBACK_MS);
    const last = await db.selectFrom('probeStateChanges').select('id').where('changedAt', '<', before).orderBy('id', 'desc').limit(1).executeTakeFirst();
    await db.insertInto('feedCursors').values({ name: PROBE_FEED_CURSOR, cursor: String(last?.id ?? 0) }).onConflict((oc) => oc.column('name').doNothing()).execute();
  }

  /** Consumes one batch of probe state changes; the number consumed (0 when idle or another worker holds the cursor). */
  async function consumeProbeStates(): Promise<number> {
    return db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('feedCursors').select('cursor').where('name', '=', PROBE_FEED_CURSOR).forUpdate().skipLocked().executeTakeFirst();
      if (!row) return 0;
      const events = await feed.since(row.cursor, BATCH, 'asc', trx);
      if (events.length === 0) return 0;
      const facts = await loadFacts(trx, { orgIds: events.map((e) => e.orgId), assetIds: events.flatMap((e) => (e.assetId ? [e.assetId] : [])), probeIds: events.map((e) => e.probeId) });
      const signals = await probeSignals(trx, events, facts);
      await ingest.ingest(trx, signals, clock.now());
      await trx.updateTable('feedCursors').set({ cursor: events[events.length - 1]!.id, updatedAt: clock.now() }).where('name', '=', PROBE_FEED_CURSOR).execute();
      return events.length;
    });
  }

  /** Takes every due escalation step; the number taken. */
  async function escalateDue(limit = 100): Promise<number> {
    return db.transaction().execute(async (trx) => {
      const now = clock.now();
      const due = await trx
        .selectFrom('alerts')
        .selectAll()
        .where('nextEscalationAt', '<=', now)
        .where('status', '=', 'firing')
        .where('suppression', 'is', null)
        .orderBy('nextEscalationAt')
        .limit(limit)
        .forUpdate()
        .skipLocked()
        .execute();
      for (const alert of due) await notifier.escalate(trx, alert, now);
      // acknowledged or muted alerts that still carry a due time are cleared (the update raced with the step)
      await trx.updateTable('alerts').set({ nextEscalationAt: null }).where('nextEscalationAt', '<=', now).where((eb) => eb.or([eb('status', '<>', 'firing'), eb('suppression', 'is not', null)])).execute();
      return due.length;
    });
  }

  /** Applies silences to open alerts: releases those whose silence ended, mutes those a silence now covers. */
  async function reconcileSilences(): Promise<{ released: number; muted: number }> {
    return db.transaction().execute(async (trx) => {
      const now = clock.now();
      const released = await trx
        .selectFrom('alerts as a')
        .selectAll('a')
        .where('a.status', '<>', 'resolved')
        .where('a.suppression', '=', 'silence')
        .where((eb) => eb.not(eb.exists(eb.selectFrom('alertSilences as s').select('s.id').whereRef('s.id', '=', 'a.silenceId').where('s.startsAt', '<=', now).where('s.endsAt', '>', now))))
        .limit(500)
        .forUpdate()
        .skipLocked()
        .execute();
      const facts = released.length
        ? await loadFacts(trx, { orgIds: released.map((a) => a.orgId), assetIds: released.flatMap((a) => (a.assetId ? [a.assetId] : [])), probeIds: [] })
        : undefined;
      for (const a of released) {
        const alert = await trx.updateTable('alerts').set({ suppression: null, silenceId: null, updatedAt: now }).where('id', '=', a.id).returningAll().executeTakeFirstOrThrow();
        await trx.insertInto('alertEvents').values({ alertId: a.id, kind: 'unsuppressed', at: now, actorId: null, details: JSON.stringify({ silenceId: a.silenceId, reason: 'silence ended' }) }).execute();
        if (alert.status === 'firing') await ingest.becameActionable(trx, alert, facts!, now);
      }

      const silences = await trx.selectFrom('alertSilences').select(['id', 'orgId', 'matchers']).where('startsAt', '<=', now).where('endsAt', '>', now).execute();
      let muted = 0;
      for (const s of silences) {
        const candidates = await trx
          .selectFrom('alerts as a')
          .innerJoin('organisations as o', 'o.id', 'a.orgId')
          .select(['a.id', 'a.labels'])
          .where('a.status', '<>', 'resolved')
          .where('a.suppression', 'is', null)
          .where(sql<boolean>`${s.orgId}::uuid = any(o.ancestor_ids)`)
          .limit(5_000)
          .execute();
        const ids = candidates.filter((c) => matchesAll(s.matchers, c.labels)).map((c) => c.id);
        if (ids.length === 0) continue;
        const locked = await trx.selectFrom('alerts').select('id').where('id', 'in', ids).where('suppression', 'is', null).forUpdate().skipLocked().execute();
        if (locked.length === 0) continue;
        const lockedIds = locked.map((l) => l.id);
        await trx.updateTable('alerts').set({ suppression: 'silence', silenceId: s.id, nextEscalationAt: null, updatedAt: now }).where('id', 'in', lockedIds).execute();
        await trx
          .insertInto('alertEvents')
          .values(lockedIds.map((id) => ({ alertId: id, kind: 'suppressed' as const, at: now, actorId: null, details: JSON.stringify({ suppression: 'silence', silenceId: s.id }) })))
          .execute();
        muted += lockedIds.length;
      }
      return { released: released.length, muted };
    });
  }

  const timers: NodeJS.Timeout[] = [];
  let isRunning = false;
  let current: Promise<unknown> = Promise.resolve();
  let isConsuming = false;
  let isWakeRequested = false;
  let unsubscribe: (() => void) | undefined;

  /** Consumes until the feed is drained; one loop at a time per process. */
  async function drain(): Promise<void> {
    if (isConsuming) {
      isWakeRequested = true;
      return;
    }
    isConsuming = true;
    try {
      do {
        isWakeRequested = false;
        let n: number;
        do {
          n = await consumeProbeStates();
          if (n > 0) opts.onNotified?.();
        } while (n === BATCH && isRunning);
      } while (isWakeRequested && isRunning);
    } catch (err) {
      log.error({ err }, 'probe-state consumer failed');
    } finally {
      isConsuming = false;
    }
  }

  function every(ms: number, task: () => Promise<unknown>, what: string) {
    const loop = async () => {
      if (!isRunning) return;
      try {
        await (current = task());
      } catch (err) {
        log.error({ err }, `${what} failed`);
      }
      if (isRunning) timers.push(setTimeout(() => void loop(), ms));
    };
    timers.push(setTimeout(() => void loop(), 0));
  }

  return {
    consumeProbeStates,
    escalateDue,
    reconcileSilences,
    ensureCursor,
    async start(): Promise<void> {
      if (isRunning) return;
      isRunning = true;
      await ensureCursor();
      // a change committed in this process wakes the consumer at once; the poll covers other processes' changes
      unsubscribe = feed.on(() => void drain());
      every(opts.pollMs ?? 1_000, drain, 'probe-state consumer');
      every(opts.escalationMs ?? 2_000, async () => {
        if ((await escalateDue()) > 0) opts.onNotified?.();
      }, 'escalation');
      every(opts.silenceMs ?? 5_000, async () => {
        const r = await reconcileSilences();
        if (r.released > 0) opts.onNotified?.();
      }, 'silence reconciliation');
    },
    async stop(): Promise<void> {
      isRunning = false;
      unsubscribe?.();
      for (const t of timers) clearTimeout(t);
      await current.catch(() => undefined);
      while (isConsuming) await new Promise((r) => setTimeout(r, 10));
    },
  };
}

export type AlertEngine = ReturnType<typeof createAlertEngine>;
