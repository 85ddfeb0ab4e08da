import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CalendarYearImportInput, WorkCalendarCreateInput, WorkCalendarUpdateInput } from '../../../shared/schemas/calendars.ts';
import {
  calendarDaysKey,
  calendarKey,
  calendarsKey,
  createCalendar,
  deleteCalendar,
  deleteDay,
  fetchCalendar,
  importYear,
  listCalendars,
  listDays,
  putDay,
  updateCalendar,
  type CalendarDayInput,
} from './calendars.api.ts';

export function useCalendars() {
  return useQuery({ queryKey: calendarsKey, queryFn: listCalendars });
}

export function useCalendar(id: string) {
  return useQuery({ queryKey: calendarKey(id), queryFn: () => fetchCalendar(id) });
}

export function useCalendarDays(id: string, year: number) {
  return useQuery({ queryKey: calendarDaysKey(id, year), queryFn: () => listDays(id, year) });
}

/** Any calendar change can change coverage and the list, so everything under ['calendars'] is refreshed. */
export function useCalendarMutations() {
  const qc = useQueryClient();
  const onSuccess = () => qc.invalidateQueries({ queryKey: calendarsKey });
  return {
    create: useMutation({ mutationFn: (input: WorkCalendarCreateInput) => createCalendar(input), onSuccess }),
    update: useMutation({ mutationFn: ({ id, input }: { id: string; input: WorkCalendarUpdateInput }) => updateCalendar(id, input), onSuccess }),
    remove: useMutation({ mutationFn: (id: string) => deleteCalendar(id), onSuccess }),
    putDay: useMutation({ mutationFn: ({ id, date, input }: { id: string; date: string; input: CalendarDayInput }) => putDay(id, date, input), onSuccess }),
    deleteDay: useMutation({ mutationFn: ({ id, date }: { id: string; date: string }) => deleteDay(id, date), onSuccess }),
    importYear: useMutation({ mutationFn: ({ id, input }: { id: string; input: CalendarYearImportInput }) => importYear(id, input), onSuccess }),
  };
}
