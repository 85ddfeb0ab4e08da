import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WecomChannelConfig, WecomChannelSecrets } from '../../../../shared/schemas/alert-channels.ts';
import type { ChannelMessage } from './channel.ts';
import { closedPort, startReceiver, testCtx } from './fixtures/receiver.ts';
import { wecomChannel } from './wecom.ts';

const KEY = '693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa';
const message: ChannelMessage = {
  title: '【P1 一级】HIS 数据库 宕机',
  text: '【P1 一级】HIS 数据库 宕机\n查看并确认：https://yiwei.local/a/1',
  markdown: '### <font color="warning">P1 一级</font> HIS 数据库 宕机\n> 机构：第一人民医院',
  severity: 'P1',
  url: 'https://yiwei.local/a/1',
};

describe('wecom channel', () => {
  let rx: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    rx = await startReceiver();
  });
  afterAll(() => rx.close());
  beforeEach(() => {
    rx.seen.length = 0;
  });
  const config = (extra: Partial<WecomChannelConfig> = {}) => WecomChannelConfig.parse({ baseUrl: `${rx.url}/cgi-bin/webhook/send`, ...extra });
  const secrets = WecomChannelSecrets.parse({ key: KEY });

  it('posts the documented markdown body with the key in the query', async () => {
    const outcome = await wecomChannel.send(config(), secrets, message, testCtx());
    expect(outcome).toMatchObject({ isOk: true, isRetryable: false, status: 200, providerCode: '0' });
    const req = rx.only();
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/cgi-bin/webhook/send');
    expect(req.rawQuery).toBe(`key=${KEY}`);
    expect(req.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(req.body)).toEqual({ msgtype: 'markdown', markdown: { content: message.markdown } });
  });

  it('@s user ids inside markdown with <@userid>', async () => {
    await wecomChannel.send(config(), secrets, { ...message, mentions: { userIds: ['zhangsan'] } }, testCtx());
    expect(JSON.parse(rx.only().body)).toEqual({ msgtype: 'markdown', markdown: { content: `${message.markdown}\n<@zhangsan>` } });
  });

  it('switches to text when mobiles or everyone must be @-ed, since only text carries mentioned_mobile_list', async () => {
    await wecomChannel.send(config({ mentionMobiles: ['13800001111'] }), secrets, { ...message, mentions: { mobiles: ['13900002222'], userIds: ['lisi'], all: true } }, testCtx());
    expect(JSON.parse(rx.only().body)).toEqual({
      msgtype: 'text',
      text: { content: message.text, mentioned_list: ['lisi', '@all'], mentioned_mobile_list: ['13800001111', '13900002222'] },
    });
  });

  it('takes the key out of a pasted webhook URL and cuts text to 2048 bytes', async () => {
    const long = '告'.repeat(1_000); // 3,000 bytes
    await wecomChannel.send(config({ format: 'text' }), { key: `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${KEY}` }, { ...message, text: long }, testCtx());
    const req = rx.only();
    expect(req.query.get('key')).toBe(KEY);
    const content = (JSON.parse(req.body) as { text: { content: string } }).text.content;
    expect(Buffer.byteLength(content)).toBeLessThanOrEqual(2_048);
    expect(content.endsWith('…')).toBe(true);
  });

  it('treats errcode 45009 (frequency limit) as retryable and 93000 (bad key) as permanent', async () => {
    rx.reply({ json: { errcode: 45009, errmsg: 'api freq out of limit' } }, { json: { errcode: 93000, errmsg: `invalid webhook url, key=${KEY}` } });
    const limited = await wecomChannel.send(config(), secrets, message, testCtx());
    expect(limited).toMatchObject({ isOk: false, isRetryable: true, providerCode: '45009', message: 'WeCom errcode 45009: api freq out of limit' });
    const badKey = await wecomChannel.send(config(), secrets, message, testCtx());
    expect(badKey).toMatchObject({ isOk: false, isRetryable: false, providerCode: '93000' });
    expect(badKey.message).not.toContain(KEY);
  });

  it('retries 5xx and 429, not 404', async () => {
    rx.reply({ status: 502, text: 'bad gateway' }, { status: 429, text: '' }, { status: 404, text: 'not found' });
    expect(await wecomChannel.send(config(), secrets, message, testCtx())).toMatchObject({ isOk: false, isRetryable: true, status: 502 });
    expect(await wecomChannel.send(config(), secrets, message, testCtx())).toMatchObject({ isOk: false, isRetryable: true, status: 429 });
    expect(await wecomChannel.send(config(), secrets, message, testCtx())).toMatchObject({ isOk: false, isRetryable: false, status: 404 });
  });

  it('reports a refused connection as retryable without the URL or key', async () => {
    const port = await closedPort();
    const outcome = await wecomChannel.send(config({ baseUrl: `http://127.0.0.1:${port}/send` }), secrets, message, testCtx());
    expect(outcome).toMatchObject({ isOk: false, isRetryable: true, message: 'network error: ECONNREFUSED', providerCode: 'ECONNREFUSED' });
  });

  it('gives up when the signal fires and says it timed out', async () => {
    rx.reply({ hang: true });
    const outcome = await wecomChannel.send(config(), secrets, message, testCtx(undefined, 150));
    expect(outcome).toMatchObject({ isOk: false, isRetryable: true, message: 'timed out' });
    expect(outcome.latencyMs).toBeGreaterThanOrEqual(100);
  });
});
