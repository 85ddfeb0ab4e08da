import { sql } from 'kysely';
import { BUILTIN_ROLES } from '../shared/permissions.ts';
import { systemActor } from './platform/actor.ts';
import { subjectOf } from './platform/audit.ts';
import { hashPassword } from './platform/crypto/index.ts';
import type { PlatformDeps } from './platform/deps.ts';
import type { Db } from './platform/db.ts';
import { generatePassword } from './domains/access/index.ts';
import { chineseDaysSeed } from './domains/calendars/chinese-days-seed.ts';

/** Built-in roles are code: their permission sets are brought up to date at every start. */
export async function ensureBuiltinRoles({ db }: Pick<PlatformDeps, 'db'>): Promise<void> {
  for (const role of BUILTIN_ROLES) {
    await db
      .insertInto('roles')
      .values({ key: role.key, name: role.name, nameEn: role.nameEn, adminClass: role.adminClass, isBuiltin: true, permissions: role.permissions, description: null })
      .onConflict((oc) => oc.column('key').doUpdateSet({ name: role.name, nameEn: role.nameEn, adminClass: role.adminClass, isBuiltin: true, permissions: role.permissions }))
      .execute();
  }
}

const MON_FRI_8_TO_17: Array<Array<[number, number]>> = [[[480, 1020]], [[480, 1020]], [[480, 1020]], [[480, 1020]], [[480, 1020]], [], []];
const ALWAYS: Array<Array<[number, number]>> = Array.from({ length: 7 }, () => [[0, 1440]]);

/** The two platform calendars every contract needs: 5×8 with Chinese holidays and 调休, and 7×24. */
export async function ensurePlatformCalendars({ db, audit, clock }: Pick<PlatformDeps, 'db' | 'audit' | 'clock'>): Promise<void> {
  const existing = await db.selectFrom('workCalendars').select('id').where('orgId', 'is', null).limit(1).executeTakeFirst();
  if (existing) return;
  const seed = chineseDaysSeed();
  await db.transaction().execute(async (trx) => {
    const now = clock.now();
    const std = await trx
      .insertInto('workCalendars')
      .values({ orgId: null, name: '标准工作日 5×8（08:00–17:00，含法定节假日与调休）', description: '周一至周五 08:00–17:00，按国务院办公厅节假日安排放假与调休', weekly: JSON.stringify(MON_FRI_8_TO_17), makeupRanges: JSON.stringify([[480, 1020]]), coveredYears: seed.years, createdAt: now, updatedAt: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (let i = 0; i < seed.days.length; i += 500) {
      await trx
        .insertInto('calendarDays')
        .values(seed.days.slice(i, i + 500).map((d) => ({ calendarId: std.id, date: d.date, kind: d.kind, name: d.name, ranges: null, source: seed.source })))
        .execute();
    }
    const always = await trx
      .insertInto('workCalendars')
      .values({ orgId: null, name: '7×24 全天候', description: '每天 24 小时，节假日不停', weekly: JSON.stringify(ALWAYS), makeupRanges: JSON.stringify([[0, 1440]]), followsNationalHolidays: false, createdAt: now, updatedAt: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const id of [std.id, always.id]) {
      await audit.record(trx, subjectOf(systemActor), { eventType: 'calendar.create', action: 'create', objectType: 'calendar', objectId: id, detail: { source: seed.source } });
    }
  });
}

export interface DemoLogin {
  username: string;
  role: string;
  organisation: string;
  password: string;
}

const DEMO_ORGS = [
  { ref: 'region', parent: null, kind: 'region', code: 'DEMO-REGION', name: '示范州卫生健康信息中心', level: 'prefecture' },
  { ref: 'h1', parent: 'region', kind: 'institution', code: 'DEMO-H1', name: '州人民医院', level: 'tertiary' },
  { ref: 'h1-it', parent: 'h1', kind: 'department', code: 'DEMO-H1-IT', name: '信息科', level: null },
  { ref: 'h1-er', parent: 'h1', kind: 'department', code: 'DEMO-H1-ER', name: '急诊科', level: null },
  { ref: 'h1-lab', parent: 'h1', kind: 'department', code: 'DEMO-H1-LAB', name: '检验科', level: null },
  { ref: 'h2', parent: 'region', kind: 'institution', code: 'DEMO-H2', name: '县人民医院', level: 'secondary' },
  { ref: 'h2-it', parent: 'h2', kind: 'department', code: 'DEMO-H2-IT', name: '信息科', level: null },
  { ref: 'h2-rad', parent: 'h2', kind: 'department', code: 'DEMO-H2-RAD', name: '放射科', level: null },
] as const;

const DEMO_USERS = [
  { username: 'sysadmin', displayName: '系统管理员', role: 'sysadmin', org: 'region' },
  { username: 'secadmin', displayName: '安全管理员', role: 'secadmin', org: 'region' },
  { username: 'auditadmin', displayName: '审计管理员', role: 'auditadmin', org: 'region' },
  { username: 'manager', displayName: '王主管', role: 'ops_manager', org: 'region' },
  { username: 'engineer', displayName: '李工程师', role: 'engineer', org: 'h1' },
  { username: 'viewer', displayName: '赵医生', role: 'viewer', org: 'h2' },
] as const;

/**
 * Demo data for a first start: a region, two hospitals with departments and one user per role, each with
 * a random initial password that must be changed at first login. Runs only on an empty database.
 */
export async function seedDemo({ db, audit, crypto, clock, config }: PlatformDeps): Promise<DemoLogin[] | null> {
  const anyUser = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (anyUser) return null;
  const logins: DemoLogin[] = [];
  const credentials = await Promise.all(
    DEMO_USERS.map(async () => {
      const password = generatePassword((n) => crypto.randomBytes(n));
      return { password, hash: await hashPassword(crypto, password, config.passwordIterations) };
    }),
  );
  await db.transaction().execute(async (trx) => {
    const ids = new Map<string, { id: string; ancestors: string[]; name: string }>();
    for (const o of DEMO_ORGS) {
      const parent = o.parent ? ids.get(o.parent)! : null;
      const id = globalThis.crypto.randomUUID();
      await trx.insertInto('organisations').values({ id, parentId: parent?.id ?? null, ancestorIds: [...(parent?.ancestors ?? []), id], kind: o.kind, code: o.code, name: o.name, level: o.level, contactName: null, contactPhoneSealed: null, address: null }).execute();
      ids.set(o.ref, { id, ancestors: [...(parent?.ancestors ?? []), id], name: o.name });
      await audit.record(trx, subjectOf(systemActor), { eventType: 'organisation.create', action: 'create', objectType: 'organisation', objectId: id, orgId: id, detail: { after: { code: o.code, name: o.name, source: 'demo' } } });
    }
    const userIds = new Map<string, string>();
    const roles = new Map((await trx.selectFrom('roles').select(['id', 'key', 'name', 'adminClass']).execute()).map((r) => [r.key, r]));
    for (const [i, u] of DEMO_USERS.entries()) {
      const org = ids.get(u.org)!;
      const role = roles.get(u.role)!;
      const user = await trx
        .insertInto('users')
        .values({ orgId: org.id, username: u.username, displayName: u.displayName, email: null, phoneSealed: null, adminClass: role.adminClass, passwordHash: credentials[i]!.hash, mustChangePassword: true, totpSecretSealed: null, passwordChangedAt: clock.now() })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.insertInto('roleGrants').values({ userId: user.id, roleId: role.id, orgId: org.id, grantedBy: null }).execute();
      userIds.set(u.username, user.id);
      await audit.record(trx, subjectOf(systemActor), { eventType: 'user.create', action: 'create', objectType: 'user', objectId: user.id, orgId: org.id, detail: { after: { username: u.username, role: u.role, source: 'demo' } } });
      logins.push({ username: u.username, role: role.name, organisation: org.name, password: credentials[i]!.password });
    }
    // Probes that work on a fresh machine (yiwei watching itself) and a heartbeat a backup script would call,
    // so the monitoring pages are not empty on first start.
    const h1 = ids.get('h1')!.id;
    const self = `127.0.0.1:${config.port}`;
    // Port 0 (the OS picks one, as the browser tests do) has no address to probe yet: only the heartbeat then.
    const selfProbes =
      config.port === 0
        ? []
        : [
            { name: '医维平台自检（HTTP /api/health）', kind: 'http', intervalS: 30, config: { url: `http://${self}/api/health`, expectedStatus: '200', keyword: '"status":"ok"', keywordMode: 'present' } },
            { name: '医维 Web 端口（TCP）', kind: 'tcp', intervalS: 60, config: { host: '127.0.0.1', port: config.port } },
          ];
    const demoProbes: Array<{ name: string; kind: string; intervalS: number; config: object; heartbeatKey?: string }> = [
      ...selfProbes,
      { name: 'HIS 数据库夜间备份（心跳）', kind: 'heartbeat', intervalS: 86_400, config: { graceS: 3600 }, heartbeatKey: globalThis.crypto.randomUUID().replaceAll('-', '') },
    ];
    for (const p of demoProbes) {
      const probe = await trx
        .insertInto('probes')
        .values({ orgId: h1, assetId: null, name: p.name, kind: p.kind, config: JSON.stringify(p.config), intervalS: p.intervalS, timeoutMs: 10_000, retries: p.kind === 'heartbeat' ? 0 : 2, retryIntervalS: 20, heartbeatKey: p.heartbeatKey ?? null, stateSince: clock.now(), createdAt: clock.now(), updatedAt: clock.now() })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit.record(trx, subjectOf(systemActor), { eventType: 'probe.create', action: 'create', objectType: 'probe', objectId: probe.id, orgId: h1, detail: { after: { name: p.name, kind: p.kind, source: 'demo' } } });
    }
    await seedDemoAlerting(trx, audit, clock, ids.get('region')!.id, h1, userIds);
  });
  await sql`analyze`.execute(db);
  return logins;
}

/**
 * The alerting setup a hospital starts from: the engineer on call each week, 一级/二级 alerts to the person on call
 * (in-app) and after 10 minutes to the manager, and one open alert so the alert center shows what it does. Channels
 * are left to the user: a WeCom key or an SMS gateway cannot be guessed.
 */
async function seedDemoAlerting(trx: Db, audit: PlatformDeps['audit'], clock: PlatformDeps['clock'], regionId: string, hospitalId: string, userIds: ReadonlyMap<string, string>) {
  const engineer = userIds.get('engineer')!;
  const manager = userIds.get('manager')!;
  const now = clock.now();
  const schedule = await trx
    .insertInto('oncallSchedules')
    .values({
      orgId: hospitalId,
      name: '信息科值班',
      description: '每周一 08:30 交班',
      calendarId: null,
      rules: JSON.stringify({ timeZone: 'Asia/Shanghai', layers: [{ name: '主班', participants: [engineer], kind: 'weekly', handoffTime: '08:30', handoffWeekday: 1, startDate: '2026-01-05', restriction: null }], overrides: [] }),
      deletedAt: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const policy = await trx
    .insertInto('escalationPolicies')
    .values({
      orgId: regionId,
      name: '一级/二级故障升级',
      description: '值班工程师 → 10 分钟未确认通知运维主管',
      steps: JSON.stringify([
        { delayMinutes: 0, targets: [{ kind: 'schedule', scheduleId: schedule.id, via: [] }] },
        { delayMinutes: 10, targets: [{ kind: 'user', userId: manager, via: [] }] },
      ]),
      repeat: 0,
      deletedAt: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const route = await trx
    .insertInto('alertRoutes')
    .values({ orgId: regionId, name: '一级/二级告警', position: 10, conditions: JSON.stringify({ includeSubOrgs: true, severities: ['P1', 'P2'], assetKinds: [], coreOnly: false, sources: [], matchers: [], time: 'any', calendarId: null }), channelIds: [], escalationPolicyId: policy.id, deletedAt: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const firedAt = new Date(now.getTime() - 25 * 60_000);
  const alert = await trx
    .insertInto('alerts')
    .values({
      orgId: hospitalId,
      source: 'alertmanager',
      dedupKey: 'alertmanager:demo:PacsDiskAlmostFull',
      severity: 'P3',
      title: 'PACS 存储 /data 剩余空间不足 10%',
      summary: '按当前写入速度预计 36 小时后写满（演示数据）',
      labels: JSON.stringify({ alertname: 'PacsDiskAlmostFull', system: 'PACS', mountpoint: '/data', severity: 'P3', source: 'alertmanager' }),
      assetId: null,
      probeId: null,
      groupKey: `${hospitalId}:alertmanager`,
      suppression: null,
      causeAlertId: null,
      silenceId: null,
      routeId: null,
      escalationPolicyId: null,
      nextEscalationAt: null,
      url: null,
      firstFiredAt: firedAt,
      lastFiredAt: firedAt,
      acknowledgedAt: null,
      acknowledgedBy: null,
      resolvedAt: null,
      resolvedBy: null,
      ticketRef: null,
      updatedAt: firedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.insertInto('alertEvents').values({ alertId: alert.id, kind: 'fired', at: firedAt, actorId: null, details: JSON.stringify({ severity: 'P3', source: 'demo' }) }).execute();
  for (const [type, id, org] of [['oncall_schedule', schedule.id, hospitalId], ['escalation_policy', policy.id, regionId], ['alert_route', route.id, regionId]] as const) {
    await audit.record(trx, subjectOf(systemActor), { eventType: `${type}.create`, action: 'create', objectType: type, objectId: id, orgId: org, detail: { after: { source: 'demo' } } });
  }
}
