import nodemailer from 'nodemailer';
import { EmailChannelConfig, EmailChannelSecrets } from '../../../../shared/schemas/alert-channels.ts';
import { defineChannelKind, delivered, elapsedMs, failed, recipients, type ChannelMessage, type DeliveryOutcome } from './channel.ts';

// SMTP through nodemailer. Hospitals mostly run Coremail or Exchange on the intranet, often behind a private CA, hence
// the CA field and the three security modes. A transport is built per send: alert mail is rare, and a pooled
// connection would outlive a config change.

const SEVERITY_COLOURS = { P1: '#cf1322', P2: '#d46b08', P3: '#d4b106', P4: '#1677ff' } as const;

/** SMTP error codes from nodemailer that describe the connection rather than the message. */
const CONNECTION_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'ECONNRESET', 'EPROTOCOL']);

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A small HTML body: coloured title, the plain text kept as written, and the acknowledge link. */
export function emailHtml(message: ChannelMessage): string {
  const link = message.url ? `<p><a href="${escapeHtml(message.url)}">查看 / 确认 (View / acknowledge)</a></p>` : '';
  return [
    '<!doctype html><html><body style="font-family:-apple-system,\'PingFang SC\',\'Microsoft YaHei\',sans-serif;font-size:14px">',
    `<h2 style="color:${SEVERITY_COLOURS[message.severity]};margin:0 0 12px">${escapeHtml(message.title)}</h2>`,
    `<pre style="white-space:pre-wrap;font-family:inherit;margin:0">${escapeHtml(message.text)}</pre>`,
    link,
    '</body></html>',
  ].join('');
}

/** Classifies a nodemailer error: connection trouble and 4xx replies are retried, 5xx replies and bad logins are not. */
export function smtpFailure(err: unknown, latencyMs: number): DeliveryOutcome {
  const e = (err ?? {}) as { code?: unknown; responseCode?: unknown; response?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : 'ERROR';
  const replyCode = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const reply = typeof e.response === 'string' ? e.response.split(/\r?\n/)[0]!.slice(0, 200) : typeof e.message === 'string' ? e.message.slice(0, 200) : '';
  const isRetryable = replyCode !== undefined ? replyCode < 500 : code !== 'EAUTH' && (CONNECTION_CODES.has(code) || code === 'ERROR');
  return failed(isRetryable, `SMTP ${code}${reply ? `: ${reply}` : ''}`, latencyMs, { status: replyCode, providerCode: code });
}

/** E-mail over SMTP. */
export const emailChannel = defineChannelKind<EmailChannelConfig, EmailChannelSecrets>({
  kind: 'email',
  configSchema: EmailChannelConfig,
  secretsSchema: EmailChannelSecrets,
  // Public providers cut senders off at a few hundred mails an hour; intranet servers do not care.
  rateLimit: { perMinute: 30 },
  async send(config, secrets, message, ctx) {
    const startedAt = performance.now();
    const to = recipients(config.to, message.to?.filter((r) => r.includes('@')));
    if (to.length === 0) return failed(false, 'no e-mail addresses to send to', 0, { providerCode: 'no_recipients' });
    const transport = nodemailer.createTransport({
      host: config.host,
      port: config.port,
      secure: config.security === 'tls',
      requireTLS: config.security === 'starttls',
      ignoreTLS: config.security === 'none',
      auth: secrets.user ? { user: secrets.user, pass: secrets.password ?? '' } : undefined,
      tls: { ca: config.caPem, rejectUnauthorized: !config.ignoreTls },
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
    // nodemailer takes no AbortSignal: closing the transport ends the SMTP session, and the race settles the outcome.
    let onAbort: () => void = () => {};
    const aborted = new Promise<DeliveryOutcome>((resolve) => {
      onAbort = () => {
        transport.close();
        resolve(failed(true, ctx.signal.reason instanceof Error && ctx.signal.reason.name === 'TimeoutError' ? 'timed out' : 'aborted', elapsedMs(startedAt), { providerCode: 'aborted' }));
      };
      if (ctx.signal.aborted) onAbort();
      else ctx.signal.addEventListener('abort', onAbort, { once: true });
    });
    const sending = transport.sendMail({
      from: config.from,
      to,
      subject: message.title,
      text: message.url && !message.text.includes(message.url) ? `${message.text}\n\n${message.url}` : message.text,
      html: emailHtml(message),
      priority: message.severity === 'P1' || message.severity === 'P2' ? 'high' : 'normal',
      headers: { 'X-Yiwei-Severity': message.severity },
      date: ctx.now(),
    }).then((info): DeliveryOutcome => {
      const rejected = (info.rejected ?? []).map(String);
      const latencyMs = elapsedMs(startedAt);
      if (rejected.length === 0) return delivered(latencyMs, `accepted for ${to.length} address(es)`, { status: 250 });
      // Some recipients got it: a blind retry would mail them twice, so the caller gets the rejected ones instead.
      return failed(false, `server rejected ${rejected.length} of ${to.length} addresses`, latencyMs, { failedRecipients: rejected });
    }, (err: unknown) => smtpFailure(err, elapsedMs(startedAt)));
    try {
      return await Promise.race([sending, aborted]);
    } finally {
      ctx.signal.removeEventListener('abort', onAbort);
      transport.close();
    }
  },
});
