import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../../platform/db.ts';
import { dropPartitionsBefore, ensurePartitions, listPartitions } from './partitions.ts';
import { insertResults } from './results-writer.ts';
import { openResultsDb, resultOf } from './results.fixtures.ts';

let handle: DbHandle;
const PROBE = '00000000-0000-4000-8000-000000000001';
const ORG = '00000000-0000-4000-8000-0000000000aa';

beforeAll(async () => {
  handle = await openResultsDb();
});
afterAll(() => handle.close());
beforeEach(async () => {
  for (const table of ['probe_results', 'probe_rollups_5m'] as const) {
    for (const name of await listPartitions(handle.db, table)) await sql`drop table ${sql.raw(name)}`.execute(handle.db);
  }
  await sql`truncate probe_results, probe_rollups_5m`.execute(handle.db);
});

const count = async (table: string) => (await sql<{ n: number }>`select count(*)::int as n from ${sql.raw(table)}`.execute(handle.db)).rows[0]!.n;

describe('ensurePartitions', () => {
  it('creates one partition per UTC day from today to today + daysAhead, for raw results and 5-minute roll-ups', async () => {
    // 23:30 in Shanghai is still 15:30 UTC on the 22nd: partitions follow UTC days
    const created = await ensurePartitions(handle.db, new Date('2026-11-22T15:30:00Z'), { daysAhead: 2 });
    expect(created).toEqual([
      'probe_results_p20261122',
      'probe_results_p20261123',
      'probe_results_p20261124',
      'probe_rollups_5m_p20261122',
      'probe_rollups_5m_p20261123',
      'probe_rollups_5m_p20261124',
    ]);
    expect(await listPartitions(handle.db, 'probe_results')).toEqual(['probe_results_p20261122', 'probe_results_p20261123', 'probe_results_p20261124']);
  });

  it('is idempotent: a second run creates nothing', async () => {
    await ensurePartitions(handle.db, new Date('2026-11-22T08:00:00Z'));
    expect(await ensurePartitions(handle.db, new Date('2026-11-22T09:00:00Z'))).toEqual([]);
    // the next day adds only the new last day
    expect(await ensurePartitions(handle.db, new Date('2026-11-23T00:00:00Z'))).toEqual(['probe_results_p20261126', 'probe_rollups_5m_p20261126']);
  });

  it('lets racing workers create each partition exactly once', async () => {
    const now = new Date('2026-11-22T08:00:00Z');
    const runs = await Promise.all([ensurePartitions(handle.db, now), ensurePartitions(handle.db, now), ensurePartitions(handle.db, now)]);
    expect(runs.flat().sort()).toEqual((await listPartitions(handle.db, 'probe_results')).concat(await listPartitions(handle.db, 'probe_rollups_5m')).sort());
    expect(await listPartitions(handle.db, 'probe_results')).toHaveLength(4);
  });

  it('moves rows of a new day out of the default partition into it', async () => {
    await insertResults(handle.db, [resultOf(PROBE, ORG, '2026-11-23T01:00:00Z'), resultOf(PROBE, ORG, '2026-11-23T23:59:59.999Z'), resultOf(PROBE, ORG, '2026-11-30T00:00:00Z')]);
    await sql`insert into probe_rollups_5m (probe_id, org_id, bucket_at, total, successes, degraded, maintenance) values (${PROBE}, ${ORG}, '2026-11-23T01:00:00Z', 1, 1, 0, 0)`.execute(handle.db);
    expect(await count('probe_results_default')).toBe(3);

    await ensurePartitions(handle.db, new Date('2026-11-22T08:00:00Z'), { daysAhead: 1 });

    expect(await count('probe_results_p20261123')).toBe(2);
    expect(await count('probe_results_default')).toBe(1); // the 30th has no partition yet
    expect(await count('probe_rollups_5m_p20261123')).toBe(1);
    expect(await count('probe_rollups_5m_default')).toBe(0);
    expect(await count('probe_results')).toBe(3);
  });
});

describe('dropPartitionsBefore', () => {
  it('drops only partitions whose whole day lies before the cutoff, and old rows of the default partition', async () => {
    await ensurePartitions(handle.db, new Date('2026-11-20T00:00:00Z'), { daysAhead: 3 });
    await insertResults(handle.db, [resultOf(PROBE, ORG, '2026-11-10T00:00:00Z'), resultOf(PROBE, ORG, '2026-11-21T12:00:00Z'), resultOf(PROBE, ORG, '2026-11-22T12:00:00Z')]);

    const dropped = await dropPartitionsBefore(handle.db, 'probe_results', new Date('2026-11-22T00:00:00Z'));

    expect(dropped).toEqual(['probe_results_p20261120', 'probe_results_p20261121']);
    expect(await listPartitions(handle.db, 'probe_results')).toEqual(['probe_results_p20261122', 'probe_results_p20261123']);
    expect(await count('probe_results_default')).toBe(0);
    expect(await count('probe_results')).toBe(1);
    expect(await listPartitions(handle.db, 'probe_rollups_5m')).toHaveLength(4);
  });
});
