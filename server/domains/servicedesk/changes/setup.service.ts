/**
 * What the change board sets up (change.approve): freeze periods (封网期 — no change of the organisation or its subtree
 * may be scheduled into one, except an emergency change) and the templates standard changes follow (标准变更模板).
 * Both are readable by the desk (ticket.read) in scope and from above it.
 */
import {
  ChangeTemplateInput as TemplateSchema,
  type ChangeTemplate,
  type ChangeTemplateInput,
  type ChangeTemplateListQuery,
  type ChangeTemplatePage,
  type ChangeTemplateUpdateInput,
  type FreezePeriod,
  type FreezePeriodInput,
  type FreezePeriodListQuery,
  type FreezePeriodPage,
  type FreezePeriodUpdateInput,
} from '../../../../shared/schemas/servicedesk-itil.ts';
import { assertInScope, inScope, scopeOf, type Actor } from '../../../platform/actor.ts';
import { subjectOf } from '../../../platform/audit.ts';
import type { Db } from '../../../platform/db.ts';
import type { PlatformDeps } from '../../../platform/deps.ts';
import { conflict, invalid, notFound } from '../../../platform/errors.ts';
import { inScopeOrAbove, READ } from '../itil.ts';
import { freezeRows, presentFreeze } from './conflicts.ts';

const BOARD = 'change.approve';
const MAX_FREEZE_MS = 366 * 86_400_000;

const freezeSnapshot = (f: { startsAt: Date; endsAt: Date; reason: string }) => ({ startsAt: f.startsAt.toISOString(), endsAt: f.endsAt.toISOString(), reason: f.reason });

/** Freeze periods of organisations. */
export function createFreezePeriodService({ db, audit, clock }: Pick<PlatformDeps, 'db' | 'audit' | 'clock'>) {
  async function get(d: Db, actor: Actor, id: string): Promise<FreezePeriod> {
    const row = await freezeRows(d).where('f.id', '=', id).executeTakeFirst();
    if (!row) throw notFound('change_freeze', id);
    await assertInScope(d, actor, BOARD, row.orgId, 'change_freeze', id);
    return presentFreeze(row);
  }

  return {
    /** Freezes in scope and above it (those that apply to the caller's changes), optionally overlapping [from, to). */
    async list(actor: Actor, query: FreezePeriodListQuery): Promise<FreezePeriodPage> {
      let q = db.selectFrom('changeFreezePeriods as f').where(query.orgId ? inScope(scopeOf(actor, READ), 'f.org_id', actor, query.orgId) : inScopeOrAbove(actor, READ, 'f.org_id'));
      if (query.from) q = q.where('f.endsAt', '>', new Date(query.from));
      if (query.to) q = q.where('f.startsAt', '<', new Date(query.to));
      const [count, rows] = await Promise.all([
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        q
          .innerJoin('organisations as o', 'o.id', 'f.orgId')
          .select(['f.id', 'f.orgId', 'o.name as orgName', 'f.startsAt', 'f.endsAt', 'f.reason', 'f.createdAt', 'f.updatedAt'])
          .orderBy('f.startsAt', 'desc')
          .orderBy('f.id')
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize)
          .execute(),
      ]);
      return { items: rows.map(presentFreeze), total: Number(count.n), page: query.page, pageSize: query.pageSize };
    },

    async create(actor: Actor, input: FreezePeriodInput): Promise<FreezePeriod> {
      await assertInScope(db, actor, BOARD, input.orgId, 'organisation', input.orgId);
      const id = await db.transaction().execute(async (trx) => {
        const now = clock.now();
        const row = await trx
          .insertInto('changeFreezePeriods')
          .values({ orgId: input.orgId, startsAt: new Date(input.startsAt), endsAt: new Date(input.endsAt), reason: input.reason, createdBy: actor.userId, createdAt: now, updatedAt: now })
          .returningAll()
          .executeTakeFirstOrThrow();
        await audit.record(trx, subjectOf(actor), { eventType: 'change_freeze.create', action: 'create', objectType: 'change_freeze', objectId: row.id, orgId: row.orgId, detail: { after: freezeSnapshot(row) } });
        return row.id;
      });
      return get(db, actor, id);
    },

    async update(actor: Actor, id: string, input: FreezePeriodUpdateInput): Promise<FreezePeriod> {
      await db.transaction().execute(async (trx) => {
        const before = await trx.selectFrom('changeFreezePeriods').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
        if (!before) throw notFound('change_freeze', id);
        await assertInScope(trx, actor, BOARD, before.orgId, 'change_freeze', id);
        const startsAt = input.startsAt ? new Date(input.startsAt) : before.startsAt;
        const endsAt = input.endsAt ? new Date(input.endsAt) : before.endsAt;
        if (endsAt <= startsAt || endsAt.getTime() - startsAt.getTime() > MAX_FREEZE_MS) {
          throw invalid('change_freeze.bad_period', 'A freeze ends after it starts and lasts at most a year', [{ path: ['body', 'endsAt'], message: 'after the start, at most a year', code: 'bad_period' }]);
        }
        const after = await trx
          .updateTable('changeFreezePeriods')
          .set({ startsAt, endsAt, ...(input.reason !== undefined ? { reason: input.reason } : {}), updatedAt: clock.now() })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await audit.record(trx, subjectOf(actor), { eventType: 'change_freeze.update', action: 'update', objectType: 'change_freeze', objectId: id, orgId: before.orgId, detail: { before: freezeSnapshot(before), after: freezeSnapshot(after) } });
      });
      return get(db, actor, id);
    },

    async remove(actor: Actor, id: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const before = await trx.selectFrom('changeFreezePeriods').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
        if (!before) throw notFound('change_freeze', id);
        await assertInScope(trx, actor, BOARD, before.orgId, 'change_freeze', id);
        await trx.deleteFrom('changeFreezePeriods').where('id', '=', id).execute();
        await audit.record(trx, subjectOf(actor), { eventType: 'change_freeze.delete', action: 'delete', objectType: 'change_freeze', objectId: id, orgId: before.orgId, detail: { before: freezeSnapshot(before) } });
      });
    },
  };
}

export type FreezePeriodService = ReturnType<typeof createFreezePeriodService>;

type TemplateRow = { id: string; orgId: string; orgName: string; name: string; description: string; steps: Array<{ title: string; detail?: string }>; rollbackPlan: string; verificationPlan: string; createdAt: Date; updatedAt: Date };
const presentTemplate = (r: TemplateRow): ChangeTemplate => ({
  id: r.id,
  orgId: r.orgId,
  orgName: r.orgName,
  name: r.name,
  description: r.description,
  steps: r.steps.map((s) => ({ title: s.title, detail: s.detail ?? '' })),
  rollbackPlan: r.rollbackPlan,
  verificationPlan: r.verificationPlan,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});
const templateSnapshot = (r: Pick<TemplateRow, 'name' | 'description' | 'steps' | 'rollbackPlan' | 'verificationPlan'>) => ({ name: r.name, description: r.description, steps: r.steps.length, rollbackPlan: r.rollbackPlan, verificationPlan: r.verificationPlan });

function nameTaken(e: unknown): never {
  if ((e as { code?: string }).code === '23505') throw conflict('change_template.name_taken', 'A template of this name exists in the organisation');
  throw e;
}

/** Standard change templates. */
export function createChangeTemplateService({ db, audit, clock }: Pick<PlatformDeps, 'db' | 'audit' | 'clock'>) {
  const rows = (d: Db) =>
    d
      .selectFrom('changeTemplates as t')
      .innerJoin('organisations as o', 'o.id', 't.orgId')
      .where('t.deletedAt', 'is', null)
      .select(['t.id', 't.orgId', 'o.name as orgName', 't.name', 't.description', 't.steps', 't.rollbackPlan', 't.verificationPlan', 't.createdAt', 't.updatedAt']);

  /** A template the actor may read (in scope or above it); with `manage`, one the actor's change board scope holds. */
  async function getRow(d: Db, actor: Actor, id: string, manage: boolean): Promise<TemplateRow> {
    const row = await rows(d).where('t.id', '=', id).where(manage ? inScope(scopeOf(actor, BOARD), 't.org_id', actor) : inScopeOrAbove(actor, READ, 't.org_id')).executeTakeFirst();
    if (!row) throw notFound('change_template', id);
    return row;
  }

  return {
    async list(actor: Actor, query: ChangeTemplateListQuery): Promise<ChangeTemplatePage> {
      let q = db.selectFrom('changeTemplates as t').where('t.deletedAt', 'is', null).where(query.orgId ? inScope(scopeOf(actor, READ), 't.org_id', actor, query.orgId) : inScopeOrAbove(actor, READ, 't.org_id'));
      if (query.q) q = q.where('t.name', 'ilike', `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      const [count, items] = await Promise.all([
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        rows(db)
          .where('t.id', 'in', q.select('t.id'))
          .orderBy('o.name')
          .orderBy('t.name')
          .orderBy('t.id')
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize)
          .execute(),
      ]);
      return { items: items.map(presentTemplate), total: Number(count.n), page: query.page, pageSize: query.pageSize };
    },

    get: async (actor: Actor, id: string) => presentTemplate(await getRow(db, actor, id, false)),

    async create(actor: Actor, input: ChangeTemplateInput): Promise<ChangeTemplate> {
      const body = TemplateSchema.parse(input);
      await assertInScope(db, actor, BOARD, body.orgId, 'organisation', body.orgId);
      const id = await db.transaction().execute(async (trx) => {
        const now = clock.now();
        const row = await trx
          .insertInto('changeTemplates')
          .values({ orgId: body.orgId, name: body.name, description: body.description, steps: JSON.stringify(body.steps), rollbackPlan: body.rollbackPlan, verificationPlan: body.verificationPlan, createdBy: actor.userId, createdAt: now, updatedAt: now, deletedAt: null })
          .returningAll()
          .executeTakeFirstOrThrow()
          .catch(nameTaken);
        await audit.record(trx, subjectOf(actor), { eventType: 'change_template.create', action: 'create', objectType: 'change_template', objectId: row.id, orgId: row.orgId, detail: { after: templateSnapshot(row) } });
        return row.id;
      });
      return presentTemplate(await getRow(db, actor, id, true));
    },

    async update(actor: Actor, id: string, input: ChangeTemplateUpdateInput): Promise<ChangeTemplate> {
      const before = await getRow(db, actor, id, true);
      await db.transaction().execute(async (trx) => {
        const after = await trx
          .updateTable('changeTemplates')
          .set({
            ...(input.name !== undefined ? { name: input.name } : {}),
            ...(input.description !== undefined ? { description: input.description } : {}),
            ...(input.steps !== undefined ? { steps: JSON.stringify(input.steps) } : {}),
            ...(input.rollbackPlan !== undefined ? { rollbackPlan: input.rollbackPlan } : {}),
            ...(input.verificationPlan !== undefined ? { verificationPlan: input.verificationPlan } : {}),
            updatedAt: clock.now(),
          })
          .where('id', '=', id)
          .where('deletedAt', 'is', null)
          .returningAll()
          .executeTakeFirst()
          .catch(nameTaken);
        if (!after) throw notFound('change_template', id);
        await audit.record(trx, subjectOf(actor), { eventType: 'change_template.update', action: 'update', objectType: 'change_template', objectId: id, orgId: before.orgId, detail: { before: templateSnapshot(before), after: templateSnapshot(after) } });
      });
      return presentTemplate(await getRow(db, actor, id, true));
    },

    /** Soft delete: changes made from the template keep pointing at it; new ones cannot use it. */
    async remove(actor: Actor, id: string): Promise<void> {
      const before = await getRow(db, actor, id, true);
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('changeTemplates').set({ deletedAt: clock.now() }).where('id', '=', id).execute();
        await audit.record(trx, subjectOf(actor), { eventType: 'change_template.delete', action: 'delete', objectType: 'change_template', objectId: id, orgId: before.orgId, detail: { before: templateSnapshot(before) } });
      });
    },
  };
}

export type ChangeTemplateService = ReturnType<typeof createChangeTemplateService>;
