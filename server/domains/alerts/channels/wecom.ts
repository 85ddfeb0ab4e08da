import { WecomChannelConfig, WecomChannelSecrets } from '../../../../shared/schemas/alert-channels.ts';
import { defineChannelKind, delivered, failed, recipients, truncateBytes, type ChannelMessage } from './channel.ts';
import { exchange, field, isOutcome, providerText, statusFailure } from './http.ts';

// WeCom group robot (developer.work.weixin.qq.com/document/path/91770). Limits from the doc: text ≤ 2048 bytes,
// markdown ≤ 4096 bytes, 20 messages per minute per robot.
const TEXT_MAX_BYTES = 2_048;
const MARKDOWN_MAX_BYTES = 4_096;

/** errcodes a retry can fix: -1 system busy, 45009 frequency limit, 45033 concurrency limit. */
const RETRYABLE_ERRCODES = new Set([-1, 45009, 45033]);

/** The key alone, also when the whole webhook URL was pasted. */
export function wecomKey(secret: string): string {
  if (!/^https?:/i.test(secret)) return secret;
  try {
    return new URL(secret).searchParams.get('key') ?? secret;
  } catch {
    return secret;
  }
}

/** The JSON body WeCom documents for this message. */
export function wecomPayload(config: WecomChannelConfig, message: ChannelMessage): Record<string, unknown> {
  const mobiles = recipients(config.mentionMobiles, message.mentions?.mobiles);
  const isAll = config.mentionAll || message.mentions?.all === true;
  const userIds = message.mentions?.userIds ?? [];
  // Only the text type carries mentioned_mobile_list; a phone-based @ pages a person, which matters more than formatting.
  const isMarkdown = config.format === 'markdown' && message.markdown !== undefined && mobiles.length === 0 && !isAll;
  if (isMarkdown) {
    const tags = userIds.map((id) => `<@${id}>`).join(' ');
    return { msgtype: 'markdown', markdown: { content: truncateBytes(tags ? `${message.markdown}\n${tags}` : message.markdown!, MARKDOWN_MAX_BYTES) } };
  }
  const text: Record<string, unknown> = { content: truncateBytes(message.text, TEXT_MAX_BYTES) };
  if (userIds.length > 0 || isAll) text.mentioned_list = [...userIds, ...(isAll ? ['@all'] : [])];
  if (mobiles.length > 0) text.mentioned_mobile_list = mobiles;
  return { msgtype: 'text', text };
}

/** WeCom group robot webhook. */
export const wecomChannel = defineChannelKind<WecomChannelConfig, WecomChannelSecrets>({
  kind: 'wecom',
  configSchema: WecomChannelConfig,
  secretsSchema: WecomChannelSecrets,
  rateLimit: { perMinute: 20 },
  async send(config, secrets, message, ctx) {
    const url = new URL(config.baseUrl);
    url.searchParams.set('key', wecomKey(secrets.key));
    const reply = await exchange({
      method: 'POST',
      url: url.toString(),
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(wecomPayload(config, message)),
    }, ctx);
    if (isOutcome(reply)) return reply;
    const errcode = field(reply.json, 'errcode');
    if (typeof errcode !== 'number') return reply.status >= 200 && reply.status < 300 ? failed(true, 'WeCom answered without errcode', reply.latencyMs, { status: reply.status }) : statusFailure(reply, 'WeCom');
    const extra = { status: reply.status, providerCode: String(errcode) };
    if (errcode === 0) return delivered(reply.latencyMs, 'delivered', extra);
    return failed(RETRYABLE_ERRCODES.has(errcode), `WeCom errcode ${errcode}: ${providerText(field(reply.json, 'errmsg'))}`, reply.latencyMs, extra);
  },
});
