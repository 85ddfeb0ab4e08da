import { sql, type Selectable } from 'kysely';
import {
  TicketCategoryCreateInput as CreateSchema,
  type TicketCategory,
  type TicketCategoryCreateInput,
  type TicketCategoryListQuery,
  type TicketCategoryPage,
  type TicketCategoryUpdateInput,
} from '../../../../shared/schemas/servicedesk.ts';
import { assertInScope, inScope, scopeOf, type Actor } from '../../../platform/actor.ts';
import { subjectOf } from '../../../platform/audit.ts';
import type { Db } from '../../../platform/db.ts';
import type { PlatformDeps } from '../../../platform/deps.ts';
import { conflict, notFound } from '../../../platform/errors.ts';
import { throwProblems } from '../references.ts';
import type { TicketCategoriesTable } from '../servicedesk.tables.ts';

const READ = 'ticket.read';
const MANAGE = 'ticket.manage';
const MAX_DEPTH = 5;

type Row = Selectable<TicketCategoriesTable>;
type ListedRow = Row & { path: string };

const present = (r: ListedRow): TicketCategory => ({
  id: r.id,
  orgId: r.orgId,
  parentId: r.parentId,
  name: r.name,
  path: r.path,
  depth: r.ancestorIds.length - 1,
  isActive: r.isActive,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});
const snapshot = (r: Row) => ({ name: r.name, parentId: r.parentId, isActive: r.isActive });

function nameTaken(e: unknown): never {
  if ((e as { code?: string }).code === '23505') throw conflict('ticket_category.name_taken', 'A category of this name exists at this place in the tree');
  throw e;
}

/** The category tree of an organisation (故障/硬件/打印机 …); tickets of the organisation and its subtree use it. */
export function createTicketCategoryService({ db, audit, clock }: Pick<PlatformDeps, 'db' | 'audit' | 'clock'>) {
  const pathSql = sql<string>`(select string_agg(c2.name, ' / ' order by array_position(c.ancestor_ids, c2.id)) from ticket_categories c2 where c2.id = any(c.ancestor_ids))`;
  const listed = (d: Db) => d.selectFrom('ticketCategories as c').selectAll('c').select(pathSql.as('path'));

  async function getRow(d: Db, actor: Actor, id: string, permission: typeof READ | typeof MANAGE): Promise<ListedRow> {
    const row = await listed(d).where('c.id', '=', id).where(inScope(scopeOf(actor, permission), 'c.org_id', actor)).executeTakeFirst();
    if (!row) throw notFound('ticket_category', id);
    return row;
  }

  return {
    /** Categories in scope in tree order (by path). */
    async list(actor: Actor, query: TicketCategoryListQuery): Promise<TicketCategoryPage> {
      const q = db
        .selectFrom('ticketCategories as c')
        .where(inScope(scopeOf(actor, READ), 'c.org_id', actor, query.orgId))
        .$if(!query.includeInactive, (qb) => qb.where('c.isActive', '=', true))
        .$if(Boolean(query.q), (qb) => qb.where('c.name', 'ilike', `%${query.q}%`));
      const [count, rows] = await Promise.all([
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        q.selectAll('c').select(pathSql.as('path')).orderBy('c.orgId').orderBy(sql`path`).orderBy('c.id').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute(),
      ]);
      return { items: rows.map(present), total: Number(count.n), page: query.page, pageSize: query.pageSize };
    },

    async get(actor: Actor, id: string): Promise<TicketCategory> {
      return present(await getRow(db, actor, id, READ));
    },

    /** A root category, or a child of one of the same organisation (at most five levels deep). */
    async create(actor: Actor, input: TicketCategoryCreateInput): Promise<TicketCategory> {
      const body = CreateSchema.parse(input);
      await assertInScope(db, actor, MANAGE, body.orgId, 'organisation', body.orgId);
      let ancestors: string[] = [];
      if (body.parentId) {
        const parent = await db.selectFrom('ticketCategories').select(['orgId', 'ancestorIds']).where('id', '=', body.parentId).executeTakeFirst();
        if (!parent || parent.orgId !== body.orgId) throwProblems('ticket_category.bad_parent', [{ path: ['body', 'parentId'], message: 'no such category in this organisation', code: 'unknown_category', id: body.parentId }]);
        if (parent!.ancestorIds.length >= MAX_DEPTH) throwProblems('ticket_category.too_deep', [{ path: ['body', 'parentId'], message: `at most ${MAX_DEPTH} levels`, code: 'too_deep', id: body.parentId }]);
        ancestors = parent!.ancestorIds;
      }
      const id = globalThis.crypto.randomUUID();
      await db.transaction().execute(async (trx) => {
        const now = clock.now();
        const row = await trx
          .insertInto('ticketCategories')
          .values({ id, orgId: body.orgId, parentId: body.parentId, ancestorIds: [...ancestors, id], name: body.name, createdAt: now, updatedAt: now })
          .returningAll()
          .executeTakeFirstOrThrow()
          .catch(nameTaken);
        await audit.record(trx, subjectOf(actor), { eventType: 'ticket_category.create', action: 'create', objectType: 'ticket_category', objectId: id, orgId: body.orgId, detail: { after: snapshot(row) } });
      });
      return present(await getRow(db, actor, id, MANAGE));
    },

    /** Renames or (de)activates; an inactive category is kept on old tickets but offered for no new one. */
    async update(actor: Actor, id: string, input: TicketCategoryUpdateInput): Promise<TicketCategory> {
      const before = await getRow(db, actor, id, MANAGE);
      await db.transaction().execute(async (trx) => {
        const after = await trx
          .updateTable('ticketCategories')
          .set({ ...(input.name !== undefined ? { name: input.name } : {}), ...(input.isActive !== undefined ? { isActive: input.isActive } : {}), updatedAt: clock.now() })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow()
          .catch(nameTaken);
        await audit.record(trx, subjectOf(actor), { eventType: 'ticket_category.update', action: 'update', objectType: 'ticket_category', objectId: id, orgId: before.orgId, detail: { before: snapshot(before), after: snapshot(after) } });
      });
      return present(await getRow(db, actor, id, MANAGE));
    },

    /** Deletes a leaf no ticket uses; otherwise deactivate it. */
    async remove(actor: Actor, id: string): Promise<void> {
      const before = await getRow(db, actor, id, MANAGE);
      await db.transaction().execute(async (trx) => {
        const child = await trx.selectFrom('ticketCategories').select('id').where('parentId', '=', id).limit(1).executeTakeFirst();
        if (child) throw conflict('ticket_category.has_children', 'The category has sub-categories');
        const used = await trx.selectFrom('tickets').select('id').where('categoryId', '=', id).limit(1).executeTakeFirst();
        if (used) throw conflict('ticket_category.in_use', 'Tickets use this category; deactivate it instead');
        await trx.deleteFrom('ticketCategories').where('id', '=', id).execute();
        await audit.record(trx, subjectOf(actor), { eventType: 'ticket_category.delete', action: 'delete', objectType: 'ticket_category', objectId: id, orgId: before.orgId, detail: { before: snapshot(before) } });
      });
    },
  };
}

export type TicketCategoryService = ReturnType<typeof createTicketCategoryService>;
