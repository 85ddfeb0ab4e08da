import * as echarts from 'echarts/core';
import { LineChart, type LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { LatencySeries } from '../../../shared/schemas/probes.ts';
import type { ChartOption } from '../assets/EChart.tsx';
import { formatLatency } from './monitoring-format.ts';

// The shared EChart wrapper registers only what the asset pages draw; the latency chart adds the line series.
echarts.use([LineChart]);

type LineOption = echarts.ComposeOption<LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;
type Labels = { avg: string; p95: string; successRate: string };

/**
 * Average and P95 latency over a period as two lines on a time axis; buckets without a measurement break the
 * lines instead of drawing a slope across the gap. Success rate (%) appears in the tooltip.
 */
export function latencyOption(series: LatencySeries, labels: Labels, range?: { from: string; to: string }): ChartOption {
  const point = (at: string, v: number | null) => [Date.parse(at), v === null ? null : Math.round(v * 10) / 10];
  // isolated points between gaps vanish without symbols: show them while the series is sparse
  const showSymbol = series.points.filter((p) => p.latencyAvg !== null).length <= 60;
  const rate = new Map(series.points.map((p) => [Date.parse(p.at), p.total ? (p.successes / p.total) * 100 : null]));
  const option: LineOption = {
    grid: { left: 56, right: 16, top: 36, bottom: 28 },
    legend: { top: 0, data: [labels.avg, labels.p95] },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v) => formatLatency(typeof v === 'number' ? v : null),
      formatter: (params: unknown) => {
        const list = params as Array<{ axisValue: number; marker: string; seriesName: string; value: [number, number | null] }>;
        const at = list[0]?.axisValue ?? 0;
        const head = new Date(at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
        const lines = list.map((p) => `${p.marker}${p.seriesName}: ${formatLatency(p.value[1])}`);
        const r = rate.get(at);
        if (r !== undefined && r !== null) lines.push(`${labels.successRate}: ${r.toFixed(r >= 99.95 || r === 0 ? 0 : 2)} %`);
        return [head, ...lines].join('<br/>');
      },
    },
    // the axis spans the chosen period, so a new probe's few points sit at the right end instead of filling the chart
    xAxis: { type: 'time', min: range ? Date.parse(range.from) : undefined, max: range ? Date.parse(range.to) : undefined },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatLatency(v) }, min: 0 },
    series: [
      { name: labels.avg, type: 'line', showSymbol, symbolSize: 4, connectNulls: false, data: series.points.map((p) => point(p.at, p.latencyAvg)), lineStyle: { width: 2 }, color: '#1677ff' },
      { name: labels.p95, type: 'line', showSymbol, symbolSize: 3, connectNulls: false, data: series.points.map((p) => point(p.at, p.latencyP95)), lineStyle: { width: 1, type: 'dashed' }, color: '#fa8c16' },
    ],
  };
  // The wrapper's option type lists only the series it registers; the line series is registered above.
  return option as unknown as ChartOption;
}
