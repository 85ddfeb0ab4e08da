import { z } from 'zod';
import { api, parse } from '../../app/api.ts';
import {
  BusinessTimeResult,
  CalendarCoverage,
  CalendarDay,
  CalendarYearImportResult,
  WorkCalendar,
  type CalendarYearImportInput,
  type WorkCalendarCreateInput,
  type WorkCalendarUpdateInput,
} from '../../../shared/schemas/calendars.ts';

export const calendarsKey = ['calendars'] as const;
export const coverageKey = ['calendars', 'coverage'] as const;
export const calendarKey = (id: string) => ['calendars', id] as const;
export const calendarDaysKey = (id: string, year: number) => ['calendars', id, 'days', year] as const;

const CalendarList = z.object({ items: z.array(WorkCalendar) });
const DayList = z.object({ items: z.array(CalendarDay) });

export type CalendarDayInput = { kind: 'holiday' | 'workday'; name: string; ranges?: [number, number][] | null };
export type Coverage = z.infer<typeof CalendarCoverage>;
export type BusinessTime = z.infer<typeof BusinessTimeResult>;
export type YearImportResult = z.infer<typeof CalendarYearImportResult>;

export async function listCalendars(): Promise<WorkCalendar[]> {
  return parse(CalendarList, await api.get('/api/calendars')).items;
}

export async function fetchCoverage(): Promise<Coverage> {
  return parse(CalendarCoverage, await api.get('/api/calendars/coverage'));
}

export async function fetchCalendar(id: string): Promise<WorkCalendar> {
  return parse(WorkCalendar, await api.get(`/api/calendars/${id}`));
}

export async function createCalendar(input: WorkCalendarCreateInput): Promise<WorkCalendar> {
  return parse(WorkCalendar, await api.post('/api/calendars', input));
}

export async function updateCalendar(id: string, input: WorkCalendarUpdateInput): Promise<WorkCalendar> {
  return parse(WorkCalendar, await api.patch(`/api/calendars/${id}`, input));
}

export async function deleteCalendar(id: string): Promise<void> {
  await api.delete(`/api/calendars/${id}`);
}

export async function listDays(id: string, year: number): Promise<CalendarDay[]> {
  return parse(DayList, await api.get(`/api/calendars/${id}/days`, { year })).items;
}

export async function putDay(id: string, date: string, input: CalendarDayInput): Promise<void> {
  await api.put(`/api/calendars/${id}/days/${date}`, input);
}

export async function deleteDay(id: string, date: string): Promise<void> {
  await api.delete(`/api/calendars/${id}/days/${date}`);
}

export async function importYear(id: string, input: CalendarYearImportInput): Promise<YearImportResult> {
  return parse(CalendarYearImportResult, await api.post(`/api/calendars/${id}/years`, input));
}

export async function businessTime(
  id: string,
  query: { start: string; minutes?: number; end?: string },
): Promise<BusinessTime> {
  return parse(BusinessTimeResult, await api.get(`/api/calendars/${id}/business-time`, query));
}
