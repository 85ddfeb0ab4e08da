import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { AgentAssignment, AgentProbe } from '../../shared/schemas/agents.ts';
import { registerProbeKinds, type ProbeKind } from '../domains/monitoring/probe-kinds/index.ts';
import { createScheduler, type RunReport, type SchedulerStats } from '../domains/monitoring/scheduler.ts';
import { VERSION } from '../http.ts';
import type { Logger } from '../platform/log.ts';
import { openResultBuffer } from './buffer.ts';
import { AgentHttpError, createAgentClient, fetchWithCa, type FetchLike } from './client.ts';
import { measure, targetKeyOf, toAgentResult } from './measure.ts';

export interface AgentOptions {
  serverUrl: string;
  token: string;
  /** holds the result buffer (`buffer/`) */
  dataDir: string;
  log: Logger;
  fetch?: FetchLike;
  /** a PEM file of the CA that signed the server's certificate (a self-signed one included) */
  caFile?: string;
  now?: () => number;
  /** kinds to register before starting; default every built-in kind (tests pass just the one they use) */
  kinds?: ReadonlyArray<ProbeKind<any, any>>;
  maxBufferBytes?: number;
  pullIntervalMs?: number;
  uploadIntervalMs?: number;
  batchSize?: number;
  maxBackoffMs?: number;
}

export interface AgentStats {
  /** results measured and written to the buffer */
  produced: number;
  /** results the server stored */
  accepted: number;
  /** results the server ignored (probes no longer assigned to this agent) */
  ignored: number;
  batches: number;
  /** batches the server had already stored (their answer was lost) */
  replays: number;
  backlog: number;
  dropped: number;
  probes: number;
  revision: string | null;
  isConnected: boolean;
  scheduler: SchedulerStats;
}

interface Assigned {
  probe: AgentProbe;
  /** the probe as last received, to tell a change from a repeat */
  fingerprint: string;
  /** failing runs in a row, only to time retries; the server decides states */
  failStreak: number;
}

/**
 * The edge agent: says hello, pulls its probes every 30 s, runs them on the shared scheduler, writes every
 * result to the disk buffer and uploads the buffer oldest first, one batch in flight, backing off while the
 * server is unreachable. The buffer is the only path to the server, so a cut link loses nothing.
 */
export async function runAgent(opts: AgentOptions) {
  const { log } = opts;
  const now = opts.now ?? Date.now;
  const batchSize = opts.batchSize ?? 1000;
  const uploadIntervalMs = opts.uploadIntervalMs ?? 2_000;
  const pullIntervalMs = opts.pullIntervalMs ?? 30_000;
  const maxBackoffMs = opts.maxBackoffMs ?? 60_000;
  if (opts.kinds) registerProbeKinds(opts.kinds);
  else (await import('../domains/monitoring/probe-kinds/builtin.ts')).registerBuiltinProbeKinds();
  const fetch = opts.fetch ?? (opts.caFile ? fetchWithCa(readFileSync(opts.caFile)) : (globalThis.fetch as FetchLike));
  const stopper = new AbortController();
  const client = createAgentClient({ serverUrl: opts.serverUrl, token: opts.token, fetch, signal: stopper.signal });
  const buffer = await openResultBuffer({
    dataDir: opts.dataDir,
    maxBytes: opts.maxBufferBytes,
    onDrop: (lost, dropped) => log.warn({ lost, dropped }, 'result buffer full: the oldest results were dropped'),
  });
  const assigned = new Map<string, Assigned>();
  const inFlight = new Set<Promise<unknown>>();
  const counters = { produced: 0, accepted: 0, ignored: 0, batches: 0, replays: 0 };
  let revision: string | null = null;
  let isConnected = false;
  // A first failure is worth a warning too, not only losing a link that worked.
  let hasWarned = false;
  let isStopped = false;
  let wakeUploader: (() => void) | null = null;

  /** Waits `ms`, or less when the agent stops or (for the uploader) when a full batch is waiting. */
  function sleep(ms: number, wakeable = false): Promise<void> {
    if (stopper.signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        stopper.signal.removeEventListener('abort', done);
        if (wakeable) wakeUploader = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      stopper.signal.addEventListener('abort', done, { once: true });
      if (wakeable) wakeUploader = done;
    });
  }

  function failed(what: string, err: unknown) {
    if (isStopped) return;
    if (err instanceof AgentHttpError && err.status === 401) log.error({ what, code: err.code }, 'the server refused the agent token (revoked?)');
    else if (isConnected || !hasWarned) log.warn({ what, err: String(err), backlog: buffer.stats().backlog }, 'server unreachable: buffering results on disk');
    else log.debug({ what, err: String(err) }, 'server still unreachable');
    isConnected = false;
    hasWarned = true;
  }

  function reached() {
    if (!isConnected) log.info({ backlog: buffer.stats().backlog }, 'server reachable');
    isConnected = true;
    hasWarned = false;
  }

  const scheduler = createScheduler({
    now,
    run: (id) => {
      const run = runProbe(id);
      inFlight.add(run);
      return run.finally(() => inFlight.delete(run));
    },
    onError: (id, err) => log.error({ probeId: id, err }, 'probe run failed'),
  });

  async function runProbe(id: string): Promise<RunReport> {
    const entry = assigned.get(id);
    if (!entry || isStopped) return { wantsRetry: false };
    // The instant the run started, as the central engine stamps its results.
    const startedAtMs = now();
    const outcome = await measure(entry.probe);
    await buffer.append([toAgentResult(id, startedAtMs, outcome)]);
    counters.produced++;
    if (buffer.stats().backlog >= batchSize) wakeUploader?.();
    const isFailing = outcome.status === 'down' || outcome.status === 'degraded';
    entry.failStreak = isFailing ? entry.failStreak + 1 : 0;
    // Retry an unconfirmed failure sooner, as the central engine does; `retries` more runs confirm it.
    return { wantsRetry: isFailing && entry.failStreak <= entry.probe.retries };
  }

  function apply(assignment: AgentAssignment) {
    const seen = new Set<string>();
    for (const probe of assignment.probes) {
      seen.add(probe.id);
      const fingerprint = JSON.stringify(probe);
      const current = assigned.get(probe.id);
      if (current?.fingerprint === fingerprint) continue;
      assigned.set(probe.id, { probe, fingerprint, failStreak: current?.failStreak ?? 0 });
      scheduler.upsert({ id: probe.id, intervalMs: probe.intervalS * 1000, retryIntervalMs: probe.retryIntervalS * 1000, targetKey: targetKeyOf(probe) });
    }
    for (const id of [...assigned.keys()]) {
      if (seen.has(id)) continue;
      assigned.delete(id);
      scheduler.remove(id);
    }
    revision = assignment.revision;
    log.info({ revision, probes: assigned.size }, 'assignment updated');
  }

  async function connect(): Promise<void> {
    for (let backoffMs = 1000; !isStopped; backoffMs = Math.min(backoffMs * 2, maxBackoffMs)) {
      try {
        const reply = await client.hello({ version: VERSION, hostname: os.hostname().slice(0, 200), sentAt: new Date(now()).toISOString() });
        // Before the first upload: a batch the server already holds is confirmed, a lost sequence catches up.
        await buffer.reconcile(reply.lastBatchSeq);
        log.info({ agentId: reply.agentId, name: reply.name, lastBatchSeq: reply.lastBatchSeq }, 'agent connected');
        reached();
        return;
      } catch (err) {
        failed('hello', err);
        await sleep(backoffMs);
      }
    }
  }

  async function pullLoop() {
    while (!isStopped) {
      try {
        const assignment = await client.pull(revision);
        if (assignment) apply(assignment);
        reached();
      } catch (err) {
        failed('pull', err);
      }
      await sleep(pullIntervalMs);
    }
  }

  async function uploadLoop() {
    let backoffMs = 0;
    while (!isStopped) {
      let batch: Awaited<ReturnType<typeof buffer.nextBatch>> = null;
      try {
        batch = await buffer.nextBatch(batchSize);
        if (!batch) {
          await sleep(uploadIntervalMs, true);
          continue;
        }
        const backlog = Math.max(0, buffer.stats().backlog - batch.results.length);
        const reply = await client.upload({ batchSeq: batch.seq, sentAt: new Date(now()).toISOString(), backlog, results: batch.results });
        await buffer.ack(batch.seq);
        counters.batches++;
        counters.accepted += reply.accepted;
        counters.ignored += reply.ignored;
        if (reply.accepted + reply.ignored === 0 && batch.results.length > 0) counters.replays++;
        backoffMs = 0;
        reached();
        if (buffer.stats().backlog < batchSize) await sleep(uploadIntervalMs, true);
      } catch (err) {
        if (batch && err instanceof AgentHttpError && err.status === 400) {
          // A batch the server will never take would block everything behind it.
          const lost = await buffer.discard(batch.seq);
          log.error({ batchSeq: batch.seq, lost, code: err.code }, 'the server refused a result batch as malformed; it was dropped');
          continue;
        }
        failed('upload', err);
        backoffMs = Math.min(Math.max(1000, backoffMs * 2), maxBackoffMs);
        await sleep(backoffMs);
      }
    }
  }

  scheduler.start();
  const loops = (async () => {
    await connect();
    await Promise.all([pullLoop(), uploadLoop()]);
  })();

  return {
    /** Stops probing and uploading, waits for runs in flight to be buffered, closes the buffer. */
    async stop(): Promise<void> {
      if (isStopped) return;
      isStopped = true;
      scheduler.stop();
      stopper.abort();
      await loops.catch((err: unknown) => log.error({ err }, 'agent loop failed'));
      await Promise.allSettled([...inFlight]);
      await buffer.close();
      log.info(buffer.stats(), 'agent stopped');
    },
    stats(): AgentStats {
      const b = buffer.stats();
      return { ...counters, backlog: b.backlog, dropped: b.dropped, probes: assigned.size, revision, isConnected, scheduler: scheduler.stats() };
    },
  };
}

export type RunningAgent = Awaited<ReturnType<typeof runAgent>>;
