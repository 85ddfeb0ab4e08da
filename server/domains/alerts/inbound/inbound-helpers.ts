import type { z } from 'zod';
import { AppError } from '../../../platform/errors.ts';
import type { AlertSeverity } from '../../../../shared/schemas/alert-channels.ts';
import { INBOUND_LIMITS, InboundAlert, type SeverityMap } from '../../../../shared/schemas/alerts-inbound.ts';

/** One problem in a payload: where (dotted path from the body root) and what. */
export interface PayloadIssue {
  path: string;
  message: string;
}

/** The error every normaliser throws for a payload it cannot read; `details` lists each bad path. */
export function invalidPayload(source: string, issues: PayloadIssue[], code = 'alert_inbound.invalid_payload'): AppError {
  const shown = issues.slice(0, 10).map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ');
  const more = issues.length > 10 ? `; and ${issues.length - 10} more` : '';
  return new AppError('invalid', code, `Invalid ${source} payload: ${shown}${more}`, issues);
}

/** Zod issues as PayloadIssues with dotted paths, so the message can name `alerts.0.startsAt`. */
export function zodPayloadIssues(error: z.ZodError): PayloadIssue[] {
  return error.issues.map((i) => ({ path: i.path.map((p) => String(p)).join('.'), message: i.message }));
}

/** Cuts text to `max` characters; inbound text is foreign, so we shorten it rather than refuse the whole alert. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Blank or whitespace-only → null, else trimmed and truncated. */
export function optionalText(value: string | null | undefined, max: number): string | null {
  const t = value?.trim() ?? '';
  return t === '' ? null : truncate(t, max);
}

/** Resolves a source's severity word through the caller's map, then the defaults, case-insensitively. */
export function severityOf(word: string | null | undefined, maps: ReadonlyArray<Readonly<SeverityMap>>, fallback: AlertSeverity): AlertSeverity {
  const key = word?.trim();
  if (!key) return fallback;
  for (const map of maps) {
    const exact = map[key];
    if (exact) return exact;
    const lower = key.toLowerCase();
    for (const [k, v] of Object.entries(map)) if (k.toLowerCase() === lower) return v;
  }
  return fallback;
}

// Go's time.Time zero value, which Alertmanager sends as endsAt when an alert has no end.
const GO_ZERO_TIME = /^0001-01-01T00:00:00(?:\.0+)?(?:Z|[+-]00:00)$/;
// RFC 3339 with any number of fractional digits: Go marshals nanoseconds, which Date.parse does not promise to accept.
const RFC3339 = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|z|[+-]\d{2}:?\d{2})$/;

/** An instant as ISO-8601 UTC from RFC 3339 text or epoch seconds/milliseconds; null for Go's zero time; undefined when unreadable. */
export function instantOf(value: unknown): string | null | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) {
    // Below 1e11 a number can only be seconds (1e11 ms is 1973; 1e11 s is the year 5138).
    const ms = value < 1e11 ? value * 1000 : value;
    const d = new Date(ms);
    return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
  }
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (GO_ZERO_TIME.test(text)) return null;
  if (/^\d{9,13}$/.test(text)) return instantOf(Number(text));
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const fraction = (m[3] ?? '').padEnd(3, '0').slice(0, 3);
  const zone = m[4] === 'z' ? 'Z' : (m[4] ?? 'Z').replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  const t = Date.parse(`${m[1]}T${m[2]}.${fraction}${zone}`);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

/** Keeps at most INBOUND_LIMITS.labels labels with sane names, values truncated, in name order for stable output. */
export function cleanLabels(labels: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  const names = Object.keys(labels)
    .filter((n) => n.trim() !== '' && n.length <= INBOUND_LIMITS.labelName)
    .sort()
    .slice(0, INBOUND_LIMITS.labels);
  for (const name of names) out[name] = truncate(labels[name] ?? '', INBOUND_LIMITS.labelValue);
  return out;
}

const FNV64_OFFSET = 0xcbf29ce484222325n;
const FNV64_PRIME = 0x100000001b3n;
const MASK64 = 0xffffffffffffffffn;
const SEPARATOR_BYTE = 0xff;

/**
 * Prometheus' label-set fingerprint (FNV-1a 64 over sorted name, 0xff, value, 0xff), as 16 hex digits. It is what
 * Alertmanager sends as `fingerprint`, so an alert without one still dedups with the same alert that had one.
 */
export function labelFingerprint(labels: Readonly<Record<string, string>>): string {
  const encoder = new TextEncoder();
  // Go sorts label names by bytes; comparing UTF-8 encodings keeps us identical for non-ASCII names.
  const names = Object.keys(labels)
    .map((n) => ({ n, b: encoder.encode(n) }))
    .sort((x, y) => Buffer.compare(x.b, y.b));
  let hash = FNV64_OFFSET;
  const add = (byte: number) => {
    hash = ((hash ^ BigInt(byte)) * FNV64_PRIME) & MASK64;
  };
  for (const { n, b } of names) {
    for (const byte of b) add(byte);
    add(SEPARATOR_BYTE);
    for (const byte of encoder.encode(labels[n] ?? '')) add(byte);
    add(SEPARATOR_BYTE);
  }
  return hash.toString(16).padStart(16, '0');
}

/** Validates a normalised alert against the shared contract; a failure here is our bug, not the sender's. */
export function checkedAlert(alert: InboundAlert): InboundAlert {
  return InboundAlert.parse(alert);
}
