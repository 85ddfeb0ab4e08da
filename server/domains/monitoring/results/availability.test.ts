import { describe, expect, it } from 'vitest';
import { assetAvailabilityOf, mergeSpans, probeAvailability, subtractSpans, type OutageRecord } from './availability.ts';

// November 2026 in Asia/Shanghai: 30 days = 2,592,000 s, from 1 Nov 00:00 +08 to 1 Dec 00:00 +08.
const from = new Date('2026-10-31T16:00:00Z');
const to = new Date('2026-11-30T16:00:00Z');
const after = new Date('2026-12-05T00:00:00Z');
const t = (iso: string) => new Date(`2026-11-10T${iso}Z`);
const down = (start: Date, end: Date | null, state = 'down'): OutageRecord => ({ start, end, state, cause: null });

describe('probeAvailability', () => {
  it('allows 2,592 s of downtime in a 30-day month at 99.9 %', () => {
    expect(probeAvailability({ from, to, now: after, outages: [], maintenance: [], target: 99.9 })).toEqual({
      periodSeconds: 2_592_000,
      maintenanceSeconds: 0,
      downtimeSeconds: 0,
      availabilityPct: 100,
      target: 99.9,
      meetsTarget: true,
      budgetSeconds: 2592,
      remainingBudgetSeconds: 2592,
      outages: [],
    });
    expect(probeAvailability({ from, to, now: after, outages: [], maintenance: [], target: 99.95 }).budgetSeconds).toBe(1296);
  });

  it('does not count the part of an outage inside maintenance, and shrinks the budget by the maintenance', () => {
    // a 10-minute outage 02:00–02:10; maintenance 02:06–02:36 covers its last 4 minutes
    const a = probeAvailability({ from, to, now: after, outages: [down(t('02:00:00'), t('02:10:00'))], maintenance: [{ start: t('02:06:00'), end: t('02:36:00') }], target: 99.9 });
    // net period 2,592,000 − 1,800 = 2,590,200 s; budget 0.1 % of it = 2,590.2 s; 100 × (1 − 360 / 2,590,200) = 99.98610…
    expect(a).toMatchObject({ maintenanceSeconds: 1800, downtimeSeconds: 360, budgetSeconds: 2590.2, remainingBudgetSeconds: 2230.2, availabilityPct: 99.9861, meetsTarget: true });
    // the outage itself is listed whole
    expect(a.outages).toEqual([{ start: t('02:00:00'), end: t('02:10:00'), state: 'down', cause: null, durationSeconds: 600 }]);
  });

  it('counts overlapping outages once', () => {
    const a = probeAvailability({ from, to, now: after, outages: [down(t('02:00:00'), t('02:20:00')), down(t('02:10:00'), t('02:30:00'), 'unreachable')], maintenance: [], target: 99.9 });
    // 02:00–02:30 = 1,800 s; 100 × (1 − 1,800 / 2,592,000) = 99.93055…
    expect(a).toMatchObject({ downtimeSeconds: 1800, availabilityPct: 99.9306, remainingBudgetSeconds: 792 });
    expect(a.outages.map((o) => o.durationSeconds)).toEqual([1200, 1200]);
  });

  it('counts overlapping maintenance windows once', () => {
    const a = probeAvailability({ from, to, now: after, outages: [], maintenance: [{ start: t('03:00:00'), end: t('04:00:00') }, { start: t('03:30:00'), end: t('04:30:00') }], target: 99.9 });
    expect(a.maintenanceSeconds).toBe(5400);
  });

  it('meets the target when the downtime equals the budget exactly, and misses it one second later', () => {
    const exactly = probeAvailability({ from, to, now: after, outages: [down(t('02:00:00'), t('02:43:12'))], maintenance: [], target: 99.9 });
    expect(exactly).toMatchObject({ downtimeSeconds: 2592, availabilityPct: 99.9, meetsTarget: true, remainingBudgetSeconds: 0 });
    const over = probeAvailability({ from, to, now: after, outages: [down(t('02:00:00'), t('02:43:13'))], maintenance: [], target: 99.9 });
    expect(over).toMatchObject({ downtimeSeconds: 2593, meetsTarget: false, remainingBudgetSeconds: -1 });
  });

  it('runs an ongoing outage up to now and rates the month so far, against the whole month\'s budget', () => {
    // 15 days elapsed (1,296,000 s); down since an hour ago
    const now = new Date('2026-11-15T16:00:00Z');
    const a = probeAvailability({ from, to, now, outages: [down(new Date('2026-11-15T15:00:00Z'), null)], maintenance: [], target: 99.9 });
    // 100 × (1 − 3,600 / 1,296,000) = 99.72222…; the month allows 2,592 s: 1,008 s overspent
    expect(a).toMatchObject({ periodSeconds: 2_592_000, downtimeSeconds: 3600, availabilityPct: 99.7222, meetsTarget: false, budgetSeconds: 2592, remainingBudgetSeconds: -1008 });
    expect(a.outages).toEqual([{ start: new Date('2026-11-15T15:00:00Z'), end: null, state: 'down', cause: null, durationSeconds: 3600 }]);
  });

  it('clips outages to the period', () => {
    // from 31 Oct 23:00 to 1 Nov 01:00 Shanghai time: one hour of it falls in November
    const a = probeAvailability({ from, to, now: after, outages: [down(new Date('2026-10-31T15:00:00Z'), new Date('2026-10-31T17:00:00Z'))], maintenance: [], target: 99.9 });
    expect(a.downtimeSeconds).toBe(3600);
    expect(a.outages[0]).toMatchObject({ start: from, end: new Date('2026-10-31T17:00:00Z'), durationSeconds: 3600 });
  });

  it('reports 100 % for a period that has not begun', () => {
    const a = probeAvailability({ from, to, now: new Date('2026-10-01T00:00:00Z'), outages: [], maintenance: [], target: 99.9 });
    expect(a).toMatchObject({ availabilityPct: 100, meetsTarget: true, budgetSeconds: 2592 });
  });
});

describe('assetAvailabilityOf', () => {
  it('is down while any probe is down outside its own maintenance, against the strictest target', () => {
    const a = assetAvailabilityOf({
      from,
      to,
      now: after,
      probes: [
        { probeId: 'p', target: 99.9, outages: [down(t('02:00:00'), t('02:10:00'))], maintenance: [] },
        // q is down 02:05–02:20 but in maintenance from 02:15
        { probeId: 'q', target: 99.95, outages: [down(t('02:05:00'), t('02:20:00'))], maintenance: [{ start: t('02:15:00'), end: t('02:30:00') }] },
      ],
    });
    // union of 02:00–02:10 and 02:05–02:15 = 900 s; 99.95 % of 2,592,000 s allows 1,296 s
    expect(a).toMatchObject({ target: 99.95, downtimeSeconds: 900, maintenanceSeconds: 0, availabilityPct: 99.9653, budgetSeconds: 1296, remainingBudgetSeconds: 396, meetsTarget: true });
    expect(a.outages.map((o) => [o.probeId, o.durationSeconds])).toEqual([['p', 600], ['q', 900]]);
  });

  it('is in maintenance only while all of its probes are', () => {
    const a = assetAvailabilityOf({
      from,
      to,
      now: after,
      probes: [
        { probeId: 'p', target: 99.9, outages: [], maintenance: [{ start: t('03:00:00'), end: t('04:00:00') }] },
        { probeId: 'q', target: 99.9, outages: [], maintenance: [{ start: t('03:30:00'), end: t('05:00:00') }] },
      ],
    });
    expect(a.maintenanceSeconds).toBe(1800);
  });
});

describe('interval helpers', () => {
  it('merges overlapping and touching spans', () => {
    expect(mergeSpans([[5, 8], [1, 3], [3, 4], [7, 10]])).toEqual([[1, 4], [5, 10]]);
  });
  it('subtracts spans, splitting where needed', () => {
    expect(subtractSpans([[0, 10], [20, 30]], [[2, 4], [8, 22], [25, 26]])).toEqual([[0, 2], [4, 8], [22, 25], [26, 30]]);
  });
});
