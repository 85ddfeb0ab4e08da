import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssetOverview } from '../../../shared/schemas/assets.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { EChart, type ChartOption } from './EChart.tsx';

const DIMENSIONS = ['cpu', 'os', 'database'] as const;
const COLORS = ['#1677ff', '#52c41a', '#fa8c16'];

/** 信创 share per organisation as grouped bars (CPU / OS / DB), in percent of the assets whose product is known. */
export function XinchuangChart({ byOrganisation }: { byOrganisation: AssetOverview['byOrganisation'] }) {
  const { t } = useTranslation();
  const option: ChartOption = useMemo(
    () => ({
      color: COLORS,
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v.toFixed(1)}%` : '—'),
      },
      legend: { data: DIMENSIONS.map((d) => t(`assets.xinchuang.dimensions.${d}`)), top: 0 },
      grid: { left: 8, right: 16, bottom: 8, top: 36, containLabel: true },
      xAxis: { type: 'category', data: byOrganisation.map((o) => o.orgName), axisLabel: { interval: 0, rotate: byOrganisation.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: DIMENSIONS.map((d) => ({
        type: 'bar' as const,
        name: t(`assets.xinchuang.dimensions.${d}`),
        barMaxWidth: 28,
        // share is 0–1 of the assets with a known product; null (nothing known) draws no bar
        data: byOrganisation.map((o) => (o.xinchuang[d].share === null ? null : Math.round(o.xinchuang[d].share * 1000) / 10)),
      })),
    }),
    [byOrganisation, t],
  );
  if (byOrganisation.length === 0) return <EmptyState description={t('assetOverview.noData')} />;
  return <EChart option={option} height={320} data-testid="xinchuang-chart" />;
}
