import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PingProbeConfig } from '../../../../shared/schemas/probe-kinds/ping.ts';
import { testContext } from './fixtures/test-servers.ts';
import { createPingProbe, parsePingSummary, pingProbe } from './ping.ts';

const hasPing = (() => {
  try {
    execFileSync('ping', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!hasPing) console.warn('ping tests against 127.0.0.1 skipped: no ping binary (apt-get install iputils-ping)');

const FULL_LOSS = `PING 10.9.9.9 (10.9.9.9) 56(84) bytes of data.

--- 10.9.9.9 ping statistics ---
3 packets transmitted, 0 received, 100% packet loss, time 2046ms
`;
const PARTIAL_LOSS = `--- 10.9.9.9 ping statistics ---
3 packets transmitted, 2 received, 33.3333% packet loss, time 401ms
rtt min/avg/max/mdev = 1.012/2.250/3.488/1.238 ms
`;

describe('ping probe', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'yiwei-ping-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A stand-in ping that prints what a real one would in that situation. */
  function fakePing(name: string, script: string) {
    const binary = path.join(dir, name);
    writeFileSync(binary, `#!/bin/sh\n${script}\n`);
    chmodSync(binary, 0o755);
    return createPingProbe({ binary });
  }
  const config = (extra: Partial<PingProbeConfig> = {}) => PingProbeConfig.parse({ host: '127.0.0.1', ...extra });

  it.skipIf(!hasPing)('is up pinging 127.0.0.1, with loss and round-trip measurements', async () => {
    const outcome = await pingProbe.run(config({ count: 2 }), {}, testContext(5_000));
    expect(outcome).toMatchObject({ status: 'up', message: '', measurements: { packetLossPct: 0 } });
    expect(outcome.measurements?.rttAvgMs).toBeGreaterThanOrEqual(0);
    expect(outcome.latencyMs).toBe(outcome.measurements?.rttAvgMs);
  });

  it('is unknown with code driver when the binary is missing, and does not fall back to TCP', async () => {
    const outcome = await createPingProbe({ binary: path.join(dir, 'no-such-ping') }).run(config(), {}, testContext());
    expect(outcome).toMatchObject({ status: 'unknown', code: 'driver', latencyMs: null });
    expect(outcome.message).toContain('ping binary not found');
    expect(outcome.message).toContain('TCP probe');
  });

  it('is unknown with code privilege when the OS refuses the ICMP socket', async () => {
    const probe = fakePing('denied', 'echo "ping: socktype: SOCK_RAW" >&2; echo "ping: socket: Operation not permitted" >&2; exit 2');
    const outcome = await probe.run(config(), {}, testContext());
    expect(outcome).toMatchObject({ status: 'unknown', code: 'privilege', latencyMs: null });
    expect(outcome.message).toMatch(/not permitted to open an ICMP socket.*Operation not permitted.*TCP probe/);
  });

  it('is down on 100% loss', async () => {
    const probe = fakePing('lost', `cat <<'OUT'\n${FULL_LOSS}OUT\nexit 1`);
    expect(await probe.run(config(), {}, testContext())).toMatchObject({
      status: 'down',
      code: 'timeout',
      message: 'no reply to 3 echo requests',
      measurements: { packetLossPct: 100 },
    });
  });

  it('is degraded on partial loss above degradedLossPct and up below it', async () => {
    const probe = fakePing('partial', `cat <<'OUT'\n${PARTIAL_LOSS}OUT`);
    expect(await probe.run(config({ degradedLossPct: 10 }), {}, testContext())).toMatchObject({
      status: 'degraded',
      code: 'threshold',
      latencyMs: 2.3,
      measurements: { packetLossPct: 33.3, rttAvgMs: 2.3, rttMinMs: 1, rttMaxMs: 3.5 },
    });
    expect(await probe.run(config({ degradedLossPct: 50 }), {}, testContext())).toMatchObject({ status: 'up' });
  });

  it('passes iputils arguments with a wait that fits the budget', async () => {
    const probe = fakePing('args', 'printf "%s " "$@" >&2; exit 2');
    const outcome = await probe.run(config({ count: 4 }), {}, testContext(2_000));
    // 2 000 ms budget − 3 intervals of 200 ms − 250 ms margin = 1.15 s, rounded down.
    expect(outcome.message).toBe('-n -c 4 -W 1.1 -i 0.2 127.0.0.1');
  });

  it('is down with code dns when the name does not resolve', async () => {
    const probe = fakePing('noname', 'echo "ping: nosuch.invalid: Name or service not known" >&2; exit 2');
    expect(await probe.run(config(), {}, testContext())).toMatchObject({ status: 'down', code: 'dns' });
  });

  it('kills a ping that outlives the budget', async () => {
    const probe = fakePing('stuck', 'exec sleep 30');
    expect(await probe.run(config(), {}, testContext(300))).toMatchObject({ status: 'down', code: 'timeout' });
  });

  it('reads busybox statistics too', () => {
    expect(parsePingSummary('2 packets transmitted, 2 packets received, 0% packet loss\nround-trip min/avg/max = 0.1/0.2/0.3 ms')).toEqual({
      transmitted: 2,
      received: 2,
      rttMinMs: 0.1,
      rttAvgMs: 0.2,
      rttMaxMs: 0.3,
    });
  });
});
