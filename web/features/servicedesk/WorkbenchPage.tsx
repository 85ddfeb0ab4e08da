import { useState } from 'react';
import { Link } from 'react-router';
import { Badge, Button, Card, Flex, Grid, List, Space, Statistic, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { WorkbenchItem } from '../../../shared/schemas/servicedesk.ts';
import { errorMessage } from '../../app/api.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useNow } from '../monitoring/useMonitoringFormat.ts';
import { countdownTone } from './desk-format.ts';
import type { TicketStep } from './tickets.api.ts';
import { TicketActions } from './TicketActions.tsx';
import { SlaCountdown, TicketLevelTag, TicketStatusTag } from './TicketTags.tsx';
import { TICKET_LIVE_MS, useWorkbench } from './useTickets.ts';

/** What an engineer does from a phone: answer, say they are there, put it on hold (and take it up again), fix it. */
const PHONE_STEPS: readonly TicketStep[] = ['respond', 'arrive', 'pause', 'resume', 'resolve'];

function QueueTag({ queue }: { queue: WorkbenchItem['queue'] }) {
  const { t } = useTranslation();
  return (
    <Tag color={queue === 'mine' ? 'blue' : 'default'} data-testid="workbench-queue" data-queue={queue} style={{ marginInlineEnd: 0 }}>
      {t(`servicedesk.workbench.queue.${queue}`)}
    </Tag>
  );
}

/** One ticket as a card for a phone: the countdown large, then what and where, then the big buttons. */
function WorkbenchCard({ item, nowMs }: { item: WorkbenchItem; nowMs: number }) {
  const tone = countdownTone({ dueAt: item.nextBreachAt, isBreached: item.isBreached, nowMs });
  const border = tone === 'breached' ? '#ff4d4f' : tone === 'warning' ? '#fa8c16' : undefined;
  return (
    <Card size="small" style={{ borderColor: border, borderWidth: border ? 2 : 1 }} data-testid="workbench-card" data-ticket-number={item.number}>
      <Flex vertical gap={8}>
        <SlaCountdown dueAt={item.nextBreachAt} clock={item.nextBreachClock} isBreached={item.isBreached} isPaused={item.status === 'pending'} nowMs={nowMs} size="large" withSeconds />
        <Space size={6} wrap>
          <QueueTag queue={item.queue} />
          <TicketLevelTag name={item.levelName} levelKey={item.levelKey} />
          <TicketStatusTag status={item.status} />
        </Space>
        <Link to={`/servicedesk/tickets/${item.id}`} style={{ fontSize: 16 }} data-testid="workbench-title">
          <Typography.Text code>{item.number}</Typography.Text> {item.title}
        </Link>
        <Typography.Text type="secondary">
          {item.orgName} · {item.requesterName}
        </Typography.Text>
        <TicketActions ticket={item} only={PHONE_STEPS} isCompact />
      </Flex>
    </Card>
  );
}

/**
 * 我的工作台: my open tickets and my groups' unassigned ones, nearest SLA breach first, with big live countdowns and
 * the four one-tap steps. A card list on a phone (antd Grid breakpoints), a table on a desk.
 */
export function WorkbenchPage() {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  // breakpoints are measured after the first render; until then it is a desk, so a desk never flashes the card list
  const isPhone = screens.md === false;
  const [paging, setPaging] = useState({ page: 1, pageSize: 50 });
  const queue = useWorkbench(paging);
  const nowMs = useNow(1_000);
  const items = queue.data?.items ?? [];
  const breached = items.filter((i) => countdownTone({ dueAt: i.nextBreachAt, isBreached: i.isBreached, nowMs }) === 'breached').length;
  const mine = items.filter((i) => i.queue === 'mine').length;

  const columns: TableColumnsType<WorkbenchItem> = [
    { title: t('servicedesk.tickets.columns.sla'), width: 230, render: (_, r) => <SlaCountdown dueAt={r.nextBreachAt} clock={r.nextBreachClock} isBreached={r.isBreached} isPaused={r.status === 'pending'} nowMs={nowMs} size="large" withSeconds /> },
    { title: t('servicedesk.workbench.queueTitle'), width: 100, render: (_, r) => <QueueTag queue={r.queue} /> },
    {
      title: t('servicedesk.tickets.columns.title'),
      render: (_, r) => (
        <Flex vertical gap={2}>
          <Link to={`/servicedesk/tickets/${r.id}`} data-testid="workbench-title">
            <Typography.Text code>{r.number}</Typography.Text> {r.title}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.orgName} · {r.requesterName}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('servicedesk.common.level'), width: 120, render: (_, r) => <TicketLevelTag name={r.levelName} levelKey={r.levelKey} /> },
    { title: t('common.status'), width: 100, render: (_, r) => <TicketStatusTag status={r.status} /> },
    { title: t('common.actions'), width: 360, render: (_, r) => <TicketActions ticket={r} only={PHONE_STEPS} /> },
  ];

  const empty = <EmptyState description={t('servicedesk.workbench.empty')} action={<Link to="/servicedesk/tickets">{t('servicedesk.workbench.allTickets')}</Link>} />;
  return (
    <>
      <PageHeader
        title={t('servicedesk.workbench.title')}
        subtitle={t('servicedesk.workbench.subtitle')}
        extra={
          <Tooltip title={t('servicedesk.workbench.autoRefresh', { seconds: TICKET_LIVE_MS / 1000 })}>
            <Button icon={<ReloadOutlined spin={queue.isFetching} />} onClick={() => void queue.refetch()} data-testid="workbench-refresh">
              {t('servicedesk.workbench.refresh')}
            </Button>
          </Tooltip>
        }
      />
      <Flex gap={12} wrap style={{ marginBottom: 16 }} data-testid="workbench-summary">
        <Card size="small" style={{ minWidth: 140 }}>
          <Statistic title={t('servicedesk.workbench.total')} value={queue.data?.total ?? 0} />
        </Card>
        <Card size="small" style={{ minWidth: 140 }}>
          <Statistic title={t('servicedesk.workbench.queue.mine')} value={mine} />
        </Card>
        <Card size="small" style={{ minWidth: 140 }}>
          <Statistic title={<Badge status="error" text={t('servicedesk.workbench.breached')} />} value={breached} styles={{ content: { color: breached ? '#cf1322' : undefined } }} />
        </Card>
      </Flex>
      {queue.isError && <ErrorState title={t('servicedesk.workbench.title')} message={errorMessage(queue.error)} retryLabel={t('common.retry')} onRetry={() => void queue.refetch()} />}
      {isPhone ? (
        <List
          loading={queue.isPending}
          dataSource={items}
          locale={{ emptyText: queue.isError ? ' ' : empty }}
          renderItem={(item) => (
            <List.Item style={{ padding: '0 0 12px', border: 'none' }}>
              <div style={{ width: '100%' }}>
                <WorkbenchCard item={item} nowMs={nowMs} />
              </div>
            </List.Item>
          )}
          pagination={(queue.data?.total ?? 0) > paging.pageSize ? { current: paging.page, pageSize: paging.pageSize, total: queue.data?.total ?? 0, onChange: (page) => setPaging((p) => ({ ...p, page })), simple: true } : false}
          data-testid="workbench-list"
        />
      ) : (
        <Card>
          <Table<WorkbenchItem>
            rowKey="id"
            loading={queue.isPending && queue.isFetching}
            dataSource={items}
            columns={columns}
            scroll={{ x: 1100 }}
            locale={{ emptyText: queue.isError ? ' ' : empty }}
            pagination={{ current: paging.page, pageSize: paging.pageSize, total: queue.data?.total ?? 0, showTotal: (total) => t('common.total', { total }), onChange: (page, pageSize) => setPaging({ page, pageSize }) }}
            data-testid="workbench-table"
          />
        </Card>
      )}
    </>
  );
}
