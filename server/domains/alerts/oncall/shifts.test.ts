import { describe, expect, it } from 'vitest';
import { OnCallLayer, OnCallOverride, OnCallSchedule, OnCallShift } from '../../../../shared/schemas/oncall.ts';
import { isWithinBusinessHours } from '../../calendars/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { businessTimePredicate } from './calendar-adapter.ts';
import { byWorkCalendar, dayAndNight, hospitalCalendar, sh } from './oncall.fixtures.ts';
import { shiftsBetween, whoIsOnCall, type ResolvedShift } from './resolve.ts';

const calendar = businessTimePredicate(hospitalCalendar);
const local = (d: Date, tz = 'Asia/Shanghai') =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: tz, dateStyle: 'short', timeStyle: 'short' }).format(d);
const brief = (s: ResolvedShift, tz?: string) => `${s.userId} ${local(s.start, tz)} → ${local(s.end, tz)} ${s.layer}`;

function expectContiguous(shifts: ResolvedShift[], from: Date, to: Date) {
  expect(shifts[0]!.start).toEqual(from);
  expect(shifts[shifts.length - 1]!.end).toEqual(to);
  for (let i = 1; i < shifts.length; i++) expect(shifts[i]!.start.getTime(), `gap or overlap before shift ${i}`).toBe(shifts[i - 1]!.end.getTime());
  for (const s of shifts) expect(s.end.getTime()).toBeGreaterThan(s.start.getTime());
}

/** whoIsOnCall at every `stepMinutes` must name the shift that covers that instant. */
function expectAgreesWithWho(schedule: OnCallSchedule, shifts: ResolvedShift[], from: Date, to: Date, stepMinutes: number) {
  for (let t = from.getTime(); t < to.getTime(); t += stepMinutes * 60_000) {
    const shift = shifts.find((s) => s.start.getTime() <= t && t < s.end.getTime());
    const answer = whoIsOnCall(schedule, new Date(t), calendar);
    expect(answer, new Date(t).toISOString()).toEqual(shift ? { userId: shift.userId, layer: shift.layer } : null);
  }
}

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

describe('shiftsBetween', () => {
  it('covers the National Day week by work calendar with no gaps and no overlaps', () => {
    const from = sh('2026-10-05 00:00');
    const to = sh('2026-10-12 00:00');
    const shifts = shiftsBetween(byWorkCalendar, from, to, calendar);
    expectContiguous(shifts, from, to);
    for (const s of shifts) OnCallShift.parse({ ...s, start: s.start.toISOString(), end: s.end.toISOString() });
    // Mon–Wed are holidays: the duty pair all the way (weekly hand-off Monday 08:30); Thu 10-08 is an ordinary workday.
    expect(shifts.slice(0, 6).map((s) => brief(s))).toEqual([
      'duty-b 2026-10-05 00:00 → 2026-10-05 08:30 1',
      'duty-a 2026-10-05 08:30 → 2026-10-08 08:00 1',
      'desk-1 2026-10-08 08:00 → 2026-10-08 08:30 0',
      'desk-2 2026-10-08 08:30 → 2026-10-08 12:00 0',
      'duty-a 2026-10-08 12:00 → 2026-10-08 13:30 1',
      'desk-2 2026-10-08 13:30 → 2026-10-08 17:30 0',
    ]);
    // The 调休 Saturday 10-10 works like a weekday; Sunday does not.
    expect(shifts.filter((s) => local(s.start).startsWith('2026-10-10') && s.layer === 0).map((s) => brief(s))).toEqual([
      'desk-1 2026-10-10 08:00 → 2026-10-10 08:30 0',
      'desk-2 2026-10-10 08:30 → 2026-10-10 12:00 0',
      'desk-2 2026-10-10 13:30 → 2026-10-10 17:30 0',
    ]);
    expect(shifts.filter((s) => local(s.start).startsWith('2026-10-11') && s.layer === 0)).toEqual([]);
    expectAgreesWithWho(byWorkCalendar, shifts, from, to, 7);
  });

  it('covers a week of the day/night schedule with an override, contiguous and consistent with whoIsOnCall', () => {
    const s = OnCallSchedule.parse({
      ...dayAndNight,
      overrides: [{ userId: 'zhao', start: '2026-10-06T07:00:00+08:00', end: '2026-10-06T10:00:00+08:00' }],
    });
    const from = sh('2026-10-05 00:00');
    const to = sh('2026-10-12 00:00');
    const shifts = shiftsBetween(s, from, to);
    expectContiguous(shifts, from, to);
    expect(shifts.filter((x) => x.layer === 'override').map((x) => brief(x))).toEqual(['zhao 2026-10-06 07:00 → 2026-10-06 10:00 override']);
    expectAgreesWithWho(s, shifts, from, to, 11);
  });

  it('gives the same shifts with the adapter change points and with a plain predicate', () => {
    const plain = (at: Date) => isWithinBusinessHours(hospitalCalendar, at);
    const from = sh('2026-09-18 00:00');
    const to = sh('2026-09-23 00:00'); // includes the 调休 Sunday 09-20
    expect(shiftsBetween(byWorkCalendar, from, to, plain)).toEqual(shiftsBetween(byWorkCalendar, from, to, calendar));
  });

  it('leaves a gap where no layer has anyone and returns nothing for an empty range', () => {
    const nightsOnly = OnCallSchedule.parse({ layers: [dayAndNight.layers[1]] });
    const shifts = shiftsBetween(nightsOnly, sh('2026-10-06 00:00'), sh('2026-10-07 00:00'));
    expect(shifts.map((x) => brief(x))).toEqual([
      'night-b 2026-10-06 00:00 → 2026-10-06 08:30 0',
      'night-b 2026-10-06 17:30 → 2026-10-07 00:00 0',
    ]);
    expect(shiftsBetween(nightsOnly, sh('2026-10-07 00:00'), sh('2026-10-06 00:00'))).toEqual([]);
  });

  it('refuses more shifts than the limit', () => {
    const hourly = OnCallSchedule.parse({ layers: [{ name: 'h', participants: ['a', 'b'], kind: 'custom', everyHours: 1, handoffTime: '00:00', startDate: '2026-01-01' }] });
    expect(shiftsBetween(hourly, sh('2026-10-01 00:00'), sh('2026-10-02 00:00'))).toHaveLength(24);
    expect(errorOf(() => shiftsBetween(hourly, sh('2026-10-01 00:00'), sh('2026-10-02 00:00'), undefined, { maxShifts: 10 })).code).toBe('oncall.too_many_shifts');
    expect(errorOf(() => shiftsBetween(hourly, sh('2026-01-01 00:00'), sh('2026-12-31 00:00'))).code).toBe('oncall.too_many_shifts');
  });
});

describe('DST safety (Europe/Berlin)', () => {
  const berlin = (hhmm: string, participants = ['a', 'b']) =>
    OnCallSchedule.parse({ timeZone: 'Europe/Berlin', layers: [{ name: 'd', participants, kind: 'daily', handoffTime: hhmm, startDate: '2026-03-27' }] });

  it('keeps the 08:30 hand-off on the wall clock: a 23-hour turn in spring and a 25-hour one in autumn', () => {
    const spring = shiftsBetween(berlin('08:30'), new Date('2026-03-28T07:30:00Z'), new Date('2026-03-30T06:30:00Z'));
    expect(spring.map((s) => [s.start.toISOString(), (s.end.getTime() - s.start.getTime()) / 3_600_000])).toEqual([
      ['2026-03-28T07:30:00.000Z', 23],
      ['2026-03-29T06:30:00.000Z', 24],
    ]);
    const autumn = shiftsBetween(berlin('08:30'), new Date('2026-10-24T06:30:00Z'), new Date('2026-10-26T07:30:00Z'));
    expect(autumn.map((s) => (s.end.getTime() - s.start.getTime()) / 3_600_000)).toEqual([25, 24]);
    expect(autumn.map((s) => brief(s, 'Europe/Berlin'))).toEqual(['b 2026-10-24 08:30 → 2026-10-25 08:30 0', 'a 2026-10-25 08:30 → 2026-10-26 08:30 0']);
  });

  it('hands off at the jump when the hand-off time does not exist, and at the first 02:30 when it occurs twice', () => {
    // 02:30 does not exist on 2026-03-29 (clocks jump 02:00 → 03:00 CET→CEST, at 01:00Z): b's turn of 03-28 runs to the jump.
    expect(whoIsOnCall(berlin('02:30'), new Date('2026-03-29T00:59:59Z'))?.userId).toBe('b');
    expect(whoIsOnCall(berlin('02:30'), new Date('2026-03-29T01:00:00Z'))?.userId).toBe('a');
    const gap = shiftsBetween(berlin('02:30'), new Date('2026-03-28T12:00:00Z'), new Date('2026-03-30T12:00:00Z'));
    expect(gap.map((s) => s.start.toISOString())).toEqual(['2026-03-28T12:00:00.000Z', '2026-03-29T01:00:00.000Z', '2026-03-30T00:30:00.000Z']);
    const overlap = shiftsBetween(berlin('02:30'), new Date('2026-10-24T12:00:00Z'), new Date('2026-10-25T12:00:00Z'));
    expect(overlap[1]!.start.toISOString()).toBe('2026-10-25T00:30:00.000Z'); // 02:30 CEST, the first of the two
  });
});

describe('OnCallSchedule schema', () => {
  it('defaults the zone to Asia/Shanghai and overrides to none', () => {
    const s = OnCallSchedule.parse({ layers: [{ name: 'd', participants: ['a'], kind: 'daily', handoffTime: '08:30', startDate: '2026-10-01' }] });
    expect(s.timeZone).toBe('Asia/Shanghai');
    expect(s.overrides).toEqual([]);
    expect(s.layers[0]!.restriction).toBeNull();
  });

  it('rejects incomplete rotations, backwards overrides, bad times and unknown zones', () => {
    const base = { name: 'x', participants: ['a'], handoffTime: '08:30', startDate: '2026-10-01' };
    expect(OnCallLayer.safeParse({ ...base, kind: 'weekly' }).error?.issues[0]?.path).toEqual(['handoffWeekday']);
    expect(OnCallLayer.safeParse({ ...base, kind: 'custom' }).error?.issues[0]?.path).toEqual(['everyHours']);
    expect(OnCallLayer.safeParse({ ...base, kind: 'daily', handoffTime: '24:00' }).success).toBe(false);
    expect(OnCallLayer.safeParse({ ...base, kind: 'daily', participants: [] }).success).toBe(false);
    expect(OnCallOverride.safeParse({ userId: 'a', start: '2026-10-02T00:00:00+08:00', end: '2026-10-01T00:00:00+08:00' }).success).toBe(false);
    expect(OnCallSchedule.safeParse({ timeZone: 'Mars/Olympus', layers: [{ ...base, kind: 'daily' }] }).success).toBe(false);
  });
});
