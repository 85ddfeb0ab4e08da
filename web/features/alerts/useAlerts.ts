import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AlertBulkActionInput } from '../../../shared/schemas/alerts.ts';
import {
  alertGroupsKey,
  alertKey,
  alertListKey,
  alertsKey,
  alertSummaryKey,
  commentAlert,
  fetchAlert,
  fetchAlertEvents,
  fetchAlertSummary,
  listAlertGroups,
  listAlerts,
  listNotifications,
  notificationsKey,
  retryNotification,
  runAlertAction,
  type AlertAction,
  type AlertFilters,
  type NotificationFilters,
} from './alerts.api.ts';

/** The alert center refreshes every 10 s while its tab is visible (TanStack pauses intervals in hidden tabs). */
export const ALERT_LIVE_MS = 10_000;

export function useAlertList(query: AlertFilters & { page: number; pageSize: number }, options: { enabled?: boolean; refetchMs?: number | false } = {}) {
  return useQuery({
    queryKey: [...alertListKey, query],
    queryFn: () => listAlerts(query),
    placeholderData: keepPreviousData,
    refetchInterval: options.refetchMs ?? ALERT_LIVE_MS,
    enabled: options.enabled ?? true,
  });
}

export function useAlertGroups(query: AlertFilters & { page: number; pageSize: number }, enabled = true) {
  return useQuery({ queryKey: [...alertGroupsKey, query], queryFn: () => listAlertGroups(query), placeholderData: keepPreviousData, refetchInterval: ALERT_LIVE_MS, enabled });
}

export function useAlertSummary(orgId: string | undefined) {
  return useQuery({ queryKey: alertSummaryKey(orgId), queryFn: () => fetchAlertSummary(orgId), refetchInterval: ALERT_LIVE_MS });
}

export function useAlert(id: string) {
  return useQuery({ queryKey: alertKey(id), queryFn: () => fetchAlert(id), enabled: Boolean(id), refetchInterval: ALERT_LIVE_MS });
}

export function useAlertEvents(id: string) {
  return useQuery({ queryKey: [...alertKey(id), 'events'], queryFn: () => fetchAlertEvents(id), enabled: Boolean(id), refetchInterval: ALERT_LIVE_MS });
}

/** Acknowledging, resolving or commenting moves lists, counts and the alert's own page: everything under ['alerts']. */
export function useAlertMutations() {
  const qc = useQueryClient();
  const onSuccess = () => qc.invalidateQueries({ queryKey: alertsKey });
  return {
    act: useMutation({ mutationFn: ({ action, input }: { action: AlertAction; input: AlertBulkActionInput }) => runAlertAction(action, input), onSuccess }),
    comment: useMutation({ mutationFn: ({ id, text }: { id: string; text: string }) => commentAlert(id, { text }), onSuccess }),
  };
}

export function useNotifications(query: NotificationFilters & { page: number; pageSize: number }, options: { enabled?: boolean; refetchMs?: number | false } = {}) {
  return useQuery({
    queryKey: [...notificationsKey, query],
    queryFn: () => listNotifications(query),
    placeholderData: keepPreviousData,
    refetchInterval: options.refetchMs ?? 30_000,
    enabled: options.enabled ?? true,
  });
}

export function useRetryNotification() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (id: number) => retryNotification(id), onSuccess: () => qc.invalidateQueries({ queryKey: notificationsKey }) });
}
