import { sparklinePaths } from './monitoring-format.ts';

type Props = { values: ReadonlyArray<number | null>; width?: number; height?: number; color?: string; title?: string };

/** A 24-hour latency line in plain SVG: 50 rows of canvases would cost far more than 50 polylines. */
export function Sparkline({ values, width = 120, height = 28, color = '#1677ff', title }: Props) {
  const runs = sparklinePaths(values, width, height);
  if (runs.length === 0) return <span style={{ color: 'rgba(0,0,0,0.25)' }}>—</span>;
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} data-testid="probe-sparkline">
      {title && <title>{title}</title>}
      <line x1={0} y1={height - 0.5} x2={width} y2={height - 0.5} stroke="#f0f0f0" />
      {runs.map((points) => {
        // an hour measured alone between gaps (a new probe's first hour) is a dot, not an invisible line
        if (!points.includes(' ')) {
          const [x = '0', y = '0'] = points.split(',');
          return <circle key={points} cx={x} cy={y} r={1.8} fill={color} />;
        }
        return <polyline key={points} points={points} fill="none" stroke={color} strokeWidth={1.5} strokeLinejoin="round" strokeLinecap="round" />;
      })}
    </svg>
  );
}
