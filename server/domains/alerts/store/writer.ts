import type { Selectable } from 'kysely';
import type { AlertSource, AlertSuppression, LabelMatcher } from '../../../../shared/schemas/alerts.ts';
import type { AlertSeverity } from '../../../../shared/schemas/alert-channels.ts';
import type { Db } from '../../../platform/db.ts';
import type { AlertsTable } from '../alerts.tables.ts';
import { matchesAll } from '../config/matchers.ts';
import { builtInLabels, type FactBook } from './facts.ts';

// The alert store's one write path. A signal says "this key is firing (again)" or "this key has recovered"; the store
// keeps one open alert per (organisation, dedup key), counts repeats, follows severity and suppression changes, and
// writes each change to the alert's timeline in the caller's transaction. Fires and auto-resolutions are machine
// events recorded on the timeline (alert_events); people's actions additionally go to the audit chain (service).

export type AlertRow = Selectable<AlertsTable>;

export interface AlertSignal {
  orgId: string;
  source: AlertSource;
  dedupKey: string;
  status: 'firing' | 'resolved';
  severity: AlertSeverity;
  title: string;
  summary: string;
  labels: Record<string, string>;
  assetId: string | null;
  probeId: string | null;
  url: string | null;
  at: Date;
  /** set by sources that know better than silences: maintenance, or a dead parent */
  suppression?: AlertSuppression | null;
  causeAlertId?: string | null;
  actorId?: string | null;
  /** only update an open alert (e.g. it entered maintenance); never open one */
  onlyIfOpen?: boolean;
  /** a repeat that is not a new firing (a flapping probe's recovery) adds to the timeline without resolving */
  detail?: Record<string, unknown>;
}

export type AlertChangeKind = 'opened' | 'refired' | 'resolved' | 'unchanged';

export type AlertChange =
  | { kind: 'unchanged' }
  | {
      kind: Exclude<AlertChangeKind, 'unchanged'>;
      alert: AlertRow;
      /** suppression before the signal (to notify an alert whose silence or parent went away) */
      wasSuppressed: boolean;
    };

export interface ActiveSilence {
  id: string;
  orgId: string;
  matchers: LabelMatcher[];
  endsAt: Date;
}

/** Silences in force at `at` on any of the organisations (a silence covers its organisation's subtree). */
export async function activeSilences(db: Db, orgIds: readonly string[], at: Date): Promise<ActiveSilence[]> {
  if (orgIds.length === 0) return [];
  return db
    .selectFrom('alertSilences')
    .select(['id', 'orgId', 'matchers', 'endsAt'])
    .where('orgId', 'in', [...new Set(orgIds)])
    .where('startsAt', '<=', at)
    .where('endsAt', '>', at)
    .execute();
}

/** The silence that mutes an alert of `orgPath` with these labels, if any. */
export function silenceFor(silences: readonly ActiveSilence[], orgPath: readonly string[], labels: Readonly<Record<string, string>>): ActiveSilence | undefined {
  return silences.find((s) => orgPath.includes(s.orgId) && matchesAll(s.matchers, labels));
}

/** The group an alert is shown and notified under: its organisation and system (asset), or its source when it has none. */
export function groupKeyOf(orgId: string, assetId: string | null, source: string): string {
  return `${orgId}:${assetId ?? source}`;
}

/** Applies signals in order through the caller's transaction; `silences` must hold those active at the signals' times. */
export async function applySignals(trx: Db, signals: readonly AlertSignal[], facts: FactBook, silences: readonly ActiveSilence[]): Promise<AlertChange[]> {
  const changes: AlertChange[] = [];
  for (const s of signals) changes.push(await applySignal(trx, s, facts, silences));
  return changes;
}

async function event(trx: Db, alertId: string, kind: string, at: Date, actorId: string | null, details: Record<string, unknown> = {}) {
  await trx.insertInto('alertEvents').values({ alertId, kind: kind as never, at, actorId, details: JSON.stringify(details) }).execute();
}

async function applySignal(trx: Db, s: AlertSignal, facts: FactBook, silences: readonly ActiveSilence[]): Promise<AlertChange> {
  const open = await trx
    .selectFrom('alerts')
    .selectAll()
    .where('orgId', '=', s.orgId)
    .where('dedupKey', '=', s.dedupKey)
    .where('status', '<>', 'resolved')
    .forUpdate()
    .executeTakeFirst();
  const actorId = s.actorId ?? null;

  if (s.status === 'resolved') {
    if (!open) return { kind: 'unchanged' };
    const alert = await trx
      .updateTable('alerts')
      .set({ status: 'resolved', resolvedAt: s.at, resolvedBy: actorId, nextEscalationAt: null, updatedAt: s.at })
      .where('id', '=', open.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await event(trx, open.id, 'resolved', s.at, actorId, { by: actorId ? 'person' : 'source', ...s.detail });
    return { kind: 'resolved', alert, wasSuppressed: open.suppression !== null };
  }

  if (!open && s.onlyIfOpen) return { kind: 'unchanged' };
  const labels = builtInLabels(facts, s, s.labels);
  const orgPath = facts.orgs.get(s.orgId)?.path ?? [s.orgId];
  const silence = s.suppression ? undefined : silenceFor(silences, orgPath, labels);
  const suppression: AlertSuppression | null = s.suppression ?? (silence ? 'silence' : null);

  if (!open) {
    const alert = await trx
      .insertInto('alerts')
      .values({
        orgId: s.orgId,
        source: s.source,
        dedupKey: s.dedupKey,
        severity: s.severity,
        status: 'firing',
        title: s.title,
        summary: s.summary,
        labels: JSON.stringify(labels),
        assetId: s.assetId,
        probeId: s.probeId,
        groupKey: groupKeyOf(s.orgId, s.assetId, s.source),
        suppression,
        causeAlertId: s.causeAlertId ?? null,
        silenceId: silence?.id ?? null,
        routeId: null,
        escalationPolicyId: null,
        nextEscalationAt: null,
        url: s.url,
        firstFiredAt: s.at,
        lastFiredAt: s.at,
        acknowledgedAt: null,
        acknowledgedBy: null,
        resolvedAt: null,
        resolvedBy: null,
        ticketRef: null,
        updatedAt: s.at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await event(trx, alert.id, 'fired', s.at, actorId, { severity: s.severity, summary: s.summary, ...(suppression ? { suppression, silenceId: silence?.id ?? null, causeAlertId: s.causeAlertId ?? null } : {}), ...s.detail });
    return { kind: 'opened', alert, wasSuppressed: false };
  }

  const isSeverityChanged = open.severity !== s.severity;
  const isSuppressionChanged = open.suppression !== suppression;
  const alert = await trx
    .updateTable('alerts')
    .set({
      count: open.count + 1,
      lastFiredAt: s.at,
      severity: s.severity,
      title: s.title,
      summary: s.summary,
      labels: JSON.stringify(labels),
      suppression,
      silenceId: silence?.id ?? null,
      causeAlertId: s.causeAlertId ?? null,
      url: s.url ?? open.url,
      updatedAt: s.at,
    })
    .where('id', '=', open.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  // A repeat of the same firing is only counted; the timeline gets what changed.
  if (isSeverityChanged) await event(trx, open.id, 'severity_changed', s.at, actorId, { from: open.severity, to: s.severity });
  if (isSuppressionChanged) await event(trx, open.id, suppression ? 'suppressed' : 'unsuppressed', s.at, actorId, { suppression, silenceId: silence?.id ?? null, causeAlertId: s.causeAlertId ?? null });
  if (s.detail) await event(trx, open.id, 'refired', s.at, actorId, s.detail);
  return { kind: 'refired', alert, wasSuppressed: open.suppression !== null };
}
