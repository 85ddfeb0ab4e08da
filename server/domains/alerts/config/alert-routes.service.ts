import type { Selectable } from 'kysely';
import {
  AlertRouteInput as InputSchema,
  AlertRouteUpdateInput as UpdateSchema,
  RouteTestInput as TestSchema,
  type AlertRoute,
  type AlertRouteConditions,
  type AlertRouteInput,
  type AlertRouteListQuery,
  type AlertRoutePage,
  type AlertRouteUpdateInput,
  type RouteTestInput,
  type RouteTestResult,
} from '../../../../shared/schemas/alerts.ts';
import { assertInScope, inScope, scopeOf, type Actor } from '../../../platform/actor.ts';
import { subjectOf } from '../../../platform/audit.ts';
import type { Db } from '../../../platform/db.ts';
import type { PlatformDeps } from '../../../platform/deps.ts';
import { notFound } from '../../../platform/errors.ts';
import type { AlertRoutesTable } from '../alerts.tables.ts';
import { builtInLabels, loadFacts } from '../store/facts.ts';
import { assertReferences, type Reference } from './references.ts';
import { selectRoutes } from './routing.ts';

// Reading and testing routes needs alert.read; changing them, alert.manage.
const READ = 'alert.read';
const MANAGE = 'alert.manage';

type Row = Selectable<AlertRoutesTable>;
type ListedRow = Row & { orgName: string };

const present = (r: ListedRow): AlertRoute => ({
  id: r.id,
  orgId: r.orgId,
  orgName: r.orgName,
  name: r.name,
  position: r.position,
  conditions: r.conditions,
  channelIds: r.channelIds,
  escalationPolicyId: r.escalationPolicyId,
  notifyResolved: r.notifyResolved,
  isContinue: r.isContinue,
  isEnabled: r.isEnabled,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

const snapshot = (r: Row) => ({
  name: r.name,
  position: r.position,
  conditions: r.conditions,
  channelIds: r.channelIds,
  escalationPolicyId: r.escalationPolicyId,
  notifyResolved: r.notifyResolved,
  isContinue: r.isContinue,
  isEnabled: r.isEnabled,
  deletedAt: r.deletedAt?.toISOString() ?? null,
});

/** Every channel, policy and calendar a route names, with its place in the body. */
function routeReferences(r: { channelIds?: string[]; escalationPolicyId?: string | null; conditions?: AlertRouteConditions }): Reference[] {
  return [
    ...(r.channelIds ?? []).map((id, i): Reference => ({ kind: 'channel', id, path: ['body', 'channelIds', i] })),
    ...(r.escalationPolicyId ? [{ kind: 'policy' as const, id: r.escalationPolicyId, path: ['body', 'escalationPolicyId'] }] : []),
    ...(r.conditions?.calendarId ? [{ kind: 'calendar' as const, id: r.conditions.calendarId, path: ['body', 'conditions', 'calendarId'] }] : []),
  ];
}

/** Alert routes: which alerts go to which channels and escalation policy, tried in position order. */
export function createAlertRouteService({ db, audit, clock }: Pick<PlatformDeps, 'db' | 'audit' | 'clock'>) {
  function listed(d: Db) {
    return d.selectFrom('alertRoutes as r').innerJoin('organisations as o', 'o.id', 'r.orgId').where('r.deletedAt', 'is', null);
  }

  async function getRow(d: Db, actor: Actor, id: string, permission: typeof READ | typeof MANAGE): Promise<ListedRow> {
    const row = await listed(d).selectAll('r').select('o.name as orgName').where('r.id', '=', id).where(inScope(scopeOf(actor, permission), 'r.org_id', actor)).executeTakeFirst();
    if (!row) throw notFound('alert_route', id);
    return row;
  }

  return {
    /** Routes of the caller's organisations in the order they are tried: position, then name. */
    async list(actor: Actor, query: AlertRouteListQuery): Promise<AlertRoutePage> {
      let q = listed(db).where(inScope(scopeOf(actor, READ), 'r.org_id', actor, query.orgId));
      if (query.q) q = q.where('r.name', 'ilike', `%${query.q}%`);
      const [count, rows] = await Promise.all([
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        q.selectAll('r').select('o.name as orgName').orderBy('r.position').orderBy('r.name').orderBy('r.id').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute(),
      ]);
      return { items: rows.map(present), total: Number(count.n), page: query.page, pageSize: query.pageSize };
    },

    /** One route in the caller's scope; any other is 404. */
    async get(actor: Actor, id: string): Promise<AlertRoute> {
      return present(await getRow(db, actor, id, READ));
    },

    /** Adds a route after checking its channels, escalation policy and calendar. */
    async create(actor: Actor, input: AlertRouteInput): Promise<AlertRoute> {
      const body = InputSchema.parse(input);
      await assertInScope(db, actor, MANAGE, body.orgId, 'organisation', body.orgId);
      await assertReferences(db, actor, body.orgId, routeReferences(body), 'alert_route.unknown_reference', clock.now());
      const now = clock.now();
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('alertRoutes')
          .values({
            orgId: body.orgId,
            name: body.name,
            position: body.position,
            conditions: JSON.stringify(body.conditions),
            channelIds: body.channelIds,
            escalationPolicyId: body.escalationPolicyId,
            notifyResolved: body.notifyResolved,
            isContinue: body.isContinue,
            isEnabled: body.isEnabled,
            createdAt: now,
            updatedAt: now,
            deletedAt: null,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await audit.record(trx, subjectOf(actor), { eventType: 'alert_route.create', action: 'create', objectType: 'alert_route', objectId: row.id, orgId: body.orgId, detail: { after: snapshot(row) } });
        return present(await getRow(trx, actor, row.id, MANAGE));
      });
    },

    /** Changes a route; the references it is given are checked like on create. */
    async update(actor: Actor, id: string, input: AlertRouteUpdateInput): Promise<AlertRoute> {
      const before = await getRow(db, actor, id, MANAGE);
      const body = UpdateSchema.parse(input);
      // Only what changes is checked: a route keeps working if a channel it already had was moved since.
      const isNewCalendar = body.conditions !== undefined && body.conditions.calendarId !== before.conditions.calendarId;
      await assertReferences(
        db,
        actor,
        before.orgId,
        routeReferences({
          channelIds: body.channelIds?.filter((c) => !before.channelIds.includes(c)),
          escalationPolicyId: body.escalationPolicyId !== before.escalationPolicyId ? body.escalationPolicyId : null,
          conditions: isNewCalendar ? body.conditions : undefined,
        }),
        'alert_route.unknown_reference',
        clock.now(),
      );
      return db.transaction().execute(async (trx) => {
        const after = await trx
          .updateTable('alertRoutes')
          .set({
            ...(body.name !== undefined ? { name: body.name } : {}),
            ...(body.position !== undefined ? { position: body.position } : {}),
            ...(body.conditions !== undefined ? { conditions: JSON.stringify(body.conditions) } : {}),
            ...(body.channelIds !== undefined ? { channelIds: body.channelIds } : {}),
            ...(body.escalationPolicyId !== undefined ? { escalationPolicyId: body.escalationPolicyId } : {}),
            ...(body.notifyResolved !== undefined ? { notifyResolved: body.notifyResolved } : {}),
            ...(body.isContinue !== undefined ? { isContinue: body.isContinue } : {}),
            ...(body.isEnabled !== undefined ? { isEnabled: body.isEnabled } : {}),
            updatedAt: clock.now(),
          })
          .where('id', '=', id)
          .where('deletedAt', 'is', null)
          .returningAll()
          .executeTakeFirst();
        if (!after) throw notFound('alert_route', id);
        await audit.record(trx, subjectOf(actor), { eventType: 'alert_route.update', action: 'update', objectType: 'alert_route', objectId: id, orgId: before.orgId, detail: { before: snapshot(before), after: snapshot(after) } });
        return present({ ...after, orgName: before.orgName });
      });
    },

    /** Soft delete; alerts already routed keep their route id for the record. */
    async remove(actor: Actor, id: string): Promise<void> {
      const before = await getRow(db, actor, id, MANAGE);
      await db.transaction().execute(async (trx) => {
        const row = await trx.updateTable('alertRoutes').set({ deletedAt: clock.now() }).where('id', '=', id).where('deletedAt', 'is', null).returning('id').executeTakeFirst();
        if (!row) throw notFound('alert_route', id);
        await audit.record(trx, subjectOf(actor), { eventType: 'alert_route.delete', action: 'delete', objectType: 'alert_route', objectId: id, orgId: before.orgId, detail: { before: snapshot(before) } });
      });
    },

    /**
     * "Which routes would this alert take?" — the engine's own selection (selectRoutes) on facts built like the
     * store builds them: the organisation path, the asset's kind and importance, and the built-in labels.
     */
    async test(actor: Actor, input: RouteTestInput): Promise<RouteTestResult> {
      const body = TestSchema.parse(input);
      await assertInScope(db, actor, READ, body.orgId, 'organisation', body.orgId);
      if (body.assetId) {
        const asset = await db.selectFrom('assets').select('orgId').where('id', '=', body.assetId).executeTakeFirst();
        await assertInScope(db, actor, READ, asset?.orgId ?? null, 'asset', body.assetId);
        if (!asset) throw notFound('asset', body.assetId);
      }
      const book = await loadFacts(db, { orgIds: [body.orgId], assetIds: body.assetId ? [body.assetId] : [], probeIds: [] });
      const org = book.orgs.get(body.orgId);
      if (!org) throw notFound('organisation', body.orgId);
      const asset = body.assetId ? book.assets.get(body.assetId) : undefined;
      const labels = builtInLabels(book, { orgId: body.orgId, assetId: body.assetId, probeId: null, severity: body.severity, source: body.source }, body.labels);
      const at = body.at ? new Date(body.at) : clock.now();
      const selection = await selectRoutes(
        db,
        body.orgId,
        { orgPath: org.path, severity: body.severity, source: body.source, assetKind: asset?.kindKey ?? null, isCore: asset?.importance === 'core', labels },
        at,
      );
      return { routes: selection.routes.map((r) => ({ id: r.id, name: r.name })), isBusinessHours: selection.isBusinessHours };
    },
  };
}

export type AlertRouteService = ReturnType<typeof createAlertRouteService>;
