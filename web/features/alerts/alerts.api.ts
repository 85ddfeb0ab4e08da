import { z } from 'zod';
import { api, parse } from '../../app/api.ts';
import {
  Alert,
  AlertBulkActionResult,
  AlertEvent,
  AlertGroupPage,
  AlertPage,
  AlertSummary,
  InboxPage,
  type AlertBulkActionInput,
  type AlertCommentInput,
  type AlertListQuery,
  type AlertSource,
  type AlertStatus,
  type InboxReadInput,
} from '../../../shared/schemas/alerts.ts';
import type { AlertSeverity } from '../../../shared/schemas/alert-channels.ts';
import { Notification, NotificationPage, type NotificationStatus } from '../../../shared/schemas/notifications.ts';

// Every query key of the alert store starts with 'alerts', of the outbox with 'notifications', of the in-app inbox
// with 'inbox', so one invalidate refreshes a family.
export const alertsKey = ['alerts'] as const;
export const alertListKey = ['alerts', 'list'] as const;
export const alertGroupsKey = ['alerts', 'groups'] as const;
export const alertSummaryKey = (orgId: string | undefined) => ['alerts', 'summary', orgId ?? null] as const;
export const alertKey = (id: string) => ['alerts', 'one', id] as const;
export const notificationsKey = ['notifications'] as const;
export const inboxKey = ['inbox'] as const;

/** The alert list's filters as the page holds them; lists are sent comma-joined. */
export type AlertFilters = {
  view: AlertListQuery['view'];
  status?: AlertStatus[];
  severity?: AlertSeverity[];
  source?: AlertSource[];
  orgId?: string;
  assetId?: string;
  probeId?: string;
  isSuppressedShown?: boolean;
  from?: string;
  to?: string;
  q?: string;
  sort?: AlertListQuery['sort'];
};

const EventList = z.object({ items: z.array(AlertEvent) });

/** The query string of a filter: empty lists left out, and includeSuppressed only when true (the server coerces "false" to true). */
function alertQuery(f: AlertFilters & { page?: number; pageSize?: number }) {
  const csv = (list: readonly string[] | undefined) => (list?.length ? list.join(',') : undefined);
  return {
    view: f.view,
    status: csv(f.status),
    severity: csv(f.severity),
    source: csv(f.source),
    orgId: f.orgId,
    assetId: f.assetId,
    probeId: f.probeId,
    includeSuppressed: f.isSuppressedShown ? 'true' : undefined,
    from: f.from,
    to: f.to,
    q: f.q,
    sort: f.sort,
    page: f.page,
    pageSize: f.pageSize,
  };
}

export async function listAlerts(query: AlertFilters & { page: number; pageSize: number }): Promise<AlertPage> {
  return parse(AlertPage, await api.get('/api/alerts', alertQuery(query)));
}

export async function listAlertGroups(query: AlertFilters & { page: number; pageSize: number }): Promise<AlertGroupPage> {
  return parse(AlertGroupPage, await api.get('/api/alerts/groups', alertQuery(query)));
}

export async function fetchAlertSummary(orgId: string | undefined): Promise<AlertSummary> {
  return parse(AlertSummary, await api.get('/api/alerts/summary', { orgId }));
}

export async function fetchAlert(id: string): Promise<Alert> {
  return parse(Alert, await api.get(`/api/alerts/${id}`));
}

export async function fetchAlertEvents(id: string): Promise<AlertEvent[]> {
  return parse(EventList, await api.get(`/api/alerts/${id}/events`)).items;
}

/** 确认 / 取消确认 / 解决 of one or many alerts; alerts already in the target state count as unchanged. */
export type AlertAction = 'acknowledge' | 'unacknowledge' | 'resolve';

export async function runAlertAction(action: AlertAction, input: AlertBulkActionInput): Promise<AlertBulkActionResult> {
  return parse(AlertBulkActionResult, await api.post(`/api/alerts/${action}`, input));
}

export async function commentAlert(id: string, input: AlertCommentInput): Promise<void> {
  await api.post(`/api/alerts/${id}/comments`, input);
}

// ---- notifications (the outbox) ----

export type NotificationFilters = { status?: NotificationStatus; channelId?: string; alertId?: string; orgId?: string };

export async function listNotifications(query: NotificationFilters & { page: number; pageSize: number }): Promise<NotificationPage> {
  return parse(NotificationPage, await api.get('/api/notifications', query));
}

export async function retryNotification(id: number): Promise<Notification> {
  return parse(Notification, await api.post(`/api/notifications/${id}/retry`));
}

// ---- in-app inbox ----

export async function fetchInbox(query: { page: number; pageSize: number; isUnreadOnly?: boolean }): Promise<InboxPage> {
  return parse(InboxPage, await api.get('/api/inbox', { page: query.page, pageSize: query.pageSize, unreadOnly: query.isUnreadOnly ? 'true' : undefined }));
}

export async function markInboxRead(input: InboxReadInput): Promise<void> {
  await api.post('/api/inbox/read', input);
}
