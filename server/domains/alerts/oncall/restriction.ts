/**
 * When a restricted layer is in force: weekly windows in the schedule's zone, or business / non-business time of a
 * work calendar. Outside its windows a layer has nobody, so the layers below it show through.
 */
import type { LayerRestriction } from '../../../../shared/schemas/oncall.ts';
import { invalid } from '../../../platform/errors.ts';
import { MINUTE_MS, instantAt, localDayOf, minutesOf, weekdayOf } from './zoned-time.ts';

/**
 * Whether an instant is business time in the caller's work calendar (holidays and 调休 make-up days included).
 * `changesBetween`, when given, lists the instants in (from, to) where the answer may flip, so shiftsBetween need not
 * ask minute by minute; a plain function works too, only slower.
 */
export type BusinessTimePredicate = ((at: Date) => boolean) & {
  changesBetween?: (from: Date, to: Date) => Date[];
};

/** Half-open [start, end) in ms. */
export interface Interval {
  start: number;
  end: number;
}

// A minute-by-minute scan over more than this is refused: it would take seconds and means a caller forgot the adapter.
const MAX_SCAN_MINUTES = 100 * 1440;

function calendarOf(calendar: BusinessTimePredicate | undefined): BusinessTimePredicate {
  if (!calendar) {
    throw invalid('oncall.calendar_required', 'This schedule has a layer restricted to business or non-business hours; pass its work calendar');
  }
  return calendar;
}

/** Weekly windows that start on `day` (a window whose end is at or before its start runs into the next day). */
function weeklyWindowsOn(r: Extract<LayerRestriction, { kind: 'weekly' }>, timeZone: string, day: number): Interval[] {
  const out: Interval[] = [];
  const weekday = weekdayOf(day);
  for (const range of r.ranges) {
    if (!range.weekdays.includes(weekday)) continue;
    const a = minutesOf(range.start);
    const b = minutesOf(range.end);
    const start = instantAt(timeZone, day, a);
    const end = b > a ? instantAt(timeZone, day, b) : instantAt(timeZone, day + 1, b);
    if (end > start) out.push({ start, end });
  }
  return out;
}

/** Whether a layer with this restriction is in force at instant t. */
export function isInForce(r: LayerRestriction | null, timeZone: string, t: number, calendar?: BusinessTimePredicate): boolean {
  if (r === null) return true;
  if (r.kind === 'weekly') {
    const day = localDayOf(timeZone, t);
    // A night window from yesterday can still be running.
    return [day - 1, day].some((d) => weeklyWindowsOn(r, timeZone, d).some((w) => w.start <= t && t < w.end));
  }
  const isBusiness = calendarOf(calendar)(new Date(t));
  return r.kind === 'business_hours' ? isBusiness : !isBusiness;
}

/** Sorted, merged intervals. */
function union(intervals: Interval[]): Interval[] {
  const sorted = [...intervals].sort((x, y) => x.start - y.start);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else out.push({ ...i });
  }
  return out;
}

/** The windows of [from, to) where a layer with this restriction is in force, sorted and merged. */
export function windowsBetween(r: LayerRestriction | null, timeZone: string, from: number, to: number, calendar?: BusinessTimePredicate): Interval[] {
  if (r === null) return [{ start: from, end: to }];
  if (r.kind === 'weekly') {
    const windows: Interval[] = [];
    for (let day = localDayOf(timeZone, from) - 1; day <= localDayOf(timeZone, to); day++) {
      for (const w of weeklyWindowsOn(r, timeZone, day)) {
        const start = Math.max(w.start, from);
        const end = Math.min(w.end, to);
        if (end > start) windows.push({ start, end });
      }
    }
    return union(windows);
  }

  const isBusiness = calendarOf(calendar);
  const wanted = r.kind === 'business_hours';
  let cuts: number[];
  if (isBusiness.changesBetween) {
    cuts = isBusiness.changesBetween(new Date(from), new Date(to)).map((d) => d.getTime()).filter((t) => t > from && t < to);
  } else {
    if ((to - from) / MINUTE_MS > MAX_SCAN_MINUTES) {
      throw invalid('oncall.range_too_long', 'Without calendar change points, at most 100 days can be resolved at once');
    }
    // Working periods are whole local minutes, and zone offsets are whole minutes, so minute marks find every flip.
    cuts = [];
    for (let t = Math.ceil(from / MINUTE_MS) * MINUTE_MS; t < to; t += MINUTE_MS) if (t > from) cuts.push(t);
  }
  const points = [from, ...[...new Set(cuts)].sort((a, b) => a - b), to];
  const windows: Interval[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    if (isBusiness(new Date(start)) === wanted) windows.push({ start, end: points[i + 1]! });
  }
  return union(windows);
}
