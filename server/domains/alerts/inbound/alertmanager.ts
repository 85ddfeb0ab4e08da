/**
 * Prometheus Alertmanager's webhook payload (`webhook_config`, payload version "4") → normalised inbound alerts.
 *
 * Reference: Alertmanager's `notify/webhook` Message and `template.Data`. Unknown fields are stripped, not refused, so a
 * newer Alertmanager that adds fields keeps working.
 */
import { z } from 'zod';
import {
  AlertmanagerSourceConfig,
  DEFAULT_ALERTMANAGER_SEVERITIES,
  INBOUND_LIMITS,
  type InboundAlert,
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

const KeyValues = z.record(z.string(), z.string());
// Alertmanager omits empty maps from some paths and sends null from others; both mean "none".
const OptionalKeyValues = KeyValues.nullish().transform((v) => v ?? {});

const AlertmanagerAlert = z.object({
  status: z.enum(['firing', 'resolved']),
  labels: KeyValues,
  annotations: OptionalKeyValues,
  startsAt: z.string(),
  endsAt: z.string().nullish(),
  generatorURL: z.string().nullish(),
  fingerprint: z.string().nullish(),
});

/** The webhook body Alertmanager POSTs, version "4". */
export const AlertmanagerPayload = z.object({
  version: z.string().optional(),
  groupKey: z.string().optional(),
  truncatedAlerts: z.number().int().min(0).optional(),
  status: z.enum(['firing', 'resolved']),
  receiver: z.string(),
  groupLabels: OptionalKeyValues,
  commonLabels: OptionalKeyValues,
  commonAnnotations: OptionalKeyValues,
  externalURL: z.string().optional(),
  alerts: z.array(AlertmanagerAlert).max(10_000),
});
export type AlertmanagerPayload = z.infer<typeof AlertmanagerPayload>;

/** The normalised alerts plus what the caller should log: how many alerts Alertmanager dropped (max_alerts). */
export interface AlertmanagerResult {
  alerts: InboundAlert[];
  truncatedAlerts: number;
  receiver: string;
}

/** Parses an Alertmanager webhook body into one normalised alert per entry; throws `alert_inbound.invalid_payload` listing bad paths. */
export function normaliseAlertmanager(body: unknown, config: Partial<AlertmanagerSourceConfig> = {}): AlertmanagerResult {
  const parsed = AlertmanagerPayload.safeParse(body);
  if (!parsed.success) throw invalidPayload('Alertmanager', zodPayloadIssues(parsed.error));
  const payload = parsed.data;
  if (payload.version !== undefined && payload.version !== '4') {
    throw invalidPayload('Alertmanager', [{ path: 'version', message: `unsupported payload version "${payload.version}", expected "4"` }]);
  }
  const cfg = AlertmanagerSourceConfig.parse(config);

  const issues: PayloadIssue[] = [];
  const alerts: InboundAlert[] = [];
  payload.alerts.forEach((a, i) => {
    const startsAt = instantOf(a.startsAt);
    if (!startsAt) {
      issues.push({ path: `alerts.${i}.startsAt`, message: `"${a.startsAt}" is not an RFC 3339 time` });
      return;
    }
    const endsAt = a.endsAt ? instantOf(a.endsAt) : null;
    if (endsAt === undefined) {
      issues.push({ path: `alerts.${i}.endsAt`, message: `"${a.endsAt}" is not an RFC 3339 time` });
      return;
    }
    alerts.push(toInbound(a, startsAt, endsAt, cfg));
  });
  if (issues.length > 0) throw invalidPayload('Alertmanager', issues);
  return { alerts, truncatedAlerts: payload.truncatedAlerts ?? 0, receiver: payload.receiver };
}

function toInbound(
  a: z.infer<typeof AlertmanagerAlert>,
  startsAt: string,
  endsAt: string | null,
  cfg: AlertmanagerSourceConfig,
): InboundAlert {
  const labels = cleanLabels(a.labels);
  const title = a.annotations.summary?.trim() || a.labels.alertname?.trim() || 'Alertmanager alert';
  const description = a.annotations.description ?? a.annotations.message ?? '';
  return checkedAlert({
    source: 'alertmanager',
    // The fingerprint is a hash of the labels, so Alertmanager HA peers send the same one; recompute it when absent.
    dedupKey: truncate(a.fingerprint?.trim() || labelFingerprint(a.labels), INBOUND_LIMITS.dedupKey),
    status: a.status,
    severity: severityOf(a.labels[cfg.severityLabel], [cfg.severityMap, DEFAULT_ALERTMANAGER_SEVERITIES], cfg.defaultSeverity),
    title: truncate(title, INBOUND_LIMITS.title),
    description: truncate(description, INBOUND_LIMITS.description),
    labels,
    startsAt,
    // A firing alert's endsAt is only Alertmanager's expiry guess (resolve_timeout), not an end we can show.
    endsAt: a.status === 'resolved' ? endsAt : null,
    url: optionalText(a.generatorURL, INBOUND_LIMITS.url),
    orgHint: optionalText(firstLabel(a.labels, cfg.orgLabels), INBOUND_LIMITS.hint),
    assetHint: optionalText(assetFrom(a.labels, cfg.assetLabels), INBOUND_LIMITS.hint),
  });
}

function firstLabel(labels: Record<string, string>, names: readonly string[]): string | undefined {
  for (const n of names) {
    const v = labels[n]?.trim();
    if (v) return v;
  }
  return undefined;
}

/** The first asset-ish label; `instance` is usually host:port, and the port does not identify an asset. */
function assetFrom(labels: Record<string, string>, names: readonly string[]): string | undefined {
  for (const n of names) {
    const v = labels[n]?.trim();
    if (!v) continue;
    if (n !== 'instance') return v;
    const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(v); // [2001:db8::1]:9100
    if (bracketed) return bracketed[1];
    const hostPort = /^([^:]+):\d+$/.exec(v); // 10.1.2.3:9100, his-db-01:9100 (a bare IPv6 has several colons: kept)
    return hostPort ? hostPort[1] : v;
  }
  return undefined;
}
