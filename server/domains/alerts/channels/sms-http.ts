import { SmsHttpChannelConfig, SmsHttpChannelSecrets } from '../../../../shared/schemas/alert-channels.ts';
import { maskPhone } from '../../../platform/mask.ts';
import { defineChannelKind, delivered, failed, isRetryableStatus, recipients, truncateChars, type ChannelMessage, type DeliveryOutcome, type SendContext } from './channel.ts';
import { exchange, isOutcome, mergeHeaders } from './http.ts';

// A hospital's own SMS platform (carrier ISAG HTTP front ends, integrators' 短信平台, 短信猫 web front ends). There is no
// standard, so method, URL, body and the success test are configured; values are escaped for where they land, so a
// message text can never break out of its JSON string or form field.

type Escape = (value: string) => string;
const ESCAPES: Record<'url' | SmsHttpChannelConfig['encoding'], Escape> = {
  url: encodeURIComponent,
  form: encodeURIComponent,
  json: (v) => JSON.stringify(v).slice(1, -1),
  none: (v) => v,
};
const CONTENT_TYPES: Record<SmsHttpChannelConfig['encoding'], string> = {
  json: 'application/json; charset=utf-8',
  form: 'application/x-www-form-urlencoded; charset=utf-8',
  none: 'text/plain; charset=utf-8',
};

/** Replaces {{name}} with escaped values; unknown names stay visible so a typo shows in the gateway's log, not as a blank. */
export function fillGatewayTemplate(template: string, vars: Record<string, string>, escape: Escape): string {
  return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (whole, name: string) => (Object.hasOwn(vars, name) ? escape(vars[name]!) : whole));
}

/** True when `status` is in a list such as "200-299,302". */
export function statusMatches(list: string, status: number): boolean {
  return list.split(',').some((part) => {
    const [lo, hi] = part.split('-').map((s) => Number(s.trim()));
    return hi === undefined ? status === lo : status >= lo! && status <= hi;
  });
}

/** The value at a path such as $.result.code or data[0].status, or undefined. */
export function valueAtPath(json: unknown, path: string): unknown {
  const steps = path.replace(/^\$/, '').match(/[\w-]+|\[\d+\]/g) ?? [];
  let cur: unknown = json;
  for (const step of steps) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = step.startsWith('[') ? (cur as unknown[])[Number(step.slice(1, -1))] : (cur as Record<string, unknown>)[step];
  }
  return cur;
}

/** One request to the gateway for the given numbers. */
async function sendOnce(config: SmsHttpChannelConfig, secrets: SmsHttpChannelSecrets, vars: Record<string, string>, ctx: SendContext): Promise<DeliveryOutcome> {
  const url = fillGatewayTemplate(config.url, vars, ESCAPES.url);
  const body = config.method === 'GET' ? undefined : fillGatewayTemplate(config.bodyTemplate, vars, ESCAPES[config.encoding]);
  if (body !== undefined && config.encoding === 'json') {
    try {
      JSON.parse(body);
    } catch {
      return failed(false, 'body template is not valid JSON once filled in', 0, { providerCode: 'template' });
    }
  }
  const headers = mergeHeaders(body === undefined ? {} : { 'content-type': CONTENT_TYPES[config.encoding] }, config.headers, secrets.headers);
  const reply = await exchange({ method: config.method, url, headers, body }, ctx);
  if (isOutcome(reply)) return reply;
  const extra = { status: reply.status };
  if (!statusMatches(config.successStatus, reply.status)) {
    return failed(isRetryableStatus(reply.status), `gateway answered HTTP ${reply.status} (expected ${config.successStatus})`, reply.latencyMs, extra);
  }
  if (config.successJsonPath) {
    const found = valueAtPath(reply.json, config.successJsonPath);
    const text = found === undefined ? '(missing)' : typeof found === 'object' ? JSON.stringify(found) : String(found);
    // Not retryable: a gateway that answered may have queued the SMS anyway, and a duplicate page at 3 a.m. is worse.
    if (text !== config.successValue) {
      return failed(false, `gateway ${config.successJsonPath} = ${text.slice(0, 60)} (expected ${config.successValue})`, reply.latencyMs, { ...extra, providerCode: text.slice(0, 60) });
    }
  }
  return delivered(reply.latencyMs, 'delivered', extra);
}

/** Configurable HTTP SMS gateway. */
export const smsHttpChannel = defineChannelKind<SmsHttpChannelConfig, SmsHttpChannelSecrets>({
  kind: 'sms_http',
  configSchema: SmsHttpChannelConfig,
  secretsSchema: SmsHttpChannelSecrets,
  // Intranet gateways rarely publish a limit; this keeps a storm from queueing thousands of texts at the carrier.
  rateLimit: { perMinute: 60 },
  async send(config, secrets, message: ChannelMessage, ctx) {
    const phones = recipients(config.phones, message.to);
    if (phones.length === 0) return failed(false, 'no phone numbers to send to', 0, { providerCode: 'no_recipients' });
    const base: Record<string, string> = { ...message.vars };
    for (const [k, v] of Object.entries(secrets.variables)) base[`secret.${k}`] = v;
    Object.assign(base, {
      text: truncateChars(message.text, config.maxLength),
      title: message.title,
      severity: message.severity,
      url: message.url ?? '',
      phones: phones.join(','),
    });
    if (!config.isPerRecipient) return sendOnce(config, secrets, { ...base, phone: phones.join(',') }, ctx);
    const failures: Array<{ phone: string; outcome: DeliveryOutcome }> = [];
    let latencyMs = 0;
    // One at a time: gateways on 前置机 are small, and the order of pages should follow the order of the list.
    for (const phone of phones) {
      const outcome = await sendOnce(config, secrets, { ...base, phone }, ctx);
      latencyMs += outcome.latencyMs;
      if (!outcome.isOk) failures.push({ phone, outcome });
    }
    latencyMs = Math.round(latencyMs * 10) / 10;
    if (failures.length === 0) return delivered(latencyMs, `delivered to ${phones.length} number(s)`);
    const first = failures[0]!.outcome;
    if (failures.length === phones.length) return { ...first, latencyMs };
    // Some numbers got the text: a blind retry would page them twice, so the caller gets the failed numbers instead.
    const detail = failures.map((f) => `${maskPhone(f.phone)} ${f.outcome.message}`).join('; ');
    return failed(false, `${failures.length} of ${phones.length} numbers failed: ${detail}`, latencyMs, {
      status: first.status,
      failedRecipients: failures.map((f) => f.phone),
    });
  },
});
