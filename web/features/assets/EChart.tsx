import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, GraphChart, type BarSeriesOption, type GraphSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, type GridComponentOption, type LegendComponentOption, type TooltipComponentOption } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

// Only what the asset pages draw, so the echarts chunk stays small.
echarts.use([GraphChart, BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = echarts.ComposeOption<GraphSeriesOption | BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;
export type ChartClick = { dataType?: string; data?: unknown };

type Props = { option: ChartOption; height: number; onClick?: (params: ChartClick) => void; 'data-testid'?: string };

/**
 * An ECharts canvas that follows its container's width. A new option replaces the old one (`notMerge`), so a
 * smaller impact graph does not keep the nodes of a bigger one.
 */
export function EChart({ option, height, onClick, ...rest }: Props) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  useEffect(() => {
    clickRef.current = onClick;
  });

  useEffect(() => {
    if (!el.current) return;
    const instance = echarts.init(el.current);
    chart.current = instance;
    instance.on('click', (p) => clickRef.current?.(p as ChartClick));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={el} style={{ height, width: '100%' }} data-testid={rest['data-testid']} />;
}
