import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../db/migrate.ts';
import { fixedClock } from './clock.ts';
import { createDb, type DbHandle } from './db.ts';
import { backoffMs, createJobQueue, nextCronRun } from './jobs.ts';
import { createLogger } from './log.ts';

// PGlite by default; set DATABASE_URL to run the same suite against PostgreSQL.
const databaseUrl = process.env.DATABASE_URL;
const log = createLogger('silent');
const T0 = '2026-03-02T09:00:00+08:00';

let handle: DbHandle;
let clock: ReturnType<typeof fixedClock>;

beforeAll(async () => {
  handle = await createDb(databaseUrl ? { databaseUrl } : { dataDir: 'memory://' });
  await migrateToLatest(handle.db);
});
afterAll(() => handle.close());
beforeEach(async () => {
  await sql`truncate jobs, job_schedules restart identity`.execute(handle.db);
  clock = fixedClock(T0);
});

const queue = (workerId = 'w1', db = handle.db) => createJobQueue({ db, clock, log, workerId });
const job = (id: number) => handle.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('jobQueue', () => {
  it('runs a queued job once', async () => {
    const q = queue();
    const calls: unknown[] = [];
    q.register('mail', async (payload, ctx) => void calls.push({ payload, jobId: ctx.jobId, attempt: ctx.attempt }));
    const id = await q.enqueue(handle.db, 'mail', { to: 'u1' });
    expect(id).toBeTypeOf('number');

    expect(await q.runOnce()).toBe(1);
    expect(await q.runOnce()).toBe(0);
    expect(calls).toEqual([{ payload: { to: 'u1' }, jobId: id, attempt: 1 }]);
    const row = await job(id!);
    expect(row).toMatchObject({ status: 'done', attempts: 1, lockedBy: null, lastError: null });
    expect(row.finishedAt).toEqual(clock.now());
  });

  it('does not run a job before its runAt', async () => {
    const q = queue();
    let runs = 0;
    q.register('later', async () => void runs++);
    await q.enqueue(handle.db, 'later', {}, { runAt: new Date(clock.now().getTime() + 60_000) });
    expect(await q.runOnce()).toBe(0);
    clock.advance(60_000);
    expect(await q.runOnce()).toBe(1);
    expect(runs).toBe(1);
  });

  it('retries with back-off, then succeeds', async () => {
    const q = queue();
    let calls = 0;
    q.register('flaky', async () => {
      if (++calls === 1) throw new Error('downstream 503');
    });
    const id = (await q.enqueue(handle.db, 'flaky'))!;

    expect(await q.runOnce()).toBe(1);
    let row = await job(id);
    expect(row).toMatchObject({ status: 'queued', attempts: 1, lastError: 'downstream 503', lockedBy: null });
    // first retry: 5 s × 2^1 = 10 s, plus at most 10 % jitter
    const delay = row.runAt.getTime() - clock.now().getTime();
    expect(delay).toBeGreaterThanOrEqual(10_000);
    expect(delay).toBeLessThanOrEqual(11_000);

    expect(await q.runOnce()).toBe(0);
    clock.advance(11_000);
    expect(await q.runOnce()).toBe(1);
    row = await job(id);
    expect(row).toMatchObject({ status: 'done', attempts: 2 });
    expect(calls).toBe(2);
  });

  it('gives up after maxAttempts and marks the job failed with the error', async () => {
    const q = queue();
    q.register('broken', async () => {
      throw new Error('always broken');
    });
    const id = (await q.enqueue(handle.db, 'broken', {}, { maxAttempts: 2 }))!;
    await q.runOnce();
    clock.advance(3_600_000);
    await q.runOnce();
    clock.advance(3_600_000);
    expect(await q.runOnce()).toBe(0);
    const row = await job(id);
    expect(row).toMatchObject({ status: 'failed', attempts: 2, lastError: 'always broken' });
    expect(row.finishedAt).not.toBeNull();
  });

  it('fails a job whose handler times out', async () => {
    const q = queue();
    let aborted = false;
    const slow = (_p: unknown, ctx: { signal: AbortSignal }) =>
      new Promise<void>((resolve) =>
        ctx.signal.addEventListener('abort', () => {
          aborted = true;
          resolve();
        }),
      );
    q.register('slow', slow, { timeoutMs: 20 });
    const id = (await q.enqueue(handle.db, 'slow', {}, { maxAttempts: 1 }))!;
    await q.runOnce();
    expect(await job(id)).toMatchObject({ status: 'failed', lastError: 'timed out after 20 ms' });
    expect(aborted).toBe(true);
  });

  it('fails an unknown kind at once without retrying', async () => {
    const q = queue();
    const id = (await q.enqueue(handle.db, 'nobody-handles-this'))!;
    expect(await q.runOnce()).toBe(1);
    expect(await job(id)).toMatchObject({ status: 'failed', attempts: 1, lastError: 'no handler for kind nobody-handles-this' });
  });

  it('dedupes by uniqueKey while a job is queued or running', async () => {
    const q = queue();
    q.register('sync', async () => {});
    const first = await q.enqueue(handle.db, 'sync', {}, { uniqueKey: 'sync:org1' });
    expect(first).toBeTypeOf('number');
    expect(await q.enqueue(handle.db, 'sync', {}, { uniqueKey: 'sync:org1' })).toBeNull();
    expect(await q.enqueue(handle.db, 'sync', {}, { uniqueKey: 'sync:org2' })).toBeTypeOf('number');
    expect(await q.runOnce()).toBe(2);
    // once the first one is done, the key is free again
    expect(await q.enqueue(handle.db, 'sync', {}, { uniqueKey: 'sync:org1' })).toBeTypeOf('number');
  });

  it('enqueues inside the caller transaction, so a rollback drops the job', async () => {
    const q = queue();
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await q.enqueue(trx, 'mail');
        throw new Error('service failed');
      }),
    ).rejects.toThrow('service failed');
    expect(await q.stats()).toEqual({ queued: 0, running: 0, failed: 0, done: 0 });
  });

  it('fires a schedule once per due time and advances it', async () => {
    clock.set('2026-03-01T02:00:00+08:00');
    const q = queue();
    const fired: string[] = [];
    q.register('report', async (payload) => void fired.push(`${(payload as { n: number }).n}@${clock.now().toISOString()}`));
    await q.schedule('nightly', '0 3 * * *', 'report', { n: 1 });
    const next = () => handle.db.selectFrom('jobSchedules').select('nextRunAt').executeTakeFirstOrThrow();
    // 03:00 in Asia/Shanghai
    expect((await next()).nextRunAt.toISOString()).toBe('2026-02-28T19:00:00.000Z');

    expect(await q.runOnce()).toBe(0);
    clock.set('2026-03-01T03:00:10+08:00');
    expect(await q.runOnce()).toBe(1);
    expect(await q.runOnce()).toBe(0);
    expect((await next()).nextRunAt.toISOString()).toBe('2026-03-01T19:00:00.000Z');

    clock.set('2026-03-02T03:00:05+08:00');
    expect(await q.runOnce()).toBe(1);
    expect(await q.runOnce()).toBe(0);
    expect(fired).toEqual(['1@2026-02-28T19:00:10.000Z', '1@2026-03-01T19:00:05.000Z']);

    // three days down: one run on return, not a backlog of three
    clock.set('2026-03-05T12:00:00+08:00');
    expect(await q.runOnce()).toBe(1);
    expect(await q.runOnce()).toBe(0);
    expect((await next()).nextRunAt.toISOString()).toBe('2026-03-05T19:00:00.000Z');
  });

  it('keeps the due time when a schedule is re-declared unchanged, recomputes it when the cron changes', async () => {
    const q = queue();
    await q.schedule('s', '0 3 * * *', 'report');
    clock.set('2026-03-03T03:30:00+08:00');
    await q.schedule('s', '0 3 * * *', 'report');
    const row = () => handle.db.selectFrom('jobSchedules').selectAll().executeTakeFirstOrThrow();
    expect((await row()).nextRunAt.toISOString()).toBe('2026-03-02T19:00:00.000Z');
    await q.schedule('s', '*/15 * * * *', 'report');
    expect((await row()).nextRunAt.toISOString()).toBe('2026-03-02T19:45:00.000Z');
  });

  it('rejects an invalid cron expression', async () => {
    const q = queue();
    await expect(q.schedule('bad', '61 * * * *', 'report')).rejects.toThrow(/invalid cron expression "61 \* \* \* \*"/);
    await expect(q.schedule('bad', 'every day', 'report')).rejects.toThrow(/invalid cron expression/);
    expect(() => nextCronRun('0 3 * * *', new Date(T0))).not.toThrow();
  });

  it('reclaims a job whose worker died and runs it on another instance', async () => {
    const id = (await queue('dead').enqueue(handle.db, 'mail'))!;
    const alive = (await queue('dead').enqueue(handle.db, 'mail'))!;
    const past = new Date(clock.now().getTime() - 1000);
    const future = new Date(clock.now().getTime() + 60_000);
    await handle.db.updateTable('jobs').set({ status: 'running', lockedBy: 'dead', lockedUntil: past, attempts: 1 }).where('id', '=', id).execute();
    await handle.db.updateTable('jobs').set({ status: 'running', lockedBy: 'slow', lockedUntil: future, attempts: 1 }).where('id', '=', alive).execute();

    const q = queue('w2');
    const attempts: number[] = [];
    q.register('mail', async (_p, ctx) => void attempts.push(ctx.attempt));
    expect(await q.runOnce()).toBe(1);
    expect(attempts).toEqual([2]);
    expect(await job(id)).toMatchObject({ status: 'done', attempts: 2 });
    // a live lease is left alone
    expect(await job(alive)).toMatchObject({ status: 'running', lockedBy: 'slow' });
  });

  it('fails a reclaimed job that has used up its attempts', async () => {
    const id = (await queue().enqueue(handle.db, 'mail', {}, { maxAttempts: 1 }))!;
    const past = new Date(clock.now().getTime() - 1000);
    await handle.db.updateTable('jobs').set({ status: 'running', lockedBy: 'dead', lockedUntil: past, attempts: 1 }).where('id', '=', id).execute();
    expect(await queue('w2').runOnce()).toBe(0);
    expect(await job(id)).toMatchObject({ status: 'failed', lastError: 'lease expired' });
  });

  it('leases a claimed job for its handler timeout', async () => {
    const q = queue();
    let lockedUntil: Date | null = null;
    q.register('leased', async (_p, ctx) => void (lockedUntil = (await job(ctx.jobId)).lockedUntil), { timeoutMs: 60_000 });
    await q.enqueue(handle.db, 'leased');
    await q.runOnce();
    // timeout plus the 30 s grace
    expect(lockedUntil).toEqual(new Date(clock.now().getTime() + 90_000));
  });

  it('never runs the same job twice when two instances tick concurrently', async () => {
    await exactlyOnce(handle, handle);
  });

  // PGlite has one connection, so the test above cannot overlap two claims; PostgreSQL with two pools can.
  it.skipIf(!databaseUrl)('never runs the same job twice across two PostgreSQL connections', async () => {
    const [a, b] = await Promise.all([createDb({ databaseUrl }), createDb({ databaseUrl })]);
    try {
      await exactlyOnce(a, b);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('runs jobs in the background between start and stop', async () => {
    const q = queue();
    let runs = 0;
    q.register('bg', async () => void runs++);
    await q.enqueue(handle.db, 'bg');
    q.start(5);
    await expect.poll(() => runs, { timeout: 5000 }).toBe(1);
    await q.stop();
    await q.enqueue(handle.db, 'bg');
    await new Promise((r) => setTimeout(r, 30));
    expect(runs).toBe(1);
  });

  it('counts jobs by status and purges finished ones', async () => {
    const q = queue();
    q.register('ok', async () => {});
    await q.enqueue(handle.db, 'ok');
    await q.enqueue(handle.db, 'nope');
    await q.runOnce();
    await q.enqueue(handle.db, 'ok');
    expect(await q.stats()).toEqual({ queued: 1, running: 0, failed: 1, done: 1 });
    expect(await q.purgeFinished(clock.now())).toBe(0);
    expect(await q.purgeFinished(new Date(clock.now().getTime() + 1))).toBe(2);
    expect(await q.stats()).toEqual({ queued: 1, running: 0, failed: 0, done: 0 });
  });
});

describe('backoffMs', () => {
  it('doubles from 10 s, caps at 1 h and adds at most 10 % jitter', () => {
    expect(backoffMs(1, () => 0)).toBe(10_000);
    expect(backoffMs(3, () => 0)).toBe(40_000);
    expect(backoffMs(20, () => 0)).toBe(3_600_000);
    expect(backoffMs(20, () => 0.999)).toBeLessThanOrEqual(3_960_000);
  });
});

async function exactlyOnce(a: DbHandle, b: DbHandle): Promise<void> {
  const N = 50;
  const seen: number[] = [];
  const make = (id: string, h: DbHandle) => {
    const q = createJobQueue({ db: h.db, clock, log, workerId: id, batchSize: 4 });
    q.register('count', async (_p, ctx) => {
      seen.push(ctx.jobId);
      await new Promise((r) => setTimeout(r, Math.random() * 3));
    });
    return q;
  };
  const [qa, qb] = [make('a', a), make('b', b)];
  for (let i = 0; i < N; i++) await qa.enqueue(a.db, 'count', { i });
  for (let ticks = 0; seen.length < N && ticks < 200; ticks++) {
    await Promise.all([qa.runOnce(), qb.runOnce(), qa.runOnce(), qb.runOnce()]);
  }
  expect(seen).toHaveLength(N);
  expect(new Set(seen).size).toBe(N);
  expect(await qa.stats()).toEqual({ queued: 0, running: 0, failed: 0, done: N });
}
