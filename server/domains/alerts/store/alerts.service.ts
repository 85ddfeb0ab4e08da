import { sql, type Selectable } from 'kysely';
import type {
  Alert,
  AlertBulkActionResult,
  AlertEvent,
  AlertGroupPage,
  AlertListQuery,
  AlertPage,
  AlertRaiseInput,
  AlertSummary,
} from '../../../../shared/schemas/alerts.ts';
import { AlertRaiseInput as RaiseSchema } from '../../../../shared/schemas/alerts.ts';
import type { AlertSeverity } from '../../../../shared/schemas/alert-channels.ts';
import { assertInScope, inScope, scopeOf, systemActor, type Actor } from '../../../platform/actor.ts';
import { subjectOf } from '../../../platform/audit.ts';
import type { Db } from '../../../platform/db.ts';
import type { PlatformDeps } from '../../../platform/deps.ts';
import { invalid, notFound } from '../../../platform/errors.ts';
import type { AlertsTable } from '../alerts.tables.ts';
import type { AckLinks } from './ack-link.ts';
import type { AlertIngest } from './ingest.ts';
import type { Notifier } from './notifier.ts';

type Row = Selectable<AlertsTable> & { orgName: string; assetName: string | null };

export const presentAlert = (r: Row): Alert => ({
  id: r.id,
  orgId: r.orgId,
  orgName: r.orgName,
  source: r.source,
  dedupKey: r.dedupKey,
  severity: r.severity,
  status: r.status,
  title: r.title,
  summary: r.summary,
  labels: r.labels,
  assetId: r.assetId,
  assetName: r.assetName,
  probeId: r.probeId,
  groupKey: r.groupKey,
  count: r.count,
  suppression: r.suppression,
  causeAlertId: r.causeAlertId,
  silenceId: r.silenceId,
  routeId: r.routeId,
  escalationPolicyId: r.escalationPolicyId,
  escalationStep: r.escalationStep,
  nextEscalationAt: r.nextEscalationAt?.toISOString() ?? null,
  url: r.url,
  firstFiredAt: r.firstFiredAt.toISOString(),
  lastFiredAt: r.lastFiredAt.toISOString(),
  acknowledgedAt: r.acknowledgedAt?.toISOString() ?? null,
  acknowledgedBy: r.acknowledgedBy,
  resolvedAt: r.resolvedAt?.toISOString() ?? null,
  resolvedBy: r.resolvedBy,
  ticketRef: r.ticketRef,
});

/** The alert center: lists, groups and counts in scope, and what people do to alerts (acknowledge, resolve, comment). */
export function createAlertService({ db, audit, clock }: Pick<PlatformDeps, 'db' | 'audit' | 'clock'>, deps: { ingest: AlertIngest; notifier: Notifier; ackLinks: AckLinks }) {
  function base(d: Db, actor: Actor, permission: 'alert.read' | 'alert.respond', within?: string) {
    return d
      .selectFrom('alerts as a')
      .innerJoin('organisations as o', 'o.id', 'a.orgId')
      .leftJoin('assets as s', 's.id', 'a.assetId')
      .where(inScope(scopeOf(actor, permission), 'a.org_id', actor, within));
  }

  function filtered(actor: Actor, q: Omit<AlertListQuery, 'page' | 'pageSize' | 'sort' | 'includeSuppressed'>) {
    let x = base(db, actor, 'alert.read', q.orgId);
    if (q.view === 'active') x = x.where('a.status', '<>', 'resolved');
    else if (q.view === 'history') x = x.where('a.status', '=', 'resolved');
    if (q.status?.length) x = x.where('a.status', 'in', q.status);
    if (q.severity?.length) x = x.where('a.severity', 'in', q.severity);
    if (q.source?.length) x = x.where('a.source', 'in', q.source);
    if (q.assetId) x = x.where('a.assetId', '=', q.assetId);
    if (q.probeId) x = x.where('a.probeId', '=', q.probeId);
    if (q.from) x = x.where('a.lastFiredAt', '>=', new Date(q.from));
    if (q.to) x = x.where('a.firstFiredAt', '<', new Date(q.to));
    if (q.q) {
      const like = `%${q.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
      x = x.where((eb) => eb.or([eb('a.title', 'ilike', like), eb('s.name', 'ilike', like), eb('a.dedupKey', 'ilike', like)]));
    }
    return x;
  }

  async function getRow(d: Db, actor: Actor, id: string, permission: 'alert.read' | 'alert.respond'): Promise<Row> {
    const row = await base(d, actor, permission).selectAll('a').select(['o.name as orgName', 's.name as assetName']).where('a.id', '=', id).executeTakeFirst();
    if (!row) throw notFound('alert', id);
    return row;
  }

  async function event(trx: Db, alertId: string, kind: string, actor: Actor, details: Record<string, unknown> = {}) {
    await trx.insertInto('alertEvents').values({ alertId, kind: kind as never, at: clock.now(), actorId: actor.userId, details: JSON.stringify(details) }).execute();
  }

  /** Ids of `ids` the actor may respond to, locked for the change. */
  async function lockInScope(trx: Db, actor: Actor, ids: readonly string[]) {
    return base(trx, actor, 'alert.respond').selectAll('a').select(['o.name as orgName', 's.name as assetName']).where('a.id', 'in', [...new Set(ids)]).forUpdate('a').execute();
  }

  const service = {
    async list(actor: Actor, query: AlertListQuery): Promise<AlertPage> {
      const all = filtered(actor, query);
      const shown = query.includeSuppressed ? all : all.where('a.suppression', 'is', null);
      const order = query.sort === 'severity' ? 'a.severity' : query.sort === 'firstFiredAt' ? 'a.firstFiredAt' : 'a.lastFiredAt';
      const [count, suppressed, rows] = await Promise.all([
        shown.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        query.includeSuppressed ? Promise.resolve({ n: 0 }) : all.where('a.suppression', 'is not', null).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        shown
          .selectAll('a')
          .select(['o.name as orgName', 's.name as assetName'])
          .orderBy(order, query.sort === 'severity' ? 'asc' : 'desc')
          .orderBy('a.lastFiredAt', 'desc')
          .orderBy('a.id')
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize)
          .execute(),
      ]);
      return { items: rows.map(presentAlert), total: Number(count.n), page: query.page, pageSize: query.pageSize, suppressedCount: Number(suppressed.n) };
    },

    async summary(actor: Actor, orgId?: string): Promise<AlertSummary> {
      const rows = await base(db, actor, 'alert.read', orgId)
        .where('a.status', '<>', 'resolved')
        .select(['a.status', 'a.severity', sql<boolean>`a.suppression is not null`.as('isSuppressed'), (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy(['a.status', 'a.severity', sql`a.suppression is not null`])
        .execute();
      const out: AlertSummary = { firing: { P1: 0, P2: 0, P3: 0, P4: 0 }, acknowledged: 0, suppressed: 0 };
      for (const r of rows) {
        const n = Number(r.n);
        if (r.isSuppressed) out.suppressed += n;
        else if (r.status === 'acknowledged') out.acknowledged += n;
        else out.firing[r.severity] += n;
      }
      return out;
    },

    /** Open alerts per organisation + system, worst first. */
    async groups(actor: Actor, query: AlertListQuery): Promise<AlertGroupPage> {
      const q = filtered(actor, { ...query, view: 'active' });
      const grouped = q
        .select([
          'a.groupKey',
          'a.orgId',
          'o.name as orgName',
          'a.assetId',
          's.name as assetName',
          sql<string>`min(a.severity)`.as('highestSeverity'),
          sql<number>`count(*) filter (where a.status = 'firing' and a.suppression is null)`.as('firing'),
          sql<number>`count(*) filter (where a.status = 'acknowledged' and a.suppression is null)`.as('acknowledged'),
          sql<number>`count(*) filter (where a.suppression is not null)`.as('suppressed'),
          sql<Date>`max(a.last_fired_at)`.as('lastFiredAt'),
          sql<string[]>`(array_agg(a.title order by a.severity, a.last_fired_at desc))[1:5]`.as('titles'),
        ])
        .groupBy(['a.groupKey', 'a.orgId', 'o.name', 'a.assetId', 's.name']);
      const [count, rows] = await Promise.all([
        db.selectFrom(grouped.as('g')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        grouped
          .orderBy(sql`min(a.severity)`)
          .orderBy(sql`max(a.last_fired_at)`, 'desc')
          .orderBy('a.groupKey')
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize)
          .execute(),
      ]);
      return {
        items: rows.map((r) => ({
          groupKey: r.groupKey,
          orgId: r.orgId,
          orgName: r.orgName,
          assetId: r.assetId,
          assetName: r.assetName,
          highestSeverity: r.highestSeverity as AlertSeverity,
          firing: Number(r.firing),
          acknowledged: Number(r.acknowledged),
          suppressed: Number(r.suppressed),
          lastFiredAt: new Date(r.lastFiredAt).toISOString(),
          titles: r.titles,
        })),
        total: Number(count.n),
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    async get(actor: Actor, id: string): Promise<Alert> {
      return presentAlert(await getRow(db, actor, id, 'alert.read'));
    },

    async events(actor: Actor, id: string): Promise<{ items: AlertEvent[] }> {
      await getRow(db, actor, id, 'alert.read');
      const rows = await db
        .selectFrom('alertEvents as e')
        .leftJoin('users as u', 'u.id', 'e.actorId')
        .select(['e.id', 'e.alertId', 'e.kind', 'e.at', 'e.actorId', 'u.displayName as actorName', 'e.details'])
        .where('e.alertId', '=', id)
        .orderBy('e.id')
        .limit(2_000)
        .execute();
      return { items: rows.map((r) => ({ ...r, at: r.at.toISOString() })) };
    },

    /** Acknowledges firing alerts: escalation stops. Alerts already acknowledged or resolved are left as they are. */
    async acknowledge(actor: Actor, ids: readonly string[], comment?: string): Promise<AlertBulkActionResult> {
      return db.transaction().execute(async (trx) => {
        const rows = await lockInScope(trx, actor, ids);
        const now = clock.now();
        const changed = rows.filter((r) => r.status === 'firing');
        if (changed.length) {
          await trx.updateTable('alerts').set({ status: 'acknowledged', acknowledgedAt: now, acknowledgedBy: actor.userId, nextEscalationAt: null, updatedAt: now }).where('id', 'in', changed.map((r) => r.id)).execute();
          for (const r of changed) await event(trx, r.id, 'acknowledged', actor, { via: actor.kind === 'token' ? 'api' : 'ui', ...(comment ? { comment } : {}) });
          await audit.record(trx, subjectOf(actor), { eventType: 'alert.acknowledge', action: 'update', objectType: 'alert', objectId: changed.length === 1 ? changed[0]!.id : null, orgId: changed[0]!.orgId, detail: { ids: changed.map((r) => r.id), comment: comment ?? null } });
        }
        return { changed: changed.length, unchanged: ids.length - changed.length };
      });
    },

    /** Puts acknowledged alerts back to firing; escalation resumes with the next step now. */
    async unacknowledge(actor: Actor, ids: readonly string[]): Promise<AlertBulkActionResult> {
      return db.transaction().execute(async (trx) => {
        const rows = await lockInScope(trx, actor, ids);
        const now = clock.now();
        const changed = rows.filter((r) => r.status === 'acknowledged');
        if (changed.length) {
          await trx.updateTable('alerts').set({ status: 'firing', acknowledgedAt: null, acknowledgedBy: null, updatedAt: now }).where('id', 'in', changed.map((r) => r.id)).execute();
          await trx.updateTable('alerts').set({ nextEscalationAt: now }).where('id', 'in', changed.map((r) => r.id)).where('escalationPolicyId', 'is not', null).where('suppression', 'is', null).execute();
          for (const r of changed) await event(trx, r.id, 'unacknowledged', actor);
          await audit.record(trx, subjectOf(actor), { eventType: 'alert.unacknowledge', action: 'update', objectType: 'alert', objectId: changed.length === 1 ? changed[0]!.id : null, orgId: changed[0]!.orgId, detail: { ids: changed.map((r) => r.id) } });
        }
        return { changed: changed.length, unchanged: ids.length - changed.length };
      });
    },

    /** Resolves open alerts by hand; those notified hear of it. A probe that is still down opens a new alert at its next change. */
    async resolve(actor: Actor, ids: readonly string[], comment?: string): Promise<AlertBulkActionResult> {
      return db.transaction().execute(async (trx) => {
        const rows = await lockInScope(trx, actor, ids);
        const now = clock.now();
        const changed = rows.filter((r) => r.status !== 'resolved');
        for (const r of changed) {
          const alert = await trx.updateTable('alerts').set({ status: 'resolved', resolvedAt: now, resolvedBy: actor.userId, nextEscalationAt: null, updatedAt: now }).where('id', '=', r.id).returningAll().executeTakeFirstOrThrow();
          await event(trx, r.id, 'resolved', actor, { by: 'person', ...(comment ? { comment } : {}) });
          await deps.notifier.resolved(trx, alert, now);
        }
        if (changed.length) await audit.record(trx, subjectOf(actor), { eventType: 'alert.resolve', action: 'update', objectType: 'alert', objectId: changed.length === 1 ? changed[0]!.id : null, orgId: changed[0]!.orgId, detail: { ids: changed.map((r) => r.id), comment: comment ?? null } });
        return { changed: changed.length, unchanged: ids.length - changed.length };
      });
    },

    async comment(actor: Actor, id: string, text: string): Promise<AlertEvent> {
      return db.transaction().execute(async (trx) => {
        const row = await getRow(trx, actor, id, 'alert.respond');
        const at = clock.now();
        const inserted = await trx.insertInto('alertEvents').values({ alertId: id, kind: 'commented', at, actorId: actor.userId, details: JSON.stringify({ text }) }).returning('id').executeTakeFirstOrThrow();
        await audit.record(trx, subjectOf(actor), { eventType: 'alert.comment', action: 'update', objectType: 'alert', objectId: id, orgId: row.orgId, detail: { text } });
        return { id: inserted.id, alertId: id, kind: 'commented', at: at.toISOString(), actorId: actor.userId, actorName: actor.name, details: { text } };
      });
    },

    /** Raises (or resolves) an alert in our own format, as a person or an API client; the same path as every source. */
    async raise(actor: Actor, input: AlertRaiseInput): Promise<Alert> {
      const body = RaiseSchema.parse(input);
      await assertInScope(db, actor, 'alert.respond', body.orgId, 'organisation', body.orgId);
      if (body.assetId) {
        const asset = await db.selectFrom('assets').select('orgId').where('id', '=', body.assetId).executeTakeFirst();
        if (!asset || asset.orgId !== body.orgId) throw invalid('alert.asset_mismatch', 'The asset is not in the organisation', { path: ['assetId'] });
      }
      const id = await db.transaction().execute(async (trx) => {
        const now = clock.now();
        const [change] = await deps.ingest.ingest(trx, [{ ...body, source: 'webhook', probeId: null, at: now, actorId: actor.userId }], now);
        const alertId = change && change.kind !== 'unchanged' ? change.alert.id : null;
        await audit.record(trx, subjectOf(actor), { eventType: body.status === 'resolved' ? 'alert.resolve' : 'alert.raise', action: 'create', objectType: 'alert', objectId: alertId, orgId: body.orgId, detail: { dedupKey: body.dedupKey, severity: body.severity, title: body.title } });
        return alertId;
      });
      if (!id) throw notFound('alert', body.dedupKey);
      return service.get(actor, id);
    },

    /** The page behind an ack link: what the alert is, whether it is still open. Null for a bad or expired token. */
    async byAckToken(token: string): Promise<{ alert: Alert; userId: string | null } | null> {
      const claim = deps.ackLinks.verify(token, clock.now());
      if (!claim) return null;
      const row = await db
        .selectFrom('alerts as a')
        .innerJoin('organisations as o', 'o.id', 'a.orgId')
        .leftJoin('assets as s', 's.id', 'a.assetId')
        .selectAll('a')
        .select(['o.name as orgName', 's.name as assetName'])
        .where('a.id', '=', claim.alertId)
        .executeTakeFirst();
      return row ? { alert: presentAlert(row), userId: claim.userId } : null;
    },

    /** Acknowledges through a signed link, as the person it was sent to (or "link" for a group message). */
    async acknowledgeByToken(token: string, meta: { ip: string | null; userAgent: string | null }): Promise<{ alert: Alert; changed: boolean } | null> {
      const claim = deps.ackLinks.verify(token, clock.now());
      if (!claim) return null;
      return db.transaction().execute(async (trx) => {
        const row = await trx.selectFrom('alerts').selectAll().where('id', '=', claim.alertId).forUpdate().executeTakeFirst();
        if (!row) return null;
        const user = claim.userId ? await trx.selectFrom('users').select(['id', 'displayName']).where('id', '=', claim.userId).executeTakeFirst() : undefined;
        const actor: Actor = { ...systemActor, kind: 'user', userId: user?.id ?? null, name: user?.displayName ?? 'ack link', ip: meta.ip, userAgent: meta.userAgent };
        const changed = row.status === 'firing';
        if (changed) {
          const now = clock.now();
          await trx.updateTable('alerts').set({ status: 'acknowledged', acknowledgedAt: now, acknowledgedBy: user?.id ?? null, nextEscalationAt: null, updatedAt: now }).where('id', '=', row.id).execute();
          await event(trx, row.id, 'acknowledged', actor, { via: 'link' });
          await audit.record(trx, subjectOf(actor), { eventType: 'alert.acknowledge', action: 'update', objectType: 'alert', objectId: row.id, orgId: row.orgId, detail: { via: 'link' } });
        }
        const after = await trx
          .selectFrom('alerts as a')
          .innerJoin('organisations as o', 'o.id', 'a.orgId')
          .leftJoin('assets as s', 's.id', 'a.assetId')
          .selectAll('a')
          .select(['o.name as orgName', 's.name as assetName'])
          .where('a.id', '=', row.id)
          .executeTakeFirstOrThrow();
        return { alert: presentAlert(after), changed };
      });
    },
  };
  return service;
}

export type AlertService = ReturnType<typeof createAlertService>;
