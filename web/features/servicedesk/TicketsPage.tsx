import { useState } from 'react';
import { Button, Card, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TicketListItem } from '../../../shared/schemas/servicedesk.ts';
import { errorMessage } from '../../app/api.ts';
import { can } from '../../app/permissions.ts';
import { useMe } from '../../app/session.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useNow } from '../monitoring/useMonitoringFormat.ts';
import { useTicketColumns } from './ticket-columns.tsx';
import { TicketFilterBar } from './TicketFilterBar.tsx';
import { TicketFormDrawer } from './TicketFormDrawer.tsx';
import { useTicketFilters, type TicketFilterKey } from './useTicketFilters.ts';
import { useTicketList } from './useTickets.ts';

const CLEARED: Partial<Record<TicketFilterKey, null>> = { status: null, type: null, level: null, channel: null, assignee: null, breached: null, assetId: null, q: null, sort: null };

/** 工单: every ticket in scope, nearest SLA breach first, with live countdowns, filters in the URL and 新建工单. */
export function TicketsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const canWork = can(me, 'ticket.work');
  const { filters, isFiltered, page, pageSize, setFilters, setPage, pageSizes } = useTicketFilters();
  const list = useTicketList({ ...filters, page, pageSize });
  const nowMs = useNow(15_000);
  const columns = useTicketColumns({ nowMs });
  const [isCreating, setCreating] = useState(false);

  const clear = () => setFilters(CLEARED);
  const empty = isFiltered ? (
    <EmptyState description={t('servicedesk.tickets.emptyFiltered')} action={<Button onClick={clear}>{t('common.reset')}</Button>} />
  ) : (
    <EmptyState description={t('servicedesk.tickets.empty')} action={canWork && <Button type="primary" onClick={() => setCreating(true)}>{t('servicedesk.tickets.create')}</Button>} />
  );

  return (
    <>
      <PageHeader
        title={t('servicedesk.tickets.title')}
        subtitle={t('servicedesk.tickets.subtitle')}
        extra={
          canWork && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="ticket-create">
              {t('servicedesk.tickets.create')}
            </Button>
          )
        }
      />
      <Card>
        <TicketFilterBar filters={filters} onChange={setFilters} onReset={clear} />
        {list.isError && <ErrorState title={t('servicedesk.tickets.title')} message={errorMessage(list.error)} retryLabel={t('common.retry')} onRetry={() => void list.refetch()} />}
        <Table<TicketListItem>
          rowKey="id"
          loading={list.isPending && list.isFetching}
          dataSource={list.data?.items ?? []}
          columns={columns}
          scroll={{ x: 1300 }}
          locale={{ emptyText: list.isError ? ' ' : empty }}
          onRow={(r) => ({ 'data-ticket-number': r.number }) as React.HTMLAttributes<HTMLElement>}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: pageSizes,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, size) => setPage(size === pageSize ? p : 1, size),
          }}
          data-testid="ticket-table"
        />
      </Card>
      {canWork && <TicketFormDrawer open={isCreating} onClose={() => setCreating(false)} />}
    </>
  );
}
