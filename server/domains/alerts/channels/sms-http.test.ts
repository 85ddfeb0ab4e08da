import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SmsHttpChannelConfig, SmsHttpChannelSecrets } from '../../../../shared/schemas/alert-channels.ts';
import type { ChannelMessage } from './channel.ts';
import { startReceiver, testCtx } from './fixtures/receiver.ts';
import { fillGatewayTemplate, smsHttpChannel, statusMatches, valueAtPath } from './sms-http.ts';

const message: ChannelMessage = { title: 'HIS 宕机', text: '【一级】HIS "主库" 中断 & 切换中', severity: 'P1', url: 'https://yiwei.local/a/1', to: ['13900002222'] };

describe('gateway template helpers', () => {
  it('escapes per target and leaves unknown variables visible', () => {
    expect(fillGatewayTemplate('{"c":"{{text}}","x":"{{nope}}"}', { text: 'a"b\n' }, (v) => JSON.stringify(v).slice(1, -1))).toBe('{"c":"a\\"b\\n","x":"{{nope}}"}');
  });

  it('matches status lists and reads JSON paths', () => {
    expect([statusMatches('200-299,302', 204), statusMatches('200-299,302', 302), statusMatches('200', 201)]).toEqual([true, true, false]);
    expect(valueAtPath({ result: { items: [{ code: 0 }] } }, '$.result.items[0].code')).toBe(0);
    expect(valueAtPath({ a: 1 }, 'a.b')).toBeUndefined();
  });
});

describe('sms_http channel', () => {
  let rx: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    rx = await startReceiver({ json: { result: { code: '0', desc: 'ok' } } });
  });
  afterAll(() => rx.close());
  beforeEach(() => {
    rx.seen.length = 0;
  });
  const config = (extra: Record<string, unknown> = {}) => SmsHttpChannelConfig.parse({ url: `${rx.url}/sms/send`, phones: ['13800001111'], ...extra });
  const secrets = SmsHttpChannelSecrets.parse({ headers: { Authorization: 'Bearer gw-token-123456' }, variables: { password: 'p@ss&word"1' } });

  it('posts one JSON request per number, escaping the text inside the JSON string', async () => {
    const cfg = config({ bodyTemplate: '{"user":"his","pwd":"{{secret.password}}","mobile":"{{phone}}","content":"{{text}}"}', successJsonPath: '$.result.code', successValue: '0' });
    const outcome = await smsHttpChannel.send(cfg, secrets, message, testCtx());
    expect(outcome).toMatchObject({ isOk: true, message: 'delivered to 2 number(s)' });
    expect(rx.seen.map((r) => [r.method, r.path, r.headers['content-type'], r.headers.authorization])).toEqual([
      ['POST', '/sms/send', 'application/json; charset=utf-8', 'Bearer gw-token-123456'],
      ['POST', '/sms/send', 'application/json; charset=utf-8', 'Bearer gw-token-123456'],
    ]);
    expect(rx.seen.map((r) => JSON.parse(r.body))).toEqual([
      { user: 'his', pwd: 'p@ss&word"1', mobile: '13800001111', content: message.text },
      { user: 'his', pwd: 'p@ss&word"1', mobile: '13900002222', content: message.text },
    ]);
  });

  it('form-encodes a body and the URL query, and can send one request for all numbers', async () => {
    const cfg = config({ url: `${rx.url}/isag?to={{phones}}&sev={{severity}}`, encoding: 'form', bodyTemplate: 'msg={{text}}&link={{url}}', isPerRecipient: false });
    await smsHttpChannel.send(cfg, secrets, message, testCtx());
    const req = rx.only();
    expect(req.rawQuery).toBe('to=13800001111%2C13900002222&sev=P1');
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded; charset=utf-8');
    expect(Object.fromEntries(new URLSearchParams(req.body))).toEqual({ msg: message.text, link: message.url });
  });

  it('GETs without a body and cuts the text to maxLength', async () => {
    await smsHttpChannel.send(config({ method: 'GET', url: `${rx.url}/send?m={{phone}}&c={{text}}`, maxLength: 10, phones: [] }), secrets, message, testCtx());
    const req = rx.only();
    expect(req.method).toBe('GET');
    expect(req.body).toBe('');
    expect(req.query.get('c')).toBe('【一级】HIS "…');
  });

  it('fails on the success criterion without retrying, since the gateway may have queued the text', async () => {
    rx.reply({ json: { result: { code: '1001', desc: 'balance' } } });
    const outcome = await smsHttpChannel.send(config({ successJsonPath: 'result.code', phones: [] }), secrets, message, testCtx());
    expect(outcome).toMatchObject({ isOk: false, isRetryable: false, providerCode: '1001', message: 'gateway result.code = 1001 (expected 0)' });
  });

  it('retries 5xx; a partial failure lists the failed numbers, masked in the message', async () => {
    rx.reply({ status: 503, text: 'busy' });
    expect(await smsHttpChannel.send(config({ phones: [] }), secrets, message, testCtx())).toMatchObject({ isOk: false, isRetryable: true, status: 503 });
    rx.reply({ json: {} }, { status: 500, text: 'oops' });
    const partial = await smsHttpChannel.send(config(), secrets, message, testCtx());
    expect(partial).toMatchObject({ isOk: false, isRetryable: false, failedRecipients: ['13900002222'] });
    expect(partial.message).toBe('1 of 2 numbers failed: 139****2222 gateway answered HTTP 500 (expected 200-299)');
  });

  it('rejects a JSON template that breaks once filled, before sending anything', async () => {
    const outcome = await smsHttpChannel.send(config({ bodyTemplate: '{"c": {{text}} }' }), secrets, message, testCtx());
    expect(outcome).toMatchObject({ isOk: false, isRetryable: false, providerCode: 'template' });
    expect(rx.seen).toHaveLength(0);
  });
});
