import { useEffect, useState } from 'react';
import { Badge, Button, Card, Flex, Segmented, Switch, Table, Tabs, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Alert } from '../../../shared/schemas/alerts.ts';
import { errorMessage } from '../../app/api.ts';
import { can } from '../../app/permissions.ts';
import { useMe } from '../../app/session.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useNow } from '../monitoring/useMonitoringFormat.ts';
import { useAlertColumns } from './alert-columns.tsx';
import { AlertBulkActions } from './AlertBulkActions.tsx';
import { AlertFilterBar } from './AlertFilterBar.tsx';
import { AlertGroupsTable } from './AlertGroupsTable.tsx';
import { AlertSummaryBar } from './AlertSummaryBar.tsx';
import { ALERT_LIVE_MS, useAlertGroups, useAlertList, useAlertSummary } from './useAlerts.ts';
import { useAlertFilters, type AlertFilterKey, type AlertTab, type AlertViewMode } from './useAlertFilters.ts';

const CLEARED: Partial<Record<AlertFilterKey, null>> = { severity: null, status: null, source: null, assetId: null, from: null, to: null, q: null };

/** 告警中心: counts per level, active and history tabs, filters in the URL, bulk 确认 / 解决, and a view grouped by system. */
export function AlertsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const canRespond = can(me, 'alert.respond');
  const { tab, mode, filters, isFiltered, page, pageSize, setFilters, setPage, pageSizes } = useAlertFilters();
  const isHistory = tab === 'history';
  const list = useAlertList({ ...filters, page, pageSize }, { enabled: mode === 'list' });
  const groups = useAlertGroups({ ...filters, page, pageSize }, mode === 'groups');
  const summary = useAlertSummary(filters.orgId);
  const nowMs = useNow(10_000);
  const columns = useAlertColumns({ nowMs, isHistory });
  const [selected, setSelected] = useState<string[]>([]);
  // a selection made on another page or filter would act on alerts no longer on screen
  useEffect(() => setSelected([]), [filters, page, pageSize]);

  const clearFilters = () => setFilters(CLEARED);
  const empty = isFiltered ? (
    <EmptyState description={t('alerts.center.emptyFiltered')} action={<Button onClick={clearFilters}>{t('common.reset')}</Button>} />
  ) : (
    <EmptyState description={isHistory ? t('alerts.center.emptyHistory') : t('alerts.center.empty')} />
  );
  const onlyAcknowledged = filters.status?.length === 1 && filters.status[0] === 'acknowledged';
  const suppressedCount = list.data?.suppressedCount ?? 0;
  const error = mode === 'list' ? list.error : groups.error;

  return (
    <>
      <PageHeader
        title={
          <Flex align="center" gap={12}>
            {t('alerts.center.title')}
            <Tooltip title={t('alerts.center.autoRefresh', { seconds: ALERT_LIVE_MS / 1000 })}>
              <Badge status={list.isFetching || groups.isFetching ? 'processing' : 'success'} text={t('alerts.center.live')} data-testid="alert-live" />
            </Tooltip>
          </Flex>
        }
        subtitle={t('alerts.center.subtitle')}
      />
      {summary.isError ? (
        <ErrorState title={t('alerts.center.title')} message={errorMessage(summary.error)} retryLabel={t('common.retry')} onRetry={() => void summary.refetch()} />
      ) : (
        <AlertSummaryBar
          summary={summary.data}
          severity={filters.severity}
          isAcknowledgedSelected={onlyAcknowledged}
          isSuppressedShown={Boolean(filters.isSuppressedShown)}
          onSeverity={(s) => setFilters({ tab: null, mode: null, severity: s, status: s ? 'firing' : null })}
          onAcknowledged={() => setFilters({ tab: null, mode: null, status: onlyAcknowledged ? null : 'acknowledged', severity: null })}
          onSuppressed={() => setFilters({ suppressed: filters.isSuppressedShown ? null : '1' })}
        />
      )}
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => setFilters({ tab: key === 'history' ? 'history' : null, mode: null, status: null, from: null, to: null })}
          items={(['active', 'history'] as const satisfies readonly AlertTab[]).map((k) => ({ key: k, label: <span data-testid={`alert-tab-${k}`}>{t(`alerts.center.tabs.${k}`)}</span> }))}
        />
        <AlertFilterBar tab={tab} filters={filters} assetName={list.data?.items.find((a) => a.assetId === filters.assetId)?.assetName} onChange={setFilters} onReset={clearFilters} />
        <Flex justify="space-between" align="center" gap={12} wrap style={{ marginBottom: 12 }}>
          <Flex align="center" gap={16} wrap>
            {tab === 'active' && (
              <Segmented<AlertViewMode>
                value={mode}
                onChange={(m) => setFilters({ mode: m === 'groups' ? 'groups' : null })}
                options={[
                  { value: 'list', label: t('alerts.center.view.list') },
                  { value: 'groups', label: t('alerts.center.view.groups') },
                ]}
                data-testid="alert-view-mode"
              />
            )}
            <Flex align="center" gap={8}>
              <Switch size="small" checked={Boolean(filters.isSuppressedShown)} onChange={(on) => setFilters({ suppressed: on ? '1' : null })} data-testid="alert-show-suppressed" />
              <Typography.Text>{t('alerts.center.showSuppressed')}</Typography.Text>
              {!filters.isSuppressedShown && suppressedCount > 0 && mode === 'list' && (
                <Typography.Text type="secondary" data-testid="alert-suppressed-count">{t('alerts.center.suppressedHidden', { count: suppressedCount })}</Typography.Text>
              )}
            </Flex>
          </Flex>
          {canRespond && mode === 'list' && !isHistory && <AlertBulkActions ids={selected} onDone={() => setSelected([])} />}
        </Flex>
        {error && (
          <ErrorState
            title={t('alerts.center.title')}
            message={errorMessage(error)}
            retryLabel={t('common.retry')}
            onRetry={() => void (mode === 'list' ? list.refetch() : groups.refetch())}
          />
        )}
        {mode === 'groups' ? (
          <AlertGroupsTable data={groups.data} loading={groups.isPending && groups.isFetching} filters={filters} nowMs={nowMs} page={page} pageSize={pageSize} onPage={setPage} empty={error ? ' ' : empty} />
        ) : (
          <Table<Alert>
            rowKey="id"
            loading={list.isPending && list.isFetching}
            dataSource={list.data?.items ?? []}
            columns={columns}
            scroll={{ x: 1400 }}
            locale={{ emptyText: error ? ' ' : empty }}
            rowSelection={canRespond && !isHistory ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)), preserveSelectedRowKeys: false } : undefined}
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: pageSizes,
              showTotal: (total) => t('common.total', { total }),
              onChange: (p, size) => setPage(size === pageSize ? p : 1, size),
            }}
            data-testid="alert-table"
          />
        )}
      </Card>
    </>
  );
}
