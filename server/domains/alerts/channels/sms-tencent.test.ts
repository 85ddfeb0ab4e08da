import { createHash, createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SmsTencentChannelConfig, SmsTencentChannelSecrets } from '../../../../shared/schemas/alert-channels.ts';
import type { ChannelMessage } from './channel.ts';
import { startReceiver, testCtx } from './fixtures/receiver.ts';
import { smsTencentChannel, tc3Sign, toE164 } from './sms-tencent.ts';

describe('TC3-HMAC-SHA256', () => {
  it('reproduces the example of Tencent Cloud\'s signature v3 document (cvm DescribeInstances)', () => {
    // The document signs with its masked example key literally, so the published values are reproducible.
    const signed = tc3Sign({
      secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******',
      secretKey: 'Gu5t9xGARNpq86cd98joQYCN3*******',
      service: 'cvm',
      host: 'cvm.tencentcloudapi.com',
      path: '/',
      payload: '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}',
      timestampS: 1_551_113_065,
    });
    expect(signed.canonicalRequest).toBe(
      'POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\ncontent-type;host\n35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064',
    );
    expect(signed.stringToSign).toBe('TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031');
    expect(signed.authorization).toBe(
      'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c',
    );
  });

  it('puts mainland numbers in E.164', () => {
    expect([toE164('13800001111'), toE164('+8613800001111'), toE164('85291234567')]).toEqual(['+8613800001111', '+8613800001111', '+85291234567']);
  });
});

describe('sms_tencent channel', () => {
  let rx: Awaited<ReturnType<typeof startReceiver>>;
  const ok = (numbers: string[], codes: string[] = []) => ({
    json: { Response: { SendStatusSet: numbers.map((n, i) => ({ SerialNo: `2028:${i}`, PhoneNumber: n, Fee: 1, SessionContext: '', Code: codes[i] ?? 'Ok', Message: 'send success', IsoCode: 'CN' })), RequestId: 'a0aabda6-cf91-4f3e-a81f-9198114a2279' } },
  });
  beforeAll(async () => {
    rx = await startReceiver(ok(['+8613800001111']));
  });
  afterAll(() => rx.close());
  beforeEach(() => {
    rx.seen.length = 0;
  });
  const config = (endpoint: string) => SmsTencentChannelConfig.parse({ endpoint, smsSdkAppId: '1400006666', signName: '医维告警', templateId: '449739', templateParams: ['{{asset}}', '{{state}}'], phones: ['13800001111'] });
  const secrets = SmsTencentChannelSecrets.parse({ secretId: 'AKIDtestSecretId000000000000000000', secretKey: 'testSecretKey00000000000000000000' });
  const message: ChannelMessage = { title: 'HIS 宕机', text: 'HIS 宕机', severity: 'P1', vars: { asset: 'HIS', state: '中断' } };
  const NOW = new Date('2026-11-22T00:03:20.000Z');

  it('posts the documented body with X-TC-* headers and an Authorization that verifies', async () => {
    const outcome = await smsTencentChannel.send(config(`${rx.url}/`), secrets, message, testCtx(NOW));
    expect(outcome).toMatchObject({ isOk: true, providerCode: 'Ok' });
    const req = rx.only();
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/');
    expect(JSON.parse(req.body)).toEqual({ PhoneNumberSet: ['+8613800001111'], SmsSdkAppId: '1400006666', SignName: '医维告警', TemplateId: '449739', TemplateParamSet: ['HIS', '中断'] });
    expect(req.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      'x-tc-action': 'SendSms',
      'x-tc-version': '2021-01-11',
      'x-tc-region': 'ap-guangzhou',
      'x-tc-timestamp': '1795305800',
      host: rx.host,
    });
    // Recomputed here from what arrived: canonical request → string to sign → date/service/tc3_request key chain.
    const sha = (s: string) => createHash('sha256').update(s).digest('hex');
    const canonical = `POST\n/\n\ncontent-type:${req.headers['content-type']}\nhost:${req.headers.host}\n\ncontent-type;host\n${sha(req.body)}`;
    const toSign = `TC3-HMAC-SHA256\n1795305800\n2026-11-22/sms/tc3_request\n${sha(canonical)}`;
    const k = (key: string | Buffer, s: string) => createHmac('sha256', key).update(s).digest();
    const signature = createHmac('sha256', k(k(k('TC3testSecretKey00000000000000000000', '2026-11-22'), 'sms'), 'tc3_request')).update(toSign).digest('hex');
    expect(req.headers.authorization).toBe(`TC3-HMAC-SHA256 Credential=AKIDtestSecretId000000000000000000/2026-11-22/sms/tc3_request, SignedHeaders=content-type;host, Signature=${signature}`);
  });

  it('classifies Response.Error codes and hides the signature', async () => {
    rx.reply(
      { json: { Response: { Error: { Code: 'RequestLimitExceeded', Message: 'too many requests' }, RequestId: 'r1' } } },
      (req) => ({ json: { Response: { Error: { Code: 'AuthFailure.SignatureFailure', Message: `bad ${/Signature=(\w+)/.exec(req.headers.authorization ?? '')?.[1]}` }, RequestId: 'r2' } } }),
    );
    expect(await smsTencentChannel.send(config(rx.url), secrets, message, testCtx(NOW))).toMatchObject({ isOk: false, isRetryable: true, providerCode: 'RequestLimitExceeded' });
    const bad = await smsTencentChannel.send(config(rx.url), secrets, message, testCtx(NOW));
    expect(bad).toMatchObject({ isOk: false, isRetryable: false, providerCode: 'AuthFailure.SignatureFailure', message: 'Tencent SMS AuthFailure.SignatureFailure: bad ***' });
  });

  it('reports a partial send as not retryable, with masked numbers and the rejected ones for the caller', async () => {
    rx.reply(ok(['+8613800001111', '+8613900002222'], ['Ok', 'LimitExceeded.PhoneNumberDailyLimit']));
    const outcome = await smsTencentChannel.send(config(rx.url), secrets, { ...message, to: ['13900002222'] }, testCtx(NOW));
    expect(outcome).toMatchObject({
      isOk: false,
      isRetryable: false,
      providerCode: 'LimitExceeded.PhoneNumberDailyLimit',
      failedRecipients: ['+8613900002222'],
      message: 'Tencent SMS rejected 1 of 2 numbers: +86****2222 LimitExceeded.PhoneNumberDailyLimit',
    });
  });
});
