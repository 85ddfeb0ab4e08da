import type { App } from '../../../app.ts';
import { systemActor } from '../../../platform/actor.ts';
import { subjectOf } from '../../../platform/audit.ts';
import type { TenancyFixture } from '../../../test/tenancy-fixtures.ts';
import { openTicket, type OpenTicketInput } from './open.ts';

/** A ticket opened through the real opening path as the system (policy, snapshots, number, `opened` event). */
export async function insertTicket(app: App, orgId: string, input: Partial<OpenTicketInput> = {}): Promise<string> {
  const { id } = await app.platform.db.transaction().execute((trx) =>
    openTicket(trx, app.platform, { subject: subjectOf(systemActor), actorId: null, actorName: 'system' }, {
      orgId,
      type: 'incident',
      channel: 'phone',
      title: 'tenancy ticket',
      description: 'tenancy',
      requesterName: 'tenancy requester',
      requesterPhone: '13800001111',
      assetIds: [],
      ...input,
    }),
  );
  return id;
}

/** The tenancy harness's ticket: new (so most workflow steps would change it), with a comment and a work log. */
export const ticketTenancyFixture: TenancyFixture = {
  async create(app, orgId) {
    const id = await insertTicket(app, orgId);
    const db = app.platform.db;
    const now = app.platform.clock.now();
    await db.insertInto('ticketComments').values({ ticketId: id, orgId, visibility: 'external', body: 'tenancy comment', authorId: null, authorName: 'tenancy', createdAt: now }).execute();
    await db.insertInto('ticketWorkLogs').values({ ticketId: id, orgId, minutes: 5, note: 'tenancy', workedAt: now, authorId: null, authorName: 'tenancy', createdAt: now }).execute();
    return id;
  },
  snapshot: async (app, id) => {
    const db = app.platform.db;
    return {
      ticket: await db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirst(),
      events: await db.selectFrom('ticketEvents').select(['id', 'kind']).where('ticketId', '=', id).orderBy('id').execute(),
      comments: await db.selectFrom('ticketComments').select(['id', 'body']).where('ticketId', '=', id).orderBy('id').execute(),
      workLogs: await db.selectFrom('ticketWorkLogs').select(['id', 'minutes']).where('ticketId', '=', id).orderBy('id').execute(),
      links: await db.selectFrom('ticketLinks').selectAll().where('ticketId', '=', id).execute(),
      assets: await db.selectFrom('ticketAssets').selectAll().where('ticketId', '=', id).execute(),
    };
  },
};
