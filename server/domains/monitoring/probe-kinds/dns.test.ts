import dgram from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DnsProbeConfig } from '../../../../shared/schemas/probe-kinds/dns.ts';
import { dnsProbe } from './dns.ts';
import { isRoundedToTenth, testContext } from './fixtures/test-servers.ts';

const TYPE_A = 1;
const TYPE_TXT = 16;

/** Answers ok.yiwei.test for A (127.0.0.42) and TXT, ignores silent.yiwei.test, and says NXDOMAIN to the rest. */
function answer(query: Buffer): Buffer | undefined {
  const labels: string[] = [];
  let offset = 12;
  while (query[offset]) {
    const length = query[offset] ?? 0;
    labels.push(query.subarray(offset + 1, offset + 1 + length).toString('ascii'));
    offset += 1 + length;
  }
  const question = query.subarray(12, offset + 5);
  const qtype = query.readUInt16BE(offset + 1);
  const name = labels.join('.').toLowerCase();
  if (name === 'silent.yiwei.test') return undefined;

  const records: Buffer[] = [];
  if (name === 'ok.yiwei.test' && qtype === TYPE_A) records.push(Buffer.from([127, 0, 0, 42]));
  if (name === 'ok.yiwei.test' && qtype === TYPE_TXT) {
    for (const text of ['v=yiwei1', 'hello']) records.push(Buffer.concat([Buffer.from([text.length]), Buffer.from(text)]));
  }
  const header = Buffer.alloc(12);
  query.copy(header, 0, 0, 2); // id
  header.writeUInt16BE(name === 'ok.yiwei.test' ? 0x8180 : 0x8183, 2); // response, RD, RA; rcode 0 or 3 (NXDOMAIN)
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(records.length, 6);
  const answers = records.map((rdata) => {
    const fixed = Buffer.alloc(12);
    fixed.writeUInt16BE(0xc00c, 0); // pointer to the question name
    fixed.writeUInt16BE(qtype, 2);
    fixed.writeUInt16BE(1, 4); // class IN
    fixed.writeUInt32BE(60, 6);
    fixed.writeUInt16BE(rdata.length, 10);
    return Buffer.concat([fixed, rdata]);
  });
  return Buffer.concat([header, question, ...answers]);
}

describe('dns probe', () => {
  const responder = dgram.createSocket('udp4');
  let server = '';

  beforeAll(async () => {
    responder.on('message', (query, peer) => {
      const reply = answer(query);
      if (reply) responder.send(reply, peer.port, peer.address);
    });
    await new Promise<void>((resolve) => responder.bind(0, '127.0.0.1', resolve));
    server = `127.0.0.1:${responder.address().port}`;
  });
  afterAll(() => new Promise<void>((resolve) => responder.close(() => resolve())));

  const run = (config: Partial<DnsProbeConfig>, timeoutMs = 3_000) =>
    dnsProbe.run(DnsProbeConfig.parse({ name: 'ok.yiwei.test', server, ...config }), {}, testContext(timeoutMs));

  it('is up when the A answer contains the expected address', async () => {
    const outcome = await run({ expected: '127.0.0.42' });
    expect(outcome).toMatchObject({ status: 'up', message: '', measurements: { answerCount: 1 } });
    expect(isRoundedToTenth(outcome.latencyMs)).toBe(true);
  });

  it('is down with code assertion when no answer contains the expected text', async () => {
    expect(await run({ expected: '10.0.0.1' })).toMatchObject({
      status: 'down',
      code: 'assertion',
      message: 'no A answer contains "10.0.0.1" (1 answer)',
    });
  });

  it('reads TXT records and compares without case', async () => {
    expect(await run({ recordType: 'TXT', expected: 'V=YIWEI1' })).toMatchObject({ status: 'up', measurements: { answerCount: 2 } });
  });

  it('is down with code dns for a name that does not exist', async () => {
    expect(await run({ name: 'missing.yiwei.test' })).toMatchObject({ status: 'down', code: 'dns' });
  });

  it('is down with code timeout when the server never answers', async () => {
    expect(await run({ name: 'silent.yiwei.test' }, 300)).toMatchObject({ status: 'down', code: 'timeout' });
  });

  it('gives up as soon as the engine aborts', async () => {
    const ctx = testContext(60_000);
    const pending = dnsProbe.run(DnsProbeConfig.parse({ name: 'silent.yiwei.test', server }), {}, ctx);
    setTimeout(() => ctx.controller.abort(), 50);
    expect(await pending).toMatchObject({ status: 'down', code: 'timeout', message: 'check aborted' });
  });

  it('accepts ip and ip:port servers only', () => {
    expect(DnsProbeConfig.safeParse({ name: 'a.b', server: '10.0.0.53' }).success).toBe(true);
    expect(DnsProbeConfig.safeParse({ name: 'a.b', server: '[::1]:5353' }).success).toBe(true);
    expect(DnsProbeConfig.safeParse({ name: 'a.b', server: 'dns.example.com' }).success).toBe(false);
  });
});
