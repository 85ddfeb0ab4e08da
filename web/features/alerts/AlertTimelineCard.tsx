import { useMemo } from 'react';
import { Link } from 'react-router';
import { Card, Flex, Space, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { AlertSeverity, ChannelKindKey } from '../../../shared/schemas/alert-channels.ts';
import { AlertSuppression, type AlertEvent, type AlertEventKind } from '../../../shared/schemas/alerts.ts';
import { errorMessage } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import type { alertsZhCN } from '../../i18n/alerts.zh-CN.ts';
import { detailText } from './alert-format.ts';
import { PICKER_PAGE, useEscalationPolicies, useRoutes } from './useAlertConfig.ts';
import { useAlertEvents } from './useAlerts.ts';
import { useChannels } from './useChannels.ts';

const KIND_COLOR: Record<AlertEventKind, string> = {
  fired: 'red',
  refired: 'red',
  reopened: 'red',
  acknowledged: 'orange',
  unacknowledged: 'gray',
  resolved: 'green',
  notified: 'blue',
  escalated: 'orange',
  suppressed: 'gray',
  unsuppressed: 'blue',
  commented: 'blue',
  severity_changed: 'orange',
  ticket: 'blue',
};

type DetailKey = keyof typeof alertsZhCN.eventDetails;
const DETAIL_KEYS: readonly DetailKey[] = ['from', 'to', 'severity', 'status', 'step', 'round', 'channel', 'channelName', 'channels', 'routes', 'escalationPolicyId', 'recipient', 'target', 'targets', 'reason', 'suppression', 'count', 'ticketRef', 'policy', 'error', 'notificationId'];
const isDetailKey = (key: string): key is DetailKey => (DETAIL_KEYS as readonly string[]).includes(key);
/** Keys shown as their own paragraph or link rather than as "name: value". */
const TEXT_KEYS = new Set(['text', 'comment']);
const LINK_KEYS = new Set(['silenceId', 'causeAlertId']);

const EscalationReach = z.array(
  z.object({ kind: z.enum(['channel', 'user', 'schedule']), channelId: z.string().optional(), name: z.string().optional(), userId: z.string().nullable().optional(), scheduleName: z.string().optional(), reached: z.array(z.string()).optional() }),
);
const IdList = z.array(z.string());

/** Names for the ids the engine writes into details (routes, channels, policies), from the pickers' cached lists. */
function useNames() {
  const channels = useChannels(PICKER_PAGE);
  const routes = useRoutes(PICKER_PAGE);
  const policies = useEscalationPolicies(PICKER_PAGE);
  return useMemo(() => {
    const map = new Map<string, string>();
    for (const c of channels.data?.items ?? []) map.set(c.id, c.name);
    for (const r of routes.data?.items ?? []) map.set(r.id, r.name);
    for (const p of policies.data?.items ?? []) map.set(p.id, p.name);
    return (id: string) => map.get(id) ?? id;
  }, [channels.data, routes.data, policies.data]);
}

/** One event's details, readable: the comment as text, links to the silence or cause, names for ids, the rest as "名称：值". */
function EventDetails({ details }: { details: Record<string, unknown> }) {
  const { t } = useTranslation();
  const nameOf = useNames();
  const entries = Object.entries(details).filter(([, v]) => v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0));
  const text = entries.find(([k]) => TEXT_KEYS.has(k))?.[1];
  const silenceId = typeof details.silenceId === 'string' ? details.silenceId : null;
  const causeAlertId = typeof details.causeAlertId === 'string' ? details.causeAlertId : null;
  const rest = entries.filter(([k]) => !TEXT_KEYS.has(k) && !LINK_KEYS.has(k));
  const via = (kinds: readonly string[] | undefined) => {
    const names = (kinds ?? []).map((k) => {
      const known = ChannelKindKey.safeParse(k);
      return known.success ? t(`alerts.channels.kind.${known.data}`) : k === 'in_app' ? t('alerts.eventDetails.inApp') : k;
    });
    return names.length ? `（${names.join(t('common.listSeparator'))}）` : '';
  };
  const valueOf = (key: string, value: unknown): string => {
    const severity = AlertSeverity.safeParse(value);
    if ((key === 'from' || key === 'to' || key === 'severity') && severity.success) return t(`alerts.severity.${severity.data}`);
    const suppression = AlertSuppression.safeParse(value);
    if ((key === 'reason' || key === 'suppression') && suppression.success) return t(`alerts.suppression.${suppression.data}`);
    if (key === 'escalationPolicyId' && typeof value === 'string') return nameOf(value);
    const ids = IdList.safeParse(value);
    if ((key === 'routes' || key === 'channels') && ids.success) return ids.data.map(nameOf).join(t('common.listSeparator'));
    const targets = EscalationReach.safeParse(value);
    if (key === 'targets' && targets.success) {
      return targets.data
        .map((r) => {
          if (r.kind === 'channel') return nameOf(r.channelId ?? '');
          const who = r.userId === null ? t('alerts.schedules.nobody') : `${r.name ?? r.userId ?? ''}${via(r.reached)}`;
          return r.kind === 'schedule' ? `${r.scheduleName ?? ''}：${who}` : who;
        })
        .join(t('common.listSeparator'));
    }
    return detailText(value);
  };
  return (
    <Flex vertical gap={4}>
      {typeof text === 'string' && <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap', background: 'rgba(0,0,0,0.03)', padding: '4px 8px', borderRadius: 4 }}>{text}</Typography.Paragraph>}
      {rest.length > 0 && (
        <Space size={[4, 4]} wrap>
          {rest.map(([k, v]) => (
            <Tag key={k} style={{ marginInlineEnd: 0, whiteSpace: 'normal' }}>
              {isDetailKey(k) ? t(`alerts.eventDetails.${k}`) : k}：{valueOf(k, v)}
            </Tag>
          ))}
        </Space>
      )}
      {(silenceId || causeAlertId) && (
        <Space size={12}>
          {silenceId && <Link to={`/alerts/silences?silence=${silenceId}`}>{t('alerts.detail.openSilence')}</Link>}
          {causeAlertId && <Link to={`/alerts/${causeAlertId}`}>{t('alerts.detail.openCause')}</Link>}
        </Space>
      )}
    </Flex>
  );
}

/** 处理记录: firings, acknowledgements, notifications, escalations, comments … newest first, with who did it. */
export function AlertTimelineCard({ alertId }: { alertId: string }) {
  const { t } = useTranslation();
  const events = useAlertEvents(alertId);
  const items = [...(events.data ?? [])].sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || b.id - a.id);
  const actor = (e: AlertEvent) => e.actorName ?? (e.actorId ? e.actorId : t('alerts.events.system'));
  return (
    <Card size="small" title={t('alerts.detail.timeline')} data-testid="alert-timeline">
      {events.isError && <ErrorState title={t('alerts.detail.timeline')} message={errorMessage(events.error)} retryLabel={t('common.retry')} onRetry={() => void events.refetch()} />}
      {events.isPending ? (
        <Typography.Text type="secondary">{t('common.loading')}</Typography.Text>
      ) : items.length === 0 ? (
        !events.isError && <EmptyState description={t('alerts.detail.timelineEmpty')} />
      ) : (
        <Timeline
          style={{ marginTop: 8 }}
          items={items.map((e) => ({
            key: e.id,
            color: KIND_COLOR[e.kind],
            content: (
              <Flex vertical gap={4} data-testid="alert-event" data-kind={e.kind}>
                <Space size={8} wrap>
                  <Typography.Text strong>{t(`alerts.events.kind.${e.kind}`)}</Typography.Text>
                  <Typography.Text type="secondary">{actor(e)}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(e.at)}</Typography.Text>
                </Space>
                {Object.keys(e.details).length > 0 && <EventDetails details={e.details} />}
              </Flex>
            ),
          }))}
        />
      )}
    </Card>
  );
}
