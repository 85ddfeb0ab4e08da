import type { App } from '../../../app.ts';
import type { TenancyFixture } from '../../../test/tenancy-fixtures.ts';

const suffix = () => globalThis.crypto.randomUUID().slice(0, 8);

/** A root ticket category written directly (test scaffolding). */
export async function insertCategory(app: App, orgId: string, name = `tenancy category ${suffix()}`, parentId: string | null = null): Promise<string> {
  const db = app.platform.db;
  const parent = parentId ? await db.selectFrom('ticketCategories').select('ancestorIds').where('id', '=', parentId).executeTakeFirstOrThrow() : null;
  const id = globalThis.crypto.randomUUID();
  await db.insertInto('ticketCategories').values({ id, orgId, parentId, ancestorIds: [...(parent?.ancestorIds ?? []), id], name }).execute();
  return id;
}

/** An assignment group with the given members, written directly. */
export async function insertGroup(app: App, orgId: string, memberIds: string[] = [], name = `tenancy group ${suffix()}`): Promise<string> {
  const db = app.platform.db;
  const row = await db.insertInto('assignmentGroups').values({ orgId, name, deletedAt: null }).returning('id').executeTakeFirstOrThrow();
  if (memberIds.length) await db.insertInto('assignmentGroupMembers').values(memberIds.map((userId) => ({ groupId: row.id, userId }))).execute();
  return row.id;
}

export const ticketCategoryTenancyFixture: TenancyFixture = {
  create: (app, orgId) => insertCategory(app, orgId),
  snapshot: (app, id) => app.platform.db.selectFrom('ticketCategories').selectAll().where('id', '=', id).executeTakeFirst(),
};

export const assignmentGroupTenancyFixture: TenancyFixture = {
  async create(app, orgId) {
    const user = await app.platform.db
      .insertInto('users')
      .values({ orgId, username: `t-${suffix()}`, displayName: 'tenancy member', email: null, phoneSealed: null, adminClass: null, passwordHash: 'x', totpSecretSealed: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    return insertGroup(app, orgId, [user.id]);
  },
  snapshot: async (app, id) => ({
    group: await app.platform.db.selectFrom('assignmentGroups').selectAll().where('id', '=', id).executeTakeFirst(),
    members: await app.platform.db.selectFrom('assignmentGroupMembers').selectAll().where('groupId', '=', id).orderBy('userId').execute(),
  }),
};
