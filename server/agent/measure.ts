import type { AgentProbe, AgentResult } from '../../shared/schemas/agents.ts';
import { getProbeKind, type CheckOutcome } from '../domains/monitoring/probe-kinds/index.ts';

// A kind should honour its abort signal; this grace is the backstop for one that does not.
const STUCK_GRACE_MS = 2_000;

/** The per-target concurrency key of a probe; an unknown kind or a bad config gets a key of its own. */
export function targetKeyOf(probe: AgentProbe): string {
  const kind = getProbeKind(probe.kind);
  const config = kind?.configSchema.safeParse(probe.config);
  return kind && config?.success ? kind.targetKey(config.data) : `${probe.kind}:${probe.id}`;
}

/** Runs one probe with its kind, within its timeout. Never throws: whatever happens becomes an outcome. */
export async function measure(probe: AgentProbe): Promise<CheckOutcome> {
  const kind = getProbeKind(probe.kind);
  if (!kind) return { status: 'unknown', latencyMs: null, code: 'driver', message: `probe kind ${probe.kind} is not available on this agent` };
  const config = kind.configSchema.safeParse(probe.config);
  const secrets = kind.secretsSchema.safeParse(probe.secrets ?? {});
  if (!config.success || !secrets.success) return { status: 'unknown', latencyMs: null, code: 'config', message: 'the probe configuration is not valid for this agent version' };
  let timer: NodeJS.Timeout | undefined;
  const stuck = new Promise<CheckOutcome>((resolve) => {
    timer = setTimeout(() => resolve({ status: 'down', latencyMs: null, code: 'timeout', message: `no answer within ${probe.timeoutMs} ms` }), probe.timeoutMs + STUCK_GRACE_MS);
  });
  try {
    return await Promise.race([kind.run(config.data, secrets.data, { timeoutMs: probe.timeoutMs, signal: AbortSignal.timeout(probe.timeoutMs) }), stuck]);
  } catch {
    return { status: 'unknown', latencyMs: null, code: 'error', message: 'the probe failed unexpectedly' };
  } finally {
    clearTimeout(timer);
  }
}

/** An outcome as the protocol carries it, cut to the schema's limits so one long message cannot poison a batch. */
export function toAgentResult(probeId: string, checkedAtMs: number, o: CheckOutcome): AgentResult {
  const measurements = o.measurements ? Object.fromEntries(Object.entries(o.measurements).filter(([, v]) => Number.isFinite(v))) : null;
  return {
    probeId,
    checkedAt: new Date(checkedAtMs).toISOString(),
    status: o.status,
    latencyMs: o.latencyMs === null || !Number.isFinite(o.latencyMs) ? null : Math.max(0, o.latencyMs),
    code: o.code ? o.code.slice(0, 40) : null,
    message: o.message ? o.message.slice(0, 1000) : null,
    measurements: measurements && Object.keys(measurements).length ? measurements : null,
  };
}
