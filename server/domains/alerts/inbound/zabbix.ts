/**
 * The JSON our Zabbix media type (`integrations/zabbix/yiwei-media-type.js`) posts → one normalised inbound alert.
 *
 * Problem, update and recovery notifications of one problem share {EVENT.ID}, so they share the dedup key
 * `zabbix:<eventId>` and the recovery resolves the alert the problem opened.
 */
import { z } from 'zod';
import type { AlertSeverity } from '../../../../shared/schemas/alert-channels.ts';
import { INBOUND_LIMITS, type InboundAlert } from '../../../../shared/schemas/alerts-inbound.ts';
import { checkedAlert, cleanLabels, instantOf, invalidPayload, optionalText, truncate, zodPayloadIssues } from './inbound-helpers.ts';

const Digits = z.string().regex(/^\d{1,20}$/, 'expected a Zabbix numeric ID');

/** The body of one notification from the yiwei media type, payload version 1. */
export const ZabbixPayload = z.object({
  version: z.literal(1),
  eventId: Digits,
  recoveryEventId: Digits.nullish(),
  triggerId: Digits.nullish(),
  status: z.enum(['PROBLEM', 'RESOLVED', 'UPDATE']),
  // The script sends a number; a hand-written sender may send {EVENT.NSEVERITY} as text.
  severity: z.coerce.number().int().min(0).max(5),
  name: z.string().trim().min(1),
  opdata: z.string().nullish(),
  description: z.string().nullish(),
  host: z.string().nullish(),
  hostName: z.string().nullish(),
  hostIp: z.string().nullish(),
  tags: z.array(z.object({ tag: z.string().min(1), value: z.string().default('') })).max(500).default([]),
  startedAt: z.string().nullish(),
  resolvedAt: z.string().nullish(),
  update: z.object({ action: z.string().default(''), message: z.string().default('') }).nullish(),
  url: z.string().nullish(),
});
export type ZabbixPayload = z.infer<typeof ZabbixPayload>;

/** Zabbix severities 0–5 (Not classified, Information, Warning, Average, High, Disaster) → our levels. */
export const ZABBIX_SEVERITIES: readonly AlertSeverity[] = Object.freeze(['P4', 'P4', 'P3', 'P2', 'P1', 'P1']);

/** Options of the Zabbix source. */
export interface ZabbixSourceOptions {
  /** when yiwei received the request: the start (or end) when the macros for it were empty */
  receivedAt: Date;
  /** six levels for Zabbix severities 0–5; defaults to ZABBIX_SEVERITIES */
  severities?: readonly AlertSeverity[];
  /** first tag present becomes orgHint */
  orgTags?: readonly string[];
}

const DEFAULT_ORG_TAGS = ['org', 'organisation', 'hospital', 'tenant'];

/** Parses one Zabbix media-type notification; throws `alert_inbound.invalid_payload` listing bad paths. */
export function normaliseZabbix(body: unknown, options: ZabbixSourceOptions): InboundAlert {
  const parsed = ZabbixPayload.safeParse(body);
  if (!parsed.success) throw invalidPayload('Zabbix', zodPayloadIssues(parsed.error));
  const p = parsed.data;
  const severities = options.severities ?? ZABBIX_SEVERITIES;
  if (severities.length !== 6) throw new RangeError('normaliseZabbix: severities must list 6 levels, one per Zabbix severity 0–5');

  const startsAt = instantOf(p.startedAt);
  const resolvedAt = instantOf(p.resolvedAt);
  // Macros can come through empty (a custom action, an old Zabbix); the time we heard of it is the next best thing.
  const received = options.receivedAt.toISOString();
  const isResolved = p.status === 'RESOLVED';
  const labels = tagsToLabels(p.tags);
  if (p.host && labels.host === undefined) labels.host = p.host;

  return checkedAlert({
    source: 'zabbix',
    dedupKey: `zabbix:${p.eventId}`,
    // An update (acknowledge, comment, severity change) arrives while the problem is still open.
    status: isResolved ? 'resolved' : 'firing',
    severity: severities[p.severity] ?? 'P3',
    title: truncate(p.name, INBOUND_LIMITS.title),
    description: truncate(describe(p), INBOUND_LIMITS.description),
    labels: cleanLabels(labels),
    startsAt: startsAt ?? received,
    endsAt: isResolved ? (resolvedAt ?? received) : null,
    url: optionalText(p.url, INBOUND_LIMITS.url),
    orgHint: optionalText(firstTag(labels, options.orgTags ?? DEFAULT_ORG_TAGS), INBOUND_LIMITS.hint),
    // The technical host name is what hospitals usually register as the asset code; the IP is the fallback.
    assetHint: optionalText(labels.asset || p.host || p.hostIp, INBOUND_LIMITS.hint),
  });
}

/** Zabbix allows one tag name many times (service:his, service:lis); labels take one value, so join them. */
function tagsToLabels(tags: ReadonlyArray<{ tag: string; value: string }>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { tag, value } of tags) {
    const seen = out[tag];
    if (seen === undefined) out[tag] = value;
    else if (!seen.split(', ').includes(value)) out[tag] = `${seen}, ${value}`;
  }
  return out;
}

function firstTag(labels: Record<string, string>, names: readonly string[]): string | undefined {
  for (const n of names) if (labels[n]?.trim()) return labels[n];
  return undefined;
}

function describe(p: ZabbixPayload): string {
  const lines: string[] = [];
  if (p.opdata?.trim()) lines.push(p.opdata.trim());
  if (p.description?.trim()) lines.push(p.description.trim());
  const host = [p.hostName ?? p.host, p.hostIp].filter((v) => v && v.trim()).join(' / ');
  if (host) lines.push(`Host: ${host}`);
  if (p.update && (p.update.action || p.update.message)) lines.push(`Update: ${[p.update.action, p.update.message].filter(Boolean).join(': ')}`);
  return lines.join('\n');
}
