import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DingtalkChannelConfig, DingtalkChannelSecrets } from '../../../../shared/schemas/alert-channels.ts';
import type { ChannelMessage } from './channel.ts';
import { dingtalkChannel, dingtalkSign } from './dingtalk.ts';
import { startReceiver, testCtx } from './fixtures/receiver.ts';

const TOKEN = 'a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6abcd';
const SECRET = 'SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd';
const NOW = new Date('2026-11-22T00:03:20.123Z');
const message: ChannelMessage = {
  title: '【P1 一级】HIS 接口中断',
  text: '【P1 一级】HIS 接口中断\n开始：2026-11-22 08:03',
  markdown: '### **P1 一级** HIS 接口中断\n> 开始：2026-11-22 08:03',
  severity: 'P1',
};

describe('dingtalk signature (加签)', () => {
  it('matches a vector computed with openssl for a fixed timestamp and secret', () => {
    // printf '1700000000000\nSEC…' | openssl dgst -sha256 -hmac 'SEC…' -binary | base64
    expect(dingtalkSign(SECRET, 1_700_000_000_000)).toBe('8SZas7RY4E7wuOlgLfjLwHSKZpyUEdXdLvFYSDZiiFw=');
  });
});

describe('dingtalk channel', () => {
  let rx: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    rx = await startReceiver();
  });
  afterAll(() => rx.close());
  beforeEach(() => {
    rx.seen.length = 0;
  });
  const config = (extra: Partial<DingtalkChannelConfig> = {}) => DingtalkChannelConfig.parse({ baseUrl: `${rx.url}/robot/send`, ...extra });
  const secrets = DingtalkChannelSecrets.parse({ accessToken: TOKEN, signSecret: SECRET });

  it('signs with the millisecond timestamp and a URL-encoded sign, and posts markdown with at.atMobiles', async () => {
    const outcome = await dingtalkChannel.send(config({ mentionMobiles: ['13800001111'] }), secrets, { ...message, mentions: { userIds: ['manager01'] } }, testCtx(NOW));
    expect(outcome).toMatchObject({ isOk: true, providerCode: '0' });
    const req = rx.only();
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/robot/send');
    const timestamp = String(NOW.getTime());
    // Recomputed here independently: HMAC-SHA256(secret, timestamp + "\n" + secret) → Base64 → encodeURIComponent.
    const expectedSign = encodeURIComponent(createHmac('sha256', SECRET).update(`${timestamp}\n${SECRET}`).digest('base64'));
    expect(req.rawQuery).toBe(`access_token=${TOKEN}&timestamp=${timestamp}&sign=${expectedSign}`);
    expect(JSON.parse(req.body)).toEqual({
      msgtype: 'markdown',
      markdown: { title: message.title, text: `${message.markdown}\n\n@13800001111 @manager01` },
      at: { atMobiles: ['13800001111'], atUserIds: ['manager01'], isAtAll: false },
    });
  });

  it('sends text with isAtAll, adds the 自定义关键词 when missing, and works without 加签', async () => {
    const unsigned = DingtalkChannelSecrets.parse({ accessToken: `https://oapi.dingtalk.com/robot/send?access_token=${TOKEN}` });
    await dingtalkChannel.send(config({ format: 'text', keyword: '告警' }), unsigned, { ...message, text: 'HIS 接口中断', mentions: { all: true } }, testCtx(NOW));
    const req = rx.only();
    expect(req.rawQuery).toBe(`access_token=${TOKEN}`);
    expect(JSON.parse(req.body)).toEqual({ msgtype: 'text', text: { content: '告警 HIS 接口中断' }, at: { atMobiles: [], atUserIds: [], isAtAll: true } });
  });

  it('treats 130101 (send too fast) as retryable and 310000 (sign or keyword mismatch) as permanent', async () => {
    rx.reply({ json: { errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' } }, { json: { errcode: 310000, errmsg: 'sign not match' } });
    expect(await dingtalkChannel.send(config(), secrets, message, testCtx(NOW))).toMatchObject({ isOk: false, isRetryable: true, providerCode: '130101' });
    const bad = await dingtalkChannel.send(config(), secrets, message, testCtx(NOW));
    expect(bad).toMatchObject({ isOk: false, isRetryable: false, providerCode: '310000', message: 'DingTalk errcode 310000: sign not match' });
  });

  it('never shows the token or the sign in an outcome message', async () => {
    rx.reply((req) => ({ json: { errcode: 300001, errmsg: `token ${req.query.get('access_token')} sign ${req.query.get('sign')} invalid` } }));
    const outcome = await dingtalkChannel.send(config(), secrets, message, testCtx(NOW));
    expect(outcome.isRetryable).toBe(false);
    const sign = dingtalkSign(SECRET, NOW.getTime());
    expect(outcome.message).toBe('DingTalk errcode 300001: token *** sign *** invalid');
    expect(outcome.message).not.toContain(sign);
  });
});
