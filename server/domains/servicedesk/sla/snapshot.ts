/**
 * Calendar snapshots: a ticket stores the working calendar as it was at open and its SLA clocks are always computed
 * on that copy, so editing the calendar later (new hours, a holiday set by hand) never moves existing tickets' due
 * times. Newly opened tickets get the edited calendar.
 */
import type { BusinessCalendar, CalendarException, DayRanges } from '../../calendars/index.ts';
import { SlaCalendarSnapshot } from '../../../../shared/schemas/sla.ts';

const copyRanges = (r: DayRanges): Array<[number, number]> => r.map(([a, b]) => [a, b]);

/**
 * A JSON-safe copy of `cal`. With `fromDate` (YYYY-MM-DD, usually the open date) dated exceptions before it are left
 * out: a clock never looks back before its ticket opened, and the snapshot stays small.
 */
export function snapshotCalendar(cal: BusinessCalendar, fromDate?: string): SlaCalendarSnapshot {
  const exceptions = [...cal.exceptions.values()]
    .filter((e) => fromDate === undefined || e.date >= fromDate)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    .map((e) => ({
      date: e.date,
      kind: e.kind,
      ...(e.name === undefined ? {} : { name: e.name }),
      ...(e.ranges === undefined ? {} : { ranges: copyRanges(e.ranges) }),
    }));
  return {
    timeZone: cal.timeZone,
    weekly: cal.weekly.map(copyRanges),
    makeupRanges: copyRanges(cal.makeupRanges),
    exceptions,
    coveredYears: [...cal.coveredYears].sort((a, b) => a - b),
  };
}

/** The BusinessCalendar of a stored snapshot (validated, so a hand-edited row fails loudly here). */
export function calendarFromSnapshot(snapshot: unknown): BusinessCalendar {
  const s = SlaCalendarSnapshot.parse(snapshot);
  const exceptions = new Map<string, CalendarException>();
  for (const e of s.exceptions) exceptions.set(e.date, { date: e.date, kind: e.kind, name: e.name, ranges: e.ranges });
  return {
    timeZone: s.timeZone,
    weekly: s.weekly,
    makeupRanges: s.makeupRanges,
    exceptions,
    coveredYears: new Set(s.coveredYears),
  };
}
