import type { ColumnType, Generated } from 'kysely';

type Json<T> = ColumnType<T, string, string>;

export interface WorkCalendarsTable {
  id: Generated<string>;
  orgId: string | null;
  name: string;
  description: string | null;
  timeZone: Generated<string>;
  weekly: Json<Array<Array<[number, number]>>>;
  makeupRanges: Json<Array<[number, number]>>;
  followsNationalHolidays: Generated<boolean>;
  coveredYears: Generated<number[]>;
  isActive: Generated<boolean>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface CalendarDaysTable {
  calendarId: string;
  date: string;
  kind: 'holiday' | 'workday';
  name: Generated<string>;
  ranges: Json<Array<[number, number]> | null> | null;
  source: string;
}

export interface CalendarTables {
  workCalendars: WorkCalendarsTable;
  calendarDays: CalendarDaysTable;
}
