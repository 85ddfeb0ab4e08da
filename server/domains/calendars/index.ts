export { createCalendarService, type CalendarService } from './calendars.service.ts';
export { calendarRoutes } from './calendars.routes.ts';
export type { CalendarTables } from './calendars.tables.ts';
export { loadBusinessCalendar, toBusinessCalendar } from './business-calendar.ts';
export { coverageWarnings, type CalendarCoverage } from './coverage.ts';
export { parseHolidayNotice, type NoticeDay } from './notice-parser.ts';
export {
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
