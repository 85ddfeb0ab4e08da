import { Link } from 'react-router';
import { Badge, Flex, Table, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AlertGroup, AlertGroupPage } from '../../../shared/schemas/alerts.ts';
import { errorMessage } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { useMonitoringFormat } from '../monitoring/useMonitoringFormat.ts';
import { useAlertColumns } from './alert-columns.tsx';
import { SeverityTag } from './AlertTags.tsx';
import type { AlertFilters } from './alerts.api.ts';
import { useAlertList } from './useAlerts.ts';

type Props = {
  data: AlertGroupPage | undefined;
  loading: boolean;
  filters: AlertFilters;
  nowMs: number;
  page: number;
  pageSize: number;
  onPage: (page: number, size: number) => void;
  empty: React.ReactNode;
};

/** The open alerts of one group (organisation + system), loaded when the row is expanded. */
function GroupAlerts({ group, filters, nowMs }: { group: AlertGroup; filters: AlertFilters; nowMs: number }) {
  const { t } = useTranslation();
  const alerts = useAlertList({ ...filters, orgId: group.orgId, assetId: group.assetId ?? undefined, page: 1, pageSize: 100 });
  const columns = useAlertColumns({ nowMs, isHistory: false, isOrgShown: false });
  // an organisation-wide group (no system) shares its org with the system groups: keep only its own alerts
  const items = (alerts.data?.items ?? []).filter((a) => a.groupKey === group.groupKey);
  if (alerts.isError) return <ErrorState title={t('alerts.center.title')} message={errorMessage(alerts.error)} />;
  return <Table rowKey="id" size="small" loading={alerts.isPending} dataSource={items} columns={columns} pagination={false} scroll={{ x: 1200 }} data-testid="alert-group-alerts" />;
}

/** 分组: one row per organisation + system with its counts and alert titles; expanding a row lists its alerts. */
export function AlertGroupsTable({ data, loading, filters, nowMs, page, pageSize, onPage, empty }: Props) {
  const { t } = useTranslation();
  const { ago } = useMonitoringFormat();
  return (
    <Table<AlertGroup>
      rowKey="groupKey"
      loading={loading}
      dataSource={data?.items ?? []}
      scroll={{ x: 1000 }}
      locale={{ emptyText: empty }}
      expandable={{ expandedRowRender: (g) => <GroupAlerts group={g} filters={filters} nowMs={nowMs} /> }}
      pagination={{
        current: page,
        pageSize,
        total: data?.total ?? 0,
        showSizeChanger: true,
        showTotal: (total) => t('common.total', { total }),
        onChange: (p, size) => onPage(size === pageSize ? p : 1, size),
      }}
      columns={[
        { title: t('alerts.columns.severity'), width: 80, render: (_, g) => <SeverityTag severity={g.highestSeverity} /> },
        { title: t('alerts.columns.org'), width: 160, render: (_, g) => g.orgName },
        {
          title: t('alerts.groups.system'),
          width: 180,
          render: (_, g) => (g.assetId ? <Link to={`/assets/${g.assetId}`}>{g.assetName ?? g.assetId}</Link> : <Typography.Text type="secondary">{t('alerts.groups.noSystem')}</Typography.Text>),
        },
        {
          title: t('alerts.groups.counts'),
          width: 220,
          render: (_, g) => (
            <Flex gap={12} wrap data-testid="alert-group-counts">
              <Badge status="error" text={`${t('alerts.status.firing')} ${g.firing}`} />
              <Badge status="warning" text={`${t('alerts.status.acknowledged')} ${g.acknowledged}`} />
              {g.suppressed > 0 && <Badge status="default" text={`${t('alerts.center.summary.suppressed')} ${g.suppressed}`} />}
            </Flex>
          ),
        },
        {
          title: t('alerts.groups.titles'),
          render: (_, g) => (
            <Typography.Text ellipsis={{ tooltip: g.titles.join('\n') }} style={{ maxWidth: 420 }}>
              {g.titles.slice(0, 3).join(t('common.listSeparator'))}
              {g.titles.length > 3 && t('alerts.groups.more', { count: g.titles.length - 3 })}
            </Typography.Text>
          ),
        },
        { title: t('alerts.columns.lastFiredAt'), width: 110, render: (_, g) => <Tooltip title={formatDateTime(g.lastFiredAt)}>{ago(g.lastFiredAt, nowMs)}</Tooltip> },
      ]}
      data-testid="alert-groups-table"
    />
  );
}
