import { describe, expect, it } from 'vitest';
import { Recurrence } from '../../../../shared/schemas/maintenance-windows.ts';
import { isInMaintenance, MAX_OCCURRENCES, mergeIntervals, nextOccurrence, occurrences, type Interval, type WindowTiming } from './occurrences.ts';

const d = (iso: string) => new Date(iso);
const iso = (list: Interval[]) => list.map((i) => [i.start.toISOString(), i.end.toISOString()]);
const series = (startsAt: string, endsAt: string, recurrence: unknown, cancelledAt?: string): WindowTiming => ({
  startsAt: d(startsAt),
  endsAt: d(endsAt),
  recurrence: Recurrence.parse(recurrence),
  cancelledAt: cancelledAt ? d(cancelledAt) : null,
});

describe('occurrences of a one-off window', () => {
  const w: WindowTiming = { startsAt: d('2026-12-01T02:00:00Z'), endsAt: d('2026-12-01T04:00:00Z'), recurrence: null };

  it('is the window itself when it lies inside the range', () => {
    expect(iso(occurrences(w, d('2026-12-01T00:00:00Z'), d('2026-12-02T00:00:00Z')))).toEqual([['2026-12-01T02:00:00.000Z', '2026-12-01T04:00:00.000Z']]);
  });

  it('is clipped to the range on either side, and empty outside it', () => {
    expect(iso(occurrences(w, d('2026-12-01T03:00:00Z'), d('2026-12-01T03:30:00Z')))).toEqual([['2026-12-01T03:00:00.000Z', '2026-12-01T03:30:00.000Z']]);
    expect(occurrences(w, d('2026-12-01T04:00:00Z'), d('2026-12-02T00:00:00Z'))).toEqual([]);
    expect(occurrences(w, d('2026-11-30T00:00:00Z'), d('2026-12-01T02:00:00Z'))).toEqual([]);
  });

  it('stops at cancellation, and a window cancelled before it began never happens', () => {
    expect(iso(occurrences({ ...w, cancelledAt: d('2026-12-01T03:00:00Z') }, d('2026-12-01T00:00:00Z'), d('2026-12-02T00:00:00Z')))).toEqual([['2026-12-01T02:00:00.000Z', '2026-12-01T03:00:00.000Z']]);
    expect(occurrences({ ...w, cancelledAt: d('2026-11-30T00:00:00Z') }, d('2026-12-01T00:00:00Z'), d('2026-12-02T00:00:00Z'))).toEqual([]);
  });
});

describe('occurrences of a daily window', () => {
  // 23:00–01:00 Beijing time every night, in force for three nights.
  const nightly = series('2026-12-01T00:00:00+08:00', '2026-12-04T00:00:00+08:00', { freq: 'daily', time: '23:00', durationMinutes: 120 });

  it('crosses midnight in its own time zone, starting with the first occurrence inside the series', () => {
    expect(iso(occurrences(nightly, d('2026-11-30T00:00:00Z'), d('2026-12-10T00:00:00Z')))).toEqual([
      ['2026-12-01T15:00:00.000Z', '2026-12-01T17:00:00.000Z'],
      ['2026-12-02T15:00:00.000Z', '2026-12-02T17:00:00.000Z'],
      // the third night is cut at the end of the series' validity (00:00 local = 16:00Z)
      ['2026-12-03T15:00:00.000Z', '2026-12-03T16:00:00.000Z'],
    ]);
  });

  it('includes an occurrence that began before the range, clipped to it', () => {
    expect(iso(occurrences(nightly, d('2026-12-01T16:00:00Z'), d('2026-12-02T00:00:00Z')))).toEqual([['2026-12-01T16:00:00.000Z', '2026-12-01T17:00:00.000Z']]);
  });

  it('defaults to Asia/Shanghai and counts 365 occurrences over a year', () => {
    const year = series('2026-01-01T00:00:00+08:00', '2027-01-01T00:00:00+08:00', { freq: 'daily', time: '02:00', durationMinutes: 30 });
    const list = occurrences(year, d('2025-01-01T00:00:00Z'), d('2028-01-01T00:00:00Z'));
    expect(list).toHaveLength(365);
    expect(list[0]!.start.toISOString()).toBe('2025-12-31T18:00:00.000Z');
  });

  it('keeps local wall-clock time across DST changes, and resolves skipped and repeated times', () => {
    const ny = series('2026-03-07T00:00:00Z', '2026-11-03T00:00:00Z', { freq: 'daily', time: '02:30', durationMinutes: 60, timeZone: 'America/New_York' });
    // 8 March 2026: 02:00 → 03:00, so 02:30 does not exist and moves forward to 03:30 EDT.
    expect(iso(occurrences(ny, d('2026-03-07T00:00:00Z'), d('2026-03-10T00:00:00Z')))).toEqual([
      ['2026-03-07T07:30:00.000Z', '2026-03-07T08:30:00.000Z'],
      ['2026-03-08T07:30:00.000Z', '2026-03-08T08:30:00.000Z'],
      ['2026-03-09T06:30:00.000Z', '2026-03-09T07:30:00.000Z'],
    ]);
    const early = series('2026-10-30T00:00:00Z', '2026-11-03T00:00:00Z', { freq: 'daily', time: '01:30', durationMinutes: 60, timeZone: 'America/New_York' });
    // 1 November 2026: 02:00 → 01:00, so 01:30 happens twice; the first (EDT) one counts, and lasts 60 real minutes.
    expect(iso(occurrences(early, d('2026-10-31T00:00:00Z'), d('2026-11-03T00:00:00Z')))).toEqual([
      ['2026-10-31T05:30:00.000Z', '2026-10-31T06:30:00.000Z'],
      ['2026-11-01T05:30:00.000Z', '2026-11-01T06:30:00.000Z'],
      ['2026-11-02T06:30:00.000Z', '2026-11-02T07:30:00.000Z'],
    ]);
  });
});

describe('occurrences of a weekly window', () => {
  it('falls on Saturdays and Sundays only', () => {
    const weekend = series('2026-11-23T00:00:00+08:00', '2026-12-07T00:00:00+08:00', { freq: 'weekly', weekdays: [6, 7], time: '02:00', durationMinutes: 240 });
    const starts = occurrences(weekend, d('2026-11-01T00:00:00Z'), d('2026-12-31T00:00:00Z')).map((o) => o.start.toISOString());
    // 28/29 Nov and 5/6 Dec 2026 are Saturday/Sunday; 02:00 +08:00 is 18:00Z the day before.
    expect(starts).toEqual(['2026-11-27T18:00:00.000Z', '2026-11-28T18:00:00.000Z', '2026-12-04T18:00:00.000Z', '2026-12-05T18:00:00.000Z']);
  });

  it('merges occurrences that overlap into one interval', () => {
    const long = series('2026-11-23T00:00:00+08:00', '2026-12-07T00:00:00+08:00', { freq: 'weekly', weekdays: [6, 7], time: '00:00', durationMinutes: 2 * 24 * 60 });
    expect(iso(occurrences(long, d('2026-11-27T00:00:00Z'), d('2026-12-02T00:00:00Z')))).toEqual([['2026-11-27T16:00:00.000Z', '2026-11-30T16:00:00.000Z']]);
  });
});

describe('occurrences of a monthly window', () => {
  const monthEnd = series('2026-01-01T00:00:00+08:00', '2026-07-01T00:00:00+08:00', { freq: 'monthly', monthDay: 31, time: '22:00', durationMinutes: 60 });

  it('clamps the 31st to the last day of shorter months rather than skipping them', () => {
    const days = occurrences(monthEnd, d('2025-12-01T00:00:00Z'), d('2026-08-01T00:00:00Z')).map((o) => new Date(o.start.getTime() + 8 * 3_600_000).toISOString().slice(0, 10));
    expect(days).toEqual(['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31', '2026-06-30']);
  });

  it('finds the next occurrence weeks ahead, or the one in progress', () => {
    expect(nextOccurrence(monthEnd, d('2026-04-01T00:00:00Z'))).toEqual({ start: d('2026-04-30T14:00:00Z'), end: d('2026-04-30T15:00:00Z') });
    expect(nextOccurrence(monthEnd, d('2026-04-30T14:30:00Z'))).toEqual({ start: d('2026-04-30T14:00:00Z'), end: d('2026-04-30T15:00:00Z') });
    expect(nextOccurrence(monthEnd, d('2026-07-01T00:00:00Z'))).toBeNull();
  });
});

describe('isInMaintenance', () => {
  const weekend = series('2026-11-23T00:00:00+08:00', '2026-12-31T00:00:00+08:00', { freq: 'weekly', weekdays: [7], time: '02:00', durationMinutes: 60 });
  const oneOff: WindowTiming = { startsAt: d('2026-11-25T10:00:00Z'), endsAt: d('2026-11-25T11:00:00Z'), recurrence: null };

  it('is true inside an occurrence of any window and false at its end', () => {
    expect(isInMaintenance([oneOff, weekend], d('2026-11-28T18:30:00Z'))).toBe(true);
    expect(isInMaintenance([oneOff, weekend], d('2026-11-25T10:59:59Z'))).toBe(true);
    expect(isInMaintenance([oneOff, weekend], d('2026-11-25T11:00:00Z'))).toBe(false);
    expect(isInMaintenance([oneOff, weekend], d('2026-11-28T19:00:00Z'))).toBe(false);
    expect(isInMaintenance([], d('2026-11-28T18:30:00Z'))).toBe(false);
  });

  it('is false once the window was cancelled', () => {
    expect(isInMaintenance([{ ...weekend, cancelledAt: d('2026-11-28T18:10:00Z') }], d('2026-11-28T18:30:00Z'))).toBe(false);
  });
});

describe('mergeIntervals', () => {
  it('joins overlapping and touching intervals, sorts, and drops empty ones', () => {
    const merged = mergeIntervals([
      { start: d('2026-01-01T05:00:00Z'), end: d('2026-01-01T06:00:00Z') },
      { start: d('2026-01-01T01:00:00Z'), end: d('2026-01-01T02:00:00Z') },
      { start: d('2026-01-01T02:00:00Z'), end: d('2026-01-01T03:00:00Z') },
      { start: d('2026-01-01T05:30:00Z'), end: d('2026-01-01T05:45:00Z') },
      { start: d('2026-01-01T08:00:00Z'), end: d('2026-01-01T08:00:00Z') },
    ]);
    expect(iso(merged)).toEqual([
      ['2026-01-01T01:00:00.000Z', '2026-01-01T03:00:00.000Z'],
      ['2026-01-01T05:00:00.000Z', '2026-01-01T06:00:00.000Z'],
    ]);
  });
});

describe('bounds', () => {
  it('returns at most MAX_OCCURRENCES for a very long series', () => {
    const decades = series('2000-01-01T00:00:00Z', '2100-01-01T00:00:00Z', { freq: 'daily', time: '03:00', durationMinutes: 10 });
    const started = performance.now();
    expect(occurrences(decades, d('2000-01-01T00:00:00Z'), d('2100-01-01T00:00:00Z'))).toHaveLength(MAX_OCCURRENCES);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
