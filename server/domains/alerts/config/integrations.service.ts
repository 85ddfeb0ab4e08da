import type { Selectable } from 'kysely';
import {
  AlertIntegrationInput as InputSchema,
  AlertIntegrationUpdateInput as UpdateSchema,
  type AlertIntegration,
  type AlertIntegrationInput,
  type AlertIntegrationListQuery,
  type AlertIntegrationPage,
  type AlertIntegrationUpdateInput,
} from '../../../../shared/schemas/alerts.ts';
import { assertInScope, inScope, scopeOf, type Actor } from '../../../platform/actor.ts';
import { subjectOf } from '../../../platform/audit.ts';
import type { Db } from '../../../platform/db.ts';
import type { PlatformDeps } from '../../../platform/deps.ts';
import { conflict, notFound } from '../../../platform/errors.ts';
import type { AlertIntegrationsTable } from '../alerts.tables.ts';
import { uniqueViolation } from './references.ts';

// Reading integrations needs alert.read; changing them, alert.manage.
const READ = 'alert.read';
const MANAGE = 'alert.manage';

type Row = Selectable<AlertIntegrationsTable>;
type ListedRow = Row & { orgName: string };

/** Where an inbound source posts: POST with `Authorization: Bearer <API token holding alert.ingest>`. */
export const inboundEndpoint = (id: string) => `/api/alerts/inbound/${id}`;

const present = (r: ListedRow): AlertIntegration => ({
  id: r.id,
  orgId: r.orgId,
  orgName: r.orgName,
  name: r.name,
  kind: r.kind,
  config: r.config,
  isEnabled: r.isEnabled,
  endpoint: inboundEndpoint(r.id),
  lastReceivedAt: r.lastReceivedAt?.toISOString() ?? null,
  receivedCount: Number(r.receivedCount),
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

const snapshot = (r: Row) => ({ name: r.name, kind: r.kind, config: r.config, isEnabled: r.isEnabled, deletedAt: r.deletedAt?.toISOString() ?? null });

const nameTaken = () => conflict('alert_integration.name_taken', 'An integration of this name exists in the organisation');

/** Inbound integrations: Alertmanager, Zabbix or any JSON webhook posting alerts into one organisation. */
export function createAlertIntegrationService({ db, audit, clock }: Pick<PlatformDeps, 'db' | 'audit' | 'clock'>) {
  function listed(d: Db) {
    return d.selectFrom('alertIntegrations as i').innerJoin('organisations as o', 'o.id', 'i.orgId').where('i.deletedAt', 'is', null);
  }

  async function getRow(d: Db, actor: Actor, id: string, permission: typeof READ | typeof MANAGE): Promise<ListedRow> {
    const row = await listed(d).selectAll('i').select('o.name as orgName').where('i.id', '=', id).where(inScope(scopeOf(actor, permission), 'i.org_id', actor)).executeTakeFirst();
    if (!row) throw notFound('alert_integration', id);
    return row;
  }

  return {
    /** Integrations of the caller's organisations, by name, filtered and paged. */
    async list(actor: Actor, query: AlertIntegrationListQuery): Promise<AlertIntegrationPage> {
      let q = listed(db).where(inScope(scopeOf(actor, READ), 'i.org_id', actor, query.orgId));
      if (query.kind) q = q.where('i.kind', '=', query.kind);
      if (query.q) q = q.where('i.name', 'ilike', `%${query.q}%`);
      const [count, rows] = await Promise.all([
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        q.selectAll('i').select('o.name as orgName').orderBy('i.name').orderBy('i.id').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute(),
      ]);
      return { items: rows.map(present), total: Number(count.n), page: query.page, pageSize: query.pageSize };
    },

    /** One integration in the caller's scope; any other is 404. */
    async get(actor: Actor, id: string): Promise<AlertIntegration> {
      return present(await getRow(db, actor, id, READ));
    },

    /** Adds an integration; its kind is its config's kind. */
    async create(actor: Actor, input: AlertIntegrationInput): Promise<AlertIntegration> {
      const body = InputSchema.parse(input);
      await assertInScope(db, actor, MANAGE, body.orgId, 'organisation', body.orgId);
      const now = clock.now();
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('alertIntegrations')
          .values({ orgId: body.orgId, name: body.name, kind: body.config.kind, config: JSON.stringify(body.config), isEnabled: body.isEnabled, lastReceivedAt: null, createdAt: now, updatedAt: now, deletedAt: null })
          .returningAll()
          .executeTakeFirstOrThrow()
          .catch((e) => uniqueViolation(e, nameTaken));
        await audit.record(trx, subjectOf(actor), { eventType: 'alert_integration.create', action: 'create', objectType: 'alert_integration', objectId: row.id, orgId: body.orgId, detail: { after: snapshot(row) } });
        return present(await getRow(trx, actor, row.id, MANAGE));
      });
    },

    /** Changes name, config (and with it the kind) or whether it accepts alerts. */
    async update(actor: Actor, id: string, input: AlertIntegrationUpdateInput): Promise<AlertIntegration> {
      const before = await getRow(db, actor, id, MANAGE);
      const body = UpdateSchema.parse(input);
      return db.transaction().execute(async (trx) => {
        const after = await trx
          .updateTable('alertIntegrations')
          .set({
            ...(body.name !== undefined ? { name: body.name } : {}),
            ...(body.config !== undefined ? { kind: body.config.kind, config: JSON.stringify(body.config) } : {}),
            ...(body.isEnabled !== undefined ? { isEnabled: body.isEnabled } : {}),
            updatedAt: clock.now(),
          })
          .where('id', '=', id)
          .where('deletedAt', 'is', null)
          .returningAll()
          .executeTakeFirst()
          .catch((e) => uniqueViolation(e, nameTaken));
        if (!after) throw notFound('alert_integration', id);
        await audit.record(trx, subjectOf(actor), { eventType: 'alert_integration.update', action: 'update', objectType: 'alert_integration', objectId: id, orgId: before.orgId, detail: { before: snapshot(before), after: snapshot(after) } });
        return present({ ...after, orgName: before.orgName });
      });
    },

    /** Soft delete: the name is free again, and the inbound endpoint is to treat the integration as unknown. */
    async remove(actor: Actor, id: string): Promise<void> {
      const before = await getRow(db, actor, id, MANAGE);
      await db.transaction().execute(async (trx) => {
        const row = await trx.updateTable('alertIntegrations').set({ deletedAt: clock.now() }).where('id', '=', id).where('deletedAt', 'is', null).returning('id').executeTakeFirst();
        if (!row) throw notFound('alert_integration', id);
        await audit.record(trx, subjectOf(actor), { eventType: 'alert_integration.delete', action: 'delete', objectType: 'alert_integration', objectId: id, orgId: before.orgId, detail: { before: snapshot(before) } });
      });
    },
  };
}

export type AlertIntegrationService = ReturnType<typeof createAlertIntegrationService>;
