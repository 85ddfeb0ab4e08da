/**
 * Business-time arithmetic for SLA clocks and on-call rotas.
 *
 * Model (kept deliberately simple so that every result can be explained to a user):
 * - A calendar says, for each *local* date in `timeZone`, which wall-clock periods are working time
 *   (weekly rule, overridden per date by holiday / 调休 make-up-workday exceptions).
 * - Each period [a, b) of local minutes is turned into a half-open interval of real instants
 *   [instant(a), instant(b)). All arithmetic is done on those instants, in milliseconds, so a business
 *   minute is always 60 real seconds, even on DST days (a 24-hour day can hold 23 or 25 hours).
 * - Local times that do not exist (DST gap) map to the moment of the jump; local times that occur twice
 *   (DST overlap) map to their first occurrence. This keeps the local→instant mapping monotone, so
 *   `addBusinessMinutes` and `businessMinutesBetween` stay exact inverses of each other.
 *
 * Everything here is pure: no I/O and no clock reads. Intl is only used to look up UTC offsets, and the
 * offsets are cached per zone and per day because SLA recomputation calls these functions millions of times.
 */

/** Working periods of one day, as minutes since local midnight, sorted, non-overlapping, e.g. [[480, 720], [810, 1020]] for 08:00–12:00, 13:30–17:00. End may be 1440. */
export type DayRanges = ReadonlyArray<readonly [number, number]>;

/** A per-date override of the weekly rule: a public holiday, or a 调休 make-up working day. */
export interface CalendarException {
  date: string /* YYYY-MM-DD local */;
  kind: 'holiday' | 'workday';
  ranges?: DayRanges /* for 'workday': hours of that make-up day; default = calendar.makeupRanges */;
  name?: string;
}

/** A working-time calendar: weekly hours in one IANA zone plus dated exceptions for the years that are known. */
export interface BusinessCalendar {
  timeZone: string; // IANA, e.g. 'Asia/Shanghai'
  weekly: readonly DayRanges[]; // index 0 = Monday … 6 = Sunday
  makeupRanges: DayRanges; // hours of a 调休 make-up working day when the exception gives none
  exceptions: ReadonlyMap<string, CalendarException>;
  coveredYears: ReadonlySet<number>; // years whose holidays are known; outside them only the weekly rule applies
}

/** The whole day, 00:00–24:00: the weekly entry of a 7×24 calendar. */
export const ALWAYS_ON: DayRanges = Object.freeze([Object.freeze([0, 1440] as const)]);

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const MINUTES_PER_DAY = 1440;
/** A calendar with no working day in this many consecutive days is treated as having none at all (~3 years). */
const MAX_IDLE_DAYS = 3 * 366;
/** Hard stop for addBusinessMinutes so that absurd inputs fail fast instead of iterating for minutes. */
const MAX_SCAN_DAYS = 100 * 366;
const NO_TIME: DayRanges = Object.freeze([]);

// ---------------------------------------------------------------------------------------------------------------
// Time-zone offsets
// ---------------------------------------------------------------------------------------------------------------

/**
 * Offsets of one zone for one local day. `before`/`after` are the UTC offsets (ms) a day before and two days after
 * the day's UTC midnight; when they differ, `transition` is the instant the offset changed. We assume a zone changes
 * its offset at most once in any 3-day window, which holds for all real tz data in use.
 */
interface DayOffsets {
  utcMidnight: number; // the local date's midnight read as if it were UTC
  before: number;
  after: number;
  transition: number; // NaN when the offset is constant around this day
}

interface ZoneCache {
  offsetFmt: Intl.DateTimeFormat; // prints e.g. "1/1/2026, GMT+08:00"
  partsFmt: Intl.DateTimeFormat; // fallback: local wall-clock parts
  samples: Map<number, number>; // UTC day number → offset at that UTC midnight
  days: Map<number, DayOffsets>; // local day number → offsets
}

const CACHE_LIMIT = 200_000; // ~550 years of days per zone; only reached by pathological use
const zones = new Map<string, ZoneCache>();

function zoneOf(timeZone: string): ZoneCache {
  let zone = zones.get(timeZone);
  if (!zone) {
    zone = {
      // Throws RangeError for an unknown zone, which is the error we want callers to see.
      offsetFmt: new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }),
      // hourCycle 'h23' because some ICU versions print midnight as "24" with hour12: false.
      partsFmt: new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      }),
      samples: new Map(),
      days: new Map(),
    };
    zones.set(timeZone, zone);
  }
  return zone;
}

const LONG_OFFSET = /GMT(?:([+\-\u2212])(\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** UTC offset (ms, local − UTC) in effect at instant `t`, straight from Intl. Second precision, like tz data. */
function offsetAt(zone: ZoneCache, t: number): number {
  // The 'longOffset' name is ~4× cheaper than formatToParts, which matters on a cold cache (one call per day).
  const m = LONG_OFFSET.exec(zone.offsetFmt.format(t));
  if (m) {
    if (m[1] === undefined) return 0;
    const ms = (Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4] ?? 0)) * 1000;
    return m[1] === '+' ? ms : -ms;
  }
  // Fallback for ICU builds that print the offset differently: read the local wall clock and diff it with UTC.
  let y = 0, mo = 1, d = 1, h = 0, mi = 0, s = 0;
  for (const part of zone.partsFmt.formatToParts(t)) {
    switch (part.type) {
      case 'year': y = Number(part.value); break;
      case 'month': mo = Number(part.value); break;
      case 'day': d = Number(part.value); break;
      case 'hour': h = Number(part.value) % 24; break;
      case 'minute': mi = Number(part.value); break;
      case 'second': s = Number(part.value); break;
    }
  }
  const wall = new Date(0);
  wall.setUTCFullYear(y, mo - 1, d); // setUTCFullYear, unlike Date.UTC, does not remap years 0–99 to 19xx
  wall.setUTCHours(h, mi, s, 0);
  return wall.getTime() - Math.floor(t / 1000) * 1000;
}

function sampleAt(zone: ZoneCache, utcDay: number): number {
  let off = zone.samples.get(utcDay);
  if (off === undefined) {
    if (zone.samples.size >= CACHE_LIMIT) zone.samples.clear();
    off = offsetAt(zone, utcDay * DAY_MS);
    zone.samples.set(utcDay, off);
  }
  return off;
}

function offsetsOf(zone: ZoneCache, day: number): DayOffsets {
  let info = zone.days.get(day);
  if (info === undefined) {
    // Any local time of this day lies within ±14 h of its UTC midnight, so it is inside (day − 1, day + 2).
    const before = sampleAt(zone, day - 1);
    const after = sampleAt(zone, day + 2);
    let transition = Number.NaN;
    if (before !== after) {
      // Binary search (to the millisecond) for the first instant with a new offset; runs a few times a year per zone.
      let lo = (day - 1) * DAY_MS;
      let hi = (day + 2) * DAY_MS;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (offsetAt(zone, mid) === before) lo = mid;
        else hi = mid;
      }
      transition = hi;
    }
    info = { utcMidnight: day * DAY_MS, before, after, transition };
    if (zone.days.size >= CACHE_LIMIT) zone.days.clear();
    zone.days.set(day, info);
  }
  return info;
}

/** Instant of local minute `minute` (0…1440) of the day described by `info`; gaps → the jump, overlaps → first occurrence. */
function instantAt(info: DayOffsets, minute: number): number {
  const wall = info.utcMidnight + minute * MINUTE_MS;
  if (Number.isNaN(info.transition) || wall < info.transition + info.before) return wall - info.before;
  return Math.max(info.transition, wall - info.after);
}

function dayStart(zone: ZoneCache, day: number): number {
  return instantAt(offsetsOf(zone, day), 0);
}

/** Local day number (days since 1970-01-01 in the zone's calendar) that contains instant `t`. */
function localDayOf(zone: ZoneCache, t: number): number {
  // Guess from a cached offset sample, then correct: the guess is off by at most one day next to a transition.
  let day = Math.floor((t + sampleAt(zone, Math.floor(t / DAY_MS))) / DAY_MS);
  while (t < dayStart(zone, day)) day--;
  while (t >= dayStart(zone, day + 1)) day++;
  return day;
}

// ---------------------------------------------------------------------------------------------------------------
// Dates and ranges
// ---------------------------------------------------------------------------------------------------------------

interface LocalDate {
  key: string; // YYYY-MM-DD
  year: number;
  weekday: number; // 0 = Monday … 6 = Sunday
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

function localDate(day: number): LocalDate {
  const d = new Date(day * DAY_MS);
  const year = d.getUTCFullYear();
  const y = year >= 0 && year <= 9999 ? String(year).padStart(4, '0') : String(year);
  return {
    key: `${y}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`,
    year,
    weekday: (((day + 3) % 7) + 7) % 7, // 1970-01-01 was a Thursday (index 3)
  };
}

function dayNumberOf(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (m) {
    const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
    const ms = Date.UTC(y, mo - 1, d);
    const check = new Date(ms);
    if (check.getUTCFullYear() === y && check.getUTCMonth() === mo - 1 && check.getUTCDate() === d) return ms / DAY_MS;
  }
  throw new RangeError(`Invalid date "${date}": expected a real calendar date as YYYY-MM-DD`);
}

// Ranges are validated once per array object rather than on every call, because the hot loops reuse the same arrays.
const validRanges = new WeakSet<DayRanges>();

function checkRanges(r: DayRanges, what: string): DayRanges {
  if (validRanges.has(r)) return r;
  let prevEnd = 0;
  for (const pair of r) {
    const [a, b] = pair;
    if (!Number.isInteger(a) || !Number.isInteger(b) || a < prevEnd || a >= b || b > MINUTES_PER_DAY) {
      throw new Error(
        `Invalid ${what} ${JSON.stringify(r)}: periods must be whole minutes within 0–1440, start before end, sorted and non-overlapping`,
      );
    }
    prevEnd = b;
  }
  validRanges.add(r);
  return r;
}

function assertCalendar(cal: BusinessCalendar): void {
  if (cal.weekly.length !== 7) {
    throw new Error(`Invalid calendar: weekly must have 7 entries (Monday…Sunday), got ${cal.weekly.length}`);
  }
}

function isAlwaysOn(r: DayRanges): boolean {
  const only = r.length === 1 ? r[0] : undefined;
  return only !== undefined && only[0] === 0 && only[1] === MINUTES_PER_DAY;
}

function rangesOf(cal: BusinessCalendar, date: LocalDate): DayRanges {
  const ex = cal.exceptions.get(date.key);
  if (ex !== undefined) {
    if (ex.kind === 'holiday') return NO_TIME;
    return checkRanges(ex.ranges ?? cal.makeupRanges, `make-up day ranges for ${date.key}`);
  }
  return checkRanges(cal.weekly[date.weekday] ?? NO_TIME, `weekly ranges for weekday ${date.weekday}`);
}

/** Collects the years whose holiday data the result depended on but which the calendar does not cover. */
class YearTracker {
  private readonly seen = new Set<number>();
  private last = Number.NaN;
  private readonly matters: boolean;

  constructor(private readonly cal: BusinessCalendar) {
    // A 7×24 calendar gives the same answer whatever the holidays are, so missing years cannot make it wrong.
    this.matters = cal.weekly.some((r) => !isAlwaysOn(r));
  }

  add(year: number): void {
    if (year === this.last) return;
    this.last = year;
    if (this.matters && !this.cal.coveredYears.has(year)) this.seen.add(year);
  }

  list(): number[] {
    return [...this.seen].sort((a, b) => a - b);
  }
}

function instantOf(d: Date, what: string): number {
  const t = d instanceof Date ? d.getTime() : Number.NaN;
  if (Number.isNaN(t)) throw new RangeError(`${what} must be a valid Date`);
  return t;
}

// ---------------------------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------------------------

/** Instant `minutes` business minutes after `start`; with 0 minutes, `start` itself if inside hours, else the next period's start. */
export function addBusinessMinutes(
  cal: BusinessCalendar,
  start: Date,
  minutes: number,
): { at: Date; incompleteYears: number[] } {
  if (!Number.isSafeInteger(minutes) || minutes < 0) {
    throw new RangeError(`addBusinessMinutes: minutes must be a non-negative integer, got ${minutes}`);
  }
  const t0 = instantOf(start, 'addBusinessMinutes: start');
  assertCalendar(cal);
  const zone = zoneOf(cal.timeZone);
  const years = new YearTracker(cal);
  let remaining = minutes * MINUTE_MS;
  let idleDays = 0;
  const firstDay = localDayOf(zone, t0);

  for (let day = firstDay; day - firstDay <= MAX_SCAN_DAYS; day++) {
    const date = localDate(day);
    years.add(date.year);
    const ranges = rangesOf(cal, date);
    let worked = false;
    if (ranges.length > 0) {
      const offsets = offsetsOf(zone, day);
      for (const [a, b] of ranges) {
        const end = instantAt(offsets, b);
        if (end <= t0) continue; // period already over (only happens on the first day)
        const from = Math.max(instantAt(offsets, a), t0);
        if (from >= end) continue; // period lies entirely inside a DST gap
        worked = true;
        // `>=` (not `>`): a deadline that lands exactly on a period's end is due then, not at the next period's start.
        // With remaining = 0 this returns the first working instant at or after start, which is what "response due" means.
        if (end - from >= remaining) return { at: new Date(from + remaining), incompleteYears: years.list() };
        remaining -= end - from;
      }
    }
    idleDays = worked ? 0 : idleDays + 1;
    if (idleDays > MAX_IDLE_DAYS) throw new Error('calendar.no_working_time');
  }
  throw new RangeError(`addBusinessMinutes: ${minutes} business minutes reach more than 100 years past ${start.toISOString()}`);
}

/** Business minutes (possibly fractional) in [from, to); 0 when to <= from. */
export function businessMinutesBetween(
  cal: BusinessCalendar,
  from: Date,
  to: Date,
): { minutes: number; incompleteYears: number[] } {
  const a = instantOf(from, 'businessMinutesBetween: from');
  const b = instantOf(to, 'businessMinutesBetween: to');
  assertCalendar(cal);
  if (b <= a) return { minutes: 0, incompleteYears: [] };
  const zone = zoneOf(cal.timeZone);
  const years = new YearTracker(cal);
  const firstDay = localDayOf(zone, a);
  const lastDay = localDayOf(zone, b - 1); // `to` is exclusive: a day that starts exactly at `to` contributes nothing
  let totalMs = 0;
  for (let day = firstDay; day <= lastDay; day++) {
    const date = localDate(day);
    years.add(date.year);
    const ranges = rangesOf(cal, date);
    if (ranges.length === 0) continue;
    const offsets = offsetsOf(zone, day);
    for (const [s, e] of ranges) {
      const lo = Math.max(instantAt(offsets, s), a);
      const hi = Math.min(instantAt(offsets, e), b);
      if (hi > lo) totalMs += hi - lo;
    }
  }
  return { minutes: totalMs / MINUTE_MS, incompleteYears: years.list() };
}

/** Working periods of a local date (YYYY-MM-DD) and why: weekly rule, holiday, or 调休 make-up workday. */
export function workingRangesOn(
  cal: BusinessCalendar,
  date: string,
): { ranges: DayRanges; reason: 'weekly' | 'holiday' | 'makeup_workday'; name?: string } {
  assertCalendar(cal);
  const local = localDate(dayNumberOf(date));
  const ranges = rangesOf(cal, local);
  const ex = cal.exceptions.get(local.key);
  if (ex === undefined) return { ranges, reason: 'weekly' };
  const reason = ex.kind === 'holiday' ? 'holiday' : 'makeup_workday';
  return ex.name === undefined ? { ranges, reason } : { ranges, reason, name: ex.name };
}

/** Whether instant `at` falls inside a working period (periods are half-open: 08:00 is in, 17:00 is out). */
export function isWithinBusinessHours(cal: BusinessCalendar, at: Date): boolean {
  const t = instantOf(at, 'isWithinBusinessHours: at');
  assertCalendar(cal);
  const zone = zoneOf(cal.timeZone);
  const day = localDayOf(zone, t);
  const ranges = rangesOf(cal, localDate(day));
  if (ranges.length === 0) return false;
  const offsets = offsetsOf(zone, day);
  return ranges.some(([a, b]) => instantAt(offsets, a) <= t && t < instantAt(offsets, b));
}

// Full-width separators are accepted because admins type these with a Chinese IME on.
const RANGE_SEPARATOR = /[,，;；]/;
const RANGE_PATTERN = /^(\S+?)\s*[-–~～]\s*(\S+)$/;
const TIME_PATTERN = /^(\d{1,2})[:：](\d{2})$/;

function parseTime(token: string, text: string): number {
  const m = TIME_PATTERN.exec(token);
  const h = m ? Number(m[1]) : Number.NaN;
  const min = m ? Number(m[2]) : Number.NaN;
  if (!(h >= 0 && min >= 0 && min < 60 && (h < 24 || (h === 24 && min === 0)))) {
    throw new Error(`Invalid working hours "${text}": "${token}" is not a time between 00:00 and 24:00 (HH:MM)`);
  }
  return h * 60 + min;
}

/** Parses '08:00-12:00,13:30-17:00' into DayRanges ('' = no working time); throws a descriptive Error on bad or overlapping input. */
export function parseDayRanges(text: string): DayRanges {
  const trimmed = text.trim();
  if (trimmed === '') return NO_TIME;
  const out: Array<readonly [number, number]> = [];
  for (const raw of trimmed.split(RANGE_SEPARATOR)) {
    const part = raw.trim();
    const m = RANGE_PATTERN.exec(part);
    if (!m) {
      throw new Error(`Invalid working hours "${text}": "${part}" is not a range like 08:00-12:00`);
    }
    const a = parseTime(m[1] ?? '', text);
    const b = parseTime(m[2] ?? '', text);
    if (a >= b) {
      throw new Error(
        `Invalid working hours "${text}": "${part}" does not end after it starts (a range cannot cross midnight; split it at 24:00)`,
      );
    }
    out.push(Object.freeze([a, b] as const));
  }
  out.sort((x, y) => x[0] - y[0]);
  for (let i = 1; i < out.length; i++) {
    const prev = out[i - 1]!;
    const cur = out[i]!;
    if (cur[0] < prev[1]) {
      throw new Error(
        `Invalid working hours "${text}": ${formatDayRanges([prev])} and ${formatDayRanges([cur])} overlap`,
      );
    }
  }
  const result: DayRanges = Object.freeze(out);
  validRanges.add(result);
  return result;
}

const formatMinute = (m: number): string => `${pad2(Math.floor(m / 60))}:${pad2(m % 60)}`;

/** Formats DayRanges as '08:00-12:00,13:30-17:00' (the inverse of parseDayRanges; '' for a day off). */
export function formatDayRanges(r: DayRanges): string {
  return r.map(([a, b]) => `${formatMinute(a)}-${formatMinute(b)}`).join(',');
}
