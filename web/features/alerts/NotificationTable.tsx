import { Link } from 'react-router';
import { App, Button, Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ChannelKindKey } from '../../../shared/schemas/alert-channels.ts';
import type { Notification, NotificationPage, NotificationStatus } from '../../../shared/schemas/notifications.ts';
import { errorMessage } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';
import { can } from '../../app/permissions.ts';
import { useMe } from '../../app/session.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { useRetryNotification } from './useAlerts.ts';

export const NOTIFICATION_STATUS_COLOR: Record<NotificationStatus, string> = { pending: 'default', sending: 'processing', sent: 'success', failed: 'warning', dead: 'error' };

type Props = {
  data: NotificationPage | undefined;
  loading: boolean;
  /** the alert column is left out on the alert's own page */
  isAlertShown?: boolean;
  emptyText: string;
  pagination?: { page: number; pageSize: number; onChange: (page: number, size: number) => void };
  'data-testid'?: string;
};

/** Who was told, when, through which channel and with what outcome; failed and dead letters can be queued again. */
export function NotificationTable({ data, loading, isAlertShown = true, emptyText, pagination, ...rest }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const canRetry = can(me, 'alert.manage');
  const retry = useRetryNotification();
  // the outbox keeps kinds as free text: one the UI does not know is shown as it is
  const kindLabel = (kind: string) => {
    const known = ChannelKindKey.safeParse(kind);
    return known.success ? t(`alerts.channels.kind.${known.data}`) : kind;
  };
  return (
    <Table<Notification>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={data?.items ?? []}
      scroll={{ x: 1200 }}
      locale={{ emptyText: <EmptyState description={emptyText} /> }}
      pagination={
        pagination
          ? {
              current: pagination.page,
              pageSize: pagination.pageSize,
              total: data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (total) => t('common.total', { total }),
              onChange: (p, size) => pagination.onChange(size === pagination.pageSize ? p : 1, size),
            }
          : false
      }
      columns={[
        { title: t('alerts.notifications.columns.createdAt'), width: 160, render: (_, n) => formatDateTime(n.createdAt) },
        {
          title: t('alerts.notifications.columns.channel'),
          width: 200,
          render: (_, n) => (
            <>
              {n.channelName} <Typography.Text type="secondary" style={{ fontSize: 12 }}>{kindLabel(n.channelKind)}</Typography.Text>
            </>
          ),
        },
        // a person reached through the channel (on call, escalation); a group robot's message has none
        { title: t('alerts.notifications.columns.recipient'), width: 110, render: (_, n) => <span data-testid="notification-recipient">{n.recipientName ?? n.recipientUserId ?? '—'}</span> },
        { title: t('alerts.notifications.columns.kind'), width: 90, render: (_, n) => t(`alerts.notifications.kind.${n.kind}`) },
        { title: t('alerts.notifications.columns.title'), width: 240, render: (_, n) => <Typography.Text ellipsis={{ tooltip: n.title }} style={{ maxWidth: 230 }}>{n.title}</Typography.Text> },
        ...(isAlertShown
          ? [{ title: t('alerts.notifications.columns.alert'), width: 90, render: (_: unknown, n: Notification) => (n.alertId ? <Link to={`/alerts/${n.alertId}`}>{t('alerts.notifications.openAlert')}</Link> : '—') }]
          : []),
        {
          title: t('common.status'),
          width: 100,
          render: (_, n) => (
            <Tag color={NOTIFICATION_STATUS_COLOR[n.status]} data-testid="notification-status" data-status={n.status}>
              {t(`alerts.notifications.status.${n.status}`)}
            </Tag>
          ),
        },
        { title: t('alerts.notifications.columns.attempts'), width: 80, align: 'right', render: (_, n) => n.attempts },
        {
          title: t('alerts.notifications.columns.deliveredAt'),
          width: 160,
          render: (_, n) =>
            n.deliveredAt ? formatDateTime(n.deliveredAt) : n.status === 'pending' || n.status === 'failed' ? <Typography.Text type="secondary">{t('alerts.notifications.nextAttempt', { time: formatDateTime(n.nextAttemptAt) })}</Typography.Text> : '—',
        },
        {
          title: t('alerts.notifications.columns.lastError'),
          render: (_, n) => (n.lastError ? <Tooltip title={n.lastError}><Typography.Text type="danger" ellipsis style={{ maxWidth: 260 }}>{n.lastError}</Typography.Text></Tooltip> : '—'),
        },
        ...(canRetry
          ? [
              {
                title: t('common.actions'),
                width: 90,
                fixed: 'right' as const,
                render: (_: unknown, n: Notification) =>
                  n.status === 'dead' || n.status === 'failed' ? (
                    <Button
                      size="small"
                      type="link"
                      loading={retry.isPending && retry.variables === n.id}
                      onClick={() => retry.mutate(n.id, { onSuccess: () => void message.success(t('alerts.notifications.retried')), onError: (e) => void message.error(errorMessage(e)) })}
                      data-testid="notification-retry"
                    >
                      {t('alerts.notifications.retry')}
                    </Button>
                  ) : null,
              },
            ]
          : []),
      ]}
      data-testid={rest['data-testid'] ?? 'notification-table'}
    />
  );
}
