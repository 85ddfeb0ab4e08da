import { sql, type Selectable } from 'kysely';
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

interface NewEvent {
  alertId: string;
  kind: string;
  at: Date;
  actorId: string | null;
  details: Record<string, unknown>;
}

/** Rows per multi-row insert: alerts have 30 columns, and a statement takes at most 65,535 parameters. */
const INSERT_CHUNK = 1_000;
/** Keys per locking read of open alerts. */
const LOCK_CHUNK = 5_000;

const openKey = (orgId: string, dedupKey: string) => `${orgId} ${dedupKey}`;

/**
 * Applies signals in order through the caller's transaction; `silences` must hold those active at the signals' times.
 * Set-based, because a dead core switch is ten thousand signals in one consumer batch: the open alerts of every key
 * are locked and read in one statement, the signals are applied to them in memory in order, and then the new alerts,
 * the changed alerts and the timeline entries are written in a few multi-row statements. (Three statements per
 * signal held the engine to ~120–250 signals/s on the 2-core VM, and a storm's cause waited behind its victims.)
 */
export async function applySignals(trx: Db, signals: readonly AlertSignal[], facts: FactBook, silences: readonly ActiveSilence[]): Promise<AlertChange[]> {
  if (signals.length === 0) return [];
  const open = await lockOpenAlerts(trx, signals);
  const created = new Map<string, AlertRow>();
  const changed = new Map<string, AlertRow>();
  const events: NewEvent[] = [];
  const out = {
    // the final state of each alert is written once; a row opened in this batch is inserted with it
    write(alert: AlertRow) {
      if (created.has(alert.id)) created.set(alert.id, alert);
      else changed.set(alert.id, alert);
    },
    create(alert: AlertRow) {
      created.set(alert.id, alert);
    },
    event(alertId: string, kind: string, at: Date, actorId: string | null, details: Record<string, unknown> = {}) {
      events.push({ alertId, kind, at, actorId, details });
    },
  };
  const changes = signals.map((s) => applySignal(s, open, facts, silences, out));
  await writeAlerts(trx, [...created.values()], [...changed.values()], events);
  return changes;
}

/** The open alert of every (organisation, dedup key) the signals name, locked for the caller's transaction. */
async function lockOpenAlerts(trx: Db, signals: readonly AlertSignal[]): Promise<Map<string, AlertRow>> {
  const keys = new Map<string, { orgId: string; dedupKey: string }>();
  for (const s of signals) keys.set(openKey(s.orgId, s.dedupKey), { orgId: s.orgId, dedupKey: s.dedupKey });
  const list = [...keys.values()];
  const open = new Map<string, AlertRow>();
  for (let i = 0; i < list.length; i += LOCK_CHUNK) {
    const chunk = list.slice(i, i + LOCK_CHUNK);
    const rows = await trx
      .selectFrom('alerts')
      .selectAll()
      .where('status', '<>', 'resolved')
      .where(sql<boolean>`(org_id, dedup_key) in (select * from unnest(${sql.val(chunk.map((k) => k.orgId))}::uuid[], ${sql.val(chunk.map((k) => k.dedupKey))}::text[]))`)
      .orderBy('id')
      .forUpdate()
      .execute();
    for (const r of rows) open.set(openKey(r.orgId, r.dedupKey), r);
  }
  return open;
}

interface Output {
  write(alert: AlertRow): void;
  create(alert: AlertRow): void;
  event(alertId: string, kind: string, at: Date, actorId: string | null, details?: Record<string, unknown>): void;
}

/** One signal against the open alerts (kept up to date in `open`); what it changed goes to `out`. */
function applySignal(s: AlertSignal, open: Map<string, AlertRow>, facts: FactBook, silences: readonly ActiveSilence[], out: Output): AlertChange {
  const key = openKey(s.orgId, s.dedupKey);
  const current = open.get(key);
  const actorId = s.actorId ?? null;

  if (s.status === 'resolved') {
    if (!current) return { kind: 'unchanged' };
    const alert: AlertRow = { ...current, status: 'resolved', resolvedAt: s.at, resolvedBy: actorId, nextEscalationAt: null, updatedAt: s.at };
    open.delete(key);
    out.write(alert);
    out.event(current.id, 'resolved', s.at, actorId, { by: actorId ? 'person' : 'source', ...s.detail });
    return { kind: 'resolved', alert, wasSuppressed: current.suppression !== null };
  }

  if (!current && s.onlyIfOpen) return { kind: 'unchanged' };
  const labels = builtInLabels(facts, s, s.labels);
  const orgPath = facts.orgs.get(s.orgId)?.path ?? [s.orgId];
  const silence = s.suppression ? undefined : silenceFor(silences, orgPath, labels);
  const suppression: AlertSuppression | null = s.suppression ?? (silence ? 'silence' : null);

  if (!current) {
    const alert: AlertRow = {
      id: globalThis.crypto.randomUUID(),
      orgId: s.orgId,
      source: s.source,
      dedupKey: s.dedupKey,
      severity: s.severity,
      status: 'firing',
      title: s.title,
      summary: s.summary,
      labels,
      assetId: s.assetId,
      probeId: s.probeId,
      groupKey: groupKeyOf(s.orgId, s.assetId, s.source),
      count: 1,
      suppression,
      causeAlertId: s.causeAlertId ?? null,
      silenceId: silence?.id ?? null,
      routeId: null,
      escalationPolicyId: null,
      escalationStep: 0,
      escalationRound: 0,
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
    };
    open.set(key, alert);
    out.create(alert);
    out.event(alert.id, 'fired', s.at, actorId, { severity: s.severity, summary: s.summary, ...(suppression ? { suppression, silenceId: silence?.id ?? null, causeAlertId: s.causeAlertId ?? null } : {}), ...s.detail });
    return { kind: 'opened', alert, wasSuppressed: false };
  }

  const isSeverityChanged = current.severity !== s.severity;
  const isSuppressionChanged = current.suppression !== suppression;
  const alert: AlertRow = {
    ...current,
    count: current.count + 1,
    lastFiredAt: s.at,
    severity: s.severity,
    title: s.title,
    summary: s.summary,
    labels,
    suppression,
    silenceId: silence?.id ?? null,
    causeAlertId: s.causeAlertId ?? null,
    url: s.url ?? current.url,
    updatedAt: s.at,
  };
  open.set(key, alert);
  out.write(alert);
  // A repeat of the same firing is only counted; the timeline gets what changed.
  if (isSeverityChanged) out.event(current.id, 'severity_changed', s.at, actorId, { from: current.severity, to: s.severity });
  if (isSuppressionChanged) out.event(current.id, suppression ? 'suppressed' : 'unsuppressed', s.at, actorId, { suppression, silenceId: silence?.id ?? null, causeAlertId: s.causeAlertId ?? null });
  if (s.detail) out.event(current.id, 'refired', s.at, actorId, s.detail);
  return { kind: 'refired', alert, wasSuppressed: current.suppression !== null };
}

/** Writes a batch's outcome: new alerts, then the changed ones (in one statement), then the timeline, in signal order. */
async function writeAlerts(trx: Db, created: readonly AlertRow[], changed: readonly AlertRow[], events: readonly NewEvent[]): Promise<void> {
  for (let i = 0; i < created.length; i += INSERT_CHUNK) {
    await trx
      .insertInto('alerts')
      .values(created.slice(i, i + INSERT_CHUNK).map((a) => ({ ...a, labels: JSON.stringify(a.labels) })))
      .execute();
  }
  if (changed.length > 0) {
    // The rows are locked (lockOpenAlerts), so writing back every column a signal may change is safe.
    const rows = changed.map((a) => ({
      id: a.id,
      status: a.status,
      count: a.count,
      severity: a.severity,
      title: a.title,
      summary: a.summary,
      labels: a.labels,
      suppression: a.suppression,
      silence_id: a.silenceId,
      cause_alert_id: a.causeAlertId,
      url: a.url,
      last_fired_at: a.lastFiredAt,
      resolved_at: a.resolvedAt,
      resolved_by: a.resolvedBy,
      next_escalation_at: a.nextEscalationAt,
      updated_at: a.updatedAt,
    }));
    await sql`update alerts a set status = v.status, count = v.count, severity = v.severity, title = v.title, summary = v.summary, labels = v.labels,
        suppression = v.suppression, silence_id = v.silence_id, cause_alert_id = v.cause_alert_id, url = v.url, last_fired_at = v.last_fired_at,
        resolved_at = v.resolved_at, resolved_by = v.resolved_by, next_escalation_at = v.next_escalation_at, updated_at = v.updated_at
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(id uuid, status text, count int, severity text, title text, summary text, labels jsonb,
        suppression text, silence_id uuid, cause_alert_id uuid, url text, last_fired_at timestamptz, resolved_at timestamptz, resolved_by uuid,
        next_escalation_at timestamptz, updated_at timestamptz)
      where a.id = v.id`.execute(trx);
  }
  for (let i = 0; i < events.length; i += INSERT_CHUNK) {
    await trx
      .insertInto('alertEvents')
      .values(events.slice(i, i + INSERT_CHUNK).map((e) => ({ alertId: e.alertId, kind: e.kind as never, at: e.at, actorId: e.actorId, details: JSON.stringify(e.details) })))
      .execute();
  }
}
