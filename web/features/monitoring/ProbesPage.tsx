import { useMemo, useState } from 'react';
import { Alert, Button, Card, Flex, Pagination } from 'antd';
import { AppstoreAddOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ProbeState } from '../../../shared/schemas/probes.ts';
import { errorMessage } from '../../app/api.ts';
import { can } from '../../app/permissions.ts';
import { useMe } from '../../app/session.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { BulkFromAssetsModal } from './BulkFromAssetsModal.tsx';
import { LiveIndicator } from './LiveIndicator.tsx';
import { useProbeColumns } from './probe-columns.tsx';
import { ProbeFilterBar } from './ProbeFilterBar.tsx';
import { ProbeFormModal } from './ProbeFormModal.tsx';
import { ProbeGroups } from './ProbeGroups.tsx';
import { ProbeSummaryBar } from './ProbeSummaryBar.tsx';
import { useNow } from './useMonitoringFormat.ts';
import { useProbeFilters } from './useProbeFilters.ts';
import { useProbeLive } from './useProbeLive.ts';
import { useProbeList, useProbeStats, useProbeSummary } from './useProbes.ts';

/** 监测项: counts per state, filters, the page grouped by organisation with live state, sparkline and uptime. */
export function ProbesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const canManage = can(me, 'probe.manage');
  const { filters, page, pageSize, setFilters, setPage, reset, pageSizes } = useProbeFilters();
  const probes = useProbeList({ ...filters, page, pageSize });
  const summary = useProbeSummary(filters.orgId);
  const ids = useMemo(() => (probes.data?.items ?? []).map((p) => p.id).slice(0, 100), [probes.data]);
  const stats = useProbeStats(ids);
  const statsById = useMemo(() => (stats.data ? new Map(stats.data.items.map((s) => [s.probeId, s])) : undefined), [stats.data]);
  const live = useProbeLive();
  const nowMs = useNow();
  const columns = useProbeColumns({ stats: statsById, nowMs, canManage });
  const [isCreating, setCreating] = useState(false);
  const [isBulkOpen, setBulkOpen] = useState(false);
  const isFiltered = Boolean(filters.q || filters.kind || filters.state);

  const empty = isFiltered ? (
    <EmptyState description={t('monitoring.probes.emptyFiltered')} action={<Button onClick={reset}>{t('common.reset')}</Button>} />
  ) : (
    <EmptyState
      description={t('monitoring.probes.empty')}
      action={
        canManage && (
          <Flex gap={8} justify="center">
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('monitoring.probes.create')}</Button>
            <Button icon={<AppstoreAddOutlined />} onClick={() => setBulkOpen(true)}>{t('monitoring.probes.fromAssets')}</Button>
          </Flex>
        )
      }
    />
  );

  return (
    <>
      <PageHeader
        title={
          <Flex align="center" gap={12}>
            {t('monitoring.probes.title')}
            <LiveIndicator status={live} />
          </Flex>
        }
        subtitle={t('monitoring.probes.subtitle')}
        extra={
          canManage && (
            <>
              <Button icon={<AppstoreAddOutlined />} onClick={() => setBulkOpen(true)} data-testid="probe-from-assets">{t('monitoring.probes.fromAssets')}</Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="probe-create">{t('monitoring.probes.create')}</Button>
            </>
          )
        }
      />
      {summary.isError ? (
        <ErrorState title={t('monitoring.probes.title')} message={errorMessage(summary.error)} />
      ) : (
        <ProbeSummaryBar counts={summary.data} selected={filters.state} onSelect={(s: ProbeState | undefined) => setFilters({ state: s })} />
      )}
      <Card>
        <ProbeFilterBar filters={filters} onChange={setFilters} onReset={reset} />
        {probes.isError && <ErrorState title={t('monitoring.probes.title')} message={errorMessage(probes.error)} retryLabel={t('common.retry')} onRetry={() => void probes.refetch()} />}
        {stats.isError && <Alert type="info" showIcon title={t('monitoring.probes.statsUnavailable')} description={errorMessage(stats.error)} style={{ marginBottom: 12 }} />}
        <ProbeGroups probes={probes.data?.items ?? []} columns={columns} loading={probes.isFetching && !probes.data} empty={empty} />
        <Flex justify="flex-end" style={{ marginTop: 16 }}>
          <Pagination
            current={page}
            pageSize={pageSize}
            total={probes.data?.total ?? 0}
            showSizeChanger
            pageSizeOptions={pageSizes}
            showTotal={(total) => t('common.total', { total })}
            onChange={(p, size) => setPage(size === pageSize ? p : 1, size)}
          />
        </Flex>
      </Card>
      <ProbeFormModal open={isCreating} onClose={() => setCreating(false)} />
      <BulkFromAssetsModal open={isBulkOpen} orgId={filters.orgId} onClose={() => setBulkOpen(false)} />
    </>
  );
}
