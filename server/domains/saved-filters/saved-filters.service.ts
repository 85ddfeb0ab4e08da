import type { Selectable } from 'kysely';
import type { SavedFilter, SavedFilterCreateInput, SavedFilterPage } from '../../../shared/schemas/saved-filters.ts';
import type { Actor } from '../../platform/actor.ts';
import { subjectOf } from '../../platform/audit.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { AppError, conflict, notFound } from '../../platform/errors.ts';
import type { SavedFiltersTable } from './saved-filters.tables.ts';

const MAX_PER_PAGE = 50;

const present = (r: Selectable<SavedFiltersTable>): SavedFilter => ({
  id: r.id,
  page: r.page as SavedFilterPage,
  name: r.name,
  query: r.query,
  createdAt: r.createdAt.toISOString(),
});

/** Named list filters, each private to the person who saved it. */
export function createSavedFilterService({ db, audit }: PlatformDeps) {
  const owner = (actor: Actor) => {
    // API tokens act for integrations, not for a person's screen.
    if (actor.kind !== 'user' || !actor.userId) throw new AppError('forbidden', 'auth.session_only', 'Only a person has saved filters');
    return actor.userId;
  };

  return {
    async list(actor: Actor, page: SavedFilterPage): Promise<SavedFilter[]> {
      const rows = await db.selectFrom('savedFilters').selectAll().where('userId', '=', owner(actor)).where('page', '=', page).orderBy('createdAt', 'desc').limit(MAX_PER_PAGE).execute();
      return rows.map(present);
    },

    async create(actor: Actor, input: SavedFilterCreateInput): Promise<SavedFilter> {
      const userId = owner(actor);
      return db.transaction().execute(async (trx) => {
        const user = await trx.selectFrom('users').select('orgId').where('id', '=', userId).executeTakeFirstOrThrow();
        const count = await trx.selectFrom('savedFilters').select((eb) => eb.fn.countAll<number>().as('n')).where('userId', '=', userId).where('page', '=', input.page).executeTakeFirstOrThrow();
        if (Number(count.n) >= MAX_PER_PAGE) throw new AppError('invalid', 'saved_filter.too_many', `At most ${MAX_PER_PAGE} saved filters per page`);
        const row = await trx
          .insertInto('savedFilters')
          .values({ userId, orgId: user.orgId, page: input.page, name: input.name, query: JSON.stringify(input.query) })
          .onConflict((oc) => oc.constraint('saved_filters_name_unique').doNothing())
          .returningAll()
          .executeTakeFirst();
        if (!row) throw conflict('saved_filter.name_taken', 'You already have a filter with this name');
        await audit.record(trx, subjectOf(actor), { eventType: 'saved_filter.create', action: 'create', objectType: 'saved_filter', objectId: row.id, orgId: row.orgId, detail: { after: { page: row.page, name: row.name, query: row.query } } });
        return present(row);
      });
    },

    /** Deletes one of the caller's own filters; anyone else's is 404. */
    async remove(actor: Actor, id: string): Promise<void> {
      const userId = owner(actor);
      await db.transaction().execute(async (trx) => {
        const row = await trx.deleteFrom('savedFilters').where('id', '=', id).where('userId', '=', userId).returningAll().executeTakeFirst();
        if (!row) throw notFound('saved_filter', id);
        await audit.record(trx, subjectOf(actor), { eventType: 'saved_filter.delete', action: 'delete', objectType: 'saved_filter', objectId: id, orgId: row.orgId, detail: { before: { page: row.page, name: row.name } } });
      });
    },
  };
}

export type SavedFilterService = ReturnType<typeof createSavedFilterService>;
