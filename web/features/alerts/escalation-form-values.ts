import type { EscalationPolicy, EscalationPolicyInput, EscalationTarget } from '../../../shared/schemas/alerts.ts';

/** One target row of the editor: every kind's fields, only the chosen kind's are sent. */
export type TargetRow = { kind: EscalationTarget['kind']; channelId?: string | null; scheduleId?: string | null; userId?: string | null; via?: string[] };
export type EscalationFormValues = {
  orgId: string;
  name: string;
  description?: string;
  repeat: number;
  steps: Array<{ delayMinutes: number; targets: TargetRow[] }>;
};

export function newEscalationValues(orgId: string): EscalationFormValues {
  return { orgId, name: '', description: '', repeat: 0, steps: [{ delayMinutes: 0, targets: [{ kind: 'schedule', via: [] }] }] };
}

export function policyToValues(p: EscalationPolicy): EscalationFormValues {
  return {
    orgId: p.orgId,
    name: p.name,
    description: p.description,
    repeat: p.repeat,
    steps: p.steps.map((s) => ({ delayMinutes: s.delayMinutes, targets: s.targets.map((target) => ({ ...target })) })),
  };
}

function toTarget(row: TargetRow): EscalationTarget {
  if (row.kind === 'channel') return { kind: 'channel', channelId: row.channelId ?? '' };
  if (row.kind === 'schedule') return { kind: 'schedule', scheduleId: row.scheduleId ?? '', via: row.via ?? [] };
  return { kind: 'user', userId: row.userId ?? '', via: row.via ?? [] };
}

export function toEscalationInput(v: EscalationFormValues): EscalationPolicyInput {
  return {
    orgId: v.orgId,
    name: v.name.trim(),
    description: v.description?.trim() ?? '',
    repeat: v.repeat ?? 0,
    steps: (v.steps ?? []).map((s) => ({ delayMinutes: s.delayMinutes ?? 0, targets: (s.targets ?? []).map(toTarget) })),
  };
}

/** API issue paths are the form's own (steps.0.targets.1.channelId), symbols aside. */
export function escalationFieldOf(path: readonly PropertyKey[]): (string | number)[] | null {
  const clean = path.filter((p): p is string | number => typeof p !== 'symbol');
  return clean.length ? clean : null;
}
