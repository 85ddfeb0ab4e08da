import type { Selectable } from 'kysely';
import {
  EscalationPolicyInput as InputSchema,
  EscalationPolicyUpdateInput as UpdateSchema,
  type EscalationPolicy,
  type EscalationPolicyInput,
  type EscalationPolicyListQuery,
  type EscalationPolicyPage,
  type EscalationPolicyUpdateInput,
  type EscalationStep,
} from '../../../../shared/schemas/alerts.ts';
import { assertInScope, inScope, scopeOf, type Actor } from '../../../platform/actor.ts';
import { subjectOf } from '../../../platform/audit.ts';
import type { Db } from '../../../platform/db.ts';
import type { PlatformDeps } from '../../../platform/deps.ts';
import { conflict, notFound } from '../../../platform/errors.ts';
import type { EscalationPoliciesTable } from '../alerts.tables.ts';
import { assertReferences, uniqueViolation, type Reference } from './references.ts';

// Reading policies needs alert.read; changing them, alert.manage.
const READ = 'alert.read';
const MANAGE = 'alert.manage';

type Row = Selectable<EscalationPoliciesTable>;
type ListedRow = Row & { orgName: string };

const present = (r: ListedRow): EscalationPolicy => ({
  id: r.id,
  orgId: r.orgId,
  orgName: r.orgName,
  name: r.name,
  description: r.description,
  steps: r.steps,
  repeat: r.repeat,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

const snapshot = (r: Row) => ({ name: r.name, description: r.description, steps: r.steps, repeat: r.repeat, deletedAt: r.deletedAt?.toISOString() ?? null });

const nameTaken = () => conflict('escalation_policy.name_taken', 'An escalation policy of this name exists in the organisation');

/** Every channel, schedule and user the steps name, with its place in the body. */
function stepReferences(steps: EscalationStep[]): Reference[] {
  return steps.flatMap((step, i) =>
    step.targets.flatMap((t, j): Reference[] => {
      const at = ['body', 'steps', i, 'targets', j];
      if (t.kind === 'channel') return [{ kind: 'channel', id: t.channelId, path: [...at, 'channelId'] }];
      const via = t.via.map((id, k): Reference => ({ kind: 'channel', id, path: [...at, 'via', k] }));
      return t.kind === 'schedule' ? [{ kind: 'schedule', id: t.scheduleId, path: [...at, 'scheduleId'] }, ...via] : [{ kind: 'user', id: t.userId, path: [...at, 'userId'] }, ...via];
    }),
  );
}

/** Escalation policies: who hears about an unacknowledged alert, step after step, until someone acknowledges. */
export function createEscalationPolicyService({ db, audit, clock }: Pick<PlatformDeps, 'db' | 'audit' | 'clock'>) {
  function listed(d: Db) {
    return d.selectFrom('escalationPolicies as p').innerJoin('organisations as o', 'o.id', 'p.orgId').where('p.deletedAt', 'is', null);
  }

  async function getRow(d: Db, actor: Actor, id: string, permission: typeof READ | typeof MANAGE): Promise<ListedRow> {
    const row = await listed(d).selectAll('p').select('o.name as orgName').where('p.id', '=', id).where(inScope(scopeOf(actor, permission), 'p.org_id', actor)).executeTakeFirst();
    if (!row) throw notFound('escalation_policy', id);
    return row;
  }

  return {
    /** Policies of the caller's organisations, by name, filtered and paged. */
    async list(actor: Actor, query: EscalationPolicyListQuery): Promise<EscalationPolicyPage> {
      let q = listed(db).where(inScope(scopeOf(actor, READ), 'p.org_id', actor, query.orgId));
      if (query.q) q = q.where('p.name', 'ilike', `%${query.q}%`);
      const [count, rows] = await Promise.all([
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        q.selectAll('p').select('o.name as orgName').orderBy('p.name').orderBy('p.id').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute(),
      ]);
      return { items: rows.map(present), total: Number(count.n), page: query.page, pageSize: query.pageSize };
    },

    /** One policy in the caller's scope; any other is 404. */
    async get(actor: Actor, id: string): Promise<EscalationPolicy> {
      return present(await getRow(db, actor, id, READ));
    },

    /** Adds a policy after checking every channel, schedule and person its steps name. */
    async create(actor: Actor, input: EscalationPolicyInput): Promise<EscalationPolicy> {
      const body = InputSchema.parse(input);
      await assertInScope(db, actor, MANAGE, body.orgId, 'organisation', body.orgId);
      await assertReferences(db, actor, body.orgId, stepReferences(body.steps), 'escalation_policy.unknown_reference', clock.now());
      const now = clock.now();
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('escalationPolicies')
          .values({ orgId: body.orgId, name: body.name, description: body.description, steps: JSON.stringify(body.steps), repeat: body.repeat, createdAt: now, updatedAt: now, deletedAt: null })
          .returningAll()
          .executeTakeFirstOrThrow()
          .catch((e) => uniqueViolation(e, nameTaken));
        await audit.record(trx, subjectOf(actor), { eventType: 'escalation_policy.create', action: 'create', objectType: 'escalation_policy', objectId: row.id, orgId: body.orgId, detail: { after: snapshot(row) } });
        return present(await getRow(trx, actor, row.id, MANAGE));
      });
    },

    /** Changes a policy; new steps are checked like on create. */
    async update(actor: Actor, id: string, input: EscalationPolicyUpdateInput): Promise<EscalationPolicy> {
      const before = await getRow(db, actor, id, MANAGE);
      const body = UpdateSchema.parse(input);
      if (body.steps) await assertReferences(db, actor, before.orgId, stepReferences(body.steps), 'escalation_policy.unknown_reference', clock.now());
      return db.transaction().execute(async (trx) => {
        const after = await trx
          .updateTable('escalationPolicies')
          .set({
            ...(body.name !== undefined ? { name: body.name } : {}),
            ...(body.description !== undefined ? { description: body.description } : {}),
            ...(body.steps !== undefined ? { steps: JSON.stringify(body.steps) } : {}),
            ...(body.repeat !== undefined ? { repeat: body.repeat } : {}),
            updatedAt: clock.now(),
          })
          .where('id', '=', id)
          .where('deletedAt', 'is', null)
          .returningAll()
          .executeTakeFirst()
          .catch((e) => uniqueViolation(e, nameTaken));
        if (!after) throw notFound('escalation_policy', id);
        await audit.record(trx, subjectOf(actor), { eventType: 'escalation_policy.update', action: 'update', objectType: 'escalation_policy', objectId: id, orgId: before.orgId, detail: { before: snapshot(before), after: snapshot(after) } });
        return present({ ...after, orgName: before.orgName });
      });
    },

    /** Soft delete; refused (409, naming them) while a route escalates through this policy. */
    async remove(actor: Actor, id: string): Promise<void> {
      const before = await getRow(db, actor, id, MANAGE);
      await db.transaction().execute(async (trx) => {
        const routes = await trx.selectFrom('alertRoutes').select(['id', 'name']).where('escalationPolicyId', '=', id).where('deletedAt', 'is', null).orderBy('name').execute();
        if (routes.length) throw conflict('escalation_policy.in_use', `The escalation policy is used by ${routes.length} route(s)`, { routes });
        const row = await trx.updateTable('escalationPolicies').set({ deletedAt: clock.now() }).where('id', '=', id).where('deletedAt', 'is', null).returning('id').executeTakeFirst();
        if (!row) throw notFound('escalation_policy', id);
        await audit.record(trx, subjectOf(actor), { eventType: 'escalation_policy.delete', action: 'delete', objectType: 'escalation_policy', objectId: id, orgId: before.orgId, detail: { before: snapshot(before) } });
      });
    },
  };
}

export type EscalationPolicyService = ReturnType<typeof createEscalationPolicyService>;
