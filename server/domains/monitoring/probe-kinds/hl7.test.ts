import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Hl7ProbeConfig } from '../../../../shared/schemas/probe-kinds/hl7.ts';
import { close, closedPort, isRoundedToTenth, listen, testContext } from './fixtures/test-servers.ts';
import { buildProbeMessage, extractFrame, hl7Probe, parseAck } from './hl7.ts';

const frame = (payload: Buffer | string) => Buffer.concat([Buffer.from([0x0b]), Buffer.from(payload), Buffer.from([0x1c, 0x0d])]);
const ack = (code: string, controlId: string, text = '') => `MSH|^~\\&|PEER||YIWEI||20260101000000||ACK|R1|P|2.4\rMSA|${code}|${controlId}|${text}\r`;
const BUSY_GB18030 = Buffer.from('cfb5cdb3b7b1c3a6', 'hex'); // 系统繁忙 ("system busy")

/** An MLLP peer whose behaviour is picked by MSH-5 (receiving application) of the message it gets. */
function createPeer(received: string[]): net.Server {
  return net.createServer((socket) => {
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      const end = buffer.indexOf(Buffer.from([0x1c, 0x0d]));
      if (buffer[0] !== 0x0b || end < 0) return;
      const message = buffer.subarray(1, end).toString('utf8');
      received.push(message);
      const msh = (message.split('\r')[0] ?? '').split('|');
      const [mode, controlId = ''] = [msh[4], msh[9]];
      if (mode === 'AA') socket.write(frame(ack('AA', controlId)));
      if (mode === 'CA-SPLIT') {
        const reply = frame(ack('CA', controlId));
        socket.write(reply.subarray(0, 7));
        setTimeout(() => socket.write(reply.subarray(7)), 20);
      }
      if (mode === 'SLOW') setTimeout(() => socket.write(frame(ack('AA', controlId))), 60);
      if (mode === 'AE') socket.write(frame(ack('AE', controlId, 'Unsupported message type')));
      if (mode === 'AR-GB') socket.write(frame(Buffer.concat([Buffer.from(`MSH|^~\\&|P\rMSA|AR|${controlId}|`), BUSY_GB18030, Buffer.from('\r')])));
      if (mode === 'OTHER-ID') socket.write(frame(ack('AA', 'SOMEONE-ELSE')));
      if (mode === 'NO-MSA') socket.write(frame('MSH|^~\\&|PEER\r'));
      if (mode === 'GARBAGE') socket.write('HTTP/1.1 400 Bad Request\r\n\r\n');
      if (mode === 'HANG-UP') socket.end();
      // SILENT: never answers.
    });
  });
}

describe('hl7 probe', () => {
  const received: string[] = [];
  const server = createPeer(received);
  let port = 0;

  beforeAll(async () => {
    port = await listen(server);
  });
  afterAll(() => close(server));

  const config = (receivingApplication: string, extra: Partial<Hl7ProbeConfig> = {}) =>
    Hl7ProbeConfig.parse({ host: '127.0.0.1', port, receivingApplication, ...extra });
  const run = (receivingApplication: string, extra: Partial<Hl7ProbeConfig> = {}, timeoutMs = 3_000) =>
    hl7Probe.run(config(receivingApplication, extra), {}, testContext(timeoutMs));

  it('is up on AA for the control id it sent, and sends a well-formed framed message', async () => {
    const outcome = await run('AA', { processingId: 'T' });
    expect(outcome).toMatchObject({ status: 'up', message: '' });
    expect(isRoundedToTenth(outcome.latencyMs)).toBe(true);
    expect(outcome.measurements?.connectMs).toBeGreaterThanOrEqual(0);
    const msh = (received.at(-1) ?? '').split('\r')[0]?.split('|') ?? [];
    expect(msh.slice(0, 3)).toEqual(['MSH', '^~\\&', 'YIWEI']);
    expect(msh[8]).toBe('NMQ^N01');
    expect(msh[10]).toBe('T');
    expect(msh[11]).toBe('2.4');
  });

  it('uses a new control id on every run', async () => {
    await run('AA');
    await run('AA');
    const ids = received.slice(-2).map((message) => message.split('\r')[0]?.split('|')[9]);
    expect(ids[0]).toMatch(/^[A-Z0-9]{6,20}$/);
    expect(ids[0]).not.toBe(ids[1]);
  });

  it('accepts the enhanced-mode CA and an ACK split across packets', async () => {
    expect(await run('CA-SPLIT')).toMatchObject({ status: 'up' });
  });

  it('is degraded when the ACK is slower than degradedAboveMs', async () => {
    expect(await run('SLOW', { degradedAboveMs: 10 })).toMatchObject({ status: 'degraded', code: 'threshold' });
  });

  it('is down with code protocol and the MSA-3 text on AE', async () => {
    expect(await run('AE')).toMatchObject({ status: 'down', code: 'protocol', message: 'MSA-1 AE: Unsupported message type' });
  });

  it('reads GB18030 ACK text when told to', async () => {
    expect(await run('AR-GB', { ackCharset: 'gb18030' })).toMatchObject({ status: 'down', code: 'protocol', message: 'MSA-1 AR: 系统繁忙' });
  });

  it('is down when MSA-2 names another control id', async () => {
    const outcome = await run('OTHER-ID');
    expect(outcome).toMatchObject({ status: 'down', code: 'protocol' });
    expect(outcome.message).toContain('SOMEONE-ELSE');
  });

  it('is down on a framed reply without MSA', async () => {
    expect(await run('NO-MSA')).toMatchObject({ status: 'down', code: 'protocol', message: 'reply has no MSA segment' });
  });

  it('is down at once on an unframed reply instead of waiting for the timeout', async () => {
    const startedAt = performance.now();
    expect(await run('GARBAGE', {}, 20_000)).toMatchObject({ status: 'down', code: 'protocol', message: expect.stringContaining('not MLLP') });
    expect(performance.now() - startedAt).toBeLessThan(10_000);
  });

  it('is down when the peer hangs up without an ACK', async () => {
    expect(await run('HANG-UP')).toMatchObject({ status: 'down', code: 'protocol', message: 'connection closed by the peer' });
  });

  it('is down with code timeout when no ACK comes', async () => {
    expect(await run('SILENT', {}, 200)).toMatchObject({ status: 'down', code: 'timeout', message: 'no answer within 200 ms' });
  });

  it('leaves no timer behind, whether it succeeds or times out', async () => {
    // Only timers are faked: sockets stay real, and getTimerCount sees exactly the timers this run created.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      expect(await run('AA', {}, 60_000)).toMatchObject({ status: 'up' });
      expect(vi.getTimerCount()).toBe(0);
      const pending = run('SILENT', {}, 100);
      await vi.advanceTimersByTimeAsync(100);
      expect(await pending).toMatchObject({ status: 'down', code: 'timeout' });
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('is down with code refused on a closed port', async () => {
    const outcome = await hl7Probe.run(Hl7ProbeConfig.parse({ host: '127.0.0.1', port: await closedPort() }), {}, testContext());
    expect(outcome).toMatchObject({ status: 'down', code: 'refused' });
  });
});

describe('hl7 message helpers', () => {
  it('builds MSH with CR-separated extra segments', () => {
    const config = Hl7ProbeConfig.parse({ host: 'h', extraSegments: 'EVN|A01\nPID|1\n' });
    const message = buildProbeMessage(config, 'ID1', new Date('2026-01-02T03:04:05Z'));
    expect(message).toBe('MSH|^~\\&|YIWEI|YIWEI|||20260102030405+0000||NMQ^N01|ID1|P|2.4\rEVN|A01\rPID|1\r');
  });

  it('finds a frame only when it is complete', () => {
    expect(extractFrame(Buffer.from([0x0b, 0x41]))).toBeUndefined();
    expect(extractFrame(frame('A'))).toEqual({ value: Buffer.from('A'), size: 4 });
    expect(() => extractFrame(Buffer.from('X'))).toThrow(/not MLLP/);
  });

  it('parses MSA with a custom field separator and falls back to ERR-8', () => {
    expect(parseAck('MSH#^~\\&#P\rMSA#aa#C1\r')).toEqual({ code: 'AA', controlId: 'C1', text: '' });
    expect(parseAck('MSH|^~\\&\rMSA|AE|C1\rERR||||E||||Bad^field\r')?.text).toBe('Bad field');
  });

  it('refuses MSH values that would break the message', () => {
    expect(Hl7ProbeConfig.safeParse({ host: 'h', sendingApplication: 'A|B' }).success).toBe(false);
    expect(Hl7ProbeConfig.safeParse({ host: 'h', sendingApplication: 'HIS^1.2.3^ISO' }).success).toBe(true);
  });
});
