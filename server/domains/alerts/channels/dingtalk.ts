import { createHmac } from 'node:crypto';
import { DingtalkChannelConfig, DingtalkChannelSecrets } from '../../../../shared/schemas/alert-channels.ts';
import { defineChannelKind, delivered, failed, recipients, type ChannelMessage } from './channel.ts';
import { exchange, field, isOutcome, providerText, statusFailure } from './http.ts';

// DingTalk custom robot with 加签 (open.dingtalk.com, "自定义机器人安全设置"). 20 messages per minute per robot;
// going over throttles the robot for 10 minutes, so the platform limiter must hold the line, not DingTalk.

/** errcodes a retry can fix: -1 system busy, 130101 and 410100 send too fast. */
const RETRYABLE_ERRCODES = new Set([-1, 130101, 410100]);

/** The 加签 signature: Base64(HMAC-SHA256(key = secret, timestamp + "\n" + secret)); URL-encoding is left to URLSearchParams. */
export function dingtalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
}

/** The access token alone, also when the whole webhook URL was pasted. */
export function dingtalkToken(secret: string): string {
  if (!/^https?:/i.test(secret)) return secret;
  try {
    return new URL(secret).searchParams.get('access_token') ?? secret;
  } catch {
    return secret;
  }
}

/** The JSON body DingTalk documents for this message. */
export function dingtalkPayload(config: DingtalkChannelConfig, message: ChannelMessage): Record<string, unknown> {
  const atMobiles = recipients(config.mentionMobiles, message.mentions?.mobiles);
  const atUserIds = message.mentions?.userIds ?? [];
  const isAtAll = config.mentionAll || message.mentions?.all === true;
  const at = { atMobiles, atUserIds, isAtAll };
  // A robot secured by 自定义关键词 drops messages without the keyword (errcode 310000), so make sure it is there.
  const withKeyword = (s: string) => (config.keyword && !s.includes(config.keyword) ? `${config.keyword} ${s}` : s);
  if (config.format === 'markdown' && message.markdown !== undefined) {
    // In markdown DingTalk only highlights an @ whose "@mobile" also appears in the text.
    const tags = [...atMobiles, ...atUserIds].map((m) => `@${m}`).join(' ');
    const text = withKeyword(tags ? `${message.markdown}\n\n${tags}` : message.markdown);
    return { msgtype: 'markdown', markdown: { title: withKeyword(message.title), text }, at };
  }
  return { msgtype: 'text', text: { content: withKeyword(message.text) }, at };
}

/** DingTalk custom robot, signed with 加签 when a secret is configured. */
export const dingtalkChannel = defineChannelKind<DingtalkChannelConfig, DingtalkChannelSecrets>({
  kind: 'dingtalk',
  configSchema: DingtalkChannelConfig,
  secretsSchema: DingtalkChannelSecrets,
  rateLimit: { perMinute: 20 },
  async send(config, secrets, message, ctx) {
    const url = new URL(config.baseUrl);
    url.searchParams.set('access_token', dingtalkToken(secrets.accessToken));
    const hide: string[] = [];
    if (secrets.signSecret) {
      // Milliseconds; DingTalk rejects timestamps more than an hour from its own clock.
      const timestampMs = ctx.now().getTime();
      const sign = dingtalkSign(secrets.signSecret, timestampMs);
      url.searchParams.set('timestamp', String(timestampMs));
      url.searchParams.set('sign', sign);
      hide.push(sign);
    }
    const reply = await exchange({
      method: 'POST',
      url: url.toString(),
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(dingtalkPayload(config, message)),
    }, ctx);
    if (isOutcome(reply)) return reply;
    const errcode = field(reply.json, 'errcode');
    if (typeof errcode !== 'number') return reply.status >= 200 && reply.status < 300 ? failed(true, 'DingTalk answered without errcode', reply.latencyMs, { status: reply.status }) : statusFailure(reply, 'DingTalk');
    const extra = { status: reply.status, providerCode: String(errcode) };
    if (errcode === 0) return delivered(reply.latencyMs, 'delivered', extra);
    // 310000 covers a wrong 加签, a missing keyword and an IP outside the allowlist: the text says which.
    return failed(RETRYABLE_ERRCODES.has(errcode), `DingTalk errcode ${errcode}: ${providerText(field(reply.json, 'errmsg'), hide)}`, reply.latencyMs, extra);
  },
});
