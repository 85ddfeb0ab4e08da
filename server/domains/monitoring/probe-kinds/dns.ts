import { promises as dnsPromises } from 'node:dns';
import { DnsProbeConfig, type DnsRecordType } from '../../../../shared/schemas/probe-kinds/dns.ts';
import { NoSecrets } from '../../../../shared/schemas/probe-kinds/network-target.ts';
import type { CheckContext, CheckOutcome, ProbeKind } from './probe-kind.ts';
import { armDeadline, failureOutcome, latencyOutcome, type ProbeFailure, sinceMs } from './socket-util.ts';

type Resolver = InstanceType<typeof dnsPromises.Resolver>;

/** Every record type flattened to text, so one "contains" comparison works for all of them. */
async function resolveAsText(resolver: Resolver, name: string, type: DnsRecordType): Promise<string[]> {
  switch (type) {
    case 'A':
      return resolver.resolve4(name);
    case 'AAAA':
      return resolver.resolve6(name);
    case 'CNAME':
      return resolver.resolveCname(name);
    case 'NS':
      return resolver.resolveNs(name);
    case 'MX':
      return (await resolver.resolveMx(name)).map((mx) => `${mx.priority} ${mx.exchange}`);
    case 'TXT':
      return (await resolver.resolveTxt(name)).map((chunks) => chunks.join(''));
    case 'SRV':
      return (await resolver.resolveSrv(name)).map((srv) => `${srv.priority} ${srv.weight} ${srv.port} ${srv.name}`);
  }
}

/** Asks one question with a private Resolver, so a configured server never changes the process-wide resolver. */
async function runDns(config: DnsProbeConfig, _secrets: NoSecrets, ctx: CheckContext): Promise<CheckOutcome> {
  // One try and c-ares' own timeout at the budget; the deadline below still cancels if the engine aborts first.
  const resolver = new dnsPromises.Resolver({ timeout: Math.max(1, ctx.timeoutMs), tries: 1 });
  let expiry: ProbeFailure | undefined;
  const disarm = armDeadline(ctx, (failure) => {
    expiry = failure;
    resolver.cancel();
  });
  const startedAt = performance.now();
  let answers: string[];
  try {
    if (config.server) resolver.setServers([config.server]);
    answers = await resolveAsText(resolver, config.name, config.recordType);
  } catch (err) {
    return failureOutcome(expiry ?? err);
  } finally {
    disarm();
  }
  const latencyMs = sinceMs(startedAt);
  const measurements = { answerCount: answers.length };
  if (config.expected !== undefined) {
    const expected = config.expected.toLowerCase();
    if (!answers.some((answer) => answer.toLowerCase().includes(expected))) {
      const message = `no ${config.recordType} answer contains "${config.expected}" (${answers.length} answer${answers.length === 1 ? '' : 's'})`;
      return { status: 'down', latencyMs, code: 'assertion', message, measurements };
    }
  }
  return { ...latencyOutcome(latencyMs, config.degradedAboveMs), measurements };
}

/** DNS resolution probe. */
export const dnsProbe: ProbeKind<DnsProbeConfig, NoSecrets> = {
  kind: 'dns',
  configSchema: DnsProbeConfig,
  secretsSchema: NoSecrets,
  // The server asked is the target; with the system resolvers, the name is, so unrelated lookups are not capped together.
  targetKey: (config) => `dns:${config.server ?? config.name}`,
  run: runDns,
};
