import net from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EmailChannelConfig, type EmailChannelSecrets } from '../../../../shared/schemas/alert-channels.ts';
import { createTestPki, hasOpenssl, type TestKeyPair, type TestPki } from '../../monitoring/probe-kinds/fixtures/test-pki.ts';
import type { ChannelMessage } from './channel.ts';
import { emailChannel } from './email.ts';
import { closedPort, testCtx } from './fixtures/receiver.ts';

const message: ChannelMessage = {
  title: '【P1 一级】HIS 数据库 宕机',
  text: '机构：第一人民医院\n开始：2026-11-22 08:03 <script>',
  severity: 'P1',
  url: 'https://yiwei.local/a/1?ack=1&t=x',
  to: ['oncall@hospital.cn', '13800001111'],
};

interface Received {
  raw: string;
  from: string;
  to: string[];
  user?: string;
}

/** A real SMTP server on 127.0.0.1 that keeps every message; only `user`/`secret` may log in. */
async function startSmtp(options: Partial<SMTPServerOptions>) {
  const received: Received[] = [];
  const server = new SMTPServer({
    logger: false,
    disableReverseLookup: true,
    onAuth(auth, _session, cb) {
      if (auth.username === 'alerts@hospital.cn' && auth.password === 'app-password-123') return cb(null, { user: auth.username });
      return cb(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({ raw: Buffer.concat(chunks).toString('utf8'), from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), user: session.user as string | undefined });
        cb();
      });
    },
    ...options,
  });
  // The untrusted-CA case aborts the handshake on purpose; the server reports that as an 'error' event.
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as net.AddressInfo).port;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Decodes RFC 2047 encoded words (B and Q) in a header value, joining folded lines. */
function decodeHeader(value: string): string {
  return value.replace(/\r?\n\s+/g, ' ').replace(/\?=\s+=\?/g, '?==?').replace(/=\?utf-8\?([BQ])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
    enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decodeQp(text.replace(/_/g, ' ')));
}
function decodeQp(text: string): string {
  const bytes = text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}
function header(raw: string, name: string): string | undefined {
  const m = new RegExp(`^${name}: (.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(raw.split(/\r?\n\r?\n/)[0]!);
  return m ? decodeHeader(m[1]!) : undefined;
}
/** The decoded body of the first MIME part of a content type. */
function part(raw: string, type: string): string {
  const m = new RegExp(`Content-Type: ${type}[^\\r\\n]*\\r?\\nContent-Transfer-Encoding: (\\S+)\\r?\\n\\r?\\n([\\s\\S]*?)\\r?\\n--`, 'i').exec(raw);
  if (!m) throw new Error(`no ${type} part`);
  return m[1]!.toLowerCase() === 'base64' ? Buffer.from(m[2]!, 'base64').toString('utf8') : decodeQp(m[2]!);
}

const baseConfig = (port: number, extra: Record<string, unknown> = {}) =>
  EmailChannelConfig.parse({ host: '127.0.0.1', port, security: 'none', from: '医维告警 <alerts@hospital.cn>', to: ['it-duty@hospital.cn'], ...extra });
const login: EmailChannelSecrets = { user: 'alerts@hospital.cn', password: 'app-password-123' };

describe('email channel over plain SMTP', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>> | undefined;
  afterEach(async () => {
    await smtp?.close();
    smtp = undefined;
  });

  it('delivers without auth: envelope, headers, text and escaped HTML', async () => {
    smtp = await startSmtp({ authOptional: true, disabledCommands: ['AUTH', 'STARTTLS'] });
    const outcome = await emailChannel.send(baseConfig(smtp.port), {}, message, testCtx());
    expect(outcome).toMatchObject({ isOk: true, isRetryable: false, status: 250, message: 'accepted for 2 address(es)' });
    const [mail] = smtp.received;
    expect(mail).toMatchObject({ from: 'alerts@hospital.cn', to: ['it-duty@hospital.cn', 'oncall@hospital.cn'], user: undefined });
    expect(header(mail!.raw, 'Subject')).toBe(message.title);
    expect(header(mail!.raw, 'From')).toBe('医维告警 <alerts@hospital.cn>');
    expect(header(mail!.raw, 'To')).toBe('it-duty@hospital.cn, oncall@hospital.cn');
    expect(header(mail!.raw, 'X-Yiwei-Severity')).toBe('P1');
    expect(header(mail!.raw, 'X-Priority')).toBe('1 (Highest)');
    expect(header(mail!.raw, 'Date')).toBe('Sun, 22 Nov 2026 00:03:20 +0000');
    expect(part(mail!.raw, 'text/plain')).toBe(`${message.text}\n\n${message.url}`.replace(/\n/g, '\r\n'));
    const html = part(mail!.raw, 'text/html');
    expect(html).toContain('机构：第一人民医院\n开始：2026-11-22 08:03 &#60;script&#62;'.replace(/\n/g, '\r\n'));
    expect(html).toContain('<a href="https://yiwei.local/a/1?ack=1&#38;t=x">');
  });

  it('logs in with user and password, and refuses a wrong password as permanent', async () => {
    smtp = await startSmtp({ allowInsecureAuth: true, disabledCommands: ['STARTTLS'] });
    expect(await emailChannel.send(baseConfig(smtp.port), login, message, testCtx())).toMatchObject({ isOk: true });
    expect(smtp.received[0]!.user).toBe('alerts@hospital.cn');
    const bad = await emailChannel.send(baseConfig(smtp.port), { user: 'alerts@hospital.cn', password: 'wrong-password' }, message, testCtx());
    expect(bad).toMatchObject({ isOk: false, isRetryable: false, providerCode: 'EAUTH', status: 535 });
    expect(bad.message).not.toContain('wrong-password');
  });

  it('retries a 4xx reply and a refused connection, not a 5xx recipient rejection', async () => {
    let reply = 451;
    smtp = await startSmtp({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      onRcptTo: (_addr, _session, cb) => cb(Object.assign(new Error(reply === 451 ? 'Try again later' : 'No such user'), { responseCode: reply })),
    });
    expect(await emailChannel.send(baseConfig(smtp.port), {}, message, testCtx())).toMatchObject({ isOk: false, isRetryable: true });
    reply = 550;
    expect(await emailChannel.send(baseConfig(smtp.port), {}, message, testCtx())).toMatchObject({ isOk: false, isRetryable: false });
    const refused = await emailChannel.send(baseConfig(await closedPort()), {}, message, testCtx());
    expect(refused).toMatchObject({ isOk: false, isRetryable: true, providerCode: 'ESOCKET' });
  });

  it('stops at the abort signal when the server never greets', async () => {
    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const port = (silent.address() as net.AddressInfo).port;
      const outcome = await emailChannel.send(baseConfig(port), {}, message, testCtx(undefined, 200));
      expect(outcome).toMatchObject({ isOk: false, isRetryable: true, message: 'timed out' });
      expect(outcome.latencyMs).toBeLessThan(5_000);
    } finally {
      silent.close();
    }
  });

  it('needs at least one address', async () => {
    const outcome = await emailChannel.send(baseConfig(1, { to: [] }), {}, { ...message, to: ['13800001111'] }, testCtx());
    expect(outcome).toMatchObject({ isOk: false, isRetryable: false, providerCode: 'no_recipients' });
  });
});

describe.skipIf(!hasOpenssl)('email channel over TLS with a private CA', () => {
  let pki: TestPki;
  let leaf: TestKeyPair;
  beforeAll(() => {
    pki = createTestPki();
    leaf = pki.issue(30);
  });
  afterAll(() => pki.dispose());

  it('implicit TLS (465 style) trusts the configured CA and logs in', async () => {
    const smtp = await startSmtp({ secure: true, key: leaf.key, cert: leaf.cert });
    try {
      const outcome = await emailChannel.send(baseConfig(smtp.port, { security: 'tls', caPem: pki.caCert }), login, message, testCtx());
      expect(outcome).toMatchObject({ isOk: true });
      expect(smtp.received[0]!.user).toBe('alerts@hospital.cn');
      const untrusted = await emailChannel.send(baseConfig(smtp.port, { security: 'tls' }), login, message, testCtx());
      expect(untrusted).toMatchObject({ isOk: false });
      expect(smtp.received).toHaveLength(1);
    } finally {
      await smtp.close();
    }
  });

  // smtp-server refuses AUTH on an unencrypted session by default, so a successful login proves the upgrade happened.
  it('STARTTLS upgrades before logging in', async () => {
    const smtp = await startSmtp({ key: leaf.key, cert: leaf.cert });
    try {
      expect(await emailChannel.send(baseConfig(smtp.port, { security: 'starttls', caPem: pki.caCert }), login, message, testCtx())).toMatchObject({ isOk: true });
      expect(smtp.received[0]!.user).toBe('alerts@hospital.cn');
    } finally {
      await smtp.close();
    }
  });
});
