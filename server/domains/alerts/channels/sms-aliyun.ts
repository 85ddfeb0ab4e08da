import { createHmac, randomUUID } from 'node:crypto';
import { SmsAliyunChannelConfig, SmsAliyunChannelSecrets } from '../../../../shared/schemas/alert-channels.ts';
import { defineChannelKind, delivered, failed, recipients, truncateChars } from './channel.ts';
import { exchange, field, isOutcome, providerText, statusFailure } from './http.ts';
import { fillMessageTemplate } from './templates.ts';

// Aliyun dysmsapi SendSms, API version 2017-05-25, RPC style with signature version 1.0 (HMAC-SHA1), as in
// help.aliyun.com/document_detail/101343.html. Done by hand rather than with @alicloud/dysmsapi20170525 because the
// algorithm is 20 lines and the SDK pulls in dozens of packages.

/** Aliyun's percent-encoding: RFC 3986 unreserved characters stay, everything else is %XX (so "*" → %2A, " " → %20). */
export function aliyunPercentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** "GET&%2F&" + the encoded, sorted query: what the signature covers. */
export function aliyunStringToSign(method: string, params: Record<string, string>): string {
  const canonical = Object.keys(params).sort().map((k) => `${aliyunPercentEncode(k)}=${aliyunPercentEncode(params[k]!)}`).join('&');
  return `${method}&${aliyunPercentEncode('/')}&${aliyunPercentEncode(canonical)}`;
}

/** Base64(HMAC-SHA1(key = accessKeySecret + "&", stringToSign)). */
export function aliyunSignature(accessKeySecret: string, method: string, params: Record<string, string>): string {
  return createHmac('sha1', `${accessKeySecret}&`).update(aliyunStringToSign(method, params)).digest('base64');
}

/** Codes a later attempt can get past: flow control, throttling and Aliyun-side faults. */
function isRetryableCode(code: string): boolean {
  return code === 'isv.BUSINESS_LIMIT_CONTROL' || code.startsWith('Throttling') || code === 'isp.SYSTEM_ERROR' || code === 'ServiceUnavailable' || code === 'InternalError';
}

/** Aliyun SMS. */
export const smsAliyunChannel = defineChannelKind<SmsAliyunChannelConfig, SmsAliyunChannelSecrets>({
  kind: 'sms_aliyun',
  configSchema: SmsAliyunChannelConfig,
  secretsSchema: SmsAliyunChannelSecrets,
  // The API allows far more; this is the cost and sanity ceiling per channel, and per-number limits apply at Aliyun too.
  rateLimit: { perMinute: 60 },
  async send(config, secrets, message, ctx) {
    const phones = recipients(config.phones, message.to);
    if (phones.length === 0) return failed(false, 'no phone numbers to send to', 0, { providerCode: 'no_recipients' });
    // Template variables are short and checked by Aliyun against the approved template; 35 characters is its cap per variable.
    const templateParam: Record<string, string> = {};
    for (const [name, tpl] of Object.entries(config.templateParams)) templateParam[name] = truncateChars(fillMessageTemplate(tpl, message), 35);
    const params: Record<string, string> = {
      AccessKeyId: secrets.accessKeyId,
      Action: 'SendSms',
      Format: 'JSON',
      PhoneNumbers: phones.join(','),
      RegionId: config.regionId,
      SignName: config.signName,
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: randomUUID(),
      SignatureVersion: '1.0',
      TemplateCode: config.templateCode,
      TemplateParam: JSON.stringify(templateParam),
      Timestamp: ctx.now().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      Version: '2017-05-25',
    };
    const signature = aliyunSignature(secrets.accessKeySecret, 'GET', params);
    const query = Object.entries({ Signature: signature, ...params }).map(([k, v]) => `${aliyunPercentEncode(k)}=${aliyunPercentEncode(v)}`).join('&');
    const base = config.endpoint.endsWith('/') ? config.endpoint : `${config.endpoint}/`;
    const reply = await exchange({ method: 'GET', url: `${base}?${query}` }, ctx);
    if (isOutcome(reply)) return reply;
    const code = field(reply.json, 'Code');
    if (typeof code !== 'string') return statusFailure(reply, 'Aliyun SMS');
    const extra = { status: reply.status, providerCode: code };
    if (code === 'OK') return delivered(reply.latencyMs, `accepted for ${phones.length} number(s)`, extra);
    const isRetryable = isRetryableCode(code) || reply.status >= 500;
    return failed(isRetryable, `Aliyun SMS ${code}: ${providerText(field(reply.json, 'Message'), [signature])}`, reply.latencyMs, extra);
  },
});
