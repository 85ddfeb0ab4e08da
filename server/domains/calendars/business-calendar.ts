import type { Selectable } from 'kysely';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import type { BusinessCalendar, CalendarException } from './business-time.ts';
import type { CalendarDaysTable, WorkCalendarsTable } from './calendars.tables.ts';

export type CalendarRow = Selectable<WorkCalendarsTable>;
export type CalendarDayRow = Selectable<CalendarDaysTable>;

/** The manual source: a day an admin set by hand, which imports never overwrite. */
export const MANUAL_SOURCE = 'manual';

// A calendar that ignores national holidays cannot miss them, so every year it could be asked about counts as covered.
const EVERY_YEAR: ReadonlySet<number> = new Set(Array.from({ length: 301 }, (_, i) => 1900 + i));

/** Builds the pure business-time calendar from a work_calendars row and its calendar_days rows. */
export function toBusinessCalendar(
  row: Pick<CalendarRow, 'timeZone' | 'weekly' | 'makeupRanges' | 'followsNationalHolidays' | 'coveredYears'>,
  days: ReadonlyArray<Pick<CalendarDayRow, 'date' | 'kind' | 'name' | 'ranges' | 'source'>>,
): BusinessCalendar {
  const exceptions = new Map<string, CalendarException>();
  for (const d of days) {
    // Without national holidays only the days set by hand apply; seeded or imported ones stay stored but ignored.
    if (!row.followsNationalHolidays && d.source !== MANUAL_SOURCE) continue;
    exceptions.set(d.date, { date: d.date, kind: d.kind, ranges: d.ranges ?? undefined, name: d.name || undefined });
  }
  return {
    timeZone: row.timeZone,
    weekly: row.weekly,
    makeupRanges: row.makeupRanges,
    exceptions,
    coveredYears: row.followsNationalHolidays ? new Set(row.coveredYears) : EVERY_YEAR,
  };
}

/** Loads a calendar and all its dated days for the SLA clocks; not-found when the id is unknown. No tenancy check: callers hold the id already. */
export async function loadBusinessCalendar(db: Db, calendarId: string): Promise<BusinessCalendar> {
  const row = await db.selectFrom('workCalendars').selectAll().where('id', '=', calendarId).executeTakeFirst();
  if (!row) throw notFound('calendar', calendarId);
  const days = await db.selectFrom('calendarDays').select(['date', 'kind', 'name', 'ranges', 'source']).where('calendarId', '=', calendarId).execute();
  return toBusinessCalendar(row, days);
}
