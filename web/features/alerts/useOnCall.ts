import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OnCallScheduleInput, OnCallScheduleUpdateInput } from '../../../shared/schemas/alerts.ts';
import type { ConfigListQuery } from './alert-config.api.ts';
import { createSchedule, deleteSchedule, fetchOnCallNow, fetchSchedule, fetchShifts, listSchedules, scheduleKey, schedulesKey, updateSchedule } from './oncall.api.ts';

export function useSchedules(query: ConfigListQuery, enabled = true) {
  return useQuery({ queryKey: [...schedulesKey, 'list', query], queryFn: () => listSchedules(query), placeholderData: keepPreviousData, enabled });
}

export function useSchedule(id: string) {
  return useQuery({ queryKey: scheduleKey(id), queryFn: () => fetchSchedule(id), enabled: Boolean(id) });
}

export function useShifts(id: string, range: { from: string; to: string }) {
  return useQuery({ queryKey: [...scheduleKey(id), 'shifts', range], queryFn: () => fetchShifts(id, range), enabled: Boolean(id), placeholderData: keepPreviousData });
}

/** Who is on call changes at hand-offs: asked again every minute. */
export function useOnCallNow(id: string) {
  return useQuery({ queryKey: [...scheduleKey(id), 'now'], queryFn: () => fetchOnCallNow(id), enabled: Boolean(id), refetchInterval: 60_000 });
}

/** Rules, overrides and names all live on the schedule: any change refreshes everything under ['oncall-schedules']. */
export function useScheduleMutations() {
  const qc = useQueryClient();
  const onSuccess = () => qc.invalidateQueries({ queryKey: schedulesKey });
  return {
    create: useMutation({ mutationFn: (input: OnCallScheduleInput) => createSchedule(input), onSuccess }),
    update: useMutation({ mutationFn: ({ id, input }: { id: string; input: OnCallScheduleUpdateInput }) => updateSchedule(id, input), onSuccess }),
    remove: useMutation({ mutationFn: (id: string) => deleteSchedule(id), onSuccess }),
  };
}
