import { elapsedMs, failed, isRetryableStatus, redact, type DeliveryOutcome, type SendContext } from './channel.ts';

/** Provider replies are small; anything beyond this is not read into memory. */
const MAX_REPLY_CHARS = 64_000;

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

/** A reply that arrived, whatever its status; `json` is undefined when the body is not JSON. */
export interface HttpReply {
  status: number;
  text: string;
  json: unknown;
  latencyMs: number;
}

/** Network error codes (from undici's `cause`) that we name in messages; all of them are worth a retry. */
const NETWORK_CODES = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|EPIPE|UND_ERR_\w+|ERR_TLS_\w+|CERT_\w+|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_\w+)$/;

/**
 * Sends one request with the context's fetch and abort signal. Resolves with the reply, or with a failed outcome for
 * transport failures. The URL is never put in a message because WeCom and DingTalk carry their key in it.
 */
export async function exchange(req: HttpRequest, ctx: SendContext): Promise<HttpReply | DeliveryOutcome> {
  const startedAt = performance.now();
  const doFetch = ctx.fetch ?? fetch;
  try {
    const res = await doFetch(req.url, { method: req.method, headers: req.headers, body: req.body, signal: ctx.signal, redirect: 'manual' });
    const text = (await res.text()).slice(0, MAX_REPLY_CHARS);
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, text, json, latencyMs: elapsedMs(startedAt) };
  } catch (err) {
    return transportFailure(err, ctx.signal, elapsedMs(startedAt));
  }
}

/** True when `exchange` produced an outcome rather than a reply. */
export function isOutcome(r: HttpReply | DeliveryOutcome): r is DeliveryOutcome {
  return 'isOk' in r;
}

/** Classifies a thrown fetch error; only the error code is kept, since undici messages can quote the URL. */
export function transportFailure(err: unknown, signal: AbortSignal, latencyMs: number): DeliveryOutcome {
  if (signal.aborted) {
    const isTimeout = signal.reason instanceof Error && signal.reason.name === 'TimeoutError';
    return failed(true, isTimeout ? 'timed out' : 'aborted', latencyMs, { providerCode: isTimeout ? 'timeout' : 'aborted' });
  }
  const cause = err instanceof Error ? (err.cause as { code?: unknown } | undefined) : undefined;
  const code = typeof cause?.code === 'string' && NETWORK_CODES.test(cause.code) ? cause.code : undefined;
  // TLS trust failures will not heal by themselves, but a retry is cheap and a proxy hiccup looks the same.
  return failed(true, code ? `network error: ${code}` : 'network error', latencyMs, { providerCode: code ?? 'network' });
}

/** Outcome for a non-2xx reply that carries no provider code we understand. */
export function statusFailure(reply: HttpReply, provider: string): DeliveryOutcome {
  return failed(isRetryableStatus(reply.status), `${provider} answered HTTP ${reply.status}`, reply.latencyMs, { status: reply.status });
}

/** Reads a field of a parsed JSON object, or undefined. */
export function field(json: unknown, key: string): unknown {
  return json && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>)[key] : undefined;
}

/** A provider's free-text reason, shortened, without line breaks, and without `hide` (signatures we derived, which the redactor cannot know). */
export function providerText(value: unknown, hide: readonly string[] = []): string {
  return typeof value === 'string' ? redact(value, hide).replace(/\s+/g, ' ').slice(0, 200) : '';
}

/** Merges header records left to right, case-insensitively, so a custom "Content-Type" replaces ours instead of joining it. */
export function mergeHeaders(...records: ReadonlyArray<Record<string, string> | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of records) for (const [k, v] of Object.entries(r ?? {})) out[k.toLowerCase()] = v;
  return out;
}
