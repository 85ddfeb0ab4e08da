import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../../platform/db.ts';
import { ensurePartitions, listPartitions } from './partitions.ts';
import { applyResultsRetention, DEFAULT_RAW_RETENTION_DAYS, DEFAULT_ROLLUP_RETENTION_DAYS } from './retention.ts';
import { openResultsDb } from './results.fixtures.ts';

let handle: DbHandle;
const A = '00000000-0000-4000-8000-00000000000a';
const ORG = '00000000-0000-4000-8000-0000000000aa';

beforeAll(async () => {
  handle = await openResultsDb();
});
afterAll(() => handle.close());

const bucketsOf = async (table: string) =>
  (await sql<{ bucketAt: Date }>`select bucket_at from ${sql.raw(table)} order by bucket_at`.execute(handle.db)).rows.map((r) => r.bucketAt.toISOString());

describe('applyResultsRetention', () => {
  it('has the documented defaults', () => {
    expect([DEFAULT_RAW_RETENTION_DAYS, DEFAULT_ROLLUP_RETENTION_DAYS]).toEqual([30, 400]);
  });

  it('drops whole raw and 5-minute partitions past their limits and deletes old hourly and daily roll-ups', async () => {
    await ensurePartitions(handle.db, new Date('2026-10-01T00:00:00Z'), { daysAhead: 3 });
    await ensurePartitions(handle.db, new Date('2026-11-22T00:00:00Z'), { daysAhead: 0 });
    for (const table of ['probe_rollups_1h', 'probe_rollups_1d']) {
      await sql`insert into ${sql.raw(table)} (probe_id, org_id, bucket_at, total, successes, degraded, maintenance)
        values (${A}, ${ORG}, '2026-10-02T23:00:00Z', 1, 1, 0, 0), (${A}, ${ORG}, '2026-10-03T00:00:00Z', 1, 1, 0, 0)`.execute(handle.db);
    }
    await sql`insert into probe_rollup_dirty (probe_id, bucket_at) values (${A}, '2026-10-22T23:55:00Z'), (${A}, '2026-10-23T00:00:00Z')`.execute(handle.db);

    // raw: 30 days before 22 Nov is 23 Oct; roll-ups: 50 days before is 3 Oct
    const summary = await applyResultsRetention(handle.db, new Date('2026-11-22T05:00:00Z'), { rawDays: 30, rollupDays: 50 });

    expect(summary).toEqual({
      droppedPartitions: [
        'probe_results_p20261001',
        'probe_results_p20261002',
        'probe_results_p20261003',
        'probe_results_p20261004',
        'probe_rollups_5m_p20261001',
        'probe_rollups_5m_p20261002',
      ],
      deletedHourly: 1,
      deletedDaily: 1,
      deletedDirty: 1,
    });
    expect(await listPartitions(handle.db, 'probe_results')).toEqual(['probe_results_p20261122']);
    expect(await listPartitions(handle.db, 'probe_rollups_5m')).toEqual(['probe_rollups_5m_p20261003', 'probe_rollups_5m_p20261004', 'probe_rollups_5m_p20261122']);
    expect(await bucketsOf('probe_rollups_1h')).toEqual(['2026-10-03T00:00:00.000Z']);
    expect(await bucketsOf('probe_rollups_1d')).toEqual(['2026-10-03T00:00:00.000Z']);
    expect(await bucketsOf('probe_rollup_dirty')).toEqual(['2026-10-23T00:00:00.000Z']);

    // nothing left to do the second time
    expect((await applyResultsRetention(handle.db, new Date('2026-11-22T05:00:00Z'), { rawDays: 30, rollupDays: 50 })).droppedPartitions).toEqual([]);
  });
});
