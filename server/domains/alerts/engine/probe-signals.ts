import type { ProbeState } from '../../../../shared/schemas/probes.ts';
import type { Db } from '../../../platform/db.ts';
import type { ProbeStateChangeEvent } from '../../monitoring/transitions.ts';
import { probeSeverity, type FactBook } from '../store/facts.ts';
import type { AlertSignal } from '../store/writer.ts';

// Probe state changes → alert signals. One alert per probe problem, keyed `probe:<id>`: it opens when the probe leaves
// up for down / degraded / unreachable, follows the state while open (severity from the asset's importance, degraded
// one level lower), is muted while the probe is unreachable (dependency: the cause's alert is linked) or in
// maintenance, and resolves when the probe is up again or paused. 'unknown' (the probe cannot run, e.g. no ping
// privilege) opens a 四级 alert so a misconfiguration does not pass as health.

const PROBLEM_STATES: ReadonlySet<ProbeState> = new Set(['down', 'degraded', 'unreachable', 'unknown']);
const STATE_ZH: Partial<Record<ProbeState, string>> = { down: '故障', degraded: '性能下降', unreachable: '不可达（上游故障）', unknown: '状态未知' };

export const probeDedupKey = (probeId: string) => `probe:${probeId}`;

/** The signals of a batch of changes, in order; changes into 'maintenance' only touch an alert already open. */
export async function probeSignals(trx: Db, events: readonly ProbeStateChangeEvent[], facts: FactBook): Promise<AlertSignal[]> {
  const causeIds = [...new Set(events.flatMap((e) => (e.toState === 'unreachable' && e.causeProbeId ? [e.causeProbeId] : [])))];
  const causeAlerts = causeIds.length
    ? new Map((await trx.selectFrom('alerts').select(['id', 'probeId']).where('probeId', 'in', causeIds).where('status', '<>', 'resolved').execute()).map((a) => [a.probeId!, a.id]))
    : new Map<string, string>();
  const signals: AlertSignal[] = [];
  for (const e of events) {
    const probe = facts.probes.get(e.probeId);
    const asset = e.assetId ? facts.assets.get(e.assetId) : undefined;
    const name = asset?.name ?? probe?.name ?? e.probeId;
    const base = {
      orgId: e.orgId,
      source: 'probe' as const,
      dedupKey: probeDedupKey(e.probeId),
      assetId: e.assetId,
      probeId: e.probeId,
      url: null,
      at: e.changedAt,
    };
    if (e.toState === 'up' || e.toState === 'paused') {
      signals.push({ ...base, status: 'resolved', severity: 'P4', title: name, summary: e.message ?? '', labels: { state: e.toState }, detail: { state: e.toState } });
      continue;
    }
    const state: ProbeState = e.toState === 'maintenance' ? e.fromState : e.toState;
    if (!PROBLEM_STATES.has(state) && e.toState !== 'maintenance') continue;
    const severity = state === 'unknown' ? 'P4' : probeSeverity(asset?.importance, state === 'degraded');
    signals.push({
      ...base,
      status: 'firing',
      severity,
      title: `${name} ${STATE_ZH[state] ?? state}`,
      summary: e.message ?? '',
      labels: { state, ...(e.isFlapping ? { flapping: 'true' } : {}) },
      suppression: e.toState === 'maintenance' ? 'maintenance' : state === 'unreachable' ? 'dependency' : null,
      causeAlertId: state === 'unreachable' && e.causeProbeId ? (causeAlerts.get(e.causeProbeId) ?? null) : null,
      onlyIfOpen: e.toState === 'maintenance',
    });
  }
  return signals;
}
