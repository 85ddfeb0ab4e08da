import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FeishuChannelConfig, FeishuChannelSecrets } from '../../../../shared/schemas/alert-channels.ts';
import type { ChannelMessage } from './channel.ts';
import { feishuChannel, feishuSign } from './feishu.ts';
import { startReceiver, testCtx } from './fixtures/receiver.ts';

const TOKEN = '2f5a2f7c-1b3e-4d5f-9a8b-7c6d5e4f3a2b';
const SECRET = 'feishu-secret-abc';
const NOW = new Date('2026-11-22T00:03:20.999Z');
const NOW_S = 1_795_305_800; // NOW in whole seconds
const message: ChannelMessage = {
  title: '【P2 二级】LIS 接口延迟',
  text: '【P2 二级】LIS 接口延迟\n开始：2026-11-22 08:03',
  markdown: "### <font color='red'>P2 二级</font> LIS 接口延迟\n> 开始：2026-11-22 08:03",
  severity: 'P2',
  url: 'https://yiwei.local/a/2',
};

describe('feishu signature', () => {
  it('matches a vector computed with openssl: key = timestamp + "\\n" + secret, empty message', () => {
    // printf '' | openssl dgst -sha256 -hmac "$(printf '1700000000\nfeishu-secret-abc')" -binary | base64
    expect(feishuSign(SECRET, 1_700_000_000)).toBe('BNrkOVH4bA8eR8idZQa7kA3h/NvtShFdUuNud4zr1mw=');
  });
});

describe('feishu channel', () => {
  let rx: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    rx = await startReceiver({ json: { code: 0, msg: 'success', data: {} } });
  });
  afterAll(() => rx.close());
  beforeEach(() => {
    rx.seen.length = 0;
  });
  const config = (extra: Partial<FeishuChannelConfig> = {}) => FeishuChannelConfig.parse({ baseUrl: `${rx.url}/open-apis/bot/v2/hook/`, ...extra });
  const secrets = FeishuChannelSecrets.parse({ hookToken: TOKEN, signSecret: SECRET });

  it('posts an interactive card with timestamp (seconds) and an unencoded sign in the body', async () => {
    expect(Math.floor(NOW.getTime() / 1000)).toBe(NOW_S);
    const outcome = await feishuChannel.send(config({ mentionUserIds: ['ou_abc'] }), secrets, message, testCtx(NOW));
    expect(outcome).toMatchObject({ isOk: true, providerCode: '0' });
    const req = rx.only();
    expect(req.method).toBe('POST');
    expect(req.path).toBe(`/open-apis/bot/v2/hook/${TOKEN}`);
    expect(req.rawQuery).toBe('');
    const body = JSON.parse(req.body) as Record<string, unknown>;
    const expectedSign = createHmac('sha256', `${NOW_S}\n${SECRET}`).update('').digest('base64');
    expect(body).toEqual({
      timestamp: String(NOW_S),
      sign: expectedSign,
      msg_type: 'interactive',
      card: {
        config: { wide_screen_mode: true },
        header: { title: { tag: 'plain_text', content: message.title }, template: 'orange' },
        elements: [
          { tag: 'div', text: { tag: 'lark_md', content: `${message.markdown}\n<at id=ou_abc></at>` } },
          { tag: 'action', actions: [{ tag: 'button', text: { tag: 'plain_text', content: '查看 / 确认' }, type: 'primary', url: message.url }] },
        ],
      },
    });
  });

  it('sends text with <at user_id="all"> and accepts a pasted webhook URL as the token', async () => {
    const unsigned = FeishuChannelSecrets.parse({ hookToken: `https://open.feishu.cn/open-apis/bot/v2/hook/${TOKEN}` });
    await feishuChannel.send(config({ format: 'text', mentionAll: true }), unsigned, message, testCtx(NOW));
    const req = rx.only();
    expect(req.path).toBe(`/open-apis/bot/v2/hook/${TOKEN}`);
    expect(JSON.parse(req.body)).toEqual({ msg_type: 'text', content: { text: `${message.text}\n<at user_id="all">所有人</at>` } });
  });

  it('sends the documented post (rich text) shape', async () => {
    await feishuChannel.send(config({ format: 'post' }), { hookToken: TOKEN }, { ...message, mentions: { all: true } }, testCtx(NOW));
    expect(JSON.parse(rx.only().body)).toEqual({
      msg_type: 'post',
      content: { post: { zh_cn: { title: message.title, content: [[{ tag: 'text', text: message.text }, { tag: 'a', text: ' 查看 / 确认', href: message.url }, { tag: 'at', user_id: 'all' }]] } } },
    });
  });

  it('classifies codes: 19021 sign mismatch is permanent, 11232 frequency limit retryable, legacy StatusCode understood', async () => {
    rx.reply(
      { json: { code: 19021, msg: 'sign match fail or timestamp is not within one hour from current time' } },
      { json: { code: 11232, msg: 'frequency limited' } },
      { json: { StatusCode: 0, StatusMessage: 'success' } },
      { status: 400, json: { code: 9499, msg: 'Bad Request' } },
    );
    expect(await feishuChannel.send(config(), secrets, message, testCtx(NOW))).toMatchObject({ isOk: false, isRetryable: false, providerCode: '19021' });
    expect(await feishuChannel.send(config(), secrets, message, testCtx(NOW))).toMatchObject({ isOk: false, isRetryable: true, providerCode: '11232' });
    expect(await feishuChannel.send(config(), secrets, message, testCtx(NOW))).toMatchObject({ isOk: true });
    expect(await feishuChannel.send(config(), secrets, message, testCtx(NOW))).toMatchObject({ isOk: false, isRetryable: false, status: 400, message: 'Feishu code 9499: Bad Request' });
  });
});
