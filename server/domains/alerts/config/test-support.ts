import { createTestApp, makeOrg, makeUser, signedIn, type Client, type TestApp } from '../../../test/test-app.ts';

type User = Awaited<ReturnType<typeof makeUser>>;

/**
 * The test app with a small tree — region → 州人民医院 → 信息科, and a sibling 县人民医院 — and people:
 * an engineer and a viewer of the hospital, an engineer of the sibling (the outsider), and a regional engineer.
 */
export async function createConfigTestApp() {
  const app: TestApp = await createTestApp();
  const region = (await makeOrg(app, { name: '示范州卫生健康信息中心' })).id;
  const hospital = (await makeOrg(app, { parentId: region, kind: 'institution', name: '州人民医院' })).id;
  const dept = (await makeOrg(app, { parentId: hospital, kind: 'department', name: '信息科' })).id;
  const sibling = (await makeOrg(app, { parentId: region, kind: 'institution', name: '县人民医院' })).id;
  const named = async (orgId: string, roles: string[], displayName: string): Promise<User> => {
    const user = await makeUser(app, orgId, roles);
    await app.platform.db.updateTable('users').set({ displayName }).where('id', '=', user.id).execute();
    return { ...user, displayName };
  };
  const users = {
    engineer: await named(hospital, ['engineer'], '李工程师'),
    viewer: await named(hospital, ['viewer'], '赵医生'),
    outsider: await named(sibling, ['engineer'], '县医院工程师'),
    regional: await named(region, ['engineer'], '州中心工程师'),
  };
  const standard = await app.platform.db.selectFrom('workCalendars').select('id').where('orgId', 'is', null).where('followsNationalHolidays', '=', true).executeTakeFirstOrThrow();
  const always = await app.platform.db.selectFrom('workCalendars').select('id').where('orgId', 'is', null).where('followsNationalHolidays', '=', false).executeTakeFirstOrThrow();
  /** A fresh session at the app's current clock (sessions idle out when a test moves the clock by hours). */
  const as = (user: User): Promise<Client> => signedIn(app, user);
  return { app, orgs: { region, hospital, dept, sibling }, users, calendars: { standard: standard.id, always: always.id }, as, named };
}

export type ConfigTestContext = Awaited<ReturnType<typeof createConfigTestApp>>;

/** The audit event types recorded for one object, oldest first. */
export async function auditTrail(app: TestApp, objectId: string): Promise<string[]> {
  const rows = await app.platform.db.selectFrom('auditEvents').select('eventType').where('objectId', '=', objectId).orderBy('seq').execute();
  return rows.map((r) => r.eventType);
}
