import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Card, Flex, List, Space } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api.ts';
import { can } from '../../app/permissions.ts';
import { useMe } from '../../app/session.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { useNow } from '../monitoring/useMonitoringFormat.ts';
import { TicketFormDrawer } from './TicketFormDrawer.tsx';
import { SlaCountdown, TicketLevelTag, TicketStatusTag } from './TicketTags.tsx';
import { useTicketList } from './useTickets.ts';

/** 工单 on the asset page: the asset's open tickets, nearest breach first. Nothing without ticket.read. */
export function AssetTicketsCard({ assetId, orgId }: { assetId: string; orgId: string }) {
  const me = useMe();
  return can(me, 'ticket.read') ? <AssetTicketsCardBody assetId={assetId} orgId={orgId} /> : null;
}

function AssetTicketsCardBody({ assetId, orgId }: { assetId: string; orgId: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const nowMs = useNow(30_000);
  const tickets = useTicketList({ assetId, status: ['open'], page: 1, pageSize: 10 });
  const [isCreating, setCreating] = useState(false);
  const total = tickets.data?.total ?? 0;
  return (
    <Card
      size="small"
      title={t('servicedesk.asset.title')}
      extra={
        <Space size={8}>
          {total > 0 && <Link to={`/servicedesk/tickets?assetId=${assetId}&status=open`}>{t('servicedesk.asset.all', { count: total })}</Link>}
          {can(me, 'ticket.work') && (
            <Button size="small" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="asset-ticket-create">
              {t('servicedesk.asset.create')}
            </Button>
          )}
        </Space>
      }
      data-testid="asset-tickets-card"
    >
      {tickets.isError && <ErrorState title={t('servicedesk.asset.title')} message={errorMessage(tickets.error)} retryLabel={t('common.retry')} onRetry={() => void tickets.refetch()} />}
      <List
        size="small"
        loading={tickets.isPending}
        dataSource={tickets.data?.items ?? []}
        locale={{ emptyText: <EmptyState description={t('servicedesk.asset.empty')} /> }}
        renderItem={(r) => (
          <List.Item style={{ paddingInline: 0 }} extra={<SlaCountdown dueAt={r.nextBreachAt} clock={r.nextBreachClock} isBreached={r.isBreached} isPaused={r.status === 'pending'} nowMs={nowMs} />}>
            <Flex gap={8} align="center" wrap>
              <TicketLevelTag name={r.levelName} levelKey={r.levelKey} />
              <Link to={`/servicedesk/tickets/${r.id}`} data-testid="asset-ticket">{r.number} {r.title}</Link>
              <TicketStatusTag status={r.status} />
            </Flex>
          </List.Item>
        )}
      />
      {can(me, 'ticket.work') && <TicketFormDrawer open={isCreating} onClose={() => setCreating(false)} preset={{ assetIds: [assetId], orgId }} />}
    </Card>
  );
}
