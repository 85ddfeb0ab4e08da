import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Permission } from '../../../shared/permissions.ts';
import { WorkCalendarCreateInput, type WorkCalendar } from '../../../shared/schemas/calendars.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { systemActor, type Actor } from '../../platform/actor.ts';
import { createAudit } from '../../platform/audit.ts';
import { fixedClock } from '../../platform/clock.ts';
import { loadConfig } from '../../platform/config.ts';
import { createSecretBox, createSoftwareCryptoProvider } from '../../platform/crypto/index.ts';
import type { DbHandle } from '../../platform/db.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { createLogger } from '../../platform/log.ts';
import { createTestDb } from '../../test/test-db.ts';
import { loadBusinessCalendar, toBusinessCalendar } from './business-calendar.ts';
import { addBusinessMinutes } from './business-time.ts';
import { calendarRoutes } from './calendars.routes.ts';
import { createCalendarService, type CalendarService } from './calendars.service.ts';
import { chineseDaysSeed } from './chinese-days-seed.ts';
import { coverageWarnings } from './coverage.ts';
import { NOTICE_2026 } from './notice-parser.fixtures.ts';

const FIVE_BY_EIGHT: Array<Array<[number, number]>> = [[[480, 1020]], [[480, 1020]], [[480, 1020]], [[480, 1020]], [[480, 1020]], [], []];
const ALWAYS: Array<Array<[number, number]>> = Array.from({ length: 7 }, () => [[0, 1440]]);
const seed = chineseDaysSeed();

let handle: DbHandle;
let deps: PlatformDeps;
let calendars: CalendarService;
const org = { root: '', a: '', b: '' };
let rootAdmin: Actor;
let adminA: Actor;
let adminB: Actor;
let viewerA: Actor;

function actorOn(orgId: string, permissions: Permission[], name: string): Actor {
  return {
    kind: 'user',
    userId: globalThis.crypto.randomUUID(),
    name,
    adminClass: permissions.includes('calendar.manage') ? 'sysadmin' : null,
    roleKeys: ['sysadmin'],
    grants: [{ roleKey: 'sysadmin', orgId, permissions: new Set(permissions) }],
    sessionRef: null,
    tokenId: null,
    ip: null,
    userAgent: null,
    requestId: null,
  };
}

async function insertOrg(kind: 'region' | 'institution', parentId: string | null): Promise<string> {
  const id = globalThis.crypto.randomUUID();
  const ancestorIds = parentId ? [parentId, id] : [id];
  await handle.db.insertInto('organisations').values({ id, parentId, ancestorIds, kind, code: `C-${id.slice(0, 8)}`, name: kind, level: null, contactName: null, contactPhoneSealed: null, address: null }).execute();
  return id;
}

const input = (over: Partial<WorkCalendarCreateInput> & { orgId: string | null }) => WorkCalendarCreateInput.parse({ name: '门诊 5×8', weekly: FIVE_BY_EIGHT, ...over });
const auditCount = async () => Number((await handle.db.selectFrom('auditEvents').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const calendarAudits = (id: string) => handle.db.selectFrom('auditEvents').selectAll().where('objectId', '=', id).orderBy('seq').execute();

async function expectAppError(promise: Promise<unknown>, kind: AppError['kind'], code?: string): Promise<AppError> {
  const e = await promise.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e, `expected AppError ${kind}`).toBeInstanceOf(AppError);
  expect((e as AppError).kind).toBe(kind);
  if (code) expect((e as AppError).code).toBe(code);
  return e as AppError;
}

beforeAll(async () => {
  handle = await createTestDb();
  await migrateToLatest(handle.db);
  const crypto = createSoftwareCryptoProvider();
  const clock = fixedClock('2026-11-22T02:00:00Z');
  deps = {
    db: handle.db,
    audit: createAudit({ crypto, key: crypto.randomBytes(32), clock }),
    crypto,
    secrets: createSecretBox(crypto, crypto.randomBytes(16)),
    clock,
    log: createLogger('silent'),
    config: loadConfig({}),
  };
  calendars = createCalendarService(deps);
  org.root = await insertOrg('region', null);
  org.a = await insertOrg('institution', org.root);
  org.b = await insertOrg('institution', org.root);
  rootAdmin = actorOn(org.root, ['calendar.read', 'calendar.manage'], 'root admin');
  adminA = actorOn(org.a, ['calendar.read', 'calendar.manage'], 'admin A');
  adminB = actorOn(org.b, ['calendar.read', 'calendar.manage'], 'admin B');
  viewerA = actorOn(org.a, ['calendar.read'], 'viewer A');
});
afterAll(() => handle.close());
beforeEach(async () => {
  await sql`truncate work_calendars cascade`.execute(handle.db);
});

describe('calendarService.create', () => {
  it('seeds a calendar that follows national holidays with every chinese-days year', async () => {
    const cal = await calendars.create(adminA, input({ orgId: org.a }));
    expect(cal).toMatchObject({ orgId: org.a, timeZone: 'Asia/Shanghai', followsNationalHolidays: true, coveredYears: seed.years, makeupRanges: [[480, 1020]] });
    const days2026 = await calendars.days(viewerA, cal.id, 2026);
    expect(days2026.find((d) => d.date === '2026-02-14')).toEqual({ date: '2026-02-14', kind: 'workday', name: '春节', ranges: null, source: seed.source });
    expect(days2026).toHaveLength(seed.days.filter((d) => d.date.startsWith('2026-')).length);
    expect(seed.source).toMatch(/^chinese-days@\d+\.\d+\.\d+/);
  });

  it('leaves a calendar that ignores national holidays empty', async () => {
    const cal = await calendars.create(adminA, input({ orgId: org.a, followsNationalHolidays: false, makeupRanges: [[540, 720]] }));
    expect(cal).toMatchObject({ coveredYears: [], makeupRanges: [[540, 720]], missingNextYear: false });
    expect(await calendars.days(adminA, cal.id, 2026)).toEqual([]);
  });

  it('rejects an unknown time zone and stores the canonical name of a known one', async () => {
    await expectAppError(calendars.create(adminA, input({ orgId: org.a, timeZone: 'Mars/Olympus' })), 'invalid', 'calendar.bad_time_zone');
    expect((await calendars.create(adminA, input({ orgId: org.a, timeZone: 'asia/shanghai' }))).timeZone).toBe('Asia/Shanghai');
  });

  it('lets only a manager of a root organisation create a platform calendar', async () => {
    await expectAppError(calendars.create(adminA, input({ orgId: null })), 'forbidden', 'calendar.platform_forbidden');
    await expectAppError(calendars.create(viewerA, input({ orgId: org.a })), 'forbidden', 'permission.denied');
    const cal = await calendars.create(rootAdmin, input({ orgId: null }));
    expect(cal.orgId).toBeNull();
  });
});

describe('next-year coverage', () => {
  it('flags 2027 as missing on 2026-11-22, except for 7×24 calendars', async () => {
    const cal = await calendars.create(adminA, input({ orgId: org.a }));
    const always = await calendars.create(adminA, input({ orgId: org.a, name: '机房 7×24', weekly: ALWAYS }));
    expect(cal.missingNextYear).toBe(true);
    expect(always.missingNextYear).toBe(false);
    expect(await calendars.coverage(adminA)).toEqual({ nextYear: 2027, missing: [{ id: cal.id, name: cal.name, orgId: org.a }] });
    expect(await coverageWarnings(handle.db, deps.clock.now())).toEqual({ nextYear: 2027, missing: [{ id: cal.id, name: cal.name, orgId: org.a }] });
  });

  it('clears the warning once 2027 is imported as days', async () => {
    const cal = await calendars.create(adminA, input({ orgId: org.a }));
    const result = await calendars.importYear(adminA, cal.id, {
      year: 2027,
      replace: true,
      days: [
        { date: '2027-01-01', kind: 'holiday', name: '元旦' },
        { date: '2027-02-06', kind: 'holiday', name: '春节' },
        { date: '2027-02-20', kind: 'workday', name: '春节' },
      ],
    });
    expect(result).toMatchObject({ year: 2027, holidays: 2, workdays: 1 });
    expect(result.days.every((d) => d.source === 'import')).toBe(true);
    const after = await calendars.get(adminA, cal.id);
    expect(after.missingNextYear).toBe(false);
    expect(after.coveredYears).toContain(2027);
    expect((await calendars.coverage(adminA)).missing).toEqual([]);
    expect((await coverageWarnings(handle.db, deps.clock.now())).missing).toEqual([]);
    expect(await calendars.days(adminA, cal.id, 2027)).toHaveLength(3);
  });

  it('ignores inactive calendars', async () => {
    const cal = await calendars.create(adminA, input({ orgId: org.a }));
    await calendars.update(adminA, cal.id, { isActive: false });
    expect((await coverageWarnings(handle.db, deps.clock.now())).missing).toEqual([]);
  });
});

describe('calendarService.importYear', () => {
  it('replaces the seeded year with the days read from the notice and keeps days set by hand', async () => {
    const cal = await calendars.create(adminA, input({ orgId: org.a }));
    await calendars.setDay(adminA, cal.id, '2026-03-16', { kind: 'holiday', name: '院庆' });
    await calendars.setDay(adminA, cal.id, '2026-10-07', { kind: 'workday', name: '值班', ranges: [[540, 720]] });
    const result = await calendars.importYear(adminA, cal.id, { year: 2026, noticeText: NOTICE_2026, replace: true });
    expect(result.holidays + result.workdays).toBe(39);

    const days = await calendars.days(adminA, cal.id, 2026);
    expect(days.find((d) => d.date === '2026-03-16')).toMatchObject({ kind: 'holiday', source: 'manual' });
    expect(days.find((d) => d.date === '2026-10-07')).toMatchObject({ kind: 'workday', source: 'manual', ranges: [[540, 720]] });
    const national = days.filter((d) => d.source !== 'manual');
    expect(national.every((d) => d.source === 'import')).toBe(true);
    const seeded2026 = seed.days.filter((d) => d.date.startsWith('2026-') && d.date !== '2026-10-07');
    expect(national.map((d) => `${d.date} ${d.kind}`)).toEqual(seeded2026.map((d) => `${d.date} ${d.kind}`));
  });

  it('writes nothing when the notice has a line it cannot read', async () => {
    const cal = await calendars.create(adminA, input({ orgId: org.a }));
    const before = { cal: await calendars.get(adminA, cal.id), days: await calendars.days(adminA, cal.id, 2026), audits: await auditCount() };
    const bad = `${NOTICE_2026}\n八、院庆：三月十六日放假。`;
    const e = await expectAppError(calendars.importYear(adminA, cal.id, { year: 2026, noticeText: bad, replace: true }), 'invalid', 'calendar.notice_unparsed');
    expect((e.details as { lines: Array<{ text: string }> }).lines.map((l) => l.text)).toEqual(['八、院庆：三月十六日放假。']);
    expect(await calendars.get(adminA, cal.id)).toEqual(before.cal);
    expect(await calendars.days(adminA, cal.id, 2026)).toEqual(before.days);
    expect(await auditCount()).toBe(before.audits);
  });

  it('rejects days far from the year, twice-listed days and a year without holidays', async () => {
    const cal = await calendars.create(adminA, input({ orgId: org.a }));
    const one = (date: string) => ({ date, kind: 'holiday' as const, name: 'x' });
    await expectAppError(calendars.importYear(adminA, cal.id, { year: 2027, replace: true, days: [one('2027-01-01'), one('2030-01-01')] }), 'invalid', 'calendar.day_outside_year');
    await expectAppError(calendars.importYear(adminA, cal.id, { year: 2027, replace: true, days: [one('2027-01-01'), one('2027-01-01')] }), 'invalid', 'calendar.duplicate_day');
    await expectAppError(calendars.importYear(adminA, cal.id, { year: 2027, replace: true, days: [] }), 'invalid', 'calendar.import_empty');
    await expectAppError(calendars.importYear(adminA, cal.id, { year: 2027, replace: true }), 'invalid', 'calendar.import_source');
    expect((await calendars.get(adminA, cal.id)).coveredYears).not.toContain(2027);
  });

  it('records one audit event naming the year and the covered years before and after', async () => {
    const cal = await calendars.create(adminA, input({ orgId: org.a }));
    await calendars.importYear(adminA, cal.id, { year: 2027, replace: true, days: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }] });
    const events = await calendarAudits(cal.id);
    expect(events.map((e) => e.eventType)).toEqual(['calendar.create', 'calendar.year_import']);
    const detail = events[1]!.detail as { year: number; before: { coveredYears: number[] }; after: { coveredYears: number[] } };
    expect(detail.year).toBe(2027);
    expect(detail.before.coveredYears).not.toContain(2027);
    expect(detail.after.coveredYears).toContain(2027);
  });
});

describe('calendar days', () => {
  it('sets a day by hand, which does not cover its year, and clears it again', async () => {
    const cal = await calendars.create(adminA, input({ orgId: org.a }));
    expect(await calendars.setDay(adminA, cal.id, '2027-03-16', { kind: 'holiday', name: '院庆' })).toEqual({ date: '2027-03-16', kind: 'holiday', name: '院庆', ranges: null, source: 'manual' });
    expect((await calendars.get(adminA, cal.id)).coveredYears).not.toContain(2027);
    await calendars.clearDay(adminA, cal.id, '2027-03-16');
    expect(await calendars.days(adminA, cal.id, 2027)).toEqual([]);
    await expectAppError(calendars.clearDay(adminA, cal.id, '2027-03-16'), 'not_found');
    await expectAppError(calendars.setDay(adminA, cal.id, '2027-03-17', { kind: 'holiday', name: '', ranges: [[480, 600]] }), 'invalid', 'calendar.holiday_with_hours');
    await expectAppError(calendars.setDay(viewerA, cal.id, '2027-03-17', { kind: 'holiday', name: '' }), 'forbidden');
  });
});

describe('tenancy', () => {
  let calA: WorkCalendar;
  let calB: WorkCalendar;
  let platform: WorkCalendar;
  beforeEach(async () => {
    calA = await calendars.create(adminA, input({ orgId: org.a, name: 'A' }));
    calB = await calendars.create(adminB, input({ orgId: org.b, name: 'B' }));
    platform = await calendars.create(rootAdmin, input({ orgId: null, name: 'platform' }));
  });

  it('hides another institution\'s calendar from get, change and delete as not found', async () => {
    await expectAppError(calendars.get(adminA, calB.id), 'not_found', 'calendar.not_found');
    await expectAppError(calendars.update(adminA, calB.id, { name: 'mine now' }), 'not_found');
    await expectAppError(calendars.remove(adminA, calB.id), 'not_found');
    await expectAppError(calendars.days(adminA, calB.id, 2026), 'not_found');
    await expectAppError(calendars.setDay(adminA, calB.id, '2026-03-16', { kind: 'holiday', name: '' }), 'not_found');
    await expectAppError(calendars.clearDay(adminA, calB.id, '2026-01-01'), 'not_found');
    await expectAppError(calendars.importYear(adminA, calB.id, { year: 2026, replace: true, noticeText: NOTICE_2026 }), 'not_found');
    await expectAppError(calendars.businessTime(adminA, calB.id, { start: '2026-01-05T08:00:00+08:00', minutes: 60 }), 'not_found');
    await expectAppError(calendars.create(adminA, input({ orgId: org.b })), 'not_found');
    expect((await calendars.get(adminB, calB.id)).name).toBe('B');
  });

  it('lists own and platform calendars, never another institution\'s', async () => {
    expect((await calendars.list(adminA)).map((c) => c.name)).toEqual(['platform', 'A']);
    expect((await calendars.list(adminB)).map((c) => c.name)).toEqual(['platform', 'B']);
    expect((await calendars.list(rootAdmin)).map((c) => c.name).sort()).toEqual(['A', 'B', 'platform']);
    expect((await calendars.coverage(adminA)).missing.map((c) => c.name)).toEqual(['platform', 'A']);
    expect((await calendars.list(systemActor)).length).toBe(3);
  });

  it('lets any reader read a platform calendar but only a root manager change it', async () => {
    expect((await calendars.get(viewerA, platform.id)).name).toBe('platform');
    expect((await calendars.get(adminB, platform.id)).name).toBe('platform');
    await expectAppError(calendars.update(adminA, platform.id, { name: 'x' }), 'forbidden', 'calendar.platform_forbidden');
    await expectAppError(calendars.remove(adminB, platform.id), 'forbidden');
    await expectAppError(calendars.setDay(adminA, platform.id, '2026-03-16', { kind: 'holiday', name: '' }), 'forbidden');
    expect((await calendars.update(rootAdmin, platform.id, { name: 'platform 2' })).name).toBe('platform 2');
  });

  it('lets a root manager change an institution\'s calendar below it', async () => {
    expect((await calendars.update(rootAdmin, calA.id, { name: 'A2' })).name).toBe('A2');
  });
});

describe('audit', () => {
  it('records exactly one event with before and after for a change', async () => {
    const cal = await calendars.create(adminA, input({ orgId: org.a }));
    const count = await auditCount();
    await calendars.update(adminA, cal.id, { name: '急诊 5×8', timeZone: 'Asia/Urumqi' });
    expect(await auditCount()).toBe(count + 1);
    const event = (await calendarAudits(cal.id)).at(-1)!;
    expect(event).toMatchObject({ eventType: 'calendar.update', action: 'update', objectType: 'calendar', orgId: org.a, actorName: 'admin A' });
    const detail = event.detail as { before: { name: string; timeZone: string }; after: { name: string; timeZone: string } };
    expect(detail.before).toMatchObject({ name: '门诊 5×8', timeZone: 'Asia/Shanghai' });
    expect(detail.after).toMatchObject({ name: '急诊 5×8', timeZone: 'Asia/Urumqi' });
  });

  it('rolls the change back when the audit event cannot be written', async () => {
    const cal = await calendars.create(adminA, input({ orgId: org.a }));
    const failing = createCalendarService({
      ...deps,
      audit: {
        ...deps.audit,
        async record(trx, subject, event) {
          await deps.audit.record(trx, subject, event);
          throw new Error('audit store down');
        },
      },
    });
    const count = await auditCount();
    await expect(failing.update(adminA, cal.id, { name: 'lost' })).rejects.toThrow('audit store down');
    await expect(failing.setDay(adminA, cal.id, '2026-03-16', { kind: 'holiday', name: 'lost' })).rejects.toThrow('audit store down');
    expect((await calendars.get(adminA, cal.id)).name).toBe('门诊 5×8');
    expect((await calendars.days(adminA, cal.id, 2026)).some((d) => d.date === '2026-03-16')).toBe(false);
    expect(await auditCount()).toBe(count);
  });

  it('keeps unchanged fields on a partial change', async () => {
    const cal = await calendars.create(adminA, input({ orgId: org.a, timeZone: 'Asia/Urumqi', followsNationalHolidays: false }));
    const patch = calendarRoutes(calendars).specs.find((s) => s.method === 'patch')!.body!.parse({ name: 'renamed' });
    expect(patch).toEqual({ name: 'renamed' });
    expect(await calendars.update(adminA, cal.id, patch as { name: string })).toMatchObject({ name: 'renamed', timeZone: 'Asia/Urumqi', followsNationalHolidays: false });
  });

  it('seeds the missing years when a calendar starts following national holidays', async () => {
    const cal = await calendars.create(adminA, input({ orgId: org.a, followsNationalHolidays: false }));
    const after = await calendars.update(adminA, cal.id, { followsNationalHolidays: true });
    expect(after.coveredYears).toEqual(seed.years);
    expect((await calendars.days(adminA, cal.id, 2026)).find((d) => d.date === '2026-02-14')?.kind).toBe('workday');
  });
});

describe('business time', () => {
  it('skips 国庆 2025 on a seeded 5×8 calendar: 2025-09-30 16:30 + 240 min is 2025-10-09 11:30', async () => {
    const cal = await calendars.create(rootAdmin, input({ orgId: null }));
    expect(await calendars.businessTime(viewerA, cal.id, { start: '2025-09-30T16:30:00+08:00', minutes: 240 })).toEqual({
      start: '2025-09-30T08:30:00.000Z',
      due: '2025-10-09T03:30:00.000Z',
      minutesBetween: null,
      incompleteYears: [],
    });
    expect(await calendars.businessTime(viewerA, cal.id, { start: '2025-09-30T16:30:00+08:00', end: '2025-10-09T11:30:00+08:00' })).toMatchObject({ due: null, minutesBetween: 240 });
  });

  it('reports the years it had to guess', async () => {
    const cal = await calendars.create(adminA, input({ orgId: org.a }));
    expect((await calendars.businessTime(adminA, cal.id, { start: '2027-01-01T08:00:00+08:00', minutes: 60 })).incompleteYears).toEqual([2027]);
  });

  it('needs exactly one of minutes and end', async () => {
    const cal = await calendars.create(adminA, input({ orgId: org.a }));
    await expectAppError(calendars.businessTime(adminA, cal.id, { start: '2026-01-05T08:00:00+08:00' }), 'invalid', 'calendar.business_time_args');
    await expectAppError(calendars.businessTime(adminA, cal.id, { start: '2026-01-05T08:00:00+08:00', minutes: 1, end: '2026-01-06T08:00:00+08:00' }), 'invalid', 'calendar.business_time_args');
  });

  it('answers no_working_time for a calendar without hours', async () => {
    const cal = await calendars.create(adminA, input({ orgId: org.a, weekly: [[], [], [], [], [], [], []], followsNationalHolidays: false }));
    await expectAppError(calendars.businessTime(adminA, cal.id, { start: '2026-01-05T08:00:00+08:00', minutes: 1 }), 'invalid', 'calendar.no_working_time');
  });

  it('loads the same calendar for SLA clocks without an actor', async () => {
    const cal = await calendars.create(adminA, input({ orgId: org.a }));
    const loaded = await loadBusinessCalendar(handle.db, cal.id);
    expect(addBusinessMinutes(loaded, new Date('2025-09-30T16:30:00+08:00'), 240).at.toISOString()).toBe('2025-10-09T03:30:00.000Z');
    await expectAppError(loadBusinessCalendar(handle.db, globalThis.crypto.randomUUID()), 'not_found');
  });

  it('ignores seeded holidays when a calendar no longer follows them, but keeps days set by hand', () => {
    const row = { timeZone: 'Asia/Shanghai', weekly: FIVE_BY_EIGHT, makeupRanges: [[480, 1020]] as Array<[number, number]>, followsNationalHolidays: false, coveredYears: [2025] };
    const cal = toBusinessCalendar(row, [
      { date: '2025-10-01', kind: 'holiday', name: '国庆节', ranges: null, source: seed.source },
      { date: '2025-10-09', kind: 'holiday', name: '院庆', ranges: null, source: 'manual' },
    ]);
    expect([...cal.exceptions.keys()]).toEqual(['2025-10-09']);
    expect(addBusinessMinutes(cal, new Date('2027-06-01T08:00:00+08:00'), 60).incompleteYears).toEqual([]);
  });
});
