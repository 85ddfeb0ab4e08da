import { describe, expect, it } from 'vitest';
import {
  ALWAYS_ON,
  addBusinessMinutes,
  businessMinutesBetween,
  formatDayRanges,
  isWithinBusinessHours,
  parseDayRanges,
  workingRangesOn,
  type BusinessCalendar,
  type CalendarException,
  type DayRanges,
} from './business-time.ts';

// ---- fixtures ---------------------------------------------------------------------------------------------------

/** Inclusive list of YYYY-MM-DD dates. */
function dateRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

// 2025 and 2026 arrangements typed in from the State Council notices (not taken from chinese-days on purpose).
const CN_HOLIDAYS: Array<[string, string, string]> = [
  ['元旦', '2025-01-01', '2025-01-01'],
  ['春节', '2025-01-28', '2025-02-04'],
  ['清明', '2025-04-04', '2025-04-06'],
  ['劳动节', '2025-05-01', '2025-05-05'],
  ['端午', '2025-05-31', '2025-06-02'],
  ['国庆节、中秋节', '2025-10-01', '2025-10-08'],
  ['元旦', '2026-01-01', '2026-01-03'],
  ['春节', '2026-02-15', '2026-02-23'],
  ['清明', '2026-04-04', '2026-04-06'],
  ['劳动节', '2026-05-01', '2026-05-05'],
  ['端午', '2026-06-19', '2026-06-21'],
  ['中秋', '2026-09-25', '2026-09-27'],
  ['国庆节', '2026-10-01', '2026-10-07'],
];
const CN_MAKEUP_DAYS: Array<[string, string]> = [
  ['春节', '2025-01-26'],
  ['春节', '2025-02-08'],
  ['劳动节', '2025-04-27'],
  ['国庆节', '2025-09-28'],
  ['国庆节', '2025-10-11'],
  ['元旦', '2026-01-04'],
  ['春节', '2026-02-14'],
  ['春节', '2026-02-28'],
  ['劳动节', '2026-05-09'],
  ['国庆节', '2026-09-20'],
  ['国庆节', '2026-10-10'],
];

function cnExceptions(): Map<string, CalendarException> {
  const map = new Map<string, CalendarException>();
  for (const [name, from, to] of CN_HOLIDAYS) {
    for (const date of dateRange(from, to)) map.set(date, { date, kind: 'holiday', name });
  }
  for (const [name, date] of CN_MAKEUP_DAYS) map.set(date, { date, kind: 'workday', name });
  return map;
}

/** Same hours Monday–Friday, nothing at the weekend, Chinese holidays for 2025–2026. */
function officeCalendar(hours: string, overrides: Partial<BusinessCalendar> = {}): BusinessCalendar {
  const day = parseDayRanges(hours);
  return {
    timeZone: 'Asia/Shanghai',
    weekly: [day, day, day, day, day, [], []],
    makeupRanges: day,
    exceptions: cnExceptions(),
    coveredYears: new Set([2025, 2026]),
    ...overrides,
  };
}

const FIVE_BY_EIGHT = officeCalendar('08:00-17:00'); // the calendar (9 h span, no lunch break)
const LUNCH_BREAK = officeCalendar('08:00-12:00,13:30-17:00');
const SEVEN_BY_24: BusinessCalendar = {
  timeZone: 'Asia/Shanghai',
  weekly: Array.from({ length: 7 }, () => ALWAYS_ON),
  makeupRanges: ALWAYS_ON,
  exceptions: new Map(),
  coveredYears: new Set([2025, 2026]),
};

/** Instant of a Shanghai wall-clock time, e.g. sh('2025-09-30 16:30'). */
const sh = (local: string): Date => new Date(`${local.replace(' ', 'T')}+08:00`);
const addShanghai = (cal: BusinessCalendar, start: string, minutes: number): Date =>
  addBusinessMinutes(cal, sh(start), minutes).at;

/** Deterministic PRNG (mulberry32) so the property tests are reproducible. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---- parse / format ---------------------------------------------------------------------------------------------

describe('parseDayRanges / formatDayRanges', () => {
  it('parses a lunch-break day into minutes since midnight', () => {
    expect(parseDayRanges('08:00-12:00,13:30-17:00')).toEqual([
      [480, 720],
      [810, 1020],
    ]);
  });

  it('round-trips through formatDayRanges', () => {
    for (const text of ['08:00-12:00,13:30-17:00', '00:00-24:00', '22:00-24:00', '']) {
      expect(formatDayRanges(parseDayRanges(text))).toBe(text);
    }
    expect(formatDayRanges(ALWAYS_ON)).toBe('00:00-24:00');
  });

  it('treats an empty string as a day without working time', () => {
    expect(parseDayRanges('')).toEqual([]);
    expect(parseDayRanges('   ')).toEqual([]);
  });

  it('accepts single-digit hours, spaces, full-width punctuation and unsorted ranges', () => {
    expect(parseDayRanges(' 13:30 - 17:00 ， 8:00–12:00 ')).toEqual([
      [480, 720],
      [810, 1020],
    ]);
    expect(parseDayRanges('08：00~12：00')).toEqual([[480, 720]]);
  });

  it('allows ranges that touch but do not overlap', () => {
    expect(parseDayRanges('08:00-12:00,12:00-13:00')).toEqual([
      [480, 720],
      [720, 780],
    ]);
  });

  it.each([
    ['08:00', /not a range/],
    ['08:00-', /not a range/],
    ['8-12', /not a time/],
    ['08:00-12:00,', /"" is not a range/],
    ['abc-def', /"abc" is not a time/],
    ['25:00-26:00', /"25:00" is not a time/],
    ['08:60-09:00', /"08:60" is not a time/],
    ['08:00-24:30', /"24:30" is not a time/],
    ['12:00-08:00', /does not end after it starts/],
    ['08:00-08:00', /does not end after it starts/],
    ['08:00-12:00,11:00-13:00', /08:00-12:00 and 11:00-13:00 overlap/],
    ['08:00-12:00,08:00-12:00', /overlap/],
  ])('rejects %j with a clear message', (text, message) => {
    expect(() => parseDayRanges(text)).toThrow(message);
  });
});

// ---- workingRangesOn ----------------------------------------------------------------------------------------------

describe('workingRangesOn', () => {
  it('applies the weekly rule on ordinary days', () => {
    expect(workingRangesOn(LUNCH_BREAK, '2025-09-29')).toEqual({ ranges: parseDayRanges('08:00-12:00,13:30-17:00'), reason: 'weekly' });
    expect(workingRangesOn(LUNCH_BREAK, '2025-09-27')).toEqual({ ranges: [], reason: 'weekly' }); // Saturday
  });

  it('explains a holiday', () => {
    expect(workingRangesOn(FIVE_BY_EIGHT, '2025-10-06')).toEqual({ ranges: [], reason: 'holiday', name: '国庆节、中秋节' });
  });

  it('gives a 调休 make-up Sunday the make-up hours', () => {
    expect(workingRangesOn(FIVE_BY_EIGHT, '2025-09-28')).toEqual({
      ranges: [[480, 1020]],
      reason: 'makeup_workday',
      name: '国庆节',
    });
  });

  it('uses the hours given on the exception over makeupRanges', () => {
    const cal = officeCalendar('08:00-17:00');
    const exceptions = new Map(cal.exceptions);
    exceptions.set('2026-02-14', { date: '2026-02-14', kind: 'workday', ranges: parseDayRanges('09:00-12:00') });
    expect(workingRangesOn({ ...cal, exceptions }, '2026-02-14').ranges).toEqual([[540, 720]]);
  });

  it('rejects malformed dates', () => {
    expect(() => workingRangesOn(FIVE_BY_EIGHT, '2025-02-30')).toThrow(RangeError);
    expect(() => workingRangesOn(FIVE_BY_EIGHT, '2025/10/01')).toThrow(/YYYY-MM-DD/);
  });
});

// ---- addBusinessMinutes -------------------------------------------------------------------------------------------

describe('addBusinessMinutes on 08:00–17:00 Mon–Fri in Asia/Shanghai', () => {
  it('adds within the same period', () => {
    expect(addShanghai(FIVE_BY_EIGHT, '2025-09-22 09:00', 60)).toEqual(sh('2025-09-22 10:00'));
  });

  it('keeps second and millisecond precision', () => {
    expect(addShanghai(FIVE_BY_EIGHT, '2025-09-22 08:30:30', 10)).toEqual(sh('2025-09-22 08:40:30'));
    expect(addShanghai(FIVE_BY_EIGHT, '2025-09-22 16:59:30.250', 1)).toEqual(sh('2025-09-23 08:00:30.250'));
  });

  it('computes the issue example across the 国庆 holiday: 2025-09-30 16:30 + 4 h → 2025-10-09 11:30', () => {
    // 30 min left on 9/30, 10/01–10/08 are holidays, then 3.5 h from 08:00 on Thursday 10/09.
    const r = addBusinessMinutes(FIVE_BY_EIGHT, new Date('2025-09-30T16:30:00+08:00'), 240);
    expect(r.at).toEqual(new Date('2025-10-09T11:30:00+08:00'));
    expect(r.incompleteYears).toEqual([]);
  });

  it('counts a make-up Saturday', () => {
    // Friday 10/10 16:00: 60 min on Friday, then Saturday 10/11 is a 调休 working day.
    expect(addShanghai(FIVE_BY_EIGHT, '2025-10-10 16:00', 120)).toEqual(sh('2025-10-11 09:00'));
    // 春节 2026: Friday 2/13 → make-up Saturday 2/14 → holiday 2/15–2/23 → Tuesday 2/24.
    expect(addShanghai(FIVE_BY_EIGHT, '2026-02-13 16:00', 120)).toEqual(sh('2026-02-14 09:00'));
    expect(addShanghai(FIVE_BY_EIGHT, '2026-02-14 16:00', 120)).toEqual(sh('2026-02-24 09:00'));
  });

  it('counts a make-up Sunday', () => {
    expect(addShanghai(FIVE_BY_EIGHT, '2025-09-27 10:00', 60)).toEqual(sh('2025-09-28 09:00'));
  });

  it('rolls a ticket opened on a Friday evening to Monday morning', () => {
    expect(addShanghai(FIVE_BY_EIGHT, '2025-09-19 20:00', 60)).toEqual(sh('2025-09-22 09:00'));
    expect(addShanghai(FIVE_BY_EIGHT, '2025-09-19 20:00', 0)).toEqual(sh('2025-09-22 08:00'));
  });

  it('returns the start itself for 0 minutes inside hours', () => {
    const start = sh('2025-09-22 10:15:42.123');
    expect(addBusinessMinutes(FIVE_BY_EIGHT, start, 0).at).toEqual(start);
  });

  it('returns the next period start for 0 minutes outside hours', () => {
    expect(addShanghai(FIVE_BY_EIGHT, '2025-09-22 06:00', 0)).toEqual(sh('2025-09-22 08:00'));
    expect(addShanghai(FIVE_BY_EIGHT, '2025-09-30 23:00', 0)).toEqual(sh('2025-10-09 08:00'));
  });

  it('treats a start exactly at period end as outside hours', () => {
    expect(addShanghai(FIVE_BY_EIGHT, '2025-09-22 17:00', 0)).toEqual(sh('2025-09-23 08:00'));
    expect(addShanghai(FIVE_BY_EIGHT, '2025-09-22 17:00', 30)).toEqual(sh('2025-09-23 08:30'));
  });

  it('ends exactly at period end rather than at the next period start', () => {
    expect(addShanghai(FIVE_BY_EIGHT, '2025-09-22 08:00', 540)).toEqual(sh('2025-09-22 17:00'));
    expect(addShanghai(FIVE_BY_EIGHT, '2025-09-22 08:00', 541)).toEqual(sh('2025-09-23 08:01'));
  });

  it('rejects negative, fractional and non-finite minutes and invalid dates', () => {
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => addBusinessMinutes(FIVE_BY_EIGHT, sh('2025-09-22 09:00'), bad)).toThrow(RangeError);
    }
    expect(() => addBusinessMinutes(FIVE_BY_EIGHT, new Date('nope'), 1)).toThrow(RangeError);
  });

  it('adds 1,000,000 minutes quickly (iterates by day, not by minute)', () => {
    const start = sh('2025-09-22 09:00');
    addBusinessMinutes(FIVE_BY_EIGHT, start, 1_000_000); // warm the per-day offset cache
    const t0 = performance.now();
    const r = addBusinessMinutes(FIVE_BY_EIGHT, start, 1_000_000);
    const elapsed = performance.now() - t0;
    expect(elapsed).toBeLessThan(50);
    expect(businessMinutesBetween(FIVE_BY_EIGHT, start, r.at).minutes).toBe(1_000_000);
    // ~1852 working days of 540 min → about 7 years, so 2027+ are reported as not covered.
    expect(r.incompleteYears[0]).toBe(2027);
  });
});

describe('addBusinessMinutes with a lunch break', () => {
  it('skips the lunch break', () => {
    expect(addShanghai(LUNCH_BREAK, '2025-09-22 11:30', 60)).toEqual(sh('2025-09-22 14:00'));
  });

  it('starts counting after lunch when opened during lunch', () => {
    expect(addShanghai(LUNCH_BREAK, '2025-09-22 12:15', 0)).toEqual(sh('2025-09-22 13:30'));
    expect(addShanghai(LUNCH_BREAK, '2025-09-22 12:15', 30)).toEqual(sh('2025-09-22 14:00'));
  });

  it('ends at 12:00 rather than 13:30 when the budget runs out at lunch', () => {
    expect(addShanghai(LUNCH_BREAK, '2025-09-22 11:00', 60)).toEqual(sh('2025-09-22 12:00'));
  });

  it('spans the 国庆 holiday and a lunch break', () => {
    // 30 min on 9/30, 240 min 08:00–12:00 on 10/09, then 30 min after lunch.
    expect(addShanghai(LUNCH_BREAK, '2025-09-30 16:30', 300)).toEqual(sh('2025-10-09 14:00'));
  });
});

// ---- businessMinutesBetween ---------------------------------------------------------------------------------------

describe('businessMinutesBetween', () => {
  it('counts the issue example back to 240 minutes', () => {
    expect(businessMinutesBetween(FIVE_BY_EIGHT, sh('2025-09-30 16:30'), sh('2025-10-09 11:30'))).toEqual({
      minutes: 240,
      incompleteYears: [],
    });
  });

  it('excludes lunch breaks, weekends and holidays but includes make-up days', () => {
    expect(businessMinutesBetween(LUNCH_BREAK, sh('2025-09-22 00:00'), sh('2025-09-23 00:00')).minutes).toBe(450);
    expect(businessMinutesBetween(LUNCH_BREAK, sh('2025-09-27 00:00'), sh('2025-09-29 00:00')).minutes).toBe(450); // Sun 9/28 make-up
    expect(businessMinutesBetween(LUNCH_BREAK, sh('2025-10-01 00:00'), sh('2025-10-09 00:00')).minutes).toBe(0);
  });

  it('returns fractional minutes for partial minutes', () => {
    expect(businessMinutesBetween(FIVE_BY_EIGHT, sh('2025-09-22 08:00:00'), sh('2025-09-22 08:00:30')).minutes).toBe(0.5);
  });

  it('returns 0 when to <= from', () => {
    expect(businessMinutesBetween(FIVE_BY_EIGHT, sh('2025-09-22 10:00'), sh('2025-09-22 10:00'))).toEqual({
      minutes: 0,
      incompleteYears: [],
    });
    expect(businessMinutesBetween(FIVE_BY_EIGHT, sh('2025-09-22 10:00'), sh('2025-09-22 09:00')).minutes).toBe(0);
  });

  it('is the inverse of addBusinessMinutes (seeded property test)', () => {
    const rand = mulberry32(20251001);
    const from = sh('2025-01-01 00:00').getTime();
    const span = sh('2026-12-31 00:00').getTime() - from;
    for (const cal of [FIVE_BY_EIGHT, LUNCH_BREAK]) {
      for (let i = 0; i < 300; i++) {
        // Random instant with millisecond noise, so starts fall inside, outside and at the edges of periods.
        const start = new Date(from + Math.floor(rand() * span));
        const minutes = Math.floor(rand() * (i % 3 === 0 ? 20 : 5000));
        const { at } = addBusinessMinutes(cal, start, minutes);
        expect(at.getTime()).toBeGreaterThanOrEqual(start.getTime());
        expect(businessMinutesBetween(cal, start, at).minutes).toBe(minutes);
        if (minutes > 0) expect(isWithinBusinessHours(cal, new Date(at.getTime() - 1))).toBe(true);
      }
    }
  });
});

// ---- isWithinBusinessHours ----------------------------------------------------------------------------------------

describe('isWithinBusinessHours', () => {
  it('treats periods as half-open [start, end)', () => {
    expect(isWithinBusinessHours(LUNCH_BREAK, sh('2025-09-22 07:59:59.999'))).toBe(false);
    expect(isWithinBusinessHours(LUNCH_BREAK, sh('2025-09-22 08:00'))).toBe(true);
    expect(isWithinBusinessHours(LUNCH_BREAK, sh('2025-09-22 11:59:59'))).toBe(true);
    expect(isWithinBusinessHours(LUNCH_BREAK, sh('2025-09-22 12:00'))).toBe(false);
    expect(isWithinBusinessHours(LUNCH_BREAK, sh('2025-09-22 13:30'))).toBe(true);
    expect(isWithinBusinessHours(LUNCH_BREAK, sh('2025-09-22 17:00'))).toBe(false);
  });

  it('knows holidays and make-up days', () => {
    expect(isWithinBusinessHours(FIVE_BY_EIGHT, sh('2025-10-09 09:00'))).toBe(true);
    expect(isWithinBusinessHours(FIVE_BY_EIGHT, sh('2025-10-08 09:00'))).toBe(false); // holiday on a Wednesday
    expect(isWithinBusinessHours(FIVE_BY_EIGHT, sh('2026-01-04 09:00'))).toBe(true); // make-up Sunday
  });

  it('reads local time in the calendar zone, not in UTC', () => {
    // 2025-09-22 00:30Z is 08:30 in Shanghai.
    expect(isWithinBusinessHours(FIVE_BY_EIGHT, new Date('2025-09-22T00:30:00Z'))).toBe(true);
  });
});

// ---- 7×24 ---------------------------------------------------------------------------------------------------------

describe('7×24 calendar', () => {
  it('equals wall-clock minutes', () => {
    const rand = mulberry32(7);
    for (let i = 0; i < 200; i++) {
      const start = new Date(Date.UTC(2024, 0, 1) + Math.floor(rand() * 5 * 365 * 86_400_000));
      const minutes = Math.floor(rand() * 100_000);
      const { at, incompleteYears } = addBusinessMinutes(SEVEN_BY_24, start, minutes);
      expect(at.getTime() - start.getTime()).toBe(minutes * 60_000);
      expect(incompleteYears).toEqual([]);
      expect(businessMinutesBetween(SEVEN_BY_24, start, at).minutes).toBe(minutes);
      expect(isWithinBusinessHours(SEVEN_BY_24, start)).toBe(true);
    }
  });
});

// ---- coverage of holiday data -------------------------------------------------------------------------------------

describe('incompleteYears', () => {
  it('reports 2027 when only 2025 and 2026 are covered', () => {
    // Thursday 2026-12-31 16:00 + 2 h → Friday 2027-01-01 09:00 by the weekly rule (2027 holidays are unknown).
    const r = addBusinessMinutes(FIVE_BY_EIGHT, sh('2026-12-31 16:00'), 120);
    expect(r.at).toEqual(sh('2027-01-01 09:00'));
    expect(r.incompleteYears).toEqual([2027]);
    expect(businessMinutesBetween(FIVE_BY_EIGHT, sh('2026-12-30 00:00'), sh('2027-01-05 00:00')).incompleteYears).toEqual([2027]);
  });

  it('reports every uncovered year touched, sorted', () => {
    expect(businessMinutesBetween(FIVE_BY_EIGHT, sh('2024-12-30 00:00'), sh('2028-01-02 12:00')).incompleteYears).toEqual([
      2024, 2027, 2028,
    ]);
  });

  it('does not report a year that is only touched at the exclusive end', () => {
    expect(businessMinutesBetween(FIVE_BY_EIGHT, sh('2026-12-31 00:00'), sh('2027-01-01 00:00')).incompleteYears).toEqual([]);
  });

  it('stays empty inside covered years', () => {
    expect(addBusinessMinutes(FIVE_BY_EIGHT, sh('2026-12-31 09:00'), 60).incompleteYears).toEqual([]);
  });

  it('is never reported by a 7×24 calendar, whose answer does not depend on holidays', () => {
    expect(addBusinessMinutes(SEVEN_BY_24, sh('2026-12-31 16:00'), 5000).incompleteYears).toEqual([]);
    expect(businessMinutesBetween(SEVEN_BY_24, sh('2024-01-01 00:00'), sh('2030-01-01 00:00')).incompleteYears).toEqual([]);
  });
});

// ---- degenerate calendars -----------------------------------------------------------------------------------------

describe('calendars without working time', () => {
  const closed = (exceptions: Map<string, CalendarException> = new Map()): BusinessCalendar => ({
    timeZone: 'Asia/Shanghai',
    weekly: Array.from({ length: 7 }, (): DayRanges => []),
    makeupRanges: parseDayRanges('09:00-17:00'),
    exceptions,
    coveredYears: new Set([2025, 2026]),
  });

  it('throws calendar.no_working_time instead of hanging', () => {
    expect(() => addBusinessMinutes(closed(), sh('2025-09-22 09:00'), 1)).toThrow('calendar.no_working_time');
    expect(() => addBusinessMinutes(closed(), sh('2025-09-22 09:00'), 0)).toThrow('calendar.no_working_time');
  });

  it('throws when the only make-up days are in the past', () => {
    const past = new Map<string, CalendarException>([['2025-01-26', { date: '2025-01-26', kind: 'workday' }]]);
    expect(() => addBusinessMinutes(closed(past), sh('2025-09-22 09:00'), 1)).toThrow('calendar.no_working_time');
  });

  it('finds a lone make-up day a year ahead', () => {
    const ahead = new Map<string, CalendarException>([['2026-09-20', { date: '2026-09-20', kind: 'workday' }]]);
    expect(addBusinessMinutes(closed(ahead), sh('2025-09-22 09:00'), 30).at).toEqual(sh('2026-09-20 09:30'));
  });

  it('rejects a calendar whose weekly rule does not have 7 days', () => {
    expect(() => addBusinessMinutes({ ...FIVE_BY_EIGHT, weekly: [] }, sh('2025-09-22 09:00'), 1)).toThrow(/7 entries/);
  });

  it('rejects hand-built ranges that overlap', () => {
    const bad: DayRanges = [
      [480, 720],
      [700, 800],
    ];
    const cal = officeCalendar('08:00-17:00', { weekly: [bad, bad, bad, bad, bad, [], []] });
    expect(() => addBusinessMinutes(cal, sh('2025-09-22 09:00'), 1)).toThrow(/non-overlapping/);
  });
});

// ---- DST ----------------------------------------------------------------------------------------------------------

describe('zones with daylight saving time (Europe/Berlin)', () => {
  const berlin24: BusinessCalendar = { ...SEVEN_BY_24, timeZone: 'Europe/Berlin', coveredYears: new Set() };
  const berlinDaily = (hours: string): BusinessCalendar => {
    const day = parseDayRanges(hours);
    return {
      timeZone: 'Europe/Berlin',
      weekly: Array.from({ length: 7 }, () => day),
      makeupRanges: day,
      exceptions: new Map(),
      coveredYears: new Set([2026]),
    };
  };

  it('gives the spring-forward day (2026-03-29) 23 real hours and the fall-back day (2026-10-25) 25', () => {
    // Local midnights: 03-29 00:00 CET (+01), 03-30 00:00 CEST (+02), 10-25 00:00 CEST, 10-26 00:00 CET.
    expect(businessMinutesBetween(berlin24, new Date('2026-03-29T00:00:00+01:00'), new Date('2026-03-30T00:00:00+02:00')).minutes).toBe(1380);
    expect(businessMinutesBetween(berlin24, new Date('2026-10-25T00:00:00+02:00'), new Date('2026-10-26T00:00:00+01:00')).minutes).toBe(1500);
  });

  it('keeps 7×24 equal to wall-clock minutes across the transitions', () => {
    const start = new Date('2026-03-28T22:00:00+01:00');
    expect(addBusinessMinutes(berlin24, start, 240).at).toEqual(new Date('2026-03-29T03:00:00+02:00'));
  });

  it('counts office hours on the transition days normally', () => {
    const cal = berlinDaily('08:00-17:00');
    // Saturday 16:30 CET + 60 min: 30 min on Saturday, 30 min from 08:00 CEST on Sunday.
    expect(addBusinessMinutes(cal, new Date('2026-03-28T16:30:00+01:00'), 60).at).toEqual(new Date('2026-03-29T08:30:00+02:00'));
    expect(businessMinutesBetween(cal, new Date('2026-03-29T00:00:00+01:00'), new Date('2026-03-30T00:00:00+02:00')).minutes).toBe(540);
    expect(isWithinBusinessHours(cal, new Date('2026-03-29T08:00:00+02:00'))).toBe(true);
    expect(isWithinBusinessHours(cal, new Date('2026-03-29T07:59:00+02:00'))).toBe(false);
  });

  it('maps a period that straddles the missing hour to real elapsed time', () => {
    // 01:00–03:30 on 03-29: 01:00 CET → 03:30 CEST is 90 real minutes because 02:00–03:00 does not exist.
    const cal = berlinDaily('01:00-03:30');
    expect(businessMinutesBetween(cal, new Date('2026-03-29T00:00:00+01:00'), new Date('2026-03-30T00:00:00+02:00')).minutes).toBe(90);
    expect(addBusinessMinutes(cal, new Date('2026-03-29T00:00:00+01:00'), 90).at).toEqual(new Date('2026-03-29T03:30:00+02:00'));
    expect(isWithinBusinessHours(cal, new Date('2026-03-29T01:59:00+01:00'))).toBe(true);
    expect(isWithinBusinessHours(cal, new Date('2026-03-29T03:00:00+02:00'))).toBe(true);
  });

  it('gives a period inside the missing hour no time and does not crash', () => {
    const cal = berlinDaily('02:15-02:45');
    expect(businessMinutesBetween(cal, new Date('2026-03-29T00:00:00+01:00'), new Date('2026-03-30T00:00:00+02:00')).minutes).toBe(0);
    expect(addBusinessMinutes(cal, new Date('2026-03-29T00:00:00+01:00'), 0).at).toEqual(new Date('2026-03-30T02:15:00+02:00'));
  });

  it('counts a period in the repeated hour of the fall-back day twice over', () => {
    // 02:00–03:00 on 10-25 happens twice: 02:00 CEST → 03:00 CET is 120 real minutes.
    const cal = berlinDaily('02:00-03:00');
    expect(businessMinutesBetween(cal, new Date('2026-10-25T00:00:00+02:00'), new Date('2026-10-26T00:00:00+01:00')).minutes).toBe(120);
  });

  it('stays self-consistent around both transitions (seeded property test)', () => {
    const rand = mulberry32(329);
    const cals = [berlinDaily('08:00-12:00,13:00-17:00'), berlinDaily('00:30-03:30'), berlinDaily('01:00-02:30,02:45-24:00'), berlin24];
    const windows = [Date.parse('2026-03-27T00:00:00Z'), Date.parse('2026-10-23T00:00:00Z')];
    for (let i = 0; i < 400; i++) {
      const cal = cals[i % cals.length]!;
      const start = new Date(windows[i % 2]! + Math.floor(rand() * 4 * 86_400_000));
      const minutes = Math.floor(rand() * 1500);
      const { at } = addBusinessMinutes(cal, start, minutes);
      expect(businessMinutesBetween(cal, start, at).minutes).toBe(minutes);
    }
  });
});

describe('a zone whose DST jump skips midnight (America/Sao_Paulo, 2018-11-04)', () => {
  it('starts the day at 01:00 and gives it 23 hours', () => {
    const cal: BusinessCalendar = { ...SEVEN_BY_24, timeZone: 'America/Sao_Paulo', coveredYears: new Set() };
    const dayStart = new Date('2018-11-04T01:00:00-02:00'); // 00:00 -03 did not exist
    const next = new Date('2018-11-05T00:00:00-02:00');
    expect(businessMinutesBetween(cal, dayStart, next).minutes).toBe(1380);
    const office = { ...cal, weekly: Array.from({ length: 7 }, () => parseDayRanges('00:00-02:00')) };
    // 00:00–02:00 on that day is really 01:00–02:00, i.e. 60 minutes from the first instant of the day.
    expect(businessMinutesBetween(office, new Date('2018-11-03T12:00:00-03:00'), new Date('2018-11-04T12:00:00-02:00')).minutes).toBe(60);
    expect(addBusinessMinutes(office, new Date('2018-11-03T12:00:00-03:00'), 0).at).toEqual(dayStart);
  });
});
