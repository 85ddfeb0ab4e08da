import net from 'node:net';
import { NoSecrets } from '../../../../shared/schemas/probe-kinds/network-target.ts';
import { TcpProbeConfig } from '../../../../shared/schemas/probe-kinds/tcp.ts';
import type { CheckContext, CheckOutcome, ProbeKind } from './probe-kind.ts';
import { armDeadline, failureOutcome, latencyOutcome, sinceMs } from './socket-util.ts';

/**
 * Resolves with the connect time and hangs up at once. A bare socket with two listeners rather than a SocketSession,
 * since nothing is read: no data listener, no Nagle setting, no buffering (this probe runs thousands of times a minute).
 * An IP literal skips the lookup (net.connect checks net.isIP); a name is resolved as a client of the service would.
 */
function connectOnce(host: string, port: number, ctx: CheckContext): Promise<number> {
  return new Promise((resolve, reject) => {
    const startedAt = performance.now();
    const socket = net.connect({ host, port });
    const disarm = armDeadline(ctx, (failure) => {
      socket.destroy();
      reject(failure);
    });
    socket.once('connect', () => {
      const connectMs = sinceMs(startedAt);
      disarm();
      socket.destroy();
      resolve(connectMs);
    });
    socket.once('error', (err) => {
      disarm();
      socket.destroy();
      reject(err);
    });
  });
}

/** Connects and hangs up; latency includes name resolution, as a client of the service would experience it. */
async function runTcp(config: TcpProbeConfig, _secrets: NoSecrets, ctx: CheckContext): Promise<CheckOutcome> {
  try {
    return latencyOutcome(await connectOnce(config.host, config.port, ctx), config.degradedAboveMs);
  } catch (err) {
    return failureOutcome(err);
  }
}

/** TCP connect probe. */
export const tcpProbe: ProbeKind<TcpProbeConfig, NoSecrets> = {
  kind: 'tcp',
  configSchema: TcpProbeConfig,
  secretsSchema: NoSecrets,
  targetKey: (config) => `tcp:${config.host}:${config.port}`,
  run: runTcp,
};
