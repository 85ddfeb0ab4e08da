import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WebhookChannelConfig, WebhookChannelSecrets } from '../../../../shared/schemas/alert-channels.ts';
import type { ChannelMessage } from './channel.ts';
import { startReceiver, testCtx } from './fixtures/receiver.ts';
import { webhookChannel, webhookSignature } from './webhook.ts';

const SECRET = 'webhook-secret-0123456789';
const NOW = new Date('2026-11-22T00:03:20.500Z');
const message: ChannelMessage = {
  title: '【P3 三级】PACS 存储 使用率 91%',
  text: 'PACS 存储 使用率 91%',
  markdown: '### PACS 存储 使用率 91%',
  severity: 'P3',
  url: 'https://yiwei.local/a/3',
  mentions: { mobiles: ['13800001111'] },
  vars: { asset: 'PACS 存储' },
};

describe('webhook signature', () => {
  it('matches a vector computed with openssl', () => {
    // printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac 'webhook-secret-0123456789'
    expect(webhookSignature(SECRET, 1_700_000_000, '{"a":1}')).toBe('b46be92da8d98b9148d7d2f909e797a591600b083e62e63ead756723292b1a50');
  });
});

describe('webhook channel', () => {
  let rx: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    rx = await startReceiver({ status: 204, text: '' });
  });
  afterAll(() => rx.close());
  beforeEach(() => {
    rx.seen.length = 0;
  });
  const config = WebhookChannelConfig.parse({ url: 'http://placeholder.invalid/hook', headers: { 'X-Tenant': 'hospital-1', 'Content-Type': 'text/plain' } });
  const secrets = WebhookChannelSecrets.parse({ signingSecret: SECRET, headers: { Authorization: 'Bearer abc123456' } });

  it('posts the alert JSON with a signature the receiver can verify', async () => {
    const outcome = await webhookChannel.send({ ...config, url: `${rx.url}/hook?src=yiwei` }, secrets, message, testCtx(NOW));
    expect(outcome).toMatchObject({ isOk: true, status: 204 });
    const req = rx.only();
    expect([req.method, req.path, req.rawQuery]).toEqual(['POST', '/hook', 'src=yiwei']);
    expect(req.headers).toMatchObject({ 'content-type': 'application/json; charset=utf-8', 'x-tenant': 'hospital-1', authorization: 'Bearer abc123456', 'x-yiwei-timestamp': '1795305800' });
    const expected = createHmac('sha256', SECRET).update(`1795305800.${req.body}`).digest('hex');
    expect(req.headers['x-yiwei-signature']).toBe(`sha256=${expected}`);
    expect(JSON.parse(req.body)).toEqual({
      version: 1,
      type: 'alert.notification',
      sentAt: '2026-11-22T00:03:20.500Z',
      severity: 'P3',
      title: message.title,
      text: message.text,
      markdown: message.markdown,
      url: message.url,
      mentions: { mobiles: ['13800001111'] },
      to: [],
      vars: { asset: 'PACS 存储' },
    });
  });

  it('retries 500 and 429 but not 401; does not follow redirects', async () => {
    rx.reply({ status: 500, text: '' }, { status: 429, text: '' }, { status: 401, text: '' }, { status: 302, text: '' });
    const send = () => webhookChannel.send({ ...config, url: `${rx.url}/hook` }, secrets, message, testCtx(NOW));
    expect(await send()).toMatchObject({ isOk: false, isRetryable: true, status: 500, message: 'Webhook receiver answered HTTP 500' });
    expect(await send()).toMatchObject({ isOk: false, isRetryable: true, status: 429 });
    expect(await send()).toMatchObject({ isOk: false, isRetryable: false, status: 401 });
    expect(await send()).toMatchObject({ isOk: false, isRetryable: false, status: 302 });
    expect(rx.seen).toHaveLength(4);
  });
});
