import { api, parse } from '../../app/api.ts';
import {
  OnCallNow,
  OnCallSchedulePage,
  OnCallScheduleRecord,
  OnCallShiftList,
  type OnCallShiftView,
  type OnCallScheduleInput,
  type OnCallScheduleUpdateInput,
} from '../../../shared/schemas/alerts.ts';
import type { ConfigListQuery } from './alert-config.api.ts';

export const schedulesKey = ['oncall-schedules'] as const;
export const scheduleKey = (id: string) => ['oncall-schedules', 'one', id] as const;

export async function listSchedules(query: ConfigListQuery): Promise<OnCallSchedulePage> {
  return parse(OnCallSchedulePage, await api.get('/api/oncall-schedules', query));
}

export async function fetchSchedule(id: string): Promise<OnCallScheduleRecord> {
  return parse(OnCallScheduleRecord, await api.get(`/api/oncall-schedules/${id}`));
}

export async function createSchedule(input: OnCallScheduleInput): Promise<OnCallScheduleRecord> {
  return parse(OnCallScheduleRecord, await api.post('/api/oncall-schedules', input));
}

export async function updateSchedule(id: string, input: OnCallScheduleUpdateInput): Promise<OnCallScheduleRecord> {
  return parse(OnCallScheduleRecord, await api.patch(`/api/oncall-schedules/${id}`, input));
}

export async function deleteSchedule(id: string): Promise<void> {
  await api.delete(`/api/oncall-schedules/${id}`);
}

/** The final shifts between two instants (the server allows at most 62 days). */
export async function fetchShifts(id: string, range: { from: string; to: string }): Promise<OnCallShiftView[]> {
  return parse(OnCallShiftList, await api.get(`/api/oncall-schedules/${id}/shifts`, range)).items;
}

export async function fetchOnCallNow(id: string): Promise<OnCallNow> {
  return parse(OnCallNow, await api.get(`/api/oncall-schedules/${id}/now`));
}
