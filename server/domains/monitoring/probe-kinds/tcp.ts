import { NoSecrets } from '../../../../shared/schemas/probe-kinds/network-target.ts';
import { TcpProbeConfig } from '../../../../shared/schemas/probe-kinds/tcp.ts';
import type { CheckContext, CheckOutcome, ProbeKind } from './probe-kind.ts';
import { failureOutcome, latencyOutcome, SocketSession } from './socket-util.ts';

/** Connects and hangs up; latency includes name resolution, as a client of the service would experience it. */
async function runTcp(config: TcpProbeConfig, _secrets: NoSecrets, ctx: CheckContext): Promise<CheckOutcome> {
  try {
    const session = await SocketSession.open({ host: config.host, port: config.port }, ctx);
    session.close();
    return latencyOutcome(session.connectMs, config.degradedAboveMs);
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
