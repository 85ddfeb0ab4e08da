import { useMemo } from 'react';
import { Card, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PeriodQuery } from '../../../shared/schemas/probes.ts';
import { errorMessage } from '../../app/api.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { EChart } from '../assets/EChart.tsx';
import { latencyOption } from './latency-chart.ts';
import { useSeries } from './useProbes.ts';

/** 响应延迟: average and P95 over the chosen period (the server picks the grain: raw, 5 min, hour or day). */
export function LatencyCard({ probeId, range }: { probeId: string; range: PeriodQuery }) {
  const { t } = useTranslation();
  const series = useSeries(probeId, range);
  const option = useMemo(
    () => series.data && latencyOption(series.data, { avg: t('monitoring.detail.avg'), p95: t('monitoring.detail.p95'), successRate: t('monitoring.detail.successRate') }, range),
    [series.data, t, range],
  );
  const hasPoints = (series.data?.points ?? []).some((p) => p.latencyAvg !== null);
  return (
    <Card size="small" title={t('monitoring.detail.latency')} data-testid="probe-latency-card">
      {series.isError ? (
        <ErrorState title={t('monitoring.detail.latency')} message={errorMessage(series.error)} retryLabel={t('common.retry')} onRetry={() => void series.refetch()} />
      ) : series.isPending ? (
        <Skeleton active />
      ) : !hasPoints || !option ? (
        <EmptyState description={t('monitoring.detail.noData')} />
      ) : (
        <EChart option={option} height={280} data-testid="probe-latency-chart" />
      )}
    </Card>
  );
}
