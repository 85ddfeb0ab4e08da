import { SnmpProbeConfig, SnmpProbeSecrets, type SnmpCheck, type SnmpThresholds } from '../../../../shared/schemas/probe-kinds/snmp.ts';
import { BudgetSpentError, redact, startBudget, untilAborted } from './device-support.ts';
import { roundMs } from './socket-util.ts';
import type { CheckOutcome, ProbeKind } from './probe-kind.ts';
import {
  classifySnmpError,
  missingCredentials,
  normalizeOid,
  numericValue,
  openSnmpClient,
  type SnmpClient,
  type SnmpReading,
  type SnmpValue,
} from './snmp-session.ts';
import { templatePlan, type PlannedRequest, type SnmpFinding } from './snmp-templates.ts';

/** Readings by request key; undefined when the agent has no such object (or an empty subtree). */
type Results = Map<string, SnmpReading[] | undefined>;

const LISTED_FINDINGS = 5;
const SHOWN_TEXT_LENGTH = 40;

function requestKey(request: { mode: 'get' | 'walk'; oid: string }): string {
  return `${request.mode} ${normalizeOid(request.oid)}`;
}

/** All GETs go first in as few PDUs as possible, then one walk after another: gentle on the small CPUs of printers and UPS cards. */
async function fetchAll(client: SnmpClient, requests: readonly PlannedRequest[]): Promise<Results> {
  const results: Results = new Map();
  const gets = [...new Set(requests.filter((r) => r.mode === 'get').map((r) => normalizeOid(r.oid)))];
  if (gets.length > 0) {
    const values = await client.get(gets);
    gets.forEach((oid, i) => {
      const value = values[i];
      results.set(`get ${oid}`, value === undefined ? undefined : [{ suffix: '', value }]);
    });
  }
  for (const oid of new Set(requests.filter((r) => r.mode === 'walk').map((r) => normalizeOid(r.oid)))) {
    const readings = await client.walk(oid);
    results.set(`walk ${oid}`, readings.length > 0 ? readings : undefined);
  }
  return results;
}

function shown(value: SnmpValue): string {
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value.length > SHOWN_TEXT_LENGTH ? `${value.slice(0, SHOWN_TEXT_LENGTH)}…` : value);
}

function isSame(value: SnmpValue, n: number | undefined, expected: number | string): boolean {
  return typeof expected === 'number' && n !== undefined ? n === expected : String(value) === String(expected);
}

/** The finding one value earns against its thresholds, crit before warn. */
export function thresholdFinding(name: string, value: SnmpValue, t: SnmpThresholds): SnmpFinding | undefined {
  const n = numericValue(value);
  const what = `${name} = ${shown(value)}`;
  if (t.equals !== undefined && !isSame(value, n, t.equals)) return { severity: 'down', code: 'threshold', message: `${what} (expected ${t.equals})` };
  if (t.notEquals !== undefined && isSame(value, n, t.notEquals)) {
    return { severity: 'down', code: 'threshold', message: `${what} (must not be ${t.notEquals})` };
  }
  const hasLimits = t.warnAbove !== undefined || t.critAbove !== undefined || t.warnBelow !== undefined || t.critBelow !== undefined;
  if (!hasLimits) return undefined;
  if (n === undefined) return { severity: 'degraded', code: 'threshold', message: `${what} is not a number` };
  if (t.critAbove !== undefined && n > t.critAbove) return { severity: 'down', code: 'threshold', message: `${what} (crit above ${t.critAbove})` };
  if (t.critBelow !== undefined && n < t.critBelow) return { severity: 'down', code: 'threshold', message: `${what} (crit below ${t.critBelow})` };
  if (t.warnAbove !== undefined && n > t.warnAbove) return { severity: 'degraded', code: 'threshold', message: `${what} (warn above ${t.warnAbove})` };
  if (t.warnBelow !== undefined && n < t.warnBelow) return { severity: 'degraded', code: 'threshold', message: `${what} (warn below ${t.warnBelow})` };
  return undefined;
}

function missing(label: string): SnmpFinding {
  return { severity: 'degraded', code: 'protocol', message: `${label}: no such object on the agent` };
}

function judgeCheck(check: SnmpCheck, readings: SnmpReading[] | undefined, measurements: Record<string, number>): SnmpFinding[] {
  if (!readings) return [missing(check.label)];
  const findings: SnmpFinding[] = [];
  for (const { suffix, value } of readings) {
    const name = check.mode === 'walk' ? `${check.label}.${suffix}` : check.label;
    const n = numericValue(value);
    if (n !== undefined) measurements[name] = n;
    const finding = check.thresholds ? thresholdFinding(name, value, check.thresholds) : undefined;
    if (finding) findings.push(finding);
  }
  return findings;
}

function summarize(findings: SnmpFinding[], measurements: Record<string, number>, latencyMs: number, secrets: (string | undefined)[]): CheckOutcome {
  const ordered = [...findings.filter((f) => f.severity === 'down'), ...findings.filter((f) => f.severity === 'degraded')];
  const worst = ordered[0];
  if (!worst) return { status: 'up', latencyMs, message: '', measurements };
  const rest = ordered.length - LISTED_FINDINGS;
  const message = ordered.slice(0, LISTED_FINDINGS).map((f) => f.message).join('; ') + (rest > 0 ? `; and ${rest} more` : '');
  return { status: worst.severity, latencyMs, code: worst.code, message: redact(message, secrets), measurements };
}

async function run(config: SnmpProbeConfig, secrets: SnmpProbeSecrets, ctx: { timeoutMs: number; signal: AbortSignal }): Promise<CheckOutcome> {
  const where = `${config.host}:${config.port}`;
  const secretValues = [secrets.community, secrets.authKey, secrets.privKey];
  const credentialProblem = missingCredentials(config, secrets);
  if (credentialProblem) return { status: 'unknown', latencyMs: null, code: 'auth', message: credentialProblem };
  const template = templatePlan(config);
  const requests: PlannedRequest[] = [...(template?.requests ?? []), ...config.checks];
  if (requests.length === 0) return { status: 'unknown', latencyMs: null, code: 'error', message: 'nothing to check: no template and no checks' };

  const budget = startBudget(ctx);
  let client: SnmpClient | undefined;
  try {
    const open = openSnmpClient(config, secrets, ctx.timeoutMs);
    client = open;
    const startedAt = performance.now();
    const results = await untilAborted(fetchAll(open, requests), budget.signal, () => open.close());
    const latencyMs = roundMs(performance.now() - startedAt);

    const measurements: Record<string, number> = {};
    const findings: SnmpFinding[] = [];
    if (template) {
      const byLabel = new Map(template.requests.map((r) => [r.label, r]));
      for (const request of template.requests) if (!request.isOptional && !results.get(requestKey(request))) findings.push(missing(request.label));
      const read = (label: string) => {
        const request = byLabel.get(label);
        return request ? results.get(requestKey(request)) : undefined;
      };
      const judged = template.judge(read);
      findings.push(...judged.findings);
      Object.assign(measurements, judged.measurements);
    }
    for (const check of config.checks) findings.push(...judgeCheck(check, results.get(requestKey(check)), measurements));
    return summarize(findings, measurements, latencyMs, secretValues);
  } catch (err) {
    if (err instanceof BudgetSpentError || budget.signal.aborted) {
      const message = `no complete SNMP answer from ${where} within ${ctx.timeoutMs} ms (wrong community or credentials, ACL, agent down or slow)`;
      return { status: 'down', latencyMs: null, code: 'timeout', message };
    }
    const { code, message } = classifySnmpError(err, where);
    return { status: code === 'driver' ? 'unknown' : 'down', latencyMs: null, code, message: redact(message, secretValues) };
  } finally {
    client?.close();
    budget.dispose();
  }
}

/** SNMP v2c/v3: user checks with thresholds plus the built-in templates (switch interfaces, UPS, printer, environment). */
export const snmpProbe: ProbeKind<SnmpProbeConfig, SnmpProbeSecrets> = {
  kind: 'snmp',
  configSchema: SnmpProbeConfig,
  secretsSchema: SnmpProbeSecrets,
  targetKey: (config) => `snmp:${config.host}:${config.port}`,
  run,
};
