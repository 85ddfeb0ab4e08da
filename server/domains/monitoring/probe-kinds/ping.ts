import { execFile, type ExecFileException } from 'node:child_process';
import { NoSecrets } from '../../../../shared/schemas/probe-kinds/network-target.ts';
import { PingProbeConfig } from '../../../../shared/schemas/probe-kinds/ping.ts';
import type { CheckContext, CheckOutcome, ProbeKind } from './probe-kind.ts';
import { clip, roundMs } from './socket-util.ts';

const INTERVAL_MS = 200;
// The C locale keeps the summary lines in English whatever the host's LANG is, so they can be parsed.
const PING_ENV = { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C' };
const NOT_PERMITTED = /operation not permitted|permission denied|cap_net_raw|setuid|lacking privilege/i;
const NAME_FAILURE = /name or service not known|unknown host|cannot resolve|failure in name resolution|no address associated/i;
const SOCKET_FAILURE = /socket|address family not supported|protocol not supported/i;
const TCP_HINT = 'use a TCP probe for this target instead';

export interface PingProbeOptions {
  /** The ping executable; iputils syntax is assumed. */
  binary?: string;
}

interface PingSummary {
  transmitted: number;
  received: number;
  rttMinMs?: number;
  rttAvgMs?: number;
  rttMaxMs?: number;
}

/** Reads iputils' (and busybox's) closing statistics; undefined when ping printed none. */
export function parsePingSummary(stdout: string): PingSummary | undefined {
  const counts = /(\d+) packets transmitted, (\d+) (?:packets )?received/.exec(stdout);
  if (!counts) return undefined;
  const summary: PingSummary = { transmitted: Number(counts[1]), received: Number(counts[2]) };
  const rtt = /min\/avg\/max(?:\/\w+)? = ([\d.]+)\/([\d.]+)\/([\d.]+)/.exec(stdout);
  if (rtt) {
    summary.rttMinMs = roundMs(Number(rtt[1]));
    summary.rttAvgMs = roundMs(Number(rtt[2]));
    summary.rttMaxMs = roundMs(Number(rtt[3]));
  }
  return summary;
}

function summaryOutcome(config: PingProbeConfig, summary: PingSummary): CheckOutcome {
  const lost = summary.transmitted - summary.received;
  const lossPct = summary.transmitted === 0 ? 100 : Math.round((1000 * lost) / summary.transmitted) / 10;
  const measurements: Record<string, number> = { packetLossPct: lossPct };
  if (summary.rttAvgMs !== undefined) {
    Object.assign(measurements, { rttAvgMs: summary.rttAvgMs, rttMinMs: summary.rttMinMs, rttMaxMs: summary.rttMaxMs });
  }
  const latencyMs = summary.rttAvgMs ?? null;
  const degraded = (message: string): CheckOutcome => ({ status: 'degraded', latencyMs, code: 'threshold', message, measurements });

  if (summary.received === 0) {
    return { status: 'down', latencyMs, code: 'timeout', message: `no reply to ${summary.transmitted} echo requests`, measurements };
  }
  if (lossPct > config.degradedLossPct) return degraded(`${lossPct}% packet loss (degraded above ${config.degradedLossPct}%)`);
  if (config.degradedAboveMs !== undefined && latencyMs !== null && latencyMs > config.degradedAboveMs) {
    return degraded(`average round trip ${latencyMs} ms (degraded above ${config.degradedAboveMs} ms)`);
  }
  return { status: 'up', latencyMs, message: '', measurements };
}

interface PingRun {
  error: ExecFileException | null;
  stdout: string;
  stderr: string;
}

const notMeasured = (code: 'driver' | 'privilege', message: string): CheckOutcome => ({ status: 'unknown', latencyMs: null, code, message });
const down = (code: string, message: string): CheckOutcome => ({ status: 'down', latencyMs: null, code, message });

/** Turns what ping did into an outcome; a ping that could not run at all is `unknown`, never a silent TCP fallback. */
function interpret(binary: string, config: PingProbeConfig, ctx: CheckContext, { error, stdout, stderr }: PingRun): CheckOutcome {
  if (error?.code === 'ENOENT') return notMeasured('driver', `ping binary not found (${binary}); install iputils-ping or ${TCP_HINT}`);
  if (error?.code === 'EACCES') return notMeasured('privilege', `not allowed to execute ${binary}; ${TCP_HINT}`);
  if (error?.killed || error?.name === 'AbortError') {
    return down('timeout', ctx.signal.aborted ? 'check aborted' : `ping did not finish within ${ctx.timeoutMs} ms`);
  }
  const summary = parsePingSummary(stdout);
  if (summary) return summaryOutcome(config, summary);
  const detail = clip(stderr.trim().split('\n').join('; ') || `exit code ${String(error?.code ?? 0)}`, 160);
  if (NOT_PERMITTED.test(stderr)) {
    return notMeasured('privilege', `ping is not permitted to open an ICMP socket on this host (${detail}); grant cap_net_raw or ${TCP_HINT}`);
  }
  if (NAME_FAILURE.test(stderr)) return down('dns', detail);
  if (SOCKET_FAILURE.test(stderr)) return notMeasured('driver', `ping could not open its socket (${detail}); ${TCP_HINT}`);
  return down('error', detail);
}

function runPing(binary: string, config: PingProbeConfig, ctx: CheckContext): Promise<CheckOutcome> {
  // ping prints its statistics only when it exits on its own, so the per-reply wait is sized to end inside the budget.
  const waitS = Math.min(10, Math.max(0.2, Math.floor((ctx.timeoutMs - (config.count - 1) * INTERVAL_MS - 250) / 100) / 10));
  const args = ['-n', '-c', String(config.count), '-W', String(waitS), '-i', String(INTERVAL_MS / 1000), config.host];
  return new Promise((resolve) => {
    try {
      execFile(binary, args, { timeout: ctx.timeoutMs, signal: ctx.signal, env: PING_ENV, maxBuffer: 64 * 1024 }, (error, stdout, stderr) => {
        resolve(interpret(binary, config, ctx, { error, stdout, stderr }));
      });
    } catch (err) {
      resolve(notMeasured('driver', clip(`could not start ping: ${String(err)}`)));
    }
  });
}

/** Creates the ping kind; `binary` points at another ping executable (tests, unusual hosts). */
export function createPingProbe(options: PingProbeOptions = {}): ProbeKind<PingProbeConfig, NoSecrets> {
  const binary = options.binary ?? 'ping';
  return {
    kind: 'ping',
    configSchema: PingProbeConfig,
    secretsSchema: NoSecrets,
    targetKey: (config) => `ping:${config.host}`,
    run: (config, _secrets, ctx) => runPing(binary, config, ctx),
  };
}

/** ICMP echo probe using the system ping. */
export const pingProbe = createPingProbe();
