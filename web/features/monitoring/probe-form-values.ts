import type { z } from 'zod';
import type { Probe, ProbeCreateInput, ProbeKindKey, ProbeUpdateInput } from '../../../shared/schemas/probes.ts';
import { KIND_SPECS, splitConfig } from './probe-kinds.ts';

/** What the probe form holds; `config` has only the hand-written fields, the rest is JSON in `advanced`. */
export type ProbeFormValues = {
  orgId: string;
  assetId: string | null;
  name: string;
  kind: ProbeKindKey;
  intervalS: number;
  timeoutMs: number;
  retries: number;
  retryIntervalS: number;
  availabilityTarget: number;
  runOn: 'central' | 'agent';
  agentId?: string | null;
  config: Record<string, unknown>;
  advanced: string;
  secrets?: Record<string, string>;
};

/** What happens to stored secrets on save: kept (nothing sent), replaced by the typed values, or removed (null). */
export type SecretMode = 'keep' | 'replace' | 'remove';

export const SCHEDULE_DEFAULTS = { intervalS: 60, timeoutMs: 10_000, retries: 2, retryIntervalS: 20, availabilityTarget: 99.9 } as const;

/** The schema default of each hand-written field of a kind (port 443 for TLS, readOnly for databases …). */
export function kindDefaults(kind: ProbeKindKey): Record<string, unknown> {
  const schema = KIND_SPECS[kind].config;
  const shape = 'shape' in schema ? (schema.shape as Record<string, z.ZodType>) : {};
  const defaults: Record<string, unknown> = {};
  for (const field of KIND_SPECS[kind].fields) {
    const parsed = shape[field.name]?.safeParse(undefined);
    if (parsed?.success && parsed.data !== undefined) defaults[field.name] = parsed.data;
  }
  return defaults;
}

const json = (value: Record<string, unknown>) => (Object.keys(value).length ? JSON.stringify(value, null, 2) : '');

/** A new probe's values: the kind's defaults, the scope's organisation, optionally a given asset. */
export function newProbeValues(kind: ProbeKindKey, orgId: string, assetId: string | null = null): ProbeFormValues {
  return { orgId, assetId, name: '', kind, ...SCHEDULE_DEFAULTS, runOn: 'central', agentId: null, config: kindDefaults(kind), advanced: '', secrets: {} };
}

/** A stored probe as form values; secrets are never prefilled (the server does not return them). */
export function probeToValues(probe: Probe): ProbeFormValues {
  const { fields, advanced } = splitConfig(probe.kind, probe.config);
  return {
    orgId: probe.orgId,
    assetId: probe.assetId,
    name: probe.name,
    kind: probe.kind,
    intervalS: probe.intervalS,
    timeoutMs: probe.timeoutMs,
    retries: probe.retries,
    retryIntervalS: probe.retryIntervalS,
    availabilityTarget: probe.availabilityTarget,
    runOn: probe.agentId ? 'agent' : 'central',
    agentId: probe.agentId,
    config: fields,
    advanced: json(advanced),
    secrets: {},
  };
}

const schedule = (v: ProbeFormValues) => ({
  intervalS: v.intervalS,
  timeoutMs: v.timeoutMs,
  retries: v.retries,
  retryIntervalS: v.retryIntervalS,
  availabilityTarget: v.availabilityTarget,
  agentId: v.runOn === 'agent' ? (v.agentId ?? null) : null,
});

export function toCreateInput(v: ProbeFormValues, config: Record<string, unknown>, secrets: Record<string, unknown> | undefined): ProbeCreateInput {
  return { orgId: v.orgId, assetId: v.assetId ?? null, name: v.name.trim(), kind: v.kind, ...schedule(v), config, ...(secrets ? { secrets } : {}) };
}

/** A PATCH with every editable field; secrets only when replaced or removed. */
export function toUpdateInput(v: ProbeFormValues, config: Record<string, unknown>, mode: SecretMode, secrets: Record<string, unknown> | undefined): ProbeUpdateInput {
  const input: ProbeUpdateInput = { assetId: v.assetId ?? null, name: v.name.trim(), ...schedule(v), config };
  if (mode === 'remove') input.secrets = null;
  else if (mode === 'replace' && secrets) input.secrets = secrets;
  return input;
}
