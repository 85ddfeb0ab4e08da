import { Card, Flex, Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { NotificationStatus } from '../../../shared/schemas/notifications.ts';
import { errorMessage } from '../../app/api.ts';
import { useOrgScope } from '../../app/org-scope.tsx';
import { pickParam, useUrlFilters } from '../../app/url-filters.ts';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { ChannelTabs } from './ChannelsPage.tsx';
import { ChannelSelect } from './ConfigPickers.tsx';
import { NotificationTable } from './NotificationTable.tsx';
import { useNotifications } from './useAlerts.ts';

type StatusFilter = NotificationStatus | 'all';

/** 通知记录: the outbox, filterable by status (dead = the dead letters) and channel, with retry. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const scope = useOrgScope();
  const { params, page, pageSize, setFilters, setPage } = useUrlFilters<'status' | 'channelId'>();
  const status = pickParam(NotificationStatus.options, params.get('status'));
  const channelId = params.get('channelId') || undefined;
  const notifications = useNotifications({ orgId: scope.orgId, status, channelId, page, pageSize });

  return (
    <>
      <PageHeader title={t('alerts.notifications.title')} subtitle={t('alerts.notifications.subtitle')} />
      <ChannelTabs active="notifications" />
      <Card>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
          <Segmented<StatusFilter>
            value={status ?? 'all'}
            onChange={(s) => setFilters({ status: s === 'all' ? null : s })}
            options={(['all', ...NotificationStatus.options] as const).map((s) => ({ value: s, label: s === 'all' ? t('alerts.common.all') : t(`alerts.notifications.status.${s}`) }))}
            data-testid="notification-status-filter"
          />
          <ChannelSelect value={channelId ?? null} onChange={(v) => setFilters({ channelId: v })} placeholder={t('alerts.notifications.allChannels')} style={{ width: 240 }} allowClear data-testid="notification-channel-filter" />
        </Flex>
        {notifications.isError && <ErrorState title={t('alerts.notifications.title')} message={errorMessage(notifications.error)} retryLabel={t('common.retry')} onRetry={() => void notifications.refetch()} />}
        <NotificationTable
          data={notifications.data}
          loading={notifications.isPending && notifications.isFetching}
          emptyText={status === 'dead' ? t('alerts.notifications.emptyDead') : t('alerts.notifications.empty')}
          pagination={{ page, pageSize, onChange: setPage }}
        />
      </Card>
    </>
  );
}
