import { PROBE_STATES, type ProbeState } from '../../../shared/schemas/probes.ts';

// Pure helpers of the monitoring pages: no i18n instance, no clock. Words come in as arguments, so the same
// function serves both languages and a unit test needs no browser.

/** Unit words of a duration, e.g. { d: '天', h: '小时', m: '分', s: '秒', sep: ' ' } or { d: 'd', h: 'h', m: 'min', s: 's', sep: ' ' }. */
export type DurationUnits = { d: string; h: string; m: string; s: string; sep: string };

/**
 * Seconds → the two largest non-zero parts: 7500 → "2 小时 5 分", 90061 → "1 天 1 小时", 42 → "42 秒", 0 → "0 秒".
 * Negative values (a spent downtime budget) are shown with a leading minus.
 */
export function formatDuration(seconds: number, units: DurationUnits, parts = 2): string {
  if (!Number.isFinite(seconds)) return '—';
  const sign = seconds < 0 ? '-' : '';
  let rest = Math.round(Math.abs(seconds));
  const out: string[] = [];
  const steps: Array<[number, string]> = [
    [86_400, units.d],
    [3_600, units.h],
    [60, units.m],
    [1, units.s],
  ];
  for (const [size, word] of steps) {
    if (out.length >= parts) break;
    const n = Math.floor(rest / size);
    rest -= n * size;
    // once a larger part is written, smaller zero parts are skipped ("1 天 1 小时", not "1 天 0 小时")
    if (n > 0) out.push(`${n}${units.sep}${word}`);
  }
  return sign + (out.length ? out.join(' ') : `0${units.sep}${units.s}`);
}

/**
 * An availability ratio in percent with enough digits to tell targets apart: 99.95 → "99.95 %", 100 → "100 %",
 * 99.9999 → "99.9999 %"; never rounds up to 100 when something was lost.
 */
export function formatAvailability(pct: number | null | undefined): string {
  if (pct === null || pct === undefined || !Number.isFinite(pct)) return '—';
  if (pct >= 100) return '100 %';
  // truncate instead of rounding, so 99.99996 reads 99.9999 % rather than 100 %
  const digits = pct >= 99.99 ? 4 : pct >= 99 ? 3 : 2;
  const factor = 10 ** digits;
  const truncated = Math.floor(pct * factor) / factor;
  return `${truncated.toFixed(digits).replace(/\.?0+$/, '')} %`;
}

/** A ratio 0…1 (as the list statistics give uptime) in percent; null stays null. */
export function ratioToPct(ratio: number | null | undefined): number | null {
  return ratio === null || ratio === undefined ? null : ratio * 100;
}

/** Latency in ms: 3.456 → "3.5 ms", 1234 → "1,234 ms", 15000 → "15.0 s", null → "—". */
export function formatLatency(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  return `${Math.round(ms).toLocaleString('en-US')} ms`;
}

/** The antd Tag colour of each state (up green, degraded gold, down red, unreachable volcano, maintenance blue …). */
export const STATE_COLORS: Record<ProbeState, string> = {
  up: 'green',
  degraded: 'gold',
  down: 'red',
  unreachable: 'volcano',
  maintenance: 'blue',
  paused: 'default',
  unknown: 'default',
};

/** The same states as plain colours, for charts and the timeline strip. */
export const STATE_HEX: Record<ProbeState, string> = {
  up: '#52c41a',
  degraded: '#faad14',
  down: '#f5222d',
  unreachable: '#fa541c',
  maintenance: '#1677ff',
  paused: '#bfbfbf',
  unknown: '#d9d9d9',
};

/** Worst first: the order of the summary bar and of a group's mini counts. */
export const STATE_ORDER: readonly ProbeState[] = ['down', 'unreachable', 'degraded', 'up', 'maintenance', 'paused', 'unknown'];

/** Whether an agent's clock is far enough off to distort latencies and result times (|skew| > 5 s). */
export function isSkewWarning(skewMs: number | null | undefined, limitMs = 5_000): boolean {
  return skewMs !== null && skewMs !== undefined && Math.abs(skewMs) > limitMs;
}

/** Agent clock skew: 1234 → "+1.2 s", -40 → "-40 ms". */
export function formatSkew(skewMs: number | null | undefined): string {
  if (skewMs === null || skewMs === undefined) return '—';
  const sign = skewMs > 0 ? '+' : skewMs < 0 ? '-' : '';
  const abs = Math.abs(skewMs);
  return abs >= 1000 ? `${sign}${(abs / 1000).toFixed(1)} s` : `${sign}${abs} ms`;
}

export const PERIODS = ['6h', '24h', '7d', '30d'] as const;
export type Period = (typeof PERIODS)[number];
const PERIOD_MS: Record<Period, number> = { '6h': 6 * 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000 };

/**
 * The [from, to) of a period ending now, `to` rounded up to the minute so that queries made within the same
 * minute share one cache entry instead of refetching on every render.
 */
export function periodRange(period: Period, nowMs: number): { from: string; to: string } {
  const to = Math.ceil(nowMs / 60_000) * 60_000;
  return { from: new Date(to - PERIOD_MS[period]).toISOString(), to: new Date(to).toISOString() };
}

/**
 * The SVG polyline points of a sparkline: null (nothing measured) breaks the line, so one array of point
 * strings per unbroken run. The y axis starts at 0 so a flat line near the top means slow, not "varies".
 */
export function sparklinePaths(values: ReadonlyArray<number | null>, width: number, height: number, pad = 1): string[] {
  const max = Math.max(0, ...values.filter((v): v is number => v !== null));
  if (values.length === 0 || max <= 0) return [];
  const step = values.length > 1 ? (width - 2 * pad) / (values.length - 1) : 0;
  const runs: string[] = [];
  let run: string[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (run.length) runs.push(run.join(' '));
      run = [];
      return;
    }
    const x = pad + i * step;
    const y = height - pad - (v / max) * (height - 2 * pad);
    run.push(`${x.toFixed(1)},${y.toFixed(1)}`);
  });
  if (run.length) runs.push(run.join(' '));
  return runs;
}

export type TimelineSegment = { state: ProbeState; startMs: number; endMs: number };

/**
 * The state strip of a period from state changes (any order): each change starts a segment that lasts until the
 * next one. The state before the first change in the period is the `fromState` of that change.
 */
export function timelineSegments(
  changes: ReadonlyArray<{ fromState: ProbeState; toState: ProbeState; changedAt: string }>,
  fromMs: number,
  toMs: number,
  currentState: ProbeState,
): TimelineSegment[] {
  const sorted = [...changes].map((c) => ({ ...c, at: Date.parse(c.changedAt) })).sort((a, b) => a.at - b.at);
  const inside = sorted.filter((c) => c.at > fromMs && c.at < toMs);
  const before = sorted.filter((c) => c.at <= fromMs).at(-1);
  let state: ProbeState = before?.toState ?? inside[0]?.fromState ?? currentState;
  let start = fromMs;
  const segments: TimelineSegment[] = [];
  for (const c of inside) {
    if (c.at > start) segments.push({ state, startMs: start, endMs: c.at });
    state = c.toState;
    start = c.at;
  }
  if (toMs > start) segments.push({ state, startMs: start, endMs: toMs });
  return segments;
}

/** Items grouped by a key in first-seen order, e.g. probes of one list page by organisation. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Array<{ key: string; items: T[] }> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return [...groups.entries()].map(([k, list]) => ({ key: k, items: list }));
}

/** The heartbeat push URL of a probe on this server: origin + path (the path already starts with /api/heartbeats/). */
export function heartbeatUrl(origin: string, path: string): string {
  return `${origin.replace(/\/+$/, '')}${path.startsWith('/') ? path : `/${path}`}`;
}

/** The command that starts an edge agent with its token. */
export function agentCommand(origin: string, token: string): string {
  return `yiwei agent --server ${origin.replace(/\/+$/, '')} --token ${token}`;
}

/** What a probe checks, in one line: the URL, "host:port", the DNS name, or null for heartbeats. */
export function probeTarget(probe: { kind: string; config: Record<string, unknown> }): string | null {
  const c = probe.config;
  const str = (v: unknown) => (typeof v === 'string' && v ? v : null);
  const url = str(c.url) ?? str(c.baseUrl);
  if (url) return url;
  const host = str(c.host);
  if (host) return typeof c.port === 'number' ? `${host.includes(':') ? `[${host}]` : host}:${c.port}` : host;
  if (probe.kind === 'dns') return str(c.name);
  return null;
}

/** Whether a string from the server (e.g. an outage's state) is one of the probe states. */
export function isProbeState(value: string): value is ProbeState {
  return (PROBE_STATES as readonly string[]).includes(value);
}
