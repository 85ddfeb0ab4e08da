import type { z } from 'zod';
import type { AlertSeverity } from '../../../../shared/schemas/alert-channels.ts';

/** One notification, already rendered for the channel (see templates.ts). */
export interface ChannelMessage {
  title: string;
  /** Plain text; SMS and e-mail bodies, and the fallback for chat formats. */
  text: string;
  /** Markdown for WeCom, DingTalk and Feishu; `text` is used when absent. */
  markdown?: string;
  severity: AlertSeverity;
  /** Link to the alert, including its acknowledge link. */
  url?: string;
  mentions?: { mobiles?: string[]; userIds?: string[]; all?: boolean };
  /** E-mail addresses or phone numbers (e.g. of the person on call), added to the channel's fixed recipients. */
  to?: string[];
  /** The variables the message was rendered from, for providers with pre-approved templates (SMS). */
  vars?: Record<string, string>;
}

/** What one delivery attempt achieved; the outbox retries when `retryable`. */
export interface DeliveryOutcome {
  isOk: boolean;
  /** True for network errors, timeouts, 5xx, 429 and provider rate-limit codes; false for bad keys and bad requests. */
  isRetryable: boolean;
  /** HTTP status or SMTP reply code, when there was one. */
  status?: number;
  /** The provider's own code (errcode, Code …), as text. */
  providerCode?: string;
  /** Short English reason. Never contains keys, tokens, signatures or passwords. */
  message: string;
  latencyMs: number;
  /** On a partial failure (some recipients reached), the ones that were not; a retry must target only these. */
  failedRecipients?: string[];
}

/** What a sender gets besides its config: the time budget and the clock; `fetch` is replaceable for relays and tests. */
export interface SendContext {
  signal: AbortSignal;
  now: () => Date;
  fetch?: typeof fetch;
}

/** One channel kind: schemas for its stored config and sealed secrets, the platform's rate limit, and the sender. */
export interface ChannelKind<C = unknown, S = unknown> {
  kind: string;
  configSchema: z.ZodType<C>;
  secretsSchema: z.ZodType<S>;
  /** As the platform enforces it, per channel instance (e.g. per WeCom robot). */
  rateLimit: { perMinute: number; perSecond?: number };
  /** Never throws: every failure is an outcome. */
  send(config: C, secrets: S, message: ChannelMessage, ctx: SendContext): Promise<DeliveryOutcome>;
}

/** Milliseconds since `startedAt` (a performance.now() reading), to one decimal. */
export function elapsedMs(startedAt: number): number {
  return Math.round((performance.now() - startedAt) * 10) / 10;
}

/** A successful outcome. */
export function delivered(latencyMs: number, message = 'delivered', extra: Partial<DeliveryOutcome> = {}): DeliveryOutcome {
  return { isOk: true, isRetryable: false, message, latencyMs, ...extra };
}

/** A failed outcome. */
export function failed(isRetryable: boolean, message: string, latencyMs: number, extra: Partial<DeliveryOutcome> = {}): DeliveryOutcome {
  return { isOk: false, isRetryable, message, latencyMs, ...extra };
}

/** Whether an HTTP status is worth retrying: timeouts, throttling and server errors. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}

/** Every string value in the secrets, for redaction (nested records such as secret headers included). */
function secretValues(secrets: unknown, out: string[] = []): string[] {
  if (typeof secrets === 'string') out.push(secrets);
  else if (secrets && typeof secrets === 'object') for (const v of Object.values(secrets)) secretValues(v, out);
  return out;
}

/** Replaces every secret value (and its URL-encoded form) in a message; short values are skipped to keep text readable. */
export function redact(message: string, secrets: unknown): string {
  let out = message;
  for (const value of secretValues(secrets)) {
    if (value.length < 4) continue;
    for (const form of new Set([value, encodeURIComponent(value)])) out = out.split(form).join('***');
  }
  return out;
}

/**
 * Wraps a kind's sender so the promises of the interface hold even when the sender has a bug: it never throws, and no
 * secret value reaches `message`, whichever provider text or library error it was built from.
 */
export function defineChannelKind<C, S>(kind: ChannelKind<C, S>): ChannelKind<C, S> {
  return {
    ...kind,
    async send(config, secrets, message, ctx) {
      const startedAt = performance.now();
      try {
        const outcome = await kind.send(config, secrets, message, ctx);
        return { ...outcome, message: redact(outcome.message, secrets).slice(0, 500) };
      } catch (err) {
        const text = err instanceof Error ? err.message : String(err);
        return failed(false, redact(`internal error in ${kind.kind} sender: ${text}`, secrets).slice(0, 500), elapsedMs(startedAt));
      }
    },
  };
}

/** Recipients of the message plus the channel's fixed ones, trimmed and without duplicates. */
export function recipients(fixed: readonly string[], extra: readonly string[] | undefined): string[] {
  return [...new Set([...fixed, ...(extra ?? [])].map((r) => r.trim()).filter(Boolean))];
}

/** Cuts text to at most `maxBytes` of UTF-8 without splitting a character, marking the cut with "…". */
export function truncateBytes(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  let out = '';
  let size = 0;
  const budget = maxBytes - 3; // "…" is three bytes
  for (const ch of text) {
    const n = Buffer.byteLength(ch);
    if (size + n > budget) break;
    out += ch;
    size += n;
  }
  return `${out}…`;
}

/** Cuts text to at most `maxChars` characters (code points), marking the cut with "…". */
export function truncateChars(text: string, maxChars: number): string {
  const chars = [...text];
  return chars.length <= maxChars ? text : `${chars.slice(0, maxChars - 1).join('')}…`;
}
