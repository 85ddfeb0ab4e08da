import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../../platform/db.ts';
import { insertResults } from './results-writer.ts';
import { openResultsDb, resultOf } from './results.fixtures.ts';
import { rollUp } from './rollups.ts';
import { latencySeries, seriesGrain, sparklines, uptimeRatios } from './series.ts';

let handle: DbHandle;
const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const C = '00000000-0000-4000-8000-00000000000c';
const ORG = '00000000-0000-4000-8000-0000000000aa';
const DAY = 86_400_000;

beforeAll(async () => {
  handle = await openResultsDb();
});
afterAll(() => handle.close());
beforeEach(async () => {
  await sql`truncate probe_results, probe_rollups_5m, probe_rollups_1h, probe_rollups_1d, probe_rollup_dirty, monitoring_watermarks`.execute(handle.db);
});

const at = (iso: string) => new Date(`2026-11-22T${iso}Z`);
const up = (probeId: string, when: string | Date, latencyMs = 10) => resultOf(probeId, ORG, when, { latencyMs });
const down = (probeId: string, when: string | Date) => resultOf(probeId, ORG, when, { status: 'down', latencyMs: 999 });

describe('seriesGrain', () => {
  it('reads raw up to 6 h, 5-minute buckets up to 7 d, hours up to 90 d, days beyond', () => {
    const from = at('00:00:00');
    const span = (ms: number) => seriesGrain(from, new Date(from.getTime() + ms));
    expect([span(6 * 3_600_000), span(6 * 3_600_000 + 1), span(7 * DAY), span(7 * DAY + 1), span(90 * DAY), span(90 * DAY + 1)]).toEqual(['raw', '5m', '5m', '1h', '1h', '1d']);
  });
});

describe('latencySeries', () => {
  it('returns raw results for short spans, without the latency of failed checks', async () => {
    await insertResults(handle.db, [up(A, at('10:00:00'), 12), down(A, at('10:01:00')), up(B, at('10:02:00'))]);
    const { grain, points } = await latencySeries(handle.db, A, at('09:00:00'), at('11:00:00'));
    expect(grain).toBe('raw');
    expect(points).toEqual([
      { at: at('10:00:00'), latencyAvg: 12, latencyMax: 12, latencyP95: 12, total: 1, successes: 1 },
      { at: at('10:01:00'), latencyAvg: null, latencyMax: null, latencyP95: null, total: 1, successes: 0 },
    ]);
  });

  it('reads roll-ups, and aggregates raw results for buckets not rolled up yet', async () => {
    await insertResults(handle.db, [up(A, at('10:00:00'), 10), up(A, at('10:01:00'), 30), down(A, at('10:02:00'))]);
    await rollUp(handle.db, at('10:11:00')); // 5-minute watermark 10:10
    await insertResults(handle.db, [up(A, at('10:10:30'), 40), up(A, at('10:12:00'), 60)]);
    const { grain, points } = await latencySeries(handle.db, A, at('00:00:00'), at('23:59:00'));
    expect(grain).toBe('5m');
    expect(points).toEqual([
      { at: at('10:00:00'), latencyAvg: 20, latencyMax: 30, latencyP95: 29, total: 3, successes: 2 },
      { at: at('10:10:00'), latencyAvg: 50, latencyMax: 60, latencyP95: 59, total: 2, successes: 2 },
    ]);
  });
});

describe('sparklines', () => {
  it('gives the last 24 hourly points per probe: roll-ups, then raw for hours not rolled up', async () => {
    await insertResults(handle.db, [
      up(A, '2026-11-21T12:59:00Z'), // before the 24 hours
      up(A, at('10:15:00'), 10),
      up(A, at('10:45:00'), 30),
      up(A, at('11:30:00'), 50),
      up(A, at('12:10:00'), 70),
      down(B, at('12:10:00')),
    ]);
    await rollUp(handle.db, at('11:50:00')); // hourly watermark 11:00: hours 11 and 12 still raw

    const lines = await sparklines(handle.db, [A, B, C], at('12:20:00'));

    expect(lines.get(A)!.map((p) => [p.at.toISOString().slice(11, 16), p.total, p.latencyAvg])).toEqual([
      ['10:00', 2, 20],
      ['11:00', 1, 50],
      ['12:00', 1, 70],
    ]);
    expect(lines.get(B)).toEqual([{ at: at('12:00:00'), latencyAvg: null, latencyMax: null, latencyP95: null, total: 1, successes: 0 }]);
    expect(lines.get(C)).toEqual([]);
  });

  it('refuses more than 100 probes', async () => {
    await expect(sparklines(handle.db, Array.from({ length: 101 }, () => A), at('12:00:00'))).rejects.toMatchObject({ code: 'probe_results.too_many_probes' });
  });
});

describe('uptimeRatios', () => {
  it('adds up roll-ups and the raw tail over 24 hours and 30 days', async () => {
    await insertResults(handle.db, [
      up(A, '2026-11-10T10:00:00Z'), up(A, '2026-11-10T10:01:00Z'), down(A, '2026-11-10T10:02:00Z'), down(A, '2026-11-10T10:03:00Z'), // 30 d only
      up(A, '2026-11-21T12:30:00Z'), up(A, '2026-11-21T12:31:00Z'),
      up(A, at('10:00:00')), down(A, at('10:01:00')), // rolled into hours
      up(A, at('11:30:00')), // after the hourly watermark: from 5-minute roll-ups
      down(A, at('11:58:00')), // not rolled up at all
    ]);
    const now = at('12:00:00');
    await rollUp(handle.db, now, { maxSpanMs: 30 * DAY, chunkMs: DAY });

    const ratios = await uptimeRatios(handle.db, [A, C], now);

    // 24 h: 2 + 2 + 1 + 1 results, 4 successful; 30 d: 4 more, 2 of them successful
    expect(ratios.get(A)).toEqual({ ratio24h: 4 / 6, ratio30d: 6 / 10 });
    expect(ratios.get(C)).toEqual({ ratio24h: null, ratio30d: null });
  });
});
