import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TcpProbeConfig } from '../../../../shared/schemas/probe-kinds/tcp.ts';
import { close, closedPort, isRoundedToTenth, listen, testContext } from './fixtures/test-servers.ts';
import { tcpProbe } from './tcp.ts';

describe('tcp probe', () => {
  const server = net.createServer((socket) => socket.end());
  let port = 0;
  let deadPort = 0;

  beforeAll(async () => {
    port = await listen(server);
    deadPort = await closedPort();
  });
  afterAll(() => close(server));

  const run = (config: Partial<TcpProbeConfig>, timeoutMs = 3_000) =>
    tcpProbe.run(TcpProbeConfig.parse({ host: '127.0.0.1', port, ...config }), {}, testContext(timeoutMs));

  it('is up with the connect time when the port accepts', async () => {
    const outcome = await run({});
    expect(outcome).toMatchObject({ status: 'up', message: '' });
    expect(outcome.latencyMs).toBeGreaterThanOrEqual(0);
    expect(isRoundedToTenth(outcome.latencyMs)).toBe(true);
  });

  it('is down with code refused when nothing listens', async () => {
    expect(await run({ port: deadPort })).toMatchObject({ status: 'down', code: 'refused', latencyMs: null });
  });

  it('is down with code dns when the name does not resolve', async () => {
    expect(await run({ host: 'nosuch.invalid' }, 10_000)).toMatchObject({ status: 'down', code: 'dns' });
  });

  it('is down with code timeout when the engine aborts', async () => {
    const ctx = testContext(60_000);
    ctx.controller.abort();
    const outcome = await tcpProbe.run(TcpProbeConfig.parse({ host: '127.0.0.1', port }), {}, ctx);
    expect(outcome).toMatchObject({ status: 'down', code: 'timeout', message: 'check aborted' });
  });

  it('keys the concurrency limit by host and port', () => {
    expect(tcpProbe.targetKey(TcpProbeConfig.parse({ host: '10.1.2.3', port: 443 }))).toBe('tcp:10.1.2.3:443');
  });

  it('rejects hosts that could be read as options', () => {
    expect(TcpProbeConfig.safeParse({ host: '-oProxy', port: 1 }).success).toBe(false);
    expect(TcpProbeConfig.safeParse({ host: '::1', port: 1 }).success).toBe(true);
  });
});
