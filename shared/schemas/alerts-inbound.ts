import { z } from 'zod';
import { AlertSeverity } from './alert-channels.ts';

// Contracts of inbound alerts: what every source (Alertmanager, Zabbix, a generic JSON webhook) is normalised to, and the
// configuration an admin edits for a source. The wire formats of the sources themselves are parsed server-side.

/** Where an inbound alert came from. */
export const InboundAlertSource = z.enum(['alertmanager', 'zabbix', 'webhook']);
export type InboundAlertSource = z.infer<typeof InboundAlertSource>;

/** What the source says about the problem; acknowledgement is ours, so it is not a source status. */
export const InboundAlertStatus = z.enum(['firing', 'resolved']);
export type InboundAlertStatus = z.infer<typeof InboundAlertStatus>;

/** Upper bounds shared by the normalisers (they truncate to these) and by the schema (which rejects beyond them). */
export const INBOUND_LIMITS = { dedupKey: 255, title: 500, description: 10_000, labels: 100, labelName: 100, labelValue: 1_000, url: 2_000, hint: 255 } as const;

/** One alert from any source, normalised; the alert store dedups on (source, dedupKey). */
export const InboundAlert = z.object({
  source: InboundAlertSource,
  dedupKey: z.string().min(1).max(INBOUND_LIMITS.dedupKey),
  status: InboundAlertStatus,
  severity: AlertSeverity,
  title: z.string().min(1).max(INBOUND_LIMITS.title),
  description: z.string().max(INBOUND_LIMITS.description),
  labels: z
    .record(z.string().min(1).max(INBOUND_LIMITS.labelName), z.string().max(INBOUND_LIMITS.labelValue))
    .refine((l) => Object.keys(l).length <= INBOUND_LIMITS.labels, `at most ${INBOUND_LIMITS.labels} labels`),
  startsAt: z.iso.datetime(),
  /** when the source says the problem ended; null while firing */
  endsAt: z.iso.datetime().nullable(),
  url: z.string().max(INBOUND_LIMITS.url).nullable(),
  /** label or org code that the caller maps to an organisation */
  orgHint: z.string().max(INBOUND_LIMITS.hint).nullable(),
  /** host name, IP or asset code that the caller maps to an asset */
  assetHint: z.string().max(INBOUND_LIMITS.hint).nullable(),
});
export type InboundAlert = z.infer<typeof InboundAlert>;

/** Source words for a severity (compared case-insensitively) → our level; merged over the defaults of each source. */
export const SeverityMap = z.record(z.string().trim().min(1).max(50), AlertSeverity);
export type SeverityMap = z.infer<typeof SeverityMap>;

/** Alertmanager label `severity` → level. Prometheus rules have no standard words, so these are the common ones. */
export const DEFAULT_ALERTMANAGER_SEVERITIES: Readonly<SeverityMap> = Object.freeze({
  critical: 'P1',
  disaster: 'P1',
  error: 'P2',
  high: 'P2',
  major: 'P2',
  warning: 'P3',
  warn: 'P3',
  average: 'P3',
  minor: 'P3',
  info: 'P4',
  information: 'P4',
  none: 'P4',
});

/** Options of the Alertmanager source. */
export const AlertmanagerSourceConfig = z.object({
  severityLabel: z.string().trim().min(1).max(100).default('severity'),
  severityMap: SeverityMap.default({}),
  /** used when the label is missing or its word is unknown */
  defaultSeverity: AlertSeverity.default('P3'),
  /** first label present becomes orgHint */
  orgLabels: z.array(z.string().trim().min(1).max(100)).max(10).default(['org', 'organisation', 'hospital', 'tenant']),
  /** first label present becomes assetHint; `instance` loses its :port */
  assetLabels: z.array(z.string().trim().min(1).max(100)).max(10).default(['asset', 'host', 'hostname', 'nodename', 'instance']),
});
export type AlertmanagerSourceConfig = z.infer<typeof AlertmanagerSourceConfig>;

/** A JSON pointer ("/data/title", RFC 6901) or a dotted path ("data.title", "alerts.0.name"). */
export const JsonPath = z.string().trim().min(1).max(300);

/** How to read alerts out of an arbitrary JSON body. Paths are relative to each item when `alerts` is set. */
export const GenericWebhookMapping = z.object({
  /** path to an array of alerts; absent = the body is one alert (or an array of them) */
  alerts: JsonPath.optional(),
  title: JsonPath,
  description: JsonPath.optional(),
  status: JsonPath.optional(),
  /** source word → status, case-insensitive, merged over firing/resolved/ok/problem/recovery… */
  statusMap: z.record(z.string().trim().min(1).max(50), InboundAlertStatus).default({}),
  severity: JsonPath.optional(),
  /** e.g. {"CRITICAL":"P1"}; case-insensitive, merged over the Alertmanager words and 一级…四级 */
  severityMap: SeverityMap.default({}),
  defaultSeverity: AlertSeverity.default('P3'),
  /** absent = a stable hash of the title and labels */
  dedupKey: JsonPath.optional(),
  /** an object of label name → value (numbers and booleans become strings; nested values are skipped) */
  labels: JsonPath.optional(),
  startsAt: JsonPath.optional(),
  endsAt: JsonPath.optional(),
  url: JsonPath.optional(),
  orgHint: JsonPath.optional(),
  assetHint: JsonPath.optional(),
});
export type GenericWebhookMapping = z.infer<typeof GenericWebhookMapping>;
