import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TlsProbeConfig } from '../../../../shared/schemas/probe-kinds/tls.ts';
import { createTestPki, hasOpenssl, type TestPki } from './fixtures/test-pki.ts';
import { close, closedPort, isRoundedToTenth, listen, testContext } from './fixtures/test-servers.ts';
import { tlsProbe } from './tls.ts';

if (!hasOpenssl) console.warn('tls probe tests skipped: the openssl command is needed to make test certificates');

describe.skipIf(!hasOpenssl)('tls probe', () => {
  let pki: TestPki;
  const servers: tls.Server[] = [];
  const ports = { longLived: 0, expiring: 0, expired: 0 };

  async function serve(days: number): Promise<number> {
    const server = tls.createServer(pki.issue(days), (socket) => socket.end());
    servers.push(server);
    return listen(server);
  }

  beforeAll(async () => {
    pki = createTestPki();
    ports.longLived = await serve(400);
    ports.expiring = await serve(10);
    ports.expired = await serve(-1);
  });
  afterAll(async () => {
    await Promise.all(servers.map(close));
    pki.dispose();
  });

  const run = (config: Partial<TlsProbeConfig>) =>
    tlsProbe.run(TlsProbeConfig.parse({ host: '127.0.0.1', port: ports.longLived, caPem: pki.caCert, ...config }), {}, testContext());

  it('is up with days left, subject and issuer when the chain is trusted', async () => {
    const outcome = await run({});
    expect(outcome.status).toBe('up');
    expect(outcome.measurements?.certDaysLeft).toBeGreaterThan(399);
    expect(outcome.measurements?.certDaysLeft).toBeLessThanOrEqual(400);
    expect(outcome.message).toMatch(/^CN=localhost, issuer CN=Yiwei Test CA; expires in (399\.\d|400) days$/);
    expect(isRoundedToTenth(outcome.latencyMs)).toBe(true);
  });

  it('is degraded inside warnDays, and up when warnDays is shorter', async () => {
    const outcome = await run({ port: ports.expiring });
    expect(outcome).toMatchObject({ status: 'degraded', code: 'threshold' });
    expect(outcome.measurements?.certDaysLeft).toBeGreaterThan(9);
    expect(outcome.message).toContain('CN=localhost');
    expect((await run({ port: ports.expiring, warnDays: 5 })).status).toBe('up');
  });

  it('is down when the certificate has expired, even with ignoreVerification', async () => {
    const outcome = await run({ port: ports.expired, ignoreVerification: true });
    expect(outcome).toMatchObject({ status: 'down', code: 'tls' });
    expect(outcome.message).toMatch(/^certificate expired \d+(\.\d)? days ago/);
    expect(outcome.measurements?.certDaysLeft).toBeLessThanOrEqual(0);
  });

  it('is down when the chain is not trusted, unless verification is ignored', async () => {
    const untrusted = await run({ caPem: undefined });
    expect(untrusted).toMatchObject({ status: 'down', code: 'tls' });
    expect(untrusted.message).toContain('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    expect((await run({ caPem: undefined, ignoreVerification: true })).status).toBe('up');
  });

  it('is down when the certificate does not name the host', async () => {
    const outcome = await run({ servername: 'his.example.org' });
    expect(outcome).toMatchObject({ status: 'down', code: 'tls' });
    expect(outcome.message).toContain('ERR_TLS_CERT_ALTNAME_INVALID');
  });

  it('is down with code refused on a closed port', async () => {
    expect(await run({ port: await closedPort() })).toMatchObject({ status: 'down', code: 'refused' });
  });
});
