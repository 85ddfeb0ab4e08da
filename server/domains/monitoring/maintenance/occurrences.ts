import type { Recurrence } from '../../../../shared/schemas/maintenance-windows.ts';

/** A half-open interval [start, end). */
export interface Interval {
  start: Date;
  end: Date;
}

/** What occurrences need of a maintenance window. */
export interface WindowTiming {
  startsAt: Date;
  endsAt: Date;
  recurrence: Recurrence | null;
  /** a cancelled window suppressed until it was cancelled, and never after */
  cancelledAt?: Date | null;
}

/** Upper bound of occurrences returned by one call (a daily window over a year is 365). */
export const MAX_OCCURRENCES = 5_000;

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

// ---- time zone arithmetic through Intl: no library, and correct across DST and offset changes ----

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // h23, because some engines print midnight as "24" with hour12: false
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The zone's offset from UTC in ms at instant `t`. */
function offsetAt(timeZone: string, t: number): number {
  const parts = formatterOf(timeZone).formatToParts(new Date(t));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(t / 1000) * 1000;
}

/** Local calendar day of `t` as days since 1970-01-01. */
function localDayOf(timeZone: string, t: number): number {
  return Math.floor((t + offsetAt(timeZone, t)) / DAY_MS);
}

/**
 * The instant of a local wall-clock time. Like Temporal's 'compatible': a time that occurs twice (clocks
 * go back) takes the earlier instant; a time that does not exist (clocks go forward) moves forward by the gap.
 */
function instantOf(timeZone: string, day: number, minuteOfDay: number): number {
  const wall = day * DAY_MS + minuteOfDay * MINUTE_MS;
  // No zone changes its offset twice within two days, so the offsets a day either side are the only candidates.
  const before = offsetAt(timeZone, wall - DAY_MS);
  const after = offsetAt(timeZone, wall + DAY_MS);
  const valid = [...new Set([before, after])].map((o) => wall - o).filter((t) => t + offsetAt(timeZone, t) === wall);
  if (valid.length > 0) return Math.min(...valid);
  return wall - before;
}

function matchesDay(r: Recurrence, day: number): boolean {
  if (r.freq === 'daily') return true;
  if (r.freq === 'weekly') return r.weekdays.includes((((day % 7) + 7 + 3) % 7) + 1); // 1970-01-01 was a Thursday (4)
  const date = new Date(day * DAY_MS);
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  // Clamp rather than skip: "monthly on the 31st" means month-end to the people who set it, and a
  // skipped month would leave its maintenance unsuppressed without anyone noticing.
  return date.getUTCDate() === Math.min(r.monthDay, lastDay);
}

/** The window's own bounds in ms, cut short by cancellation. */
function boundsOf(w: WindowTiming): { start: number; end: number } {
  const end = w.cancelledAt ? Math.min(w.endsAt.getTime(), w.cancelledAt.getTime()) : w.endsAt.getTime();
  return { start: w.startsAt.getTime(), end };
}

/**
 * Occurrences overlapping [lo, hi), ascending, not cut to [lo, hi). A recurring occurrence belongs to the
 * series when it starts inside [startsAt, endsAt), and is cut at endsAt (or cancellation): nothing of a
 * series runs after its end, yet a series created at 23:30 does not begin with half of tonight's 23:00 slot.
 */
function rawOccurrences(w: WindowTiming, lo: number, hi: number): Array<{ start: number; end: number }> {
  const bounds = boundsOf(w);
  const from = Math.max(lo, bounds.start);
  const to = Math.min(hi, bounds.end);
  if (to <= from) return [];
  const r = w.recurrence;
  if (!r) return [bounds];
  const durationMs = r.durationMinutes * MINUTE_MS;
  const [hh, mm] = r.time.split(':').map(Number) as [number, number];
  const out: Array<{ start: number; end: number }> = [];
  // From a day before the first occurrence that could still reach `from`, to a day after `to`: local days
  // and UTC days differ by up to ±14 h.
  const lastDay = localDayOf(r.timeZone, to) + 1;
  for (let day = localDayOf(r.timeZone, from - durationMs) - 1; day <= lastDay && out.length < MAX_OCCURRENCES; day++) {
    if (!matchesDay(r, day)) continue;
    const start = instantOf(r.timeZone, day, hh * 60 + mm);
    if (start < bounds.start) continue;
    const end = Math.min(start + durationMs, bounds.end);
    if (end > start && start < to && end > from) out.push({ start, end });
  }
  return out;
}

/** Sorts and joins overlapping or touching intervals, so the result is disjoint and ascending. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].filter((i) => i.end > i.start).sort((a, b) => a.start.getTime() - b.start.getTime());
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && i.start.getTime() <= last.end.getTime()) {
      if (i.end > last.end) last.end = new Date(i.end.getTime());
    } else {
      out.push({ start: new Date(i.start.getTime()), end: new Date(i.end.getTime()) });
    }
  }
  return out;
}

/**
 * The intervals of a window inside [from, to), clipped to it and merged: an occurrence that began before
 * `from` and still runs is included from `from`. At most MAX_OCCURRENCES, the earliest first.
 */
export function occurrences(window: WindowTiming, from: Date, to: Date): Interval[] {
  const lo = from.getTime();
  const hi = to.getTime();
  const clipped = rawOccurrences(window, lo, hi).map((o) => ({ start: new Date(Math.max(o.start, lo)), end: new Date(Math.min(o.end, hi)) }));
  return mergeIntervals(clipped);
}

/** True when any of the windows covers the instant `at`. */
export function isInMaintenance(windows: readonly WindowTiming[], at: Date): boolean {
  const t = at.getTime();
  return windows.some((w) => rawOccurrences(w, t, t + 1).length > 0);
}

// Monthly occurrences are at most 31 days apart; two months of look-ahead always finds the next one.
const NEXT_HORIZON_MS = 63 * DAY_MS;

/** The occurrence in progress at `at`, else the next one (unclipped by `at`); null when none is left. */
export function nextOccurrence(window: WindowTiming, at: Date): Interval | null {
  const from = Math.max(at.getTime(), window.startsAt.getTime());
  const first = rawOccurrences(window, from, from + NEXT_HORIZON_MS)[0];
  return first ? { start: new Date(first.start), end: new Date(first.end) } : null;
}
