import { sql, type Selectable } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../../platform/db.ts';
import type { ProbeRollupsTable } from '../monitoring.tables.ts';
import type { ProbeResultInput } from './results-writer.ts';
import { insertResults } from './results-writer.ts';
import { openResultsDb, resultOf } from './results.fixtures.ts';
import { rollUp } from './rollups.ts';

let handle: DbHandle;
const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const ORG = '00000000-0000-4000-8000-0000000000aa';

beforeAll(async () => {
  handle = await openResultsDb();
});
afterAll(() => handle.close());
beforeEach(async () => {
  await sql`truncate probe_results, probe_rollups_5m, probe_rollups_1h, probe_rollups_1d, probe_rollup_dirty, monitoring_watermarks`.execute(handle.db);
});

const at = (hhmmss: string) => new Date(`2026-11-22T${hhmmss}Z`);
// Raw SQL: CamelCasePlugin maps the table type `probeRollups5m` to probe_rollups5m, not probe_rollups_5m.
const rollups = async (table: 'probeRollups5m' | 'probeRollups1h' | 'probeRollups1d') =>
  (await sql<Selectable<ProbeRollupsTable>>`select * from ${sql.raw({ probeRollups5m: 'probe_rollups_5m', probeRollups1h: 'probe_rollups_1h', probeRollups1d: 'probe_rollups_1d' }[table])} order by probe_id, bucket_at`.execute(handle.db)).rows;

// Bucket 10:00–10:05 of probe A: successes are 10, 20, 30, 50 (up) and 40 (degraded); the timeout's 1000 ms
// is no latency worth charting. p95 of [10, 20, 30, 40, 50]: rank 0.95 × 4 = 3.8 → 40 + 0.8 × 10 = 48.
const BUCKET_10_00: ProbeResultInput[] = [
  resultOf(A, ORG, at('10:00:00'), { latencyMs: 10 }),
  resultOf(A, ORG, at('10:01:00'), { latencyMs: 20 }),
  resultOf(A, ORG, at('10:02:00'), { latencyMs: 30 }),
  resultOf(A, ORG, at('10:03:00'), { status: 'degraded', latencyMs: 40 }),
  resultOf(A, ORG, at('10:04:00'), { status: 'down', latencyMs: 1000, code: 'timeout' }),
  resultOf(A, ORG, at('10:04:30'), { latencyMs: 50, isMaintenance: true }),
];

describe('rollUp', () => {
  it('rolls a closed 5-minute bucket up into counts and latency statistics', async () => {
    await insertResults(handle.db, [...BUCKET_10_00, resultOf(A, ORG, at('10:05:00'), { latencyMs: 100 })]);
    const summary = await rollUp(handle.db, at('10:06:00'));
    expect(await rollups('probeRollups5m')).toEqual([
      { probeId: A, orgId: ORG, bucketAt: at('10:00:00'), total: 6, successes: 5, degraded: 1, maintenance: 1, latencyMin: 10, latencyAvg: 30, latencyMax: 50, latencyP95: 48 },
    ]);
    expect(summary).toMatchObject({ rows: { '5m': 1, '1h': 0, '1d': 0 }, dirtyBuckets: 0, isCaughtUp: true });
    expect(summary.watermarks['5m']).toEqual(at('10:05:00'));
  });

  it('waits one minute after a bucket closes before rolling it up', async () => {
    await insertResults(handle.db, BUCKET_10_00);
    await rollUp(handle.db, at('10:05:59'));
    expect(await rollups('probeRollups5m')).toEqual([]);
    await rollUp(handle.db, at('10:06:00'));
    expect(await rollups('probeRollups5m')).toHaveLength(1);
  });

  it('rolls closed hours up from raw results, so the hourly p95 is exact', async () => {
    await insertResults(handle.db, [...BUCKET_10_00, resultOf(A, ORG, at('10:59:59'), { latencyMs: 100 }), resultOf(A, ORG, at('11:00:00'))]);
    await rollUp(handle.db, at('10:59:00'));
    expect(await rollups('probeRollups1h')).toEqual([]);
    const summary = await rollUp(handle.db, at('11:01:00'));
    // successes 10, 20, 30, 40, 50, 100: avg 250 / 6; p95 rank 0.95 × 5 = 4.75 → 50 + 0.75 × 50 = 87.5
    const [hour] = await rollups('probeRollups1h');
    expect(hour).toMatchObject({ bucketAt: at('10:00:00'), total: 7, successes: 6, degraded: 1, maintenance: 1, latencyMin: 10, latencyMax: 100, latencyP95: 87.5 });
    expect(hour!.latencyAvg).toBeCloseTo(41.6667, 4);
    expect(summary.watermarks['1h']).toEqual(at('11:00:00'));
  });

  it('cuts days at Asia/Shanghai midnight (16:00 UTC)', async () => {
    await insertResults(handle.db, [
      resultOf(A, ORG, at('15:59:59'), { latencyMs: 1 }), // 23:59:59 on 22 Nov in Shanghai
      resultOf(A, ORG, at('16:00:00'), { latencyMs: 2 }), // 00:00 on 23 Nov
      resultOf(A, ORG, '2026-11-23T15:59:00Z', { status: 'down', latencyMs: null }),
    ]);
    // the first call stops after 24 hours of 5-minute buckets, 5 minutes short of the second day's end
    await rollUp(handle.db, new Date('2026-11-23T16:01:00Z'));
    const summary = await rollUp(handle.db, new Date('2026-11-23T16:01:00Z'));
    expect((await rollups('probeRollups1d')).map((d) => ({ bucketAt: d.bucketAt, total: d.total, successes: d.successes }))).toEqual([
      { bucketAt: new Date('2026-11-21T16:00:00Z'), total: 1, successes: 1 },
      { bucketAt: new Date('2026-11-22T16:00:00Z'), total: 2, successes: 1 },
    ]);
    expect(summary.watermarks['1d']).toEqual(new Date('2026-11-23T16:00:00Z'));
  });

  it('recomputes buckets, hours and days that late results made dirty, then forgets them', async () => {
    await insertResults(handle.db, [...BUCKET_10_00, resultOf(B, ORG, at('10:30:00'))]);
    await rollUp(handle.db, new Date('2026-11-22T16:01:00Z'));
    expect((await rollups('probeRollups1d'))[0]).toMatchObject({ probeId: A, total: 6 });

    // an agent replays a result from 10:02:30 after everything was rolled up
    await insertResults(handle.db, [resultOf(A, ORG, at('10:02:30'), { status: 'down', latencyMs: null })]);
    const summary = await rollUp(handle.db, new Date('2026-11-22T16:02:00Z'));

    expect(summary.dirtyBuckets).toBe(1);
    expect((await rollups('probeRollups5m')).find((r) => r.probeId === A)).toMatchObject({ bucketAt: at('10:00:00'), total: 7, successes: 5 });
    expect((await rollups('probeRollups1h')).find((r) => r.probeId === A)).toMatchObject({ bucketAt: at('10:00:00'), total: 7 });
    expect((await rollups('probeRollups1d')).find((r) => r.probeId === A)).toMatchObject({ total: 7 });
    expect(await handle.db.selectFrom('probeRollupDirty').selectAll().execute()).toEqual([]);
  });

  it('catches up after a long stop in bounded steps', async () => {
    // one result every 10 minutes for 30 hours from 00:00
    const rows = Array.from({ length: 180 }, (_, i) => resultOf(A, ORG, new Date(at('00:00:00').getTime() + i * 600_000)));
    await insertResults(handle.db, rows);
    const now = new Date(at('00:00:00').getTime() + 30 * 3_600_000 + 60_000);

    const first = await rollUp(handle.db, now);
    expect(first.isCaughtUp).toBe(false);
    expect(first.watermarks['5m']).toEqual(new Date('2026-11-23T00:00:00Z'));
    expect(first.rows['5m']).toBe(144);

    const second = await rollUp(handle.db, now);
    expect(second.isCaughtUp).toBe(true);
    expect(second.watermarks['5m']).toEqual(new Date('2026-11-23T06:00:00Z'));
    const sum = async (table: string) => (await sql<{ n: number }>`select coalesce(sum(total), 0)::int as n from ${sql.raw(table)}`.execute(handle.db)).rows[0]!.n;
    expect(await sum('probe_rollups_5m')).toBe(180);
    expect(await sum('probe_rollups_1h')).toBe(180);
  });

  it('loses no result written while a roll-up runs', async () => {
    // Buckets from 10:00 to 11:55 are rolled up while writers keep adding results to them.
    await insertResults(handle.db, [resultOf(A, ORG, at('10:00:00'))]);
    const now = at('12:00:00');
    const writes = Array.from({ length: 40 }, (_, w) =>
      insertResults(
        handle.db,
        Array.from({ length: 25 }, (_, i) => resultOf(w % 2 ? A : B, ORG, new Date(at('10:00:00').getTime() + ((w * 25 + i) * 7_001) % 6_900_000))),
      ),
    );
    await Promise.all([...writes, rollUp(handle.db, now, { chunkMs: 10 * 60_000 }), rollUp(handle.db, now, { chunkMs: 10 * 60_000 })]);
    await rollUp(handle.db, now);

    const { rows } = await sql<{ raw: number; m5: number; h1: number }>`
      select (select count(*) from probe_results where checked_at < '2026-11-22T11:55:00Z')::int as raw,
             (select sum(total) from probe_rollups_5m)::int as m5,
             (select sum(total) from probe_rollups_1h)::int as h1`.execute(handle.db);
    expect(rows[0]!.raw).toBe(1001);
    expect(rows[0]!.m5).toBe(1001);
  });

  it('waits for a writer holding the watermark row, so the rows it commits are in the roll-up', async () => {
    await insertResults(handle.db, [resultOf(A, ORG, at('10:00:00'))]);
    await rollUp(handle.db, at('10:01:00')); // creates the watermarks at 10:00
    let rolling: Promise<unknown> = Promise.resolve();
    await handle.db.transaction().execute(async (trx) => {
      await insertResults(trx, [resultOf(A, ORG, at('10:01:00'))]);
      // started, not awaited: on PostgreSQL it blocks on the watermark until this transaction commits
      rolling = rollUp(handle.db, at('10:06:00'));
      await new Promise((r) => setTimeout(r, 300));
    });
    await rolling;
    expect((await rollups('probeRollups5m')).map((r) => r.total)).toEqual([2]);
  });
});
