import type { AlertSeverity } from '../../../shared/schemas/alert-channels.ts';
import type { GenericWebhookMapping } from '../../../shared/schemas/alerts-inbound.ts';
import { LabelMatcher, type AlertIntegrationKind, type AlertStatus, type OnCallShiftView } from '../../../shared/schemas/alerts.ts';
import type { OnCallOverride } from '../../../shared/schemas/oncall.ts';

// Pure helpers of the alert pages: no i18n instance, no clock, so a unit test needs no browser.

/** antd tag colours of the contract fault levels 一级 (P1) … 四级 (P4). */
export const SEVERITY_COLOR: Record<AlertSeverity, string> = { P1: 'red', P2: 'volcano', P3: 'gold', P4: 'blue' };
/** The same levels as text colours (summary tiles, timeline dots). */
export const SEVERITY_HEX: Record<AlertSeverity, string> = { P1: '#cf1322', P2: '#d4380d', P3: '#d48806', P4: '#0958d9' };
export const STATUS_COLOR: Record<AlertStatus, string> = { firing: 'error', acknowledged: 'warning', resolved: 'success' };

/** Labels every alert carries, offered first when writing a matcher. */
export const BUILTIN_LABELS = ['severity', 'source', 'org', 'asset', 'asset_kind', 'probe', 'probe_kind'] as const;
export const MATCHER_OPS = LabelMatcher.shape.op.options;
/** A silence takes at most this many matchers (SilenceInput). */
export const MAX_MATCHERS = 20;

/** The items of a comma list in the URL that are among `allowed`; undefined when none is. */
export function parseList<T extends string>(allowed: readonly T[], value: string | null): T[] | undefined {
  const items = (value ?? '').split(',').filter((v): v is T => (allowed as readonly string[]).includes(v));
  return items.length ? [...new Set(items)] : undefined;
}

/**
 * "静默此告警": one `=` matcher per label of the alert, built-in labels first, so the silence matches this alert and
 * its later firings. Capped at what a silence accepts.
 */
export function matchersFromLabels(labels: Record<string, string>): LabelMatcher[] {
  const builtin = new Set<string>(BUILTIN_LABELS);
  const names = [...BUILTIN_LABELS.filter((n) => n in labels), ...Object.keys(labels).filter((n) => !builtin.has(n)).sort()];
  return names.slice(0, MAX_MATCHERS).map((name) => ({ name, op: '=' as const, value: labels[name] ?? '' }));
}

/** `severity="P1"`, `asset_kind=~"server|switch"`: the way Alertmanager writes a matcher. */
export function formatMatcher(m: LabelMatcher): string {
  return `${m.name}${m.op}"${m.value}"`;
}

/** "name=value" lines → labels; the first line that is not such a pair is reported instead. */
export function parseLabelLines(text: string): { labels: Record<string, string> } | { badLine: string } {
  const labels: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const at = line.indexOf('=');
    if (at <= 0) return { badLine: line };
    labels[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return { labels };
}

/** A details value as one line of text: lists joined, objects as compact JSON. */
export function detailText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)) return value.map((v) => String(v)).join(', ');
  return JSON.stringify(value);
}

// ---- on-call ----

const PERSON_PALETTE = ['#1677ff', '#52c41a', '#fa8c16', '#722ed1', '#13c2c2', '#eb2f96', '#a0d911', '#2f54eb', '#faad14', '#f5222d', '#08979c', '#9254de'];

/** The same colour for a person in every view and on every visit (a hash of the id, not list order). */
export function personColor(userId: string): string {
  let hash = 0;
  for (let i = 0; i < userId.length; i++) hash = (hash * 31 + userId.charCodeAt(i)) >>> 0;
  return PERSON_PALETTE[hash % PERSON_PALETTE.length] ?? '#1677ff';
}

export type ShiftPiece = { shift: OnCallShiftView; startMs: number; endMs: number };

/** The parts of shifts that fall in [fromMs, toMs), in time order: one day's row of the calendar. */
export function clipShifts(shifts: readonly OnCallShiftView[], fromMs: number, toMs: number): ShiftPiece[] {
  return shifts
    .map((shift) => ({ shift, startMs: Math.max(Date.parse(shift.start), fromMs), endMs: Math.min(Date.parse(shift.end), toMs) }))
    .filter((p) => p.endMs > p.startMs)
    .sort((a, b) => a.startMs - b.startMs);
}

/** 换班: A covers B's shift and B covers A's, as two overrides (the schedule's rules stay as they are). */
export function swapOverrides(a: OnCallShiftView, b: OnCallShiftView, reason: string): OnCallOverride[] {
  return [
    { userId: b.userId, start: a.start, end: a.end, reason },
    { userId: a.userId, start: b.start, end: b.end, reason },
  ];
}

// ---- key / value editors ----

export type KeyValueRow = { key?: string; value?: string };

/** Form rows → a record, blank keys skipped (a half-filled row is not an error until the schema says so). */
export function rowsToRecord(rows: readonly KeyValueRow[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const row of rows ?? []) {
    const key = row.key?.trim();
    if (key) out[key] = row.value ?? '';
  }
  return out;
}

export function recordToRows(record: Record<string, unknown> | undefined | null): KeyValueRow[] {
  return Object.entries(record ?? {}).map(([key, value]) => ({ key, value: typeof value === 'string' ? value : JSON.stringify(value) }));
}

// ---- inbound integrations ----

/** Sets a value at a dotted path ("data.title", "alerts.0.name") or a JSON pointer ("/data/title") in a sample body. */
export function setAtPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = (path.startsWith('/') ? path.slice(1).split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~')) : path.replace(/^\$\.?/, '').split('.')).filter(Boolean);
  let node: Record<string, unknown> = target;
  parts.forEach((part, i) => {
    if (i === parts.length - 1) {
      node[part] = value;
      return;
    }
    const next = node[part];
    if (typeof next !== 'object' || next === null) node[part] = {};
    node = node[part] as Record<string, unknown>;
  });
}

/** A body the generic webhook mapping would read: each mapped path filled with a plausible value. */
export function webhookSample(mapping: Partial<GenericWebhookMapping>): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  const fill: Array<[string | undefined, unknown]> = [
    [mapping.title, 'HIS 数据库连接数过高'],
    [mapping.description, '当前连接数 480 / 500'],
    [mapping.status, 'firing'],
    [mapping.severity, 'critical'],
    [mapping.dedupKey, 'his-db-connections'],
    [mapping.labels, { service: 'his', env: 'prod' }],
    [mapping.startsAt, '2026-11-02T08:00:00+08:00'],
    [mapping.url, 'https://monitor.example.cn/alerts/1'],
    [mapping.orgHint, 'RMYY'],
    [mapping.assetHint, '10.1.2.3'],
  ];
  for (const [path, value] of fill) if (path) setAtPath(item, path, value);
  if (!mapping.alerts) return item;
  const body: Record<string, unknown> = {};
  setAtPath(body, mapping.alerts, [item]);
  return body;
}

const ZABBIX_SAMPLE = {
  version: 1,
  eventId: '123456',
  status: 'PROBLEM',
  severity: 4,
  name: 'HIS 数据库 CPU 使用率过高',
  host: 'his-db-01',
  hostIp: '10.1.2.3',
  tags: [{ tag: 'org', value: 'RMYY' }],
  startedAt: '2026-11-02 08:00:00',
};

const ALERTMANAGER_SAMPLE = {
  version: '4',
  status: 'firing',
  receiver: 'yiwei',
  alerts: [
    {
      status: 'firing',
      labels: { alertname: 'HostDown', severity: 'critical', instance: '10.1.2.3:9100', org: 'RMYY' },
      annotations: { summary: '主机 10.1.2.3 无响应' },
      startsAt: '2026-11-02T00:00:00Z',
      fingerprint: '5f1c2d3e4a5b6c7d',
    },
  ],
};

/** A sample body per source kind, for the curl example. */
export function samplePayload(kind: AlertIntegrationKind, webhookMapping?: Partial<GenericWebhookMapping>): unknown {
  if (kind === 'zabbix') return ZABBIX_SAMPLE;
  if (kind === 'alertmanager') return ALERTMANAGER_SAMPLE;
  return webhookSample(webhookMapping ?? {});
}

/** A copy-paste test call; the token stays a placeholder, it is never known to the browser. */
export function curlCommand(url: string, body: unknown, tokenPlaceholder: string): string {
  const json = JSON.stringify(body, null, 2).replace(/'/g, `'\\''`);
  return [`curl -X POST '${url}' \\`, `  -H 'Authorization: Bearer ${tokenPlaceholder}' \\`, `  -H 'Content-Type: application/json' \\`, `  -d '${json}'`].join('\n');
}

/** The full URL of a server-relative endpoint, as another system must call it. */
export function absoluteUrl(origin: string, endpoint: string): string {
  if (/^https?:\/\//.test(endpoint)) return endpoint;
  return `${origin.replace(/\/$/, '')}${endpoint.startsWith('/') ? '' : '/'}${endpoint}`;
}
