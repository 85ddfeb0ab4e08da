import type { z } from 'zod';

/** What one run of a probe saw. `unknown` means the probe could not measure at all (no privilege, no driver), not that the target is down. */
export type CheckStatus = 'up' | 'degraded' | 'down' | 'unknown';

/** The result of one run: status, the latency of the main operation, a short English message and optional named measurements. */
export interface CheckOutcome {
  status: CheckStatus;
  /** Wall time of the operation that was measured (connect, request, query …); null when nothing was timed. */
  latencyMs: number | null;
  /** Short reason in English, e.g. "HTTP 503 (expected 200)"; empty when up. Never contains credentials or patient data. */
  message: string;
  /** Machine-readable failure class: timeout, refused, dns, tls, protocol, assertion, threshold, auth, privilege, driver, error. */
  code?: string;
  /** Named numeric readings (packetLossPct, certDaysLeft, ifOperStatus.1, upsBatteryMinutes …) for thresholds and charts. */
  measurements?: Record<string, number>;
}

/** What the engine hands to a runner: the time budget and an abort signal that fires when it is spent. */
export interface CheckContext {
  timeoutMs: number;
  signal: AbortSignal;
}

/**
 * One probe kind. `config` is the stored, non-secret configuration; `secrets` holds what is kept SM4-sealed
 * (passwords, SNMP communities and keys, client-certificate keys). `run` never throws: every failure is an outcome.
 */
export interface ProbeKind<C = unknown, S = unknown> {
  kind: string;
  configSchema: z.ZodType<C>;
  secretsSchema: z.ZodType<S>;
  /** Key for the per-target concurrency limit, e.g. "tcp:10.1.2.3:443"; runs with equal keys are capped together. */
  targetKey(config: C): string;
  run(config: C, secrets: S, ctx: CheckContext): Promise<CheckOutcome>;
}
