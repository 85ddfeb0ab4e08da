import { createTestApp, makeOrg, makeUser, signedIn, type Client, type TestApp } from '../../test/test-app.ts';

type User = Awaited<ReturnType<typeof makeUser>>;

/** The role clinical staff get: report faults, follow and rate their own tickets. */
export const REPORTER_ROLE = 'clinical_reporter';

/**
 * The test app (clock at 2026-11-22T02:00Z = Sunday 10:00 in Beijing) with a small tree — region → 州人民医院 →
 * 急诊科, and a sibling 县人民医院 — and people: engineers and a viewer of the hospital, a manager of the region, an
 * engineer of the sibling (the outsider), and two clinical reporters of 急诊科.
 */
export async function createDeskTestApp() {
  const app: TestApp = await createTestApp();
  const db = app.platform.db;
  await db.insertInto('roles').values({ key: REPORTER_ROLE, name: '临床报修人', nameEn: 'Clinical reporter', description: null, adminClass: null, isBuiltin: false, permissions: ['org.read', 'ticket.report'] }).execute();
  const region = (await makeOrg(app, { name: '示范州卫生健康信息中心' })).id;
  const hospital = (await makeOrg(app, { parentId: region, kind: 'institution', name: '州人民医院' })).id;
  const dept = (await makeOrg(app, { parentId: hospital, kind: 'department', name: '急诊科' })).id;
  const sibling = (await makeOrg(app, { parentId: region, kind: 'institution', name: '县人民医院' })).id;
  const named = async (orgId: string, roles: string[], displayName: string): Promise<User> => {
    const user = await makeUser(app, orgId, roles);
    await db.updateTable('users').set({ displayName }).where('id', '=', user.id).execute();
    return { ...user, displayName };
  };
  const users = {
    engineer: await named(hospital, ['engineer'], '李工程师'),
    engineer2: await named(hospital, ['engineer'], '张工程师'),
    viewer: await named(hospital, ['viewer'], '赵主任'),
    manager: await named(region, ['ops_manager'], '王主管'),
    outsider: await named(sibling, ['engineer'], '县医院工程师'),
    reporter: await named(dept, [REPORTER_ROLE], '刘护士'),
    reporter2: await named(dept, [REPORTER_ROLE], '陈护士'),
  };
  const standard = await db.selectFrom('workCalendars').select('id').where('orgId', 'is', null).where('followsNationalHolidays', '=', true).executeTakeFirstOrThrow();
  /** A fresh session at the app's current clock (sessions idle out when a test moves the clock by hours). */
  const as = (user: User): Promise<Client> => signedIn(app, user);
  return { app, orgs: { region, hospital, dept, sibling }, users, calendars: { standard: standard.id }, as };
}

export type DeskTestContext = Awaited<ReturnType<typeof createDeskTestApp>>;

/** An asset written directly (test scaffolding), optionally covered by a maintenance contract. */
export async function insertAsset(app: TestApp, orgId: string, opts: { code?: string; name?: string; contractId?: string | null; importance?: 'core' | 'important' | 'normal' } = {}): Promise<string> {
  const db = app.platform.db;
  const kind = await db.selectFrom('assetKinds').select('id').where('key', '=', 'server').executeTakeFirstOrThrow();
  const row = await db
    .insertInto('assets')
    .values({
      orgId,
      kindId: kind.id,
      code: opts.code ?? `SRV-${globalThis.crypto.randomUUID().slice(0, 6)}`,
      name: opts.name ?? 'HIS 数据库服务器',
      brand: null,
      model: null,
      serialNumber: null,
      locationId: null,
      rackUnitStart: null,
      rackUnitSize: null,
      ownerDepartmentId: null,
      ownerPerson: null,
      engineerId: null,
      purchaseMonth: null,
      warrantyYears: null,
      warrantyEndsOn: null,
      vendorId: null,
      contractId: opts.contractId ?? null,
      endOfServiceOn: null,
      cpu: null,
      os: null,
      database: null,
      middleware: null,
      attributes: '{}',
      notes: null,
      createdBy: null,
      updatedBy: null,
      ...(opts.importance ? { importance: opts.importance } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A maintenance contract written directly. */
export async function insertContract(app: TestApp, orgId: string, opts: { code?: string; name?: string; startsOn?: string; endsOn?: string } = {}): Promise<string> {
  const row = await app.platform.db
    .insertInto('maintenanceContracts')
    .values({ orgId, vendorId: null, code: opts.code ?? `HT-${globalThis.crypto.randomUUID().slice(0, 6)}`, name: opts.name ?? '信息系统运维服务合同', startsOn: opts.startsOn ?? '2026-01-01', endsOn: opts.endsOn ?? '2026-12-31', costFen: null, notes: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The audit event types recorded for one object, oldest first. */
export async function auditTrail(app: TestApp, objectId: string): Promise<string[]> {
  const rows = await app.platform.db.selectFrom('auditEvents').select('eventType').where('objectId', '=', objectId).orderBy('seq').execute();
  return rows.map((r) => r.eventType);
}

/** Minutes after the test start (2026-11-22T02:00Z) as an ISO instant. */
export const at = (minutes: number) => new Date(Date.parse('2026-11-22T02:00:00Z') + minutes * 60_000).toISOString();
