/**
 * Adapts a calendars-domain BusinessCalendar to the on-call resolver's BusinessTimePredicate, so the resolver stays
 * independent of how calendars are stored. The caller loads the calendar (`loadBusinessCalendar`) and passes it here.
 */
import { isWithinBusinessHours, workingRangesOn, type BusinessCalendar } from '../../calendars/index.ts';
import type { BusinessTimePredicate } from './restriction.ts';
import { dateOfDay, instantAt, localDayOf } from './zoned-time.ts';

/** A holiday- and 调休-aware business-time predicate for `calendar`, with exact change points for shiftsBetween. */
export function businessTimePredicate(calendar: BusinessCalendar): BusinessTimePredicate {
  const zone = calendar.timeZone;
  const predicate = (at: Date): boolean => isWithinBusinessHours(calendar, at);
  return Object.assign(predicate, {
    changesBetween(from: Date, to: Date): Date[] {
      const a = from.getTime();
      const b = to.getTime();
      const out: Date[] = [];
      // Every working period's edges; edges that do not flip the answer (e.g. midnight in a 7×24 calendar) are harmless.
      for (let day = localDayOf(zone, a); day <= localDayOf(zone, b); day++) {
        for (const [start, end] of workingRangesOn(calendar, dateOfDay(day)).ranges) {
          for (const t of [instantAt(zone, day, start), instantAt(zone, day, end)]) if (t > a && t < b) out.push(new Date(t));
        }
      }
      return out;
    },
  });
}
