import { createHmac } from 'node:crypto';
import { WebhookChannelConfig, WebhookChannelSecrets } from '../../../../shared/schemas/alert-channels.ts';
import { defineChannelKind, delivered, type ChannelMessage } from './channel.ts';
import { exchange, isOutcome, mergeHeaders, statusFailure } from './http.ts';

/** Bumped when the body changes incompatibly, so receivers can branch on it. */
export const WEBHOOK_BODY_VERSION = 1;

/** hex(HMAC-SHA256(secret, timestamp + "." + body)); the timestamp is bound in so a captured request cannot be replayed later. */
export function webhookSignature(secret: string, timestampS: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestampS}.${body}`).digest('hex');
}

/** The JSON body receivers get: the rendered message plus when it was sent. */
export function webhookBody(message: ChannelMessage, sentAt: Date): string {
  return JSON.stringify({
    version: WEBHOOK_BODY_VERSION,
    type: 'alert.notification',
    sentAt: sentAt.toISOString(),
    severity: message.severity,
    title: message.title,
    text: message.text,
    markdown: message.markdown ?? null,
    url: message.url ?? null,
    mentions: message.mentions ?? null,
    to: message.to ?? [],
    vars: message.vars ?? {},
  });
}

/** Generic JSON POST with X-Yiwei-Signature; any 2xx is success. */
export const webhookChannel = defineChannelKind<WebhookChannelConfig, WebhookChannelSecrets>({
  kind: 'webhook',
  configSchema: WebhookChannelConfig,
  secretsSchema: WebhookChannelSecrets,
  // Our own limit, not a platform's: enough for a storm digest cadence without flooding a small receiver.
  rateLimit: { perMinute: 120 },
  async send(config, secrets, message, ctx) {
    const now = ctx.now();
    const timestampS = Math.floor(now.getTime() / 1000);
    const body = webhookBody(message, now);
    const reply = await exchange({
      method: 'POST',
      url: config.url,
      // Ours last: a custom header must not replace the signature or claim another content type.
      headers: mergeHeaders(config.headers, secrets.headers, {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'yiwei-alerts/1',
        'x-yiwei-timestamp': String(timestampS),
        'x-yiwei-signature': `sha256=${webhookSignature(secrets.signingSecret, timestampS, body)}`,
      }),
      body,
    }, ctx);
    if (isOutcome(reply)) return reply;
    if (reply.status >= 200 && reply.status < 300) return delivered(reply.latencyMs, 'delivered', { status: reply.status });
    return statusFailure(reply, 'Webhook receiver');
  },
});
