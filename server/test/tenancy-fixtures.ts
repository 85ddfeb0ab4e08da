import type { App } from '../app.ts';

/** One object of a resource, created inside a given organisation, and a way to read it back unchanged. */
export interface TenancyFixture {
  create(app: App, orgId: string): Promise<string>;
  snapshot(app: App, id: string): Promise<unknown>;
}

/**
 * Every resource a route declares in `tenancy` needs an entry here; the harness fails for a route whose
 * resource has none. A new domain adds its resources in the same change as its routes.
 */
export const tenancyFixtures: Record<string, TenancyFixture> = {
  organisation: {
    async create(app, orgId) {
      const parent = await app.platform.db.selectFrom('organisations').select('ancestorIds').where('id', '=', orgId).executeTakeFirstOrThrow();
      const id = globalThis.crypto.randomUUID();
      await app.platform.db.insertInto('organisations').values({ id, parentId: orgId, ancestorIds: [...parent.ancestorIds, id], kind: 'department', code: `T-${id.slice(0, 8)}`, name: 'tenancy dept', level: null, contactName: null, contactPhoneSealed: null, address: null }).execute();
      return id;
    },
    snapshot: (app, id) => app.platform.db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst(),
  },
  user: {
    async create(app, orgId) {
      const row = await app.platform.db
        .insertInto('users')
        .values({ orgId, username: `t-${globalThis.crypto.randomUUID().slice(0, 8)}`, displayName: 'tenancy user', email: null, phoneSealed: null, adminClass: null, passwordHash: 'x', totpSecretSealed: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      const role = await app.platform.db.selectFrom('roles').select('id').where('key', '=', 'viewer').executeTakeFirstOrThrow();
      await app.platform.db.insertInto('roleGrants').values({ userId: row.id, roleId: role.id, orgId, grantedBy: null }).execute();
      return row.id;
    },
    snapshot: async (app, id) => ({
      user: await app.platform.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst(),
      grants: await app.platform.db.selectFrom('roleGrants').select(['roleId', 'orgId']).where('userId', '=', id).execute(),
    }),
  },
  api_token: {
    async create(app, orgId) {
      const creator = await tenancyFixtures.user!.create(app, orgId);
      const row = await app.platform.db
        .insertInto('apiTokens')
        .values({ orgId, name: 'tenancy token', prefix: 'yw_xxxxxxx', tokenHash: globalThis.crypto.randomUUID(), permissions: ['org.read'], orgIds: [orgId], createdBy: creator })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    snapshot: (app, id) => app.platform.db.selectFrom('apiTokens').selectAll().where('id', '=', id).executeTakeFirst(),
  },
  calendar: {
    async create(app, orgId) {
      const row = await app.platform.db
        .insertInto('workCalendars')
        .values({ orgId, name: 'tenancy calendar', description: null, weekly: JSON.stringify([[[480, 1020]], [[480, 1020]], [[480, 1020]], [[480, 1020]], [[480, 1020]], [], []]), makeupRanges: JSON.stringify([[480, 1020]]) })
        .returning('id')
        .executeTakeFirstOrThrow();
      await app.platform.db.insertInto('calendarDays').values({ calendarId: row.id, date: '2026-01-01', kind: 'holiday', name: '元旦', ranges: null, source: 'test' }).execute();
      return row.id;
    },
    snapshot: async (app, id) => ({
      calendar: await app.platform.db.selectFrom('workCalendars').selectAll().where('id', '=', id).executeTakeFirst(),
      days: await app.platform.db.selectFrom('calendarDays').selectAll().where('calendarId', '=', id).execute(),
    }),
  },
  audit_event: {
    async create(app, orgId) {
      const objectId = globalThis.crypto.randomUUID();
      await app.platform.db.transaction().execute((trx) =>
        app.platform.audit.record(trx, { userId: null, name: 'tenancy', roleKeys: [], ip: null, userAgent: null, sessionRef: null, requestId: null }, { eventType: 'tenancy.probe', action: 'create', objectType: 'probe', objectId, orgId }),
      );
      return objectId;
    },
    snapshot: async () => null,
  },
};
