import { setMaxListeners } from 'node:events';
import type { CheckStatus } from '../../../shared/schemas/probes.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import type { ProbesTable } from './monitoring.tables.ts';
import { secretsContext } from './probe-config.ts';
import { getProbeKind, type CheckOutcome } from './probe-kinds/index.ts';
import { createScheduler, type SchedulerStats } from './scheduler.ts';
import { createShardLeases } from './shard-leases.ts';
import { advance, initialMemory, type MachineMemory } from './state-machine.ts';
import { upstreamProbeIds } from './upstream.ts';
import { createTransitionWriter, failingProbeIds, type ProbeStateFeed } from './transitions.ts';
import type { Selectable } from 'kysely';

/** One result on its way to probe_results (the results writer batches them). */
export interface ResultRow {
  probeId: string;
  orgId: string;
  checkedAt: Date;
  status: CheckStatus;
  latencyMs: number | null;
  code: string | null;
  message: string | null;
  measurements: Record<string, number> | null;
  agentId: string | null;
  isMaintenance: boolean;
}

/** Where results go; the batching writer in results/ implements it. */
export interface ResultSink { push(row: ResultRow): void }

/** Which probes are inside a maintenance window now; refreshed every MAINTENANCE_REFRESH_MS. */
export interface MaintenanceLookup { activeProbeIds(at: Date): Promise<Set<string>> }

interface Loaded {
  id: string;
  orgId: string;
  assetId: string | null;
  kind: string;
  config: Record<string, unknown>;
  secrets: Record<string, unknown> | null;
  intervalS: number;
  timeoutMs: number;
  retries: number;
  retryIntervalS: number;
  shard: number;
  createdAtMs: number;
  lastPushAtMs: number | null;
  lastPushStatus: string | null;
  lastPushMessage: string | null;
  memory: MachineMemory;
}

type ProbeRow = Selectable<ProbesTable>;

const CHANGE_POLL_MS = 2_000;
const LEASE_SYNC_MS = 3_000;
const FAILING_REFRESH_MS = 3_000;
const MAINTENANCE_REFRESH_MS = 15_000;
const UPSTREAM_REFRESH_MS = 60_000;
// Every runner enforces ctx.timeoutMs with its own timer; the engine's abort is only a backstop for one that does not.
// Runs whose backstop falls in the same 250 ms share one AbortController, aborted by one sweep, instead of each run
// paying for a controller and a timer (an AbortController alone costs ~2.5 µs).
const DEADLINE_GRAIN_MS = 250;
const DEADLINE_GRACE_MS = 250;

export interface EngineOptions {
  workerId: string;
  feed: ProbeStateFeed;
  sink: ResultSink;
  maintenance?: MaintenanceLookup;
  maxInFlight?: number;
  perTargetLimit?: number;
}

/**
 * The central probe engine of one worker process: leases shards, keeps the scheduler in step with the probes
 * table (polling change_seq), runs each probe with its kind, feeds results to the sink and state changes to the feed.
 */
export function createProbeEngine(platform: Pick<PlatformDeps, 'db' | 'clock' | 'log' | 'secrets'>, opts: EngineOptions) {
  const { db, clock, secrets } = platform;
  const log = platform.log.child({ component: 'probe-engine', workerId: opts.workerId });
  const leases = createShardLeases({ db, clock, workerId: opts.workerId });
  const probes = new Map<string, Loaded>();
  const lastFailing = new Map<string, boolean>();
  let failing = new Set<string>();
  let inMaintenance = new Set<string>();
  let upstream = new Map<string, string[]>();
  const owned = new Set<number>();
  let lastChangeSeq = '0';
  const timers: NodeJS.Timeout[] = [];
  let checks = 0;
  let isStopped = false;
  const deadlines = new Map<number, AbortController>();
  let deadlineSweep: NodeJS.Timeout | null = null;

  const transitions = createTransitionWriter(db, opts.feed, log);

  const scheduler = createScheduler({
    now: () => clock.now().getTime(),
    run: (id) => runProbe(id),
    maxInFlight: opts.maxInFlight,
    perTargetLimit: opts.perTargetLimit,
    onError: (id, err) => log.error({ err, probeId: id }, 'probe run failed'),
  });

  function toLoaded(r: ProbeRow, previous?: Loaded): Loaded {
    let opened: Record<string, unknown> | null = null;
    if (r.secretsSealed) {
      try {
        opened = JSON.parse(secrets.open(r.secretsSealed, secretsContext(r.id)));
      } catch (err) {
        log.error({ err, probeId: r.id }, 'probe secrets cannot be opened (wrong master key?)');
      }
    }
    return {
      id: r.id,
      orgId: r.orgId,
      assetId: r.assetId,
      kind: r.kind,
      config: r.config,
      secrets: opened,
      intervalS: r.intervalS,
      timeoutMs: r.timeoutMs,
      retries: r.retries,
      retryIntervalS: r.retryIntervalS,
      shard: r.shard,
      createdAtMs: r.createdAt.getTime(),
      lastPushAtMs: r.lastPushAt?.getTime() ?? null,
      lastPushStatus: r.lastPushStatus,
      lastPushMessage: r.lastPushMessage,
      // Resume from the stored state so a restart does not announce every probe again.
      memory: previous?.memory ?? initialMemory(r.state, r.stateSince.getTime()),
    };
  }

  function targetKeyOf(p: Loaded): string {
    try {
      return getProbeKind(p.kind)?.targetKey(p.config) ?? p.kind;
    } catch {
      return p.kind;
    }
  }

  function apply(r: ProbeRow) {
    const runsHere = owned.has(r.shard) && r.agentId === null && r.deletedAt === null && !r.isPaused;
    if (!runsHere) {
      if (probes.delete(r.id)) scheduler.remove(r.id);
      return;
    }
    const previous = probes.get(r.id);
    const loaded = toLoaded(r, previous);
    probes.set(r.id, loaded);
    const timingChanged = !previous || previous.intervalS !== loaded.intervalS || previous.retryIntervalS !== loaded.retryIntervalS;
    // A push only refreshes the heartbeat deadline; rescheduling on it would shift the grid.
    if (timingChanged || JSON.stringify(previous.config) !== JSON.stringify(loaded.config)) {
      scheduler.upsert({ id: r.id, intervalMs: loaded.intervalS * 1000, retryIntervalMs: loaded.retryIntervalS * 1000, targetKey: targetKeyOf(loaded) });
    }
  }

  async function loadShards(shards: number[]) {
    if (shards.length === 0) return;
    const rows = await db.selectFrom('probes').selectAll().where('shard', 'in', shards).where('deletedAt', 'is', null).where('agentId', 'is', null).where('isPaused', '=', false).execute();
    for (const r of rows) apply(r);
  }

  async function pollChanges() {
    const rows = await db.selectFrom('probes').selectAll().where('changeSeq', '>', lastChangeSeq).orderBy('changeSeq').limit(20_000).execute();
    for (const r of rows) {
      apply(r);
      lastChangeSeq = r.changeSeq;
    }
  }

  async function syncLeases() {
    const sync = await leases.sync();
    for (const s of sync.released) owned.delete(s);
    for (const [id, p] of probes) {
      if (!owned.has(p.shard) && sync.released.includes(p.shard)) {
        probes.delete(id);
        scheduler.remove(id);
      }
    }
    for (const s of sync.acquired) owned.add(s);
    await loadShards(sync.acquired);
    if (sync.acquired.length || sync.released.length) log.info({ acquired: sync.acquired.length, released: sync.released.length, owned: owned.size, liveWorkers: sync.liveWorkers, probes: probes.size }, 'probe shards rebalanced');
  }

  async function refreshUpstream() {
    upstream = await upstreamProbeIds(db, [...probes.values()].filter((p) => p.assetId).map((p) => p.id));
  }

  function failingUpstreamOf(id: string): string | null {
    const ids = upstream.get(id);
    if (ids) for (const u of ids) if (failing.has(u) || lastFailing.get(u)) return u;
    return null;
  }

  /** The shared signal that aborts runs started now with this timeout, DEADLINE_GRACE_MS to one grain after it. */
  function deadlineSignal(timeoutMs: number): AbortSignal {
    const abortAtMs = Math.ceil((performance.now() + timeoutMs + DEADLINE_GRACE_MS) / DEADLINE_GRAIN_MS) * DEADLINE_GRAIN_MS;
    let controller = deadlines.get(abortAtMs);
    if (!controller) {
      controller = new AbortController();
      // Hundreds of runs listen on one signal; Node would warn about a leak past 10 listeners.
      setMaxListeners(0, controller.signal);
      deadlines.set(abortAtMs, controller);
      if (!deadlineSweep) {
        deadlineSweep = setInterval(sweepDeadlines, DEADLINE_GRAIN_MS);
        deadlineSweep.unref();
      }
    }
    return controller.signal;
  }

  function sweepDeadlines() {
    const now = performance.now();
    for (const [abortAtMs, controller] of deadlines) {
      if (abortAtMs > now) continue;
      deadlines.delete(abortAtMs);
      controller.abort();
    }
    if (deadlines.size === 0 && deadlineSweep) {
      clearInterval(deadlineSweep);
      deadlineSweep = null;
    }
  }

  function heartbeatOutcome(p: Loaded, nowMs: number): { outcome: CheckOutcome; isRecorded: boolean } {
    const graceMs = Number(p.config.graceS ?? 60) * 1000;
    const since = p.lastPushAtMs ?? p.createdAtMs;
    if (nowMs > since + p.intervalS * 1000 + graceMs) {
      const what = p.lastPushAtMs ? `last heartbeat ${new Date(p.lastPushAtMs).toISOString()}` : 'no heartbeat received yet';
      return { outcome: { status: 'down', latencyMs: null, code: 'missed', message: `heartbeat missed: ${what}` }, isRecorded: false };
    }
    if (p.lastPushStatus === 'down') return { outcome: { status: 'down', latencyMs: null, code: 'reported', message: p.lastPushMessage ?? 'the job reported a failure' }, isRecorded: true };
    if (!p.lastPushAtMs) return { outcome: { status: 'unknown', latencyMs: null, message: 'waiting for the first heartbeat' }, isRecorded: true };
    return { outcome: { status: 'up', latencyMs: null, message: '' }, isRecorded: true };
  }

  async function measure(p: Loaded): Promise<CheckOutcome> {
    const kind = getProbeKind(p.kind);
    if (!kind) return { status: 'unknown', latencyMs: null, code: 'driver', message: `probe kind ${p.kind} is not available on this server` };
    try {
      return await kind.run(p.config, p.secrets ?? {}, { timeoutMs: p.timeoutMs, signal: deadlineSignal(p.timeoutMs) });
    } catch (err) {
      return { status: 'down', latencyMs: null, code: 'error', message: err instanceof Error ? err.message.slice(0, 300) : 'probe failed' };
    }
  }

  async function runProbe(id: string) {
    const p = probes.get(id);
    if (!p) return { wantsRetry: false };
    const startedAt = clock.now();
    let outcome: CheckOutcome;
    let isRecorded = false;
    if (p.kind === 'heartbeat') ({ outcome, isRecorded } = heartbeatOutcome(p, startedAt.getTime()));
    else outcome = await measure(p);
    // Removed while running (deleted, paused, shard moved): drop the result, the probe is no longer ours.
    const current = probes.get(id);
    if (!current) return { wantsRetry: false };
    checks++;
    const isInMaintenance = inMaintenance.has(id);
    if (!isRecorded) {
      opts.sink.push({ probeId: id, orgId: p.orgId, checkedAt: startedAt, status: outcome.status, latencyMs: outcome.latencyMs, code: outcome.code ?? null, message: outcome.message || null, measurements: outcome.measurements ?? null, agentId: null, isMaintenance: isInMaintenance });
    }
    lastFailing.set(id, outcome.status === 'down');
    const step = advance(current.memory, { status: outcome.status, atMs: startedAt.getTime(), message: outcome.message, retries: p.retries, isInMaintenance, failingUpstreamProbeId: failingUpstreamOf(id) });
    current.memory = step.memory;
    if (step.change) {
      // Written in the next batch (≤ 250 ms): the run frees its slot now instead of waiting for a commit.
      transitions.push(p, step.change, step.memory.isFlapping);
      if (step.change.to === 'down' || step.change.to === 'unreachable') failing.add(id);
      else failing.delete(id);
    } else if (step.flappingChanged) {
      transitions.push(p, null, step.memory.isFlapping);
    }
    return { wantsRetry: step.wantsRetry };
  }

  function every(ms: number, task: () => Promise<unknown>, what: string) {
    const t = setInterval(() => {
      if (isStopped) return;
      task().catch((err: unknown) => log.error({ err }, `${what} failed`));
    }, ms);
    t.unref();
    timers.push(t);
  }

  return {
    async start() {
      const seq = await db.selectFrom('probes').select((eb) => eb.fn.max('changeSeq').as('max')).executeTakeFirst();
      lastChangeSeq = String(seq?.max ?? '0');
      await syncLeases();
      failing = await failingProbeIds(db);
      if (opts.maintenance) inMaintenance = await opts.maintenance.activeProbeIds(clock.now());
      await refreshUpstream();
      transitions.start();
      scheduler.start();
      every(CHANGE_POLL_MS, pollChanges, 'probe change poll');
      every(LEASE_SYNC_MS, syncLeases, 'shard lease sync');
      every(FAILING_REFRESH_MS, async () => (failing = await failingProbeIds(db)), 'failing probe refresh');
      if (opts.maintenance) every(MAINTENANCE_REFRESH_MS, async () => (inMaintenance = await opts.maintenance!.activeProbeIds(clock.now())), 'maintenance refresh');
      every(UPSTREAM_REFRESH_MS, refreshUpstream, 'upstream refresh');
      log.info({ probes: probes.size, shards: owned.size }, 'probe engine started');
    },
    /** Stops scheduling, waits (bounded) for runs in flight, and gives the shards back for other workers. */
    async stop() {
      isStopped = true;
      scheduler.stop();
      for (const t of timers) clearInterval(t);
      for (let i = 0; i < 100 && scheduler.inFlight() > 0; i++) await new Promise((r) => setTimeout(r, 50));
      await transitions.stop();
      await leases.releaseAll().catch((err: unknown) => log.warn({ err }, 'releasing shard leases failed'));
    },
    /** Stops like a killed process would: no runs, no renewals, leases left to expire (tests of takeover). */
    async crashForTest() {
      isStopped = true;
      scheduler.stop();
      for (const t of timers) clearInterval(t);
    },
    /** Writes queued state changes now (tests; the writer does it every 250 ms). */
    flushTransitions: () => transitions.flush(),
    /** Re-reads changed probes now (tests; the poll does it every 2 s). */
    pollChanges,
    syncLeases,
    refreshUpstream,
    stats(): SchedulerStats & { checks: number; shards: number } {
      return { ...scheduler.stats(), checks, shards: owned.size };
    },
    probeIds: () => [...probes.keys()],
  };
}

export type ProbeEngine = ReturnType<typeof createProbeEngine>;
