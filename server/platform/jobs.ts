import { Cron } from 'croner';
import { sql, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { Database } from '../db/database.ts';
import type { Clock } from './clock.ts';
import type { Db } from './db.ts';
import { invalid } from './errors.ts';
import type { Logger } from './log.ts';
import type { JobsTable } from './platform.tables.ts';

/** What a handler learns about the run; `signal` aborts when the timeout passes. */
export interface JobContext { jobId: number; attempt: number; signal: AbortSignal }

/** Runs one job; throwing (or timing out) schedules a retry until max_attempts. */
export type JobHandler = (payload: unknown, ctx: JobContext) => Promise<void>;

/** Wiring for one worker; several workers (processes or instances) may share one database. */
export interface JobQueueOptions {
  db: Kysely<Database>;
  clock: Clock;
  log: Logger;
  workerId: string;
  /** Jobs claimed per tick. */
  batchSize?: number;
  /** Handler timeout for kinds registered without one. */
  defaultTimeoutMs?: number;
  /** Zone cron expressions are read in. */
  timeZone?: string;
}

/** Options for one enqueue; uniqueKey makes a second enqueue a no-op while the first is queued or running. */
export interface EnqueueOptions { runAt?: Date; maxAttempts?: number; uniqueKey?: string }

type JobRow = Selectable<JobsTable>;

const MAX_BACKOFF_S = 3600;
// The lease outlives the handler timeout, so a worker always gives up on a job before another one reclaims it.
const LEASE_GRACE_MS = 30_000;
const MAX_ERROR_LENGTH = 2000;

/** Next fire time strictly after `after`; throws an `invalid` AppError for a bad expression. */
export function nextCronRun(cron: string, after: Date, timeZone = 'Asia/Shanghai'): Date {
  let next: Date | null;
  try {
    // No callback: croner only parses and computes, it starts no timer.
    next = new Cron(cron, { timezone: timeZone }).nextRun(after);
  } catch (err) {
    throw invalid('job.invalid_cron', `invalid cron expression "${cron}": ${errorMessage(err)}`);
  }
  if (!next) throw invalid('job.invalid_cron', `cron expression "${cron}" never fires`);
  return next;
}

/** Retry delay after the given (1-based) failed attempt: 5 s × 2^attempt, capped at 1 h, plus up to 10 % jitter. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(5 * 2 ** attempt, MAX_BACKOFF_S) * 1000;
  // Jitter spreads retries of jobs that failed together (e.g. a downstream outage) so they do not return in lockstep.
  return Math.round(base * (1 + 0.1 * random()));
}

/** A PostgreSQL-backed job queue with retries, leases and cron schedules; all times come from the injected clock. */
export function createJobQueue(opts: JobQueueOptions) {
  const { db, clock, workerId } = opts;
  const log = opts.log.child({ component: 'jobs', workerId });
  const batchSize = opts.batchSize ?? 10;
  const defaultTimeoutMs = opts.defaultTimeoutMs ?? 5 * 60_000;
  const timeZone = opts.timeZone ?? 'Asia/Shanghai';
  const handlers = new Map<string, { handler: JobHandler; timeoutMs: number }>();

  /** Adds a job through `dbOrTrx` (so it commits with the caller's transaction); null when uniqueKey is already queued or running. */
  async function enqueue(dbOrTrx: Db, kind: string, payload: unknown = {}, o: EnqueueOptions = {}): Promise<number | null> {
    if (o.maxAttempts !== undefined && !(Number.isInteger(o.maxAttempts) && o.maxAttempts >= 1)) {
      throw invalid('job.invalid_max_attempts', `maxAttempts must be a positive integer, got ${o.maxAttempts}`);
    }
    const row = await dbOrTrx
      .insertInto('jobs')
      .values({ kind, payload: json(payload), runAt: o.runAt ?? clock.now(), maxAttempts: o.maxAttempts, uniqueKey: o.uniqueKey ?? null })
      // Postgres only infers a partial unique index when the conflict target repeats its predicate (jobs_unique_key).
      .onConflict((oc) =>
        oc.column('uniqueKey').where('uniqueKey', 'is not', null).where('status', 'in', ['queued', 'running']).doNothing(),
      )
      .returning('id')
      .executeTakeFirst();
    return row?.id ?? null;
  }

  /** Sets the handler for a kind; a later call for the same kind replaces it. */
  function register(kind: string, handler: JobHandler, o: { timeoutMs?: number } = {}): void {
    handlers.set(kind, { handler, timeoutMs: o.timeoutMs ?? defaultTimeoutMs });
  }

  /** Creates or updates a named cron schedule that enqueues `kind` with `payload` at each fire time. */
  async function schedule(name: string, cron: string, kind: string, payload: unknown = {}): Promise<void> {
    const nextRunAt = nextCronRun(cron, clock.now(), timeZone);
    const row = { name, cron, kind, payload: json(payload), nextRunAt };
    await db
      .insertInto('jobSchedules')
      .values(row)
      .onConflict((oc) =>
        oc.column('name').doUpdateSet({
          ...row,
          // Every boot re-declares its schedules; keeping the stored time when the cron is unchanged means a restart
          // right at a due time does not skip that run.
          nextRunAt: sql<Date>`case when job_schedules.cron = excluded.cron then job_schedules.next_run_at else excluded.next_run_at end`,
        }),
      )
      .execute();
  }

  async function materialiseSchedules(now: Date): Promise<void> {
    await db.transaction().execute(async (trx) => {
      // skip locked: another worker holding a schedule is already firing it.
      const due = await trx.selectFrom('jobSchedules').selectAll().where('nextRunAt', '<=', now).forUpdate().skipLocked().execute();
      for (const s of due) {
        let next: Date;
        try {
          next = nextCronRun(s.cron, now, timeZone);
        } catch (err) {
          log.error({ schedule: s.name, err: errorMessage(err) }, 'schedule has an invalid cron');
          continue;
        }
        // The key ties the job to this fire time, so even a worker on a stale snapshot cannot enqueue it twice.
        await enqueue(trx, s.kind, s.payload, { uniqueKey: `schedule:${s.name}:${s.nextRunAt.toISOString()}` });
        // Advancing from `now` (not from next_run_at) skips missed runs instead of replaying a backlog after downtime.
        await trx.updateTable('jobSchedules').set({ nextRunAt: next, lastRunAt: now }).where('name', '=', s.name).execute();
      }
    });
  }

  async function reclaimExpired(now: Date): Promise<void> {
    // The dead worker's attempt already counted; a job that keeps killing its worker must not loop forever.
    const rows = await db
      .updateTable('jobs')
      .set({
        status: sql<'queued' | 'failed'>`case when attempts >= max_attempts then 'failed' else 'queued' end`,
        lockedBy: null,
        lockedUntil: null,
        lastError: sql<string>`coalesce(last_error, 'lease expired')`,
        finishedAt: sql<Date | null>`case when attempts >= max_attempts then ${now}::timestamptz end`,
      })
      .where('status', '=', 'running')
      .where('lockedUntil', '<', now)
      .returning('id')
      .execute();
    if (rows.length > 0) log.warn({ jobIds: rows.map((r) => r.id) }, 'reclaimed jobs with expired leases');
  }

  async function claim(now: Date): Promise<JobRow[]> {
    const kinds = [...handlers].map(([kind, h]) => sql`when ${kind} then ${h.timeoutMs + LEASE_GRACE_MS}::int`);
    const leaseMs = kinds.length
      ? sql`case kind ${sql.join(kinds, sql` `)} else ${defaultTimeoutMs + LEASE_GRACE_MS}::int end`
      : sql`${defaultTimeoutMs + LEASE_GRACE_MS}::int`;
    return db
      .updateTable('jobs')
      .set({
        status: 'running',
        lockedBy: workerId,
        lockedUntil: sql<Date>`${now}::timestamptz + ${leaseMs} * interval '1 millisecond'`,
        attempts: (eb) => eb('attempts', '+', 1),
      })
      // skip locked: rows another worker is claiming right now are simply left to it, nobody waits.
      .where('id', 'in', (eb) =>
        eb.selectFrom('jobs').select('id').where('status', '=', 'queued').where('runAt', '<=', now)
          .orderBy('runAt').orderBy('id').limit(batchSize).forUpdate().skipLocked(),
      )
      .where('status', '=', 'queued')
      .returningAll()
      .execute();
  }

  // Guarded by locked_by and status: if our lease was reclaimed, the new owner's outcome wins.
  async function finish(job: JobRow, set: Updateable<JobsTable>): Promise<void> {
    await db.updateTable('jobs').set({ ...set, lockedBy: null, lockedUntil: null })
      .where('id', '=', job.id).where('lockedBy', '=', workerId).where('status', '=', 'running').execute();
  }

  async function runJob(job: JobRow): Promise<void> {
    const entry = handlers.get(job.kind);
    const fields = { jobId: job.id, kind: job.kind, attempt: job.attempts };
    try {
      if (!entry) {
        // Retrying cannot help until a deploy registers the kind, so fail at once and let a person look.
        log.error(fields, 'no handler for job kind');
        await finish(job, { status: 'failed', lastError: `no handler for kind ${job.kind}`, finishedAt: clock.now() });
        return;
      }
      try {
        await withTimeout((signal) => entry.handler(job.payload, { jobId: job.id, attempt: job.attempts, signal }), entry.timeoutMs);
        await finish(job, { status: 'done', finishedAt: clock.now(), lastError: null });
      } catch (err) {
        const lastError = errorMessage(err).slice(0, MAX_ERROR_LENGTH);
        if (job.attempts < job.maxAttempts) {
          const runAt = new Date(clock.now().getTime() + backoffMs(job.attempts));
          log.warn({ ...fields, err: lastError, runAt }, 'job failed, will retry');
          await finish(job, { status: 'queued', runAt, lastError });
        } else {
          log.error({ ...fields, err: lastError }, 'job failed permanently');
          await finish(job, { status: 'failed', lastError, finishedAt: clock.now() });
        }
      }
    } catch (err) {
      // Recording the outcome failed (database down); the lease expires and the job is reclaimed, i.e. at-least-once.
      log.error({ ...fields, err: errorMessage(err) }, 'could not record job outcome');
    }
  }

  /** One tick: fire due schedules, reclaim expired leases, claim and run up to batchSize jobs; returns jobs run. */
  async function runOnce(): Promise<number> {
    await materialiseSchedules(clock.now());
    await reclaimExpired(clock.now());
    const jobs = await claim(clock.now());
    // Concurrently: in sequence, one slow job would let the leases of the jobs queued behind it expire.
    await Promise.all(jobs.map(runJob));
    return jobs.length;
  }

  let running = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> | undefined;

  /** Ticks every intervalMs (at once again after a full batch); ticks never overlap and errors are logged. */
  function start(intervalMs = 1000): void {
    if (running) return;
    running = true;
    const loop = async () => {
      let ran = 0;
      inFlight = runOnce().then((n) => void (ran = n), (err: unknown) => log.error({ err: errorMessage(err) }, 'job tick failed'));
      await inFlight;
      inFlight = undefined;
      if (running) timer = setTimeout(() => void loop(), ran >= batchSize ? 0 : intervalMs);
    };
    timer = setTimeout(() => void loop(), 0);
  }

  /** Stops ticking and waits for the tick in flight. */
  async function stop(): Promise<void> {
    running = false;
    clearTimeout(timer);
    await inFlight;
  }

  /** Job counts by status, for /metrics. */
  async function stats(): Promise<{ queued: number; running: number; failed: number; done: number }> {
    const rows = await db.selectFrom('jobs').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
    const out = { queued: 0, running: 0, failed: 0, done: 0 };
    for (const r of rows) out[r.status] = Number(r.n);
    return out;
  }

  /** Deletes done and failed jobs finished before `olderThan`; returns how many. */
  async function purgeFinished(olderThan: Date): Promise<number> {
    const res = await db.deleteFrom('jobs').where('status', 'in', ['done', 'failed']).where('finishedAt', '<', olderThan).executeTakeFirst();
    return Number(res.numDeletedRows);
  }

  return { enqueue, register, schedule, runOnce, start, stop, stats, purgeFinished };
}

/** The queue a worker process runs. */
export type JobQueue = ReturnType<typeof createJobQueue>;

async function withTimeout(run: (signal: AbortSignal) => Promise<void>, ms: number): Promise<void> {
  const ac = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      // Reject before aborting: a handler that settles on abort must not win the race and count as done.
      reject(new Error(`timed out after ${ms} ms`));
      ac.abort();
    }, ms);
  });
  try {
    await Promise.race([run(ac.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function json(payload: unknown): string {
  return JSON.stringify(payload ?? {});
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
