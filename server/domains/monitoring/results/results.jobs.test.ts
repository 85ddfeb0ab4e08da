import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../platform/clock.ts';
import type { DbHandle } from '../../../platform/db.ts';
import { createLogger } from '../../../platform/log.ts';
import { listPartitions } from './partitions.ts';
import { insertResults } from './results-writer.ts';
import { openResultsDb, resultOf } from './results.fixtures.ts';
import { RESULTS_JOBS, resultsJobHandlers } from './results.jobs.ts';

let handle: DbHandle;
const ctx = { jobId: 1, attempt: 1, signal: new AbortController().signal };

beforeAll(async () => {
  handle = await openResultsDb();
});
afterAll(() => handle.close());

describe('resultsJobHandlers', () => {
  it('creates partitions, rolls up and applies retention at the clock\'s time', async () => {
    const clock = fixedClock('2026-11-22T10:00:00Z');
    const handlers = resultsJobHandlers({ db: handle.db, clock, log: createLogger('silent'), retention: { rawDays: 30, rollupDays: 400 } });
    expect(Object.keys(handlers).sort()).toEqual([RESULTS_JOBS.partitions.kind, RESULTS_JOBS.retention.kind, RESULTS_JOBS.rollUp.kind]);

    await handlers[RESULTS_JOBS.partitions.kind]!({}, ctx);
    expect(await listPartitions(handle.db, 'probe_results')).toEqual(['probe_results_p20261122', 'probe_results_p20261123', 'probe_results_p20261124', 'probe_results_p20261125']);

    const probe = '00000000-0000-4000-8000-00000000000a';
    await insertResults(handle.db, [resultOf(probe, '00000000-0000-4000-8000-0000000000aa', '2026-11-22T09:50:00Z')]);
    await handlers[RESULTS_JOBS.rollUp.kind]!({}, ctx);
    expect(await handle.db.selectFrom('monitoringWatermarks').select(['name', 'reachedAt']).orderBy('name').execute()).toEqual([
      { name: 'rollup_1d', reachedAt: new Date('2026-11-21T16:00:00Z') },
      { name: 'rollup_1h', reachedAt: new Date('2026-11-22T09:00:00Z') },
      { name: 'rollup_5m', reachedAt: new Date('2026-11-22T09:55:00Z') },
    ]);

    clock.set('2026-12-24T10:00:00Z');
    await handlers[RESULTS_JOBS.retention.kind]!({}, ctx);
    // 30 days before 24 Dec is 24 Nov: the days of 22 and 23 Nov go
    expect(await listPartitions(handle.db, 'probe_results')).toEqual(['probe_results_p20261124', 'probe_results_p20261125']);
  });
});
