import { createHmac } from 'node:crypto';
import { FeishuChannelConfig, FeishuChannelSecrets } from '../../../../shared/schemas/alert-channels.ts';
import { defineChannelKind, delivered, failed, truncateBytes, type ChannelMessage } from './channel.ts';
import { exchange, field, isOutcome, providerText, statusFailure } from './http.ts';

// Feishu / Lark custom bot (open.feishu.cn/document/client-docs/bot-v3/add-custom-bot). 100 requests per minute and
// 5 per second per bot; the body must stay under 20 KB.
const BODY_TEXT_MAX_BYTES = 16_000;

/** 11232: "frequency limited" (the doc warns about on-the-hour bursts); 9499 and the 1902x codes are permanent. */
const RETRYABLE_CODES = new Set([11232, 11233]);

/** The signature: Base64(HMAC-SHA256(key = timestamp + "\n" + secret, message = "")); it goes in the body, not encoded. */
export function feishuSign(secret: string, timestampS: number): string {
  return createHmac('sha256', `${timestampS}\n${secret}`).update('').digest('base64');
}

/** The hook token alone, also when the whole webhook URL was pasted. */
export function feishuToken(secret: string): string {
  return /^https?:/i.test(secret) ? (secret.replace(/[?#].*$/, '').split('/').filter(Boolean).pop() ?? secret) : secret;
}

/** Card header colours by severity; recovered alerts are rendered by the template, not by colour. */
const CARD_TEMPLATE = { P1: 'red', P2: 'orange', P3: 'yellow', P4: 'blue' } as const;

/** The JSON body Feishu documents for this message (without timestamp and sign). */
export function feishuPayload(config: FeishuChannelConfig, message: ChannelMessage): Record<string, unknown> {
  const userIds = [...new Set([...config.mentionUserIds, ...(message.mentions?.userIds ?? [])])];
  const isAll = config.mentionAll || message.mentions?.all === true;
  const atIds = [...(isAll ? ['all'] : []), ...userIds];
  if (config.format === 'interactive') {
    const body = truncateBytes(message.markdown ?? message.text, BODY_TEXT_MAX_BYTES);
    const ats = atIds.map((id) => `<at id=${id}></at>`).join(' ');
    const elements: unknown[] = [{ tag: 'div', text: { tag: 'lark_md', content: ats ? `${body}\n${ats}` : body } }];
    if (message.url) {
      elements.push({ tag: 'action', actions: [{ tag: 'button', text: { tag: 'plain_text', content: '查看 / 确认' }, type: 'primary', url: message.url }] });
    }
    return {
      msg_type: 'interactive',
      card: { config: { wide_screen_mode: true }, header: { title: { tag: 'plain_text', content: message.title }, template: CARD_TEMPLATE[message.severity] }, elements },
    };
  }
  if (config.format === 'post') {
    const line: unknown[] = [{ tag: 'text', text: truncateBytes(message.text, BODY_TEXT_MAX_BYTES) }];
    if (message.url) line.push({ tag: 'a', text: ' 查看 / 确认', href: message.url });
    for (const id of atIds) line.push({ tag: 'at', user_id: id });
    return { msg_type: 'post', content: { post: { zh_cn: { title: message.title, content: [line] } } } };
  }
  const ats = atIds.map((id) => `<at user_id="${id}">${id === 'all' ? '所有人' : ''}</at>`).join(' ');
  const text = truncateBytes(message.text, BODY_TEXT_MAX_BYTES);
  return { msg_type: 'text', content: { text: ats ? `${text}\n${ats}` : text } };
}

/** Feishu / Lark custom bot, signed when a secret is configured. */
export const feishuChannel = defineChannelKind<FeishuChannelConfig, FeishuChannelSecrets>({
  kind: 'feishu',
  configSchema: FeishuChannelConfig,
  secretsSchema: FeishuChannelSecrets,
  rateLimit: { perMinute: 100, perSecond: 5 },
  async send(config, secrets, message, ctx) {
    const payload = feishuPayload(config, message);
    const hide: string[] = [];
    if (secrets.signSecret) {
      // Seconds, as a string; Feishu rejects timestamps more than an hour away from its clock.
      const timestampS = Math.floor(ctx.now().getTime() / 1000);
      const sign = feishuSign(secrets.signSecret, timestampS);
      Object.assign(payload, { timestamp: String(timestampS), sign });
      hide.push(sign);
    }
    const base = config.baseUrl.endsWith('/') ? config.baseUrl : `${config.baseUrl}/`;
    const reply = await exchange({
      method: 'POST',
      url: `${base}${encodeURIComponent(feishuToken(secrets.hookToken))}`,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(payload),
    }, ctx);
    if (isOutcome(reply)) return reply;
    // Older bots answer {"StatusCode":0,"StatusMessage":"success"} next to or instead of {"code":0,"msg":"success"}.
    const code = field(reply.json, 'code') ?? field(reply.json, 'StatusCode');
    if (typeof code !== 'number') return reply.status >= 200 && reply.status < 300 ? failed(true, 'Feishu answered without code', reply.latencyMs, { status: reply.status }) : statusFailure(reply, 'Feishu');
    const extra = { status: reply.status, providerCode: String(code) };
    if (code === 0) return delivered(reply.latencyMs, 'delivered', extra);
    const isRetryable = RETRYABLE_CODES.has(code) || reply.status === 429 || reply.status >= 500;
    const reason = providerText(field(reply.json, 'msg') ?? field(reply.json, 'StatusMessage'), hide);
    return failed(isRetryable, `Feishu code ${code}: ${reason}`, reply.latencyMs, extra);
  },
});
