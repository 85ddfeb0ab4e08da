import type { App } from '../../../app.ts';
import type { TenancyFixture } from '../../../test/tenancy-fixtures.ts';
import { insertTicket } from '../tickets/tenancy-fixture.ts';

let counter = 0;

/** A problem written directly (test scaffolding), status `new` unless told. */
export async function insertProblem(app: App, orgId: string, opts: { title?: string; status?: 'new' | 'investigating' | 'known_error' | 'resolved' | 'closed' } = {}): Promise<string> {
  const now = app.platform.clock.now();
  const row = await app.platform.db
    .insertInto('problems')
    .values({ orgId, number: `PRB-T-${Date.now().toString(36)}${(counter++).toString(36)}`, title: opts.title ?? 'tenancy problem', status: opts.status ?? 'new', rootCause: null, workaround: null, resolution: null, assigneeId: null, knownErrorAt: null, resolvedAt: null, closedAt: null, createdBy: null, createdAt: now, updatedAt: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The harness's problem: new, with an open prevention action, an event and a linked incident of its organisation. */
export const problemTenancyFixture: TenancyFixture = {
  async create(app, orgId) {
    const db = app.platform.db;
    const id = await insertProblem(app, orgId);
    const now = app.platform.clock.now();
    await db.insertInto('problemActions').values({ problemId: id, orgId, title: 'tenancy action', ownerId: null, dueOn: '2026-12-31', doneAt: null, doneBy: null, createdBy: null, createdAt: now, updatedAt: now }).execute();
    await db.insertInto('problemEvents').values({ problemId: id, orgId, kind: 'opened', at: now, actorId: null, actorName: 'tenancy', details: '{}' }).execute();
    const ticketId = await insertTicket(app, orgId);
    await db.insertInto('ticketLinks').values({ ticketId, kind: 'problem', targetId: id, createdAt: now, createdBy: null }).execute();
    return id;
  },
  snapshot: async (app, id) => {
    const db = app.platform.db;
    return {
      problem: await db.selectFrom('problems').selectAll().where('id', '=', id).executeTakeFirst(),
      actions: await db.selectFrom('problemActions').selectAll().where('problemId', '=', id).orderBy('id').execute(),
      events: await db.selectFrom('problemEvents').select(['id', 'kind']).where('problemId', '=', id).orderBy('id').execute(),
      links: await db.selectFrom('ticketLinks').selectAll().where('kind', '=', 'problem').where('targetId', '=', id).execute(),
      changes: await db.selectFrom('problemChanges').selectAll().where('problemId', '=', id).execute(),
      articles: await db.selectFrom('knowledgeArticleLinks').selectAll().where('kind', '=', 'problem').where('targetId', '=', id).execute(),
    };
  },
};
