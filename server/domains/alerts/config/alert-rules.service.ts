import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import {
  AlertRuleInput as InputSchema,
  AlertRuleUpdateInput as UpdateSchema,
  type AlertRule,
  type AlertRuleInput,
  type AlertRuleListQuery,
  type AlertRulePage,
  type AlertRuleUpdateInput,
} from '../../../../shared/schemas/alerts.ts';
import { assertInScope, inScope, scopeOf, type Actor } from '../../../platform/actor.ts';
import { subjectOf } from '../../../platform/audit.ts';
import type { Db } from '../../../platform/db.ts';
import type { PlatformDeps } from '../../../platform/deps.ts';
import { conflict, invalid, notFound } from '../../../platform/errors.ts';
import type { AlertRulesTable } from '../alerts.tables.ts';
import { uniqueViolation } from './references.ts';

// Reading threshold rules needs alert.read; changing them, alert.manage.
const READ = 'alert.read';
const MANAGE = 'alert.manage';

type Row = Selectable<AlertRulesTable>;
type ListedRow = Row & { orgName: string };

const present = (r: ListedRow): AlertRule => ({
  id: r.id,
  orgId: r.orgId,
  orgName: r.orgName,
  name: r.name,
  probeId: r.probeId,
  probeKind: r.probeKind,
  metric: r.metric,
  measurementKey: r.measurementKey,
  aggregate: r.aggregate,
  op: r.op,
  threshold: Number(r.threshold),
  windowMinutes: r.windowMinutes,
  minSamples: r.minSamples,
  severity: r.severity,
  isEnabled: r.isEnabled,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

const snapshot = (r: Row) => {
  const { createdAt: _c, updatedAt: _u, ...rest } = r;
  return { ...rest, deletedAt: r.deletedAt?.toISOString() ?? null };
};

const nameTaken = () => conflict('alert_rule.name_taken', 'A rule of this name exists in the organisation');

/** Threshold rules: alerts from what probes measure, e.g. "p95 latency above 800 ms for 5 minutes". */
export function createAlertRuleService({ db, audit, clock }: Pick<PlatformDeps, 'db' | 'audit' | 'clock'>) {
  function listed(d: Db) {
    return d.selectFrom('alertRules as r').innerJoin('organisations as o', 'o.id', 'r.orgId').where('r.deletedAt', 'is', null);
  }

  async function getRow(d: Db, actor: Actor, id: string, permission: typeof READ | typeof MANAGE): Promise<ListedRow> {
    const row = await listed(d).selectAll('r').select('o.name as orgName').where('r.id', '=', id).where(inScope(scopeOf(actor, permission), 'r.org_id', actor)).executeTakeFirst();
    if (!row) throw notFound('alert_rule', id);
    return row;
  }

  /** A rule's probe must be a live probe of the rule's organisation or one under it. */
  async function assertProbe(d: Db, orgId: string, probeId: string | null) {
    if (!probeId) return;
    const probe = await d
      .selectFrom('probes as p')
      .innerJoin('organisations as o', 'o.id', 'p.orgId')
      .select('p.id')
      .where('p.id', '=', probeId)
      .where('p.deletedAt', 'is', null)
      .where(sql<boolean>`${orgId}::uuid = any(o.ancestor_ids)`)
      .executeTakeFirst();
    if (!probe) throw invalid('alert_rule.unknown_probe', 'The probe does not exist in the organisation', [{ path: ['body', 'probeId'], id: probeId }]);
  }

  return {
    async list(actor: Actor, query: AlertRuleListQuery): Promise<AlertRulePage> {
      let q = listed(db).where(inScope(scopeOf(actor, READ), 'r.org_id', actor, query.orgId));
      if (query.probeId) q = q.where('r.probeId', '=', query.probeId);
      if (query.q) q = q.where('r.name', 'ilike', `%${query.q}%`);
      const [count, rows] = await Promise.all([
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        q.selectAll('r').select('o.name as orgName').orderBy('r.name').orderBy('r.id').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute(),
      ]);
      return { items: rows.map(present), total: Number(count.n), page: query.page, pageSize: query.pageSize };
    },

    async get(actor: Actor, id: string): Promise<AlertRule> {
      return present(await getRow(db, actor, id, READ));
    },

    async create(actor: Actor, input: AlertRuleInput): Promise<AlertRule> {
      const body = InputSchema.parse(input);
      await assertInScope(db, actor, MANAGE, body.orgId, 'organisation', body.orgId);
      await assertProbe(db, body.orgId, body.probeId);
      const now = clock.now();
      const { orgId, ...fields } = body;
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('alertRules')
          .values({ orgId, ...fields, measurementKey: body.metric === 'measurement' ? body.measurementKey : null, createdAt: now, updatedAt: now, deletedAt: null })
          .returningAll()
          .executeTakeFirstOrThrow()
          .catch((e) => uniqueViolation(e, nameTaken));
        await audit.record(trx, subjectOf(actor), { eventType: 'alert_rule.create', action: 'create', objectType: 'alert_rule', objectId: row.id, orgId, detail: { after: snapshot(row) } });
        return present(await getRow(trx, actor, row.id, MANAGE));
      });
    },

    async update(actor: Actor, id: string, input: AlertRuleUpdateInput): Promise<AlertRule> {
      const before = await getRow(db, actor, id, MANAGE);
      const body = UpdateSchema.parse(input);
      const merged = InputSchema.safeParse({ ...present(before), ...body });
      if (!merged.success) throw invalid('validation', 'Some fields are invalid', merged.error.issues.map((i) => ({ path: ['body', ...i.path], message: i.message })));
      if (body.probeId !== undefined) await assertProbe(db, before.orgId, body.probeId);
      return db.transaction().execute(async (trx) => {
        const after = await trx
          .updateTable('alertRules')
          .set({ ...body, ...(merged.data.metric !== 'measurement' ? { measurementKey: null } : {}), updatedAt: clock.now() })
          .where('id', '=', id)
          .where('deletedAt', 'is', null)
          .returningAll()
          .executeTakeFirst()
          .catch((e) => uniqueViolation(e, nameTaken));
        if (!after) throw notFound('alert_rule', id);
        await audit.record(trx, subjectOf(actor), { eventType: 'alert_rule.update', action: 'update', objectType: 'alert_rule', objectId: id, orgId: before.orgId, detail: { before: snapshot(before), after: snapshot(after) } });
        return present({ ...after, orgName: before.orgName });
      });
    },

    /** Soft delete; the rule's open alerts resolve at the next evaluation. */
    async remove(actor: Actor, id: string): Promise<void> {
      const before = await getRow(db, actor, id, MANAGE);
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('alertRules').set({ deletedAt: clock.now() }).where('id', '=', id).execute();
        await audit.record(trx, subjectOf(actor), { eventType: 'alert_rule.delete', action: 'delete', objectType: 'alert_rule', objectId: id, orgId: before.orgId, detail: { before: snapshot(before) } });
      });
    },
  };
}

export type AlertRuleService = ReturnType<typeof createAlertRuleService>;
