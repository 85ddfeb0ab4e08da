import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AlertRouteConditions } from '../../../../shared/schemas/alerts.ts';
import { makeOrg } from '../../../test/test-app.ts';
import { clearRoutingCache, selectRoutes, type RoutingFacts } from './routing.ts';
import { createConfigTestApp, type ConfigTestContext } from './test-support.ts';

let t: ConfigTestContext;

beforeAll(async () => {
  t = await createConfigTestApp();
});
afterAll(() => t.app.close());
beforeEach(() => clearRoutingCache());

/** A fresh region → hospital → department tree plus a sibling hospital, so each test has its own routes. */
async function tree() {
  const region = (await makeOrg(t.app)).id;
  const hospital = (await makeOrg(t.app, { parentId: region, kind: 'institution' })).id;
  const dept = (await makeOrg(t.app, { parentId: hospital, kind: 'department' })).id;
  const sibling = (await makeOrg(t.app, { parentId: region, kind: 'institution' })).id;
  return { region, hospital, dept, sibling };
}

async function route(orgId: string, name: string, o: { position?: number; conditions?: Record<string, unknown>; isContinue?: boolean; isEnabled?: boolean; isDeleted?: boolean } = {}) {
  const row = await t.app.platform.db
    .insertInto('alertRoutes')
    .values({
      orgId,
      name,
      position: o.position ?? 100,
      conditions: JSON.stringify(AlertRouteConditions.parse(o.conditions ?? {})),
      channelIds: [],
      escalationPolicyId: null,
      isContinue: o.isContinue ?? false,
      isEnabled: o.isEnabled ?? true,
      deletedAt: o.isDeleted ? new Date() : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const alert = (o: Partial<RoutingFacts> = {}): RoutingFacts => ({ severity: 'P2', source: 'probe', assetKind: null, isCore: false, labels: {}, ...o });
const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const NOW = at('2026-11-23 10:00'); // a Monday, working hours
const names = async (orgId: string, facts: RoutingFacts = alert(), when: Date = NOW) => (await selectRoutes(t.app.platform.db, orgId, facts, when)).routes.map((r) => r.name);

describe('selectRoutes', () => {
  it('tries routes by position, then name, and stops at the first match that does not continue', async () => {
    const o = await tree();
    await route(o.hospital, 'b 20 any', { position: 20 });
    await route(o.hospital, 'a 20 P1 only', { position: 20, conditions: { severities: ['P1'] } });
    await route(o.hospital, '10 P1/P2 continue', { position: 10, conditions: { severities: ['P1', 'P2'] }, isContinue: true });
    await route(o.hospital, '30 never reached', { position: 30 });
    expect(await names(o.hospital, alert({ severity: 'P1' }))).toEqual(['10 P1/P2 continue', 'a 20 P1 only']);
    expect(await names(o.hospital, alert({ severity: 'P2' }))).toEqual(['10 P1/P2 continue', 'b 20 any']);
    expect(await names(o.hospital, alert({ severity: 'P4' }))).toEqual(['b 20 any']);
  });

  it('follows a chain of continuing routes until one stops it', async () => {
    const o = await tree();
    await route(o.hospital, '1 log everything', { position: 1, isContinue: true });
    await route(o.hospital, '2 P1 to the director', { position: 2, isContinue: true, conditions: { severities: ['P1'] } });
    await route(o.hospital, '3 stop', { position: 3 });
    await route(o.hospital, '4 after the stop', { position: 4 });
    expect(await names(o.hospital, alert({ severity: 'P1' }))).toEqual(['1 log everything', '2 P1 to the director', '3 stop']);
    expect(await names(o.hospital, alert({ severity: 'P3' }))).toEqual(['1 log everything', '3 stop']);
  });

  it('matches asset kinds, core assets, sources and labels', async () => {
    const o = await tree();
    await route(o.hospital, 'core servers', { position: 1, conditions: { assetKinds: ['server', 'storage'], coreOnly: true } });
    await route(o.hospital, 'HIS or LIS from Zabbix', { position: 2, conditions: { sources: ['zabbix'], matchers: [{ name: 'service', op: '=~', value: 'HIS|LIS' }, { name: 'env', op: '!=', value: 'test' }] } });
    expect(await names(o.hospital, alert({ assetKind: 'server', isCore: true }))).toEqual(['core servers']);
    expect(await names(o.hospital, alert({ assetKind: 'server', isCore: false }))).toEqual([]);
    expect(await names(o.hospital, alert({ assetKind: 'switch', isCore: true }))).toEqual([]);
    expect(await names(o.hospital, alert({ source: 'zabbix', labels: { service: 'LIS' } }))).toEqual(['HIS or LIS from Zabbix']);
    expect(await names(o.hospital, alert({ source: 'zabbix', labels: { service: 'LIS', env: 'test' } }))).toEqual([]);
    // anchored: HIS-PACS is neither HIS nor LIS
    expect(await names(o.hospital, alert({ source: 'zabbix', labels: { service: 'HIS-PACS' } }))).toEqual([]);
    expect(await names(o.hospital, alert({ source: 'probe', labels: { service: 'HIS' } }))).toEqual([]);
  });

  it('takes routes of the organisation and its ancestors, honouring includeSubOrgs, never a sibling\'s', async () => {
    const o = await tree();
    await route(o.region, 'region, with sub-organisations', { position: 1, isContinue: true });
    await route(o.hospital, 'hospital only', { position: 2, isContinue: true, conditions: { includeSubOrgs: false } });
    await route(o.dept, 'department', { position: 3, isContinue: true });
    await route(o.sibling, 'sibling', { position: 0, isContinue: true });
    await route(o.hospital, 'disabled', { position: 0, isContinue: true, isEnabled: false });
    await route(o.hospital, 'deleted', { position: 0, isContinue: true, isDeleted: true });
    expect(await names(o.hospital)).toEqual(['region, with sub-organisations', 'hospital only']);
    expect(await names(o.dept)).toEqual(['region, with sub-organisations', 'department']);
    expect(await names(o.region)).toEqual(['region, with sub-organisations']);
    // The engine may pass the path it already knows; the answer is the same.
    const given = await selectRoutes(t.app.platform.db, o.dept, alert({ orgPath: [o.dept, o.hospital, o.region] }), NOW);
    expect(given.routes.map((r) => r.name)).toEqual(['region, with sub-organisations', 'department']);
    expect(await names(globalThis.crypto.randomUUID())).toEqual([]);
  });

  it('reads business hours from the platform calendar: National Day is off, the 调休 Saturday is a working day', async () => {
    const o = await tree();
    await route(o.hospital, 'working hours: desk', { position: 1, conditions: { time: 'business_hours' } });
    await route(o.hospital, 'off hours: duty', { position: 2, conditions: { time: 'off_hours' } });
    const pick = async (local: string) => {
      const s = await selectRoutes(t.app.platform.db, o.hospital, alert(), at(local));
      return `${s.routes.map((r) => r.name).join(', ')} (${s.isBusinessHours})`;
    };
    expect(await pick('2026-09-30 10:00')).toBe('working hours: desk (true)'); // Wednesday
    expect(await pick('2026-09-30 18:00')).toBe('off hours: duty (false)');
    expect(await pick('2026-10-01 10:00')).toBe('off hours: duty (false)'); // 国庆节, a Thursday
    expect(await pick('2026-10-10 10:00')).toBe('working hours: desk (true)'); // 调休 Saturday
    expect(await pick('2026-10-17 10:00')).toBe('off hours: duty (false)'); // an ordinary Saturday
    expect(await pick('2026-02-14 09:00')).toBe('working hours: desk (true)'); // 春节调休 Saturday
  });

  it('uses a route\'s own calendar, else the nearest organisation calendar, else the platform\'s; calendars are cached', async () => {
    const o = await tree();
    await route(o.hospital, '7×24 business hours', { position: 1, isContinue: true, conditions: { time: 'business_hours', calendarId: t.calendars.always } });
    await route(o.hospital, 'default business hours', { position: 2, conditions: { time: 'business_hours' } });
    const holiday = at('2026-10-01 10:00');
    expect(await names(o.dept, alert(), holiday)).toEqual(['7×24 business hours']);

    // The hospital keeps its own calendar: every day 08:00–20:00, national holidays ignored.
    const everyDay = Array.from({ length: 7 }, () => [[480, 1200]]);
    const own = await t.app.platform.db
      .insertInto('workCalendars')
      .values({ orgId: o.hospital, name: '急诊日历', description: null, weekly: JSON.stringify(everyDay), makeupRanges: JSON.stringify([[480, 1200]]), followsNationalHolidays: false })
      .returning('id')
      .executeTakeFirstOrThrow();
    // Cached for a minute: the default is still the platform's until the cache is cleared.
    expect(await names(o.dept, alert(), holiday)).toEqual(['7×24 business hours']);
    clearRoutingCache();
    expect(await names(o.dept, alert(), holiday)).toEqual(['7×24 business hours', 'default business hours']);
    expect((await selectRoutes(t.app.platform.db, o.dept, alert(), holiday)).isBusinessHours).toBe(true);
    expect((await selectRoutes(t.app.platform.db, o.sibling, alert(), holiday)).isBusinessHours).toBe(false);

    // A deactivated calendar is no default; a route whose calendar is gone falls back to the default.
    await t.app.platform.db.updateTable('workCalendars').set({ isActive: false }).where('id', '=', own.id).execute();
    await route(o.sibling, 'missing calendar', { conditions: { time: 'off_hours', calendarId: globalThis.crypto.randomUUID() } });
    clearRoutingCache();
    expect(await names(o.dept, alert(), holiday)).toEqual(['7×24 business hours']);
    expect(await names(o.sibling, alert(), holiday)).toEqual(['missing calendar']);
  });
});
