import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { HeartbeatConfig } from '../../../shared/schemas/probe-kinds/heartbeat.ts';
import type { ProbeCreateInput } from '../../../shared/schemas/probes.ts';
import { invalid } from '../../platform/errors.ts';
import { getProbeKind } from './probe-kinds/index.ts';

/** A validated probe: the kind's config with its defaults applied, and the secrets to seal (if any). */
export interface CheckedProbeConfig {
  config: Record<string, unknown>;
  secrets: Record<string, unknown> | null;
}

type Issue = { path: Array<string | number>; message: string };

function issuesOf(error: z.ZodError, prefix: Array<string | number>): Issue[] {
  return error.issues.map((i) => ({ path: [...prefix, ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))], message: i.message }));
}

/**
 * Checks a probe's config (and secrets) against its kind's schema. Returns issues instead of throwing so a bulk
 * request can report every bad row at once; `prefix` places them (e.g. ['probes', 17]).
 */
export function checkProbeConfig(
  kind: ProbeCreateInput['kind'],
  config: unknown,
  secrets: unknown,
  prefix: Array<string | number> = [],
): { ok: true; value: CheckedProbeConfig } | { ok: false; issues: Issue[] } {
  if (kind === 'heartbeat') {
    const parsed = HeartbeatConfig.safeParse(config ?? {});
    return parsed.success ? { ok: true, value: { config: parsed.data, secrets: null } } : { ok: false, issues: issuesOf(parsed.error, [...prefix, 'config']) };
  }
  const runner = getProbeKind(kind);
  if (!runner) return { ok: false, issues: [{ path: [...prefix, 'kind'], message: `probe kind ${kind} is not available on this server` }] };
  const parsedConfig = runner.configSchema.safeParse(config ?? {});
  const parsedSecrets = secrets === undefined || secrets === null ? null : runner.secretsSchema.safeParse(secrets);
  const issues = [
    ...(parsedConfig.success ? [] : issuesOf(parsedConfig.error, [...prefix, 'config'])),
    ...(parsedSecrets && !parsedSecrets.success ? issuesOf(parsedSecrets.error, [...prefix, 'secrets']) : []),
  ];
  if (issues.length > 0 || !parsedConfig.success) return { ok: false, issues };
  const sealedSecrets = parsedSecrets?.success ? (parsedSecrets.data as Record<string, unknown>) : null;
  return { ok: true, value: { config: parsedConfig.data as Record<string, unknown>, secrets: sealedSecrets && Object.keys(sealedSecrets).length > 0 ? sealedSecrets : null } };
}

/** Throws a 400 listing every issue. */
export function assertProbeConfig(kind: ProbeCreateInput['kind'], config: unknown, secrets: unknown): CheckedProbeConfig {
  const r = checkProbeConfig(kind, config, secrets);
  if (!r.ok) throw invalid('probe.invalid_config', 'The probe configuration is not valid for its kind', r.issues);
  return r.value;
}

/** The unguessable part of a heartbeat push URL. */
export function newHeartbeatKey(): string {
  return randomBytes(18).toString('base64url');
}

/** The sealed-secrets context binds a ciphertext to its probe, so a copied value does not open elsewhere. */
export const secretsContext = (probeId: string) => `probe-secrets:${probeId}`;
