import { createHash, createHmac } from 'node:crypto';
import { SmsTencentChannelConfig, SmsTencentChannelSecrets } from '../../../../shared/schemas/alert-channels.ts';
import { maskPhone } from '../../../platform/mask.ts';
import { defineChannelKind, delivered, failed, recipients } from './channel.ts';
import { exchange, field, isOutcome, providerText, statusFailure } from './http.ts';
import { fillMessageTemplate } from './templates.ts';

// Tencent Cloud SMS SendSms, API version 2021-01-11, signed with TC3-HMAC-SHA256 (cloud.tencent.com/document/api/213/30654).
// Done by hand rather than with tencentcloud-sdk-nodejs-sms: the signature is short and the SDK is large.

const CONTENT_TYPE = 'application/json; charset=utf-8';
const sha256Hex = (s: string) => createHash('sha256').update(s).digest('hex');
const hmac = (key: string | Buffer, s: string) => createHmac('sha256', key).update(s).digest();

export interface Tc3Input {
  secretId: string;
  secretKey: string;
  service: string;
  /** Host header as sent, with the port when it is not the default. */
  host: string;
  path: string;
  payload: string;
  timestampS: number;
}

/** The canonical request for a JSON POST signing content-type and host (the headers Tencent requires at least). */
export function tc3CanonicalRequest(input: Pick<Tc3Input, 'host' | 'path' | 'payload'>): string {
  return ['POST', input.path, '', `content-type:${CONTENT_TYPE}`, `host:${input.host}`, '', 'content-type;host', sha256Hex(input.payload)].join('\n');
}

/** The Authorization header value and its parts, following the four steps of the TC3 document. */
export function tc3Sign(input: Tc3Input): { authorization: string; signature: string; stringToSign: string; canonicalRequest: string; date: string } {
  const date = new Date(input.timestampS * 1000).toISOString().slice(0, 10); // UTC, as the credential scope requires
  const scope = `${date}/${input.service}/tc3_request`;
  const canonicalRequest = tc3CanonicalRequest(input);
  const stringToSign = ['TC3-HMAC-SHA256', String(input.timestampS), scope, sha256Hex(canonicalRequest)].join('\n');
  const signingKey = hmac(hmac(hmac(`TC3${input.secretKey}`, date), input.service), 'tc3_request');
  const signature = createHmac('sha256', signingKey).update(stringToSign).digest('hex');
  const authorization = `TC3-HMAC-SHA256 Credential=${input.secretId}/${scope}, SignedHeaders=content-type;host, Signature=${signature}`;
  return { authorization, signature, stringToSign, canonicalRequest, date };
}

/** Mainland numbers without a country code get +86, which Tencent expects (E.164). */
export function toE164(phone: string): string {
  return phone.startsWith('+') ? phone : /^1\d{10}$/.test(phone) ? `+86${phone}` : `+${phone}`;
}

/** Codes a later attempt can get past: API throttling, short per-number windows, Tencent-side faults. */
function isRetryableCode(code: string): boolean {
  return /^(InternalError|RequestLimitExceeded|ResourceUnavailable\.|LimitExceeded\.(PhoneNumberThirtySecondLimit|DeliveryFrequencyLimit))/.test(code);
}

/** Tencent Cloud SMS. */
export const smsTencentChannel = defineChannelKind<SmsTencentChannelConfig, SmsTencentChannelSecrets>({
  kind: 'sms_tencent',
  configSchema: SmsTencentChannelConfig,
  secretsSchema: SmsTencentChannelSecrets,
  // As for Aliyun: a cost and sanity ceiling per channel; the API itself allows more.
  rateLimit: { perMinute: 60 },
  async send(config, secrets, message, ctx) {
    const phones = recipients(config.phones, message.to).map(toE164);
    if (phones.length === 0) return failed(false, 'no phone numbers to send to', 0, { providerCode: 'no_recipients' });
    const payload = JSON.stringify({
      PhoneNumberSet: phones,
      SmsSdkAppId: config.smsSdkAppId,
      SignName: config.signName,
      TemplateId: config.templateId,
      TemplateParamSet: config.templateParams.map((tpl) => fillMessageTemplate(tpl, message)),
    });
    const url = new URL(config.endpoint);
    const timestampS = Math.floor(ctx.now().getTime() / 1000);
    const { authorization, signature } = tc3Sign({ ...secrets, service: 'sms', host: url.host, path: url.pathname || '/', payload, timestampS });
    const reply = await exchange({
      method: 'POST',
      url: url.toString(),
      headers: {
        authorization,
        'content-type': CONTENT_TYPE,
        'x-tc-action': 'SendSms',
        'x-tc-version': '2021-01-11',
        'x-tc-region': config.region,
        'x-tc-timestamp': String(timestampS),
      },
      body: payload,
    }, ctx);
    if (isOutcome(reply)) return reply;
    const response = field(reply.json, 'Response');
    if (response === undefined) return statusFailure(reply, 'Tencent SMS');
    const error = field(response, 'Error');
    if (error !== undefined) {
      const code = String(field(error, 'Code') ?? 'unknown');
      const isRetryable = isRetryableCode(code) || reply.status >= 500;
      return failed(isRetryable, `Tencent SMS ${code}: ${providerText(field(error, 'Message'), [signature])}`, reply.latencyMs, { status: reply.status, providerCode: code });
    }
    const set = field(response, 'SendStatusSet');
    const statuses = Array.isArray(set) ? set.map((s) => ({ phone: String(field(s, 'PhoneNumber') ?? ''), code: String(field(s, 'Code') ?? '') })) : [];
    const bad = statuses.filter((s) => s.code !== 'Ok');
    if (statuses.length > 0 && bad.length === 0) return delivered(reply.latencyMs, `accepted for ${statuses.length} number(s)`, { status: reply.status, providerCode: 'Ok' });
    if (statuses.length === 0) return failed(true, 'Tencent SMS answered without SendStatusSet', reply.latencyMs, { status: reply.status });
    const detail = bad.map((s) => `${maskPhone(s.phone)} ${s.code}`).join('; ');
    const extra = { status: reply.status, providerCode: bad[0]!.code };
    if (bad.length === statuses.length) return failed(bad.every((s) => isRetryableCode(s.code)), `Tencent SMS rejected every number: ${detail}`, reply.latencyMs, extra);
    // Some numbers were accepted: a blind retry would page them twice, so the caller gets the rejected ones instead.
    return failed(false, `Tencent SMS rejected ${bad.length} of ${statuses.length} numbers: ${detail}`, reply.latencyMs, { ...extra, failedRecipients: bad.map((s) => s.phone) });
  },
});
