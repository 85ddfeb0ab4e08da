/**
 * A generic JSON webhook → normalised inbound alerts, through an admin-configured field mapping.
 *
 * Paths are JSON pointers ("/data/title", RFC 6901) or dotted paths ("data.title", "items.0.name"); a pointer is the
 * escape hatch for keys that contain dots. Pure: the receive time is passed in.
 */
import {
  DEFAULT_ALERTMANAGER_SEVERITIES,
  GenericWebhookMapping,
  INBOUND_LIMITS,
  type InboundAlert,
  type InboundAlertStatus,
  type SeverityMap,
} from '../../../../shared/schemas/alerts-inbound.ts';
import {
  checkedAlert,
  cleanLabels,
  instantOf,
  invalidPayload,
  labelFingerprint,
  optionalText,
  severityOf,
  truncate,
  zodPayloadIssues,
  type PayloadIssue,
} from './inbound-helpers.ts';

/** Words most senders use for a status; the mapping's statusMap is consulted first. */
const DEFAULT_STATUSES: Readonly<Record<string, InboundAlertStatus>> = Object.freeze({
  firing: 'firing', problem: 'firing', alert: 'firing', alerting: 'firing', triggered: 'firing', open: 'firing', active: 'firing', down: 'firing',
  resolved: 'resolved', ok: 'resolved', recovered: 'resolved', recovery: 'resolved', closed: 'resolved', cleared: 'resolved', normal: 'resolved', up: 'resolved',
});

/** Contract fault levels as Chinese senders write them, tried after the mapping's own words. */
const CHINESE_SEVERITIES: Readonly<SeverityMap> = Object.freeze({ 一级: 'P1', 二级: 'P2', 三级: 'P3', 四级: 'P4', 紧急: 'P1', 严重: 'P2', 警告: 'P3', 提示: 'P4', p1: 'P1', p2: 'P2', p3: 'P3', p4: 'P4' });

const MAX_ALERTS = 1_000;

type Found = { found: true; value: unknown } | { found: false };

/** Reads a JSON pointer or dotted path from a parsed JSON value; array indexes are decimal segments. */
export function readPath(root: unknown, path: string): Found {
  const segments = path.startsWith('/')
    ? path.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    : path.split('.');
  let cur: unknown = root;
  for (const seg of path === '/' ? [''] : segments) {
    if (Array.isArray(cur)) {
      if (!/^(0|[1-9]\d*)$/.test(seg) || Number(seg) >= cur.length) return { found: false };
      cur = cur[Number(seg)];
    } else if (cur !== null && typeof cur === 'object' && Object.hasOwn(cur, seg)) {
      cur = (cur as Record<string, unknown>)[seg];
    } else {
      return { found: false };
    }
  }
  return cur === undefined ? { found: false } : { found: true, value: cur };
}

/** Normalises a generic webhook body with `mapping`; throws `alert_inbound.invalid_payload` listing every bad path. */
export function normaliseGenericWebhook(body: unknown, mapping: unknown, options: { receivedAt: Date }): InboundAlert[] {
  const parsedMapping = GenericWebhookMapping.safeParse(mapping);
  // A bad mapping is the admin's configuration error, not the sender's, so it gets its own code.
  if (!parsedMapping.success) {
    throw invalidPayload('webhook mapping', zodPayloadIssues(parsedMapping.error), 'alert_inbound.invalid_mapping');
  }
  const m = parsedMapping.data;

  let items: unknown[];
  let base: (i: number) => string;
  const alertsPath = m.alerts;
  if (alertsPath) {
    const list = readPath(body, alertsPath);
    if (!list.found || !Array.isArray(list.value)) {
      throw invalidPayload('webhook', [{ path: alertsPath, message: 'expected an array of alerts' }]);
    }
    items = list.value;
    base = (i) => `${alertsPath}${alertsPath.startsWith('/') ? '/' : '.'}${i} → `;
  } else {
    items = Array.isArray(body) ? body : [body];
    base = (i) => (Array.isArray(body) ? `${i} → ` : '');
  }
  if (items.length > MAX_ALERTS) throw invalidPayload('webhook', [{ path: m.alerts ?? '', message: `more than ${MAX_ALERTS} alerts` }]);

  const issues: PayloadIssue[] = [];
  const alerts: InboundAlert[] = [];
  items.forEach((item, i) => {
    const before = issues.length;
    const alert = mapOne(item, m, options.receivedAt, (path, message) => issues.push({ path: `${base(i)}${path}`, message }));
    if (alert && issues.length === before) alerts.push(alert);
  });
  if (issues.length > 0) throw invalidPayload('webhook', issues);
  return alerts;
}

function mapOne(item: unknown, m: GenericWebhookMapping, receivedAt: Date, issue: (path: string, message: string) => void): InboundAlert | null {
  const text = (path: string | undefined): string | undefined => {
    if (!path) return undefined;
    const r = readPath(item, path);
    if (!r.found || r.value === null) return undefined;
    if (typeof r.value === 'string') return r.value;
    if (typeof r.value === 'number' || typeof r.value === 'boolean') return String(r.value);
    issue(path, `expected text or a number, got ${Array.isArray(r.value) ? 'an array' : typeof r.value}`);
    return undefined;
  };

  const title = text(m.title)?.trim();
  if (!title) issue(m.title, 'missing title');

  let status: InboundAlertStatus = 'firing';
  const statusWord = text(m.status)?.trim();
  if (statusWord) {
    const found = lookup(m.statusMap, statusWord) ?? lookup(DEFAULT_STATUSES, statusWord);
    if (found) status = found;
    else issue(m.status ?? '', `unknown status "${statusWord}"; add it to statusMap`);
  }

  const labels = readLabels(item, m.labels, issue);
  const startsAt = readInstant(item, m.startsAt, issue);
  const endsAt = readInstant(item, m.endsAt, issue);
  if (!title) return null;

  const severity = severityOf(text(m.severity), [m.severityMap, DEFAULT_ALERTMANAGER_SEVERITIES, CHINESE_SEVERITIES], m.defaultSeverity);
  // Without a key from the sender, the same title and labels mean the same problem.
  const dedupKey = text(m.dedupKey)?.trim() || `webhook:${labelFingerprint({ ...labels, __title__: title })}`;

  return checkedAlert({
    source: 'webhook',
    dedupKey: truncate(dedupKey, INBOUND_LIMITS.dedupKey),
    status,
    severity,
    title: truncate(title, INBOUND_LIMITS.title),
    description: truncate(text(m.description) ?? '', INBOUND_LIMITS.description),
    labels: cleanLabels(labels),
    startsAt: startsAt ?? receivedAt.toISOString(),
    endsAt: status === 'resolved' ? (endsAt ?? receivedAt.toISOString()) : null,
    url: optionalText(text(m.url), INBOUND_LIMITS.url),
    orgHint: optionalText(text(m.orgHint), INBOUND_LIMITS.hint),
    assetHint: optionalText(text(m.assetHint), INBOUND_LIMITS.hint),
  });
}

function lookup<T>(map: Readonly<Record<string, T>>, word: string): T | undefined {
  if (map[word] !== undefined) return map[word];
  const lower = word.toLowerCase();
  for (const [k, v] of Object.entries(map)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

function readLabels(item: unknown, path: string | undefined, issue: (path: string, message: string) => void): Record<string, string> {
  const out: Record<string, string> = {};
  if (!path) return out;
  const r = readPath(item, path);
  if (!r.found || r.value === null) return out;
  if (typeof r.value !== 'object' || Array.isArray(r.value)) {
    issue(path, 'expected an object of label name → value');
    return out;
  }
  for (const [k, v] of Object.entries(r.value)) {
    // Nested objects have no single label value; dropping them keeps the rest of the alert usable.
    if (typeof v === 'string') out[k] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
  }
  return out;
}

function readInstant(item: unknown, path: string | undefined, issue: (path: string, message: string) => void): string | undefined {
  if (!path) return undefined;
  const r = readPath(item, path);
  if (!r.found || r.value === null || r.value === '') return undefined;
  const at = instantOf(r.value);
  if (at === undefined) issue(path, `"${String(r.value)}" is neither an RFC 3339 time nor epoch seconds/milliseconds`);
  return at ?? undefined;
}
