import type { AssetRelationKind, ImpactGraph } from '../../../shared/schemas/assets.ts';
import type { ChartOption } from './EChart.tsx';

/** One colour per kind in the graph, the failing asset's kind first; red is kept for the failing asset's ring. */
const PALETTE = ['#1677ff', '#52c41a', '#fa8c16', '#722ed1', '#13c2c2', '#eb2f96', '#a0d911', '#2f54eb', '#faad14', '#8c8c8c', '#08979c', '#d4b106'];

type Labels = { relation: (kind: AssetRelationKind) => string; level: (depth: number) => string; self: string };

/**
 * The impact graph as an ECharts force layout: one legend category per kind, the failing asset big and ringed in
 * red. Arrows read as the relation does ("HIS 运行于 服务器"); a failure travels against them.
 */
export function impactOption(graph: ImpactGraph, labels: Labels): ChartOption {
  const ordered = [...graph.nodes].sort((a, b) => a.depth - b.depth);
  const kinds = [...new Map(ordered.map((n) => [n.kindKey, n.kindName])).entries()];
  const categoryIndex = new Map(kinds.map(([key], i) => [key, i]));
  return {
    tooltip: {
      formatter: (p: unknown) => {
        const item = p as { dataType?: string; data?: { name?: string; code?: string; kindName?: string; depth?: number; relation?: string } };
        const d = item.data ?? {};
        if (item.dataType === 'edge') return d.relation ?? '';
        return `${d.name ?? ''}<br/>${d.code ?? ''} · ${d.kindName ?? ''}<br/>${d.depth === 0 ? labels.self : labels.level(d.depth ?? 0)}`;
      },
    },
    legend: [{ data: kinds.map(([, name]) => name), bottom: 0 }],
    series: [
      {
        type: 'graph',
        layout: 'force',
        roam: true,
        draggable: true,
        force: { repulsion: 260, edgeLength: [80, 140], gravity: 0.08 },
        edgeSymbol: ['none', 'arrow'],
        edgeSymbolSize: 8,
        label: { show: true, position: 'right', formatter: '{b}' },
        edgeLabel: { show: graph.edges.length <= 30, fontSize: 10, formatter: (p: unknown) => (p as { data?: { relation?: string } }).data?.relation ?? '' },
        lineStyle: { color: '#999', curveness: 0.1, opacity: 0.8 },
        emphasis: { focus: 'adjacency' },
        categories: kinds.map(([, name], i) => ({ name, itemStyle: { color: PALETTE[i % PALETTE.length] } })),
        data: graph.nodes.map((n) => ({
          id: n.id,
          name: n.name,
          code: n.code,
          kindName: n.kindName,
          depth: n.depth,
          category: categoryIndex.get(n.kindKey) ?? 0,
          symbolSize: n.depth === 0 ? 46 : Math.max(18, 32 - n.depth * 3),
          itemStyle: n.depth === 0 ? { borderColor: '#f5222d', borderWidth: 4, shadowBlur: 12, shadowColor: 'rgba(245,34,45,0.5)' } : undefined,
          label: n.depth === 0 ? { fontWeight: 'bold', fontSize: 14 } : undefined,
        })),
        links: graph.edges.map((e) => ({ source: e.fromAssetId, target: e.toAssetId, relation: labels.relation(e.kind) })),
      },
    ],
  };
}
