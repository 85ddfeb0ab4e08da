import { sql, type Kysely } from 'kysely';
import type { CheckStatus } from '../../../../shared/schemas/probes.ts';
import type { Database } from '../../../db/database.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Db } from '../../../platform/db.ts';
import type { Logger } from '../../../platform/log.ts';
import { bucketSql, GRAINS } from './grains.ts';

/** How a check status is stored in probe_results.status. */
export const CHECK_STATUS_CODES: Record<CheckStatus, number> = { up: 0, degraded: 1, down: 2, unknown: 3 };

/** One probe run to store. */
export interface ProbeResultInput {
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

/**
 * Inserts results in one statement: one array parameter per column through unnest (ten parameters for any
 * number of rows, where a VALUES list needs ten per row). Rows older than the 5-minute roll-up watermark
 * also mark their bucket dirty, so a late agent replay is rolled up again. Works inside a caller's transaction.
 */
export async function insertResults(db: Db, rows: readonly ProbeResultInput[]): Promise<void> {
  if (rows.length === 0) return;
  const n = rows.length;
  const probeIds = new Array<string>(n);
  const orgIds = new Array<string>(n);
  const checkedAts = new Array<string>(n);
  const statuses = new Array<number>(n);
  const latencies = new Array<number | null>(n);
  const codes = new Array<string | null>(n);
  const messages = new Array<string | null>(n);
  const measurements = new Array<string | null>(n);
  const agentIds = new Array<string | null>(n);
  const maintenance = new Array<boolean>(n);
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    // A successful check's code, message and readings are the same every time: keep the rows small.
    const isUp = r.status === 'up';
    probeIds[i] = r.probeId;
    orgIds[i] = r.orgId;
    checkedAts[i] = r.checkedAt.toISOString();
    statuses[i] = CHECK_STATUS_CODES[r.status];
    latencies[i] = r.latencyMs;
    codes[i] = isUp ? null : r.code;
    messages[i] = isUp ? null : r.message;
    measurements[i] = isUp || !r.measurements ? null : JSON.stringify(r.measurements);
    agentIds[i] = r.agentId;
    maintenance[i] = r.isMaintenance;
  }
  // The watermark row is read FOR SHARE: rollUp() holds it FOR UPDATE while it aggregates, so either these
  // rows are committed before it reads them, or this statement waits and then sees the advanced watermark
  // and marks the buckets dirty. Without the lock a row could fall between the two.
  await sql`
    with input as (
      select * from unnest(
        ${sql.val(probeIds)}::uuid[], ${sql.val(orgIds)}::uuid[], ${sql.val(checkedAts)}::timestamptz[], ${sql.val(statuses)}::smallint[],
        ${sql.val(latencies)}::real[], ${sql.val(codes)}::text[], ${sql.val(messages)}::text[], ${sql.val(measurements)}::jsonb[],
        ${sql.val(agentIds)}::uuid[], ${sql.val(maintenance)}::boolean[]
      ) as t(probe_id, org_id, checked_at, status, latency_ms, code, message, measurements, agent_id, is_maintenance)
    ), inserted as (
      insert into probe_results (probe_id, org_id, checked_at, status, latency_ms, code, message, measurements, agent_id, is_maintenance)
      select probe_id, org_id, checked_at, status, latency_ms, code, message, measurements, agent_id, is_maintenance from input
    ), watermark as (
      select reached_at from monitoring_watermarks where name = ${GRAINS['5m'].watermark} for share
    )
    insert into probe_rollup_dirty (probe_id, bucket_at)
    select distinct i.probe_id, ${bucketSql('5m', 'i.checked_at')}
    from input i join watermark w on i.checked_at < w.reached_at
    on conflict do nothing`.execute(db);
}

export interface ResultsWriterOptions {
  db: Kysely<Database>;
  clock: Clock;
  log: Logger;
  flushIntervalMs?: number;
  /** rows per INSERT statement */
  maxBatch?: number;
  /** rows kept while the database refuses them; beyond this the oldest are dropped (and counted) */
  maxBuffered?: number;
}

export interface ResultsWriterStats {
  buffered: number;
  written: number;
  dropped: number;
  failedFlushes: number;
  lastFlushAt: Date | null;
}

/** Buffers probe results and writes them in batches: every flushIntervalMs, or as soon as maxBatch rows wait. */
export function createResultsWriter({ db, clock, log, flushIntervalMs = 1000, maxBatch = 2000, maxBuffered = 100_000 }: ResultsWriterOptions) {
  let buffer: ProbeResultInput[] = [];
  let flushing: Promise<void> | null = null;
  let isStopped = false;
  // After a failure, a full batch does not trigger an immediate retry: the timer retries, so a database
  // outage is not hammered once per pushed result.
  let retryAfterMs = 0;
  let droppedSinceLog = 0;
  const stats = { written: 0, dropped: 0, failedFlushes: 0, lastFlushAt: null as Date | null };

  function trimOverflow() {
    const overflow = buffer.length - maxBuffered;
    if (overflow <= 0) return;
    buffer.splice(0, overflow);
    stats.dropped += overflow;
    droppedSinceLog += overflow;
  }

  async function drain(): Promise<void> {
    while (buffer.length > 0) {
      const batch = buffer.splice(0, maxBatch);
      try {
        await insertResults(db, batch);
        stats.written += batch.length;
        stats.lastFlushAt = clock.now();
      } catch (err) {
        buffer = batch.concat(buffer);
        trimOverflow();
        stats.failedFlushes++;
        retryAfterMs = clock.now().getTime() + flushIntervalMs;
        log.error({ err, rows: batch.length, buffered: buffer.length, dropped: stats.dropped }, 'probe results flush failed');
        return;
      }
    }
    if (droppedSinceLog > 0) {
      log.warn({ dropped: droppedSinceLog, maxBuffered }, 'probe results dropped while the database was unavailable');
      droppedSinceLog = 0;
    }
  }

  /** Writes everything buffered; never throws (a failure keeps the rows for the next flush). */
  function flush(): Promise<void> {
    flushing ??= drain().finally(() => {
      flushing = null;
    });
    return flushing;
  }

  const snapshot = (): ResultsWriterStats => ({ buffered: buffer.length, ...stats });

  const timer = setInterval(() => void flush(), flushIntervalMs);
  // The writer alone must not keep the process alive; stop() is what drains it on shutdown.
  timer.unref();

  return {
    /** Queues one result; throws once the writer is stopped. */
    push(result: ProbeResultInput): void {
      if (isStopped) throw new Error('results writer is stopped');
      buffer.push(result);
      trimOverflow();
      if (buffer.length >= maxBatch && !flushing && clock.now().getTime() >= retryAfterMs) void flush();
    },
    flush,
    /** Stops the timer and writes what is left; rows the database still refuses are logged and lost. */
    async stop(): Promise<ResultsWriterStats> {
      isStopped = true;
      clearInterval(timer);
      await flush();
      // A flush already running when stop() was called may have finished before the last rows were pushed,
      // or failed: one more attempt, then give up.
      if (buffer.length > 0) await flush();
      if (buffer.length > 0) log.warn({ lost: buffer.length }, 'probe results not written at shutdown');
      return snapshot();
    },
    /** Counters for metrics and the health page. */
    stats: snapshot,
  };
}

export type ResultsWriter = ReturnType<typeof createResultsWriter>;
