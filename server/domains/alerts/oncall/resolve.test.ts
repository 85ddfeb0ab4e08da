import { isHoliday, isWorkday } from 'chinese-days';
import { describe, expect, it } from 'vitest';
import { OnCallSchedule } from '../../../../shared/schemas/oncall.ts';
import { AppError } from '../../../platform/errors.ts';
import { businessTimePredicate } from './calendar-adapter.ts';
import { MAKEUP_WORKDAYS, NATIONAL_DAY, byWorkCalendar, dayAndNight, hospitalCalendar, sh } from './oncall.fixtures.ts';
import { shiftsBetween, swapOverrides, whoIsOnCall, type ResolvedShift } from './resolve.ts';

const calendar = businessTimePredicate(hospitalCalendar);
const who = (s: OnCallSchedule, local: string) => whoIsOnCall(s, sh(local), calendar);
const iso = (s: ResolvedShift) => [s.userId, s.start.toISOString(), s.end.toISOString(), s.layer];

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

describe('whoIsOnCall: rotations', () => {
  it('hands the daily rotation over at 08:30 local, and nobody is on call before the start', () => {
    expect(who(dayAndNight, '2026-09-28 08:29')).toBeNull();
    expect(who(dayAndNight, '2026-09-28 08:30')).toEqual({ userId: 'zhang', layer: 0 });
    expect(who(dayAndNight, '2026-09-29 10:00')).toEqual({ userId: 'li', layer: 0 });
    expect(who(dayAndNight, '2026-09-30 17:29')).toEqual({ userId: 'wang', layer: 0 });
    expect(who(dayAndNight, '2026-10-01 08:30')).toEqual({ userId: 'zhang', layer: 0 });
  });

  it('hands the weekly rotation over on Monday 08:30', () => {
    expect(who(dayAndNight, '2026-10-04 23:00')).toEqual({ userId: 'night-a', layer: 1 });
    expect(who(dayAndNight, '2026-10-05 08:29')).toEqual({ userId: 'night-a', layer: 1 });
    expect(who(dayAndNight, '2026-10-05 20:00')).toEqual({ userId: 'night-b', layer: 1 });
    expect(who(dayAndNight, '2026-10-12 08:29')).toEqual({ userId: 'night-b', layer: 1 });
    expect(who(dayAndNight, '2026-10-12 18:00')).toEqual({ userId: 'night-a', layer: 1 });
  });

  it('lets the night layer override the day layer only inside its 17:30–08:30 window', () => {
    expect(who(dayAndNight, '2026-09-28 17:29')).toEqual({ userId: 'zhang', layer: 0 });
    expect(who(dayAndNight, '2026-09-28 17:30')).toEqual({ userId: 'night-a', layer: 1 });
    expect(who(dayAndNight, '2026-09-29 02:00')).toEqual({ userId: 'night-a', layer: 1 });
    expect(who(dayAndNight, '2026-09-29 08:30')).toEqual({ userId: 'li', layer: 0 });
  });

  it('starts a weekly rotation mid-week with a short first turn', () => {
    const s = OnCallSchedule.parse({
      layers: [{ name: 'w', participants: ['a', 'b'], kind: 'weekly', handoffTime: '09:00', handoffWeekday: 1, startDate: '2026-10-07' }],
    });
    expect(whoIsOnCall(s, sh('2026-10-07 09:00'))).toEqual({ userId: 'a', layer: 0 });
    expect(whoIsOnCall(s, sh('2026-10-12 08:59'))).toEqual({ userId: 'a', layer: 0 });
    expect(whoIsOnCall(s, sh('2026-10-12 09:00'))).toEqual({ userId: 'b', layer: 0 });
    expect(whoIsOnCall(s, sh('2026-10-19 09:00'))).toEqual({ userId: 'a', layer: 0 });
  });

  it('rotates a custom rotation every N hours of elapsed time', () => {
    const s = OnCallSchedule.parse({
      layers: [{ name: '12h', participants: ['a', 'b', 'c'], kind: 'custom', everyHours: 12, handoffTime: '08:00', startDate: '2026-10-01' }],
    });
    expect(whoIsOnCall(s, sh('2026-10-01 19:59'))?.userId).toBe('a');
    expect(whoIsOnCall(s, sh('2026-10-01 20:00'))?.userId).toBe('b');
    expect(whoIsOnCall(s, sh('2026-10-02 08:00'))?.userId).toBe('c');
    expect(whoIsOnCall(s, sh('2026-10-02 20:00'))?.userId).toBe('a');
  });
});

describe('whoIsOnCall: overrides and swaps', () => {
  const covered = OnCallSchedule.parse({
    ...dayAndNight,
    overrides: [{ userId: 'zhao', start: '2026-09-29T07:00:00+08:00', end: '2026-09-29T10:00:00+08:00', reason: '夜班交接延后' }],
  });

  it('lets an override span the 08:30 hand-off and both layers', () => {
    expect(who(covered, '2026-09-29 06:59')).toEqual({ userId: 'night-a', layer: 1 });
    expect(who(covered, '2026-09-29 08:00')).toEqual({ userId: 'zhao', layer: 'override' });
    expect(who(covered, '2026-09-29 09:00')).toEqual({ userId: 'zhao', layer: 'override' });
    expect(who(covered, '2026-09-29 10:00')).toEqual({ userId: 'li', layer: 0 });
  });

  it('shows the override as one shift across the hand-off', () => {
    const shifts = shiftsBetween(covered, sh('2026-09-29 00:00'), sh('2026-09-29 12:00'), calendar);
    expect(shifts.map(iso)).toEqual([
      ['night-a', '2026-09-28T16:00:00.000Z', '2026-09-28T23:00:00.000Z', 1],
      ['zhao', '2026-09-28T23:00:00.000Z', '2026-09-29T02:00:00.000Z', 'override'],
      ['li', '2026-09-29T02:00:00.000Z', '2026-09-29T04:00:00.000Z', 0],
    ]);
  });

  it('swaps two day shifts with two overrides', () => {
    const zhang = { userId: 'zhang', start: sh('2026-10-01 08:30'), end: sh('2026-10-01 17:30') };
    const li = { userId: 'li', start: sh('2026-10-02 08:30'), end: sh('2026-10-02 17:30') };
    const swapped = OnCallSchedule.parse({ ...dayAndNight, overrides: swapOverrides(zhang, li) });
    expect(who(swapped, '2026-10-01 12:00')).toEqual({ userId: 'li', layer: 'override' });
    expect(who(swapped, '2026-10-02 12:00')).toEqual({ userId: 'zhang', layer: 'override' });
    expect(who(swapped, '2026-10-02 18:00')).toEqual({ userId: 'night-a', layer: 1 });
  });

  it('lets a later override win over an earlier one', () => {
    const s = OnCallSchedule.parse({
      ...dayAndNight,
      overrides: [
        { userId: 'x', start: '2026-10-01T00:00:00+08:00', end: '2026-10-02T00:00:00+08:00' },
        { userId: 'y', start: '2026-10-01T12:00:00+08:00', end: '2026-10-01T13:00:00+08:00' },
      ],
    });
    expect(who(s, '2026-10-01 12:30')?.userId).toBe('y');
    expect(who(s, '2026-10-01 13:00')?.userId).toBe('x');
  });
});

describe('work-calendar restrictions', () => {
  it('uses the same 2026 dates as the chinese-days package', () => {
    for (const d of NATIONAL_DAY) expect(isHoliday(d), d).toBe(true);
    for (const d of MAKEUP_WORKDAYS) expect(isWorkday(d), d).toBe(true);
    expect(new Date('2026-10-10T12:00:00Z').getUTCDay()).toBe(6); // a Saturday
  });

  it('puts the off-hours layer on duty all day on National Day (a Thursday)', () => {
    expect(who(byWorkCalendar, '2026-09-30 10:00')?.layer).toBe(0);
    for (const t of ['2026-10-01 08:00', '2026-10-01 10:00', '2026-10-01 15:00', '2026-10-01 23:00']) {
      expect(who(byWorkCalendar, t)?.layer, t).toBe(1);
    }
  });

  it('puts the business-hours layer on duty on the 调休 working Saturday, except at lunch', () => {
    expect(who(byWorkCalendar, '2026-10-10 07:59')?.layer).toBe(1);
    expect(who(byWorkCalendar, '2026-10-10 08:00')?.layer).toBe(0);
    expect(who(byWorkCalendar, '2026-10-10 12:30')?.layer).toBe(1);
    expect(who(byWorkCalendar, '2026-10-10 17:29')?.layer).toBe(0);
    expect(who(byWorkCalendar, '2026-10-11 10:00')?.layer).toBe(1); // an ordinary Sunday
  });

  it('refuses a calendar-restricted schedule without a calendar', () => {
    const err = errorOf(() => whoIsOnCall(byWorkCalendar, sh('2026-10-10 10:00')));
    expect(err.code).toBe('oncall.calendar_required');
  });
});
