import type { z } from 'zod';
import type { CalendarCoverage as CalendarCoverageSchema } from '../../../shared/schemas/calendars.ts';
import type { Db } from '../../platform/db.ts';
import type { CalendarRow } from './business-calendar.ts';

export type CalendarCoverage = z.infer<typeof CalendarCoverageSchema>;

// "Next year" is one number for the whole platform, so it is read in the platform's home zone: at 2026-12-31T20:00Z
// it is already 2027 in China, and the 2028 schedule becomes the one to worry about.
const HOME_YEAR = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', year: 'numeric' });

/** The year after `now`'s year in China. */
export function nextYearAt(now: Date): number {
  return Number(HOME_YEAR.format(now)) + 1;
}

/** A 7×24 calendar works on holidays too, so their dates cannot change its answers. */
export function isAlwaysOn(weekly: CalendarRow['weekly']): boolean {
  return weekly.every((day) => day.length === 1 && day[0]![0] === 0 && day[0]![1] === 1440);
}

/** True when the calendar follows national holidays and `nextYear`'s schedule is not known yet. */
export function isMissingYear(row: Pick<CalendarRow, 'followsNationalHolidays' | 'weekly' | 'coveredYears'>, nextYear: number): boolean {
  return row.followsNationalHolidays && !isAlwaysOn(row.weekly) && !row.coveredYears.includes(nextYear);
}

/** Active calendars still missing next year's holidays, over every organisation: for the daily check and the start-up log. */
export async function coverageWarnings(db: Db, now: Date): Promise<CalendarCoverage> {
  const nextYear = nextYearAt(now);
  const rows = await db
    .selectFrom('workCalendars')
    .select(['id', 'name', 'orgId', 'followsNationalHolidays', 'weekly', 'coveredYears'])
    .where('isActive', '=', true)
    .orderBy('name')
    .execute();
  return { nextYear, missing: rows.filter((r) => isMissingYear(r, nextYear)).map((r) => ({ id: r.id, name: r.name, orgId: r.orgId })) };
}
