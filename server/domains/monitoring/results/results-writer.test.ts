import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../platform/clock.ts';
import type { DbHandle } from '../../../platform/db.ts';
import { createLogger } from '../../../platform/log.ts';
import { createResultsWriter, insertResults } from './results-writer.ts';
import { openResultsDb, resultOf, setWatermarkRow } from './results.fixtures.ts';

let handle: DbHandle;
const log = createLogger('silent');
const clock = fixedClock('2026-11-22T02:00:00Z');
const P1 = '00000000-0000-4000-8000-000000000001';
const P2 = '00000000-0000-4000-8000-000000000002';
const ORG = '00000000-0000-4000-8000-0000000000aa';

beforeAll(async () => {
  handle = await openResultsDb();
});
afterAll(() => handle.close());
beforeEach(async () => {
  await sql`truncate probe_results, probe_rollup_dirty, monitoring_watermarks`.execute(handle.db);
});

const stored = () => handle.db.selectFrom('probeResults').selectAll().orderBy('checkedAt').execute();
const dirty = () => handle.db.selectFrom('probeRollupDirty').selectAll().orderBy('probeId').orderBy('bucketAt').execute();

describe('insertResults', () => {
  it('stores every column, status as its code, and drops code, message and readings of successful checks', async () => {
    await insertResults(handle.db, [
      resultOf(P1, ORG, '2026-11-22T01:00:00Z', { latencyMs: 12.5, code: 'ignored', message: 'ignored', measurements: { rttMs: 12.5 } }),
      resultOf(P1, ORG, '2026-11-22T01:01:00Z', { status: 'down', latencyMs: null, code: 'timeout', message: 'no reply in 1000 ms', measurements: { packetLossPct: 100 }, agentId: P2, isMaintenance: true }),
      resultOf(P1, ORG, '2026-11-22T01:02:00Z', { status: 'degraded', latencyMs: 900, message: 'slow: "900 ms" > {800}' }),
      resultOf(P1, ORG, '2026-11-22T01:03:00Z', { status: 'unknown', latencyMs: null, code: 'privilege' }),
    ]);
    const rows = await stored();
    expect(rows.map((r) => r.status)).toEqual([0, 2, 1, 3]);
    expect(rows[0]).toMatchObject({ probeId: P1, orgId: ORG, checkedAt: new Date('2026-11-22T01:00:00Z'), latencyMs: 12.5, code: null, message: null, measurements: null, agentId: null, isMaintenance: false });
    expect(rows[1]).toMatchObject({ latencyMs: null, code: 'timeout', message: 'no reply in 1000 ms', measurements: { packetLossPct: 100 }, agentId: P2, isMaintenance: true });
    expect(rows[2]!.message).toBe('slow: "900 ms" > {800}');
  });

  it('marks the 5-minute buckets of results older than the roll-up watermark dirty, once each', async () => {
    await setWatermarkRow(handle.db, 'rollup_5m', '2026-11-22T01:10:00Z');
    await insertResults(handle.db, [
      resultOf(P1, ORG, '2026-11-22T01:00:10Z'),
      resultOf(P1, ORG, '2026-11-22T01:04:59Z'),
      resultOf(P1, ORG, '2026-11-22T01:09:59Z'),
      resultOf(P2, ORG, '2026-11-22T01:05:00Z'),
      resultOf(P2, ORG, '2026-11-22T01:10:00Z'), // at the watermark: not rolled up yet
    ]);
    expect(await dirty()).toEqual([
      { probeId: P1, bucketAt: new Date('2026-11-22T01:00:00Z') },
      { probeId: P1, bucketAt: new Date('2026-11-22T01:05:00Z') },
      { probeId: P2, bucketAt: new Date('2026-11-22T01:05:00Z') },
    ]);
    // a replay of the same bucket adds no duplicate
    await insertResults(handle.db, [resultOf(P1, ORG, '2026-11-22T01:01:00Z')]);
    expect(await dirty()).toHaveLength(3);
  });

  it('marks nothing dirty before the first roll-up', async () => {
    await insertResults(handle.db, [resultOf(P1, ORG, '2020-01-01T00:00:00Z')]);
    expect(await dirty()).toEqual([]);
  });

  it('commits and rolls back with the caller\'s transaction', async () => {
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await insertResults(trx, [resultOf(P1, ORG, '2026-11-22T01:00:00Z')]);
        throw new Error('batch rejected');
      }),
    ).rejects.toThrow('batch rejected');
    expect(await stored()).toEqual([]);
  });
});

describe('createResultsWriter', () => {
  it('writes buffered results on flush, in batches of maxBatch', async () => {
    const writer = createResultsWriter({ db: handle.db, clock, log, flushIntervalMs: 60_000, maxBatch: 2 });
    for (let i = 0; i < 5; i++) writer.push(resultOf(P1, ORG, new Date(Date.UTC(2026, 10, 22, 1, i))));
    await writer.flush();
    expect(await stored()).toHaveLength(5);
    expect(writer.stats()).toMatchObject({ buffered: 0, written: 5, dropped: 0, failedFlushes: 0, lastFlushAt: clock.now() });
    await writer.stop();
  });

  it('flushes on its timer', async () => {
    const writer = createResultsWriter({ db: handle.db, clock, log, flushIntervalMs: 20 });
    writer.push(resultOf(P1, ORG, '2026-11-22T01:00:00Z'));
    await expect.poll(async () => (await stored()).length, { timeout: 5000 }).toBe(1);
    await writer.stop();
  });

  it('keeps the rows of a failed flush and writes them on the next one', async () => {
    const writer = createResultsWriter({ db: handle.db, clock, log, flushIntervalMs: 60_000 });
    writer.push(resultOf(P1, ORG, '2026-11-22T01:00:00Z'));
    await sql`alter table probe_results rename to probe_results_away`.execute(handle.db);
    try {
      await writer.flush();
      expect(writer.stats()).toMatchObject({ buffered: 1, written: 0, failedFlushes: 1 });
      writer.push(resultOf(P1, ORG, '2026-11-22T01:01:00Z'));
    } finally {
      await sql`alter table probe_results_away rename to probe_results`.execute(handle.db);
    }
    await writer.flush();
    expect((await stored()).map((r) => r.checkedAt)).toEqual([new Date('2026-11-22T01:00:00Z'), new Date('2026-11-22T01:01:00Z')]);
    expect(writer.stats()).toMatchObject({ buffered: 0, written: 2, failedFlushes: 1 });
    await writer.stop();
  });

  it('drops the oldest rows beyond maxBuffered while the database refuses them, and counts them', async () => {
    const writer = createResultsWriter({ db: handle.db, clock, log, flushIntervalMs: 60_000, maxBuffered: 3 });
    await sql`alter table probe_results rename to probe_results_away`.execute(handle.db);
    try {
      for (let i = 0; i < 5; i++) writer.push(resultOf(P1, ORG, new Date(Date.UTC(2026, 10, 22, 1, i))));
      await writer.flush();
    } finally {
      await sql`alter table probe_results_away rename to probe_results`.execute(handle.db);
    }
    expect(writer.stats()).toMatchObject({ buffered: 3, dropped: 2 });
    await writer.stop();
    expect((await stored()).map((r) => r.checkedAt.getUTCMinutes())).toEqual([2, 3, 4]);
  });

  it('writes what is left on stop() and refuses pushes afterwards', async () => {
    const writer = createResultsWriter({ db: handle.db, clock, log, flushIntervalMs: 60_000 });
    writer.push(resultOf(P1, ORG, '2026-11-22T01:00:00Z'));
    expect(await writer.stop()).toMatchObject({ buffered: 0, written: 1 });
    expect(await stored()).toHaveLength(1);
    expect(() => writer.push(resultOf(P1, ORG, '2026-11-22T01:01:00Z'))).toThrow('stopped');
  });
});
