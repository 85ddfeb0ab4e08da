import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SmsAliyunChannelConfig, SmsAliyunChannelSecrets } from '../../../../shared/schemas/alert-channels.ts';
import type { ChannelMessage } from './channel.ts';
import { startReceiver, testCtx } from './fixtures/receiver.ts';
import { aliyunPercentEncode, aliyunSignature, aliyunStringToSign, smsAliyunChannel } from './sms-aliyun.ts';

// The example of Aliyun's SMS signature document (help.aliyun.com/document_detail/101343.html): testId / testSecret.
const DOC_PARAMS = {
  AccessKeyId: 'testId',
  Action: 'SendSms',
  Format: 'XML',
  OutId: '123',
  PhoneNumbers: '15300000001',
  RegionId: 'cn-hangzhou',
  SignName: '阿里云短信测试专用',
  SignatureMethod: 'HMAC-SHA1',
  SignatureNonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466',
  SignatureVersion: '1.0',
  TemplateCode: 'SMS_71390007',
  TemplateParam: '{"customer":"test"}',
  Timestamp: '2017-07-12T02:42:19Z',
  Version: '2017-05-25',
};

describe('aliyun RPC signature', () => {
  it('reproduces the documented example signature', () => {
    expect(aliyunStringToSign('GET', DOC_PARAMS).startsWith('GET&%2F&AccessKeyId%3DtestId%26Action%3DSendSms%26Format%3DXML%26OutId%3D123')).toBe(true);
    expect(aliyunSignature('testSecret', 'GET', DOC_PARAMS)).toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=');
  });

  it('percent-encodes as Aliyun specifies: space %20, * %2A, ~ kept', () => {
    expect(aliyunPercentEncode("a b*c~d'!")).toBe('a%20b%2Ac~d%27%21');
  });
});

describe('sms_aliyun channel', () => {
  let rx: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    rx = await startReceiver({ json: { Code: 'OK', Message: 'OK', BizId: '900619746936498440^0', RequestId: 'F655A8D5-B967-440B-8683-DAD6FF8DE990' } });
  });
  afterAll(() => rx.close());
  beforeEach(() => {
    rx.seen.length = 0;
  });
  const config = SmsAliyunChannelConfig.parse({
    endpoint: 'http://placeholder.invalid/', // replaced per test by the receiver's URL
    signName: '医维告警',
    templateCode: 'SMS_71390007',
    templateParams: { sys: '{{asset}}', st: '{{state}}' },
    phones: ['13800001111'],
  });
  const secrets = SmsAliyunChannelSecrets.parse({ accessKeyId: 'LTAI5tTestKeyId', accessKeySecret: 'TestSecretValue0123456789' });
  const message: ChannelMessage = { title: 'HIS 宕机', text: 'HIS 宕机', severity: 'P1', to: ['13900002222'], vars: { asset: 'HIS 数据库', state: '中断' } };

  it('sends a GET with every documented parameter and a signature that verifies', async () => {
    const outcome = await smsAliyunChannel.send({ ...config, endpoint: `${rx.url}/` }, secrets, message, testCtx(new Date('2026-11-22T00:03:20.456Z')));
    expect(outcome).toMatchObject({ isOk: true, providerCode: 'OK', message: 'accepted for 2 number(s)' });
    const req = rx.only();
    expect(req.method).toBe('GET');
    expect(req.path).toBe('/');
    const params = Object.fromEntries(req.query);
    const { Signature, ...signed } = params;
    expect(signed).toEqual({
      AccessKeyId: 'LTAI5tTestKeyId',
      Action: 'SendSms',
      Format: 'JSON',
      PhoneNumbers: '13800001111,13900002222',
      RegionId: 'cn-hangzhou',
      SignName: '医维告警',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: expect.stringMatching(/^[0-9a-f-]{36}$/),
      SignatureVersion: '1.0',
      TemplateCode: 'SMS_71390007',
      TemplateParam: '{"sys":"HIS 数据库","st":"中断"}',
      Timestamp: '2026-11-22T00:03:20Z',
      Version: '2017-05-25',
    });
    // Recomputed here from the received query, following the document step by step.
    const enc = (s: string) => encodeURIComponent(s).replace(/\*/g, '%2A').replace(/'/g, '%27').replace(/!/g, '%21').replace(/\(/g, '%28').replace(/\)/g, '%29');
    const canonical = Object.keys(signed).sort().map((k) => `${enc(k)}=${enc(signed[k]!)}`).join('&');
    const expected = createHmac('sha1', 'TestSecretValue0123456789&').update(`GET&%2F&${enc(canonical)}`).digest('base64');
    expect(Signature).toBe(expected);
    // Spaces travel as %20, never "+", or Aliyun computes a different signature.
    expect(req.rawQuery).toContain('TemplateParam=%7B%22sys%22%3A%22HIS%20%E6%95%B0');
  });

  it('retries flow control, not a bad key, and keeps the secret and signature out of the message', async () => {
    rx.reply(
      { status: 200, json: { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发小时级流控Permits:5' } },
      (req) => ({ status: 400, json: { Code: 'SignatureDoesNotMatch', Message: `Specified signature ${req.query.get('Signature')} is not matched; secret TestSecretValue0123456789` } }),
      { status: 503, text: 'unavailable' },
    );
    const ctx = testCtx();
    expect(await smsAliyunChannel.send({ ...config, endpoint: rx.url }, secrets, message, ctx)).toMatchObject({ isOk: false, isRetryable: true, providerCode: 'isv.BUSINESS_LIMIT_CONTROL' });
    const bad = await smsAliyunChannel.send({ ...config, endpoint: rx.url }, secrets, message, ctx);
    expect(bad).toMatchObject({ isOk: false, isRetryable: false, status: 400, providerCode: 'SignatureDoesNotMatch' });
    expect(bad.message).toBe('Aliyun SMS SignatureDoesNotMatch: Specified signature *** is not matched; secret ***');
    expect(await smsAliyunChannel.send({ ...config, endpoint: rx.url }, secrets, message, ctx)).toMatchObject({ isOk: false, isRetryable: true, status: 503 });
  });

  it('refuses to send without any phone number', async () => {
    const outcome = await smsAliyunChannel.send({ ...config, endpoint: rx.url, phones: [] }, secrets, { ...message, to: [] }, testCtx());
    expect(outcome).toMatchObject({ isOk: false, isRetryable: false, providerCode: 'no_recipients' });
    expect(rx.seen).toHaveLength(0);
  });
});
