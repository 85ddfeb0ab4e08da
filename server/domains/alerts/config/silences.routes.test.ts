import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Silence, SilencePage } from '../../../../shared/schemas/alerts.ts';
import { silenceTenancyFixture } from './tenancy-fixture.ts';
import { auditTrail, createConfigTestApp, type ConfigTestContext } from './test-support.ts';

let t: ConfigTestContext;
const START = '2026-11-22T02:00:00.000Z'; // Sunday 10:00 in Shanghai

beforeAll(async () => {
  t = await createConfigTestApp();
});
afterAll(() => t.app.close());
beforeEach(() => t.app.clock.set(START));

const hours = (h: number) => new Date(Date.parse(START) + h * 3_600_000).toISOString();
const silence = (o: Record<string, unknown> = {}) => ({ orgId: t.orgs.hospital, matchers: [{ name: 'asset', op: '=', value: 'HIS-DB-01' }], startsAt: hours(-1), endsAt: hours(2), reason: 'HIS 数据库升级', ...o });

describe('silences API', () => {
  it('creates an active silence with its creator, and shows it only inside the organisation', async () => {
    const engineer = await t.as(t.users.engineer);
    const res = await engineer.post('/alert-silences', silence());
    expect(res.status, res.text).toBe(201);
    const created = Silence.strict().parse(res.body);
    expect(created).toMatchObject({ orgName: '州人民医院', state: 'active', createdBy: t.users.engineer.id, createdByName: '李工程师', reason: 'HIS 数据库升级', endsAt: hours(2) });
    expect(created.matchers).toEqual([{ name: 'asset', op: '=', value: 'HIS-DB-01' }]);

    const viewer = await t.as(t.users.viewer);
    expect((await viewer.get(`/alert-silences/${created.id}`)).body.id).toBe(created.id);
    expect(SilencePage.parse((await viewer.get('/alert-silences')).body).items.map((s) => s.id)).toContain(created.id);
    expect((await viewer.post('/alert-silences', silence())).status).toBe(403);

    const outsider = await t.as(t.users.outsider);
    expect((await outsider.get('/alert-silences')).body.items).toEqual([]);
    expect((await outsider.get(`/alert-silences/${created.id}`)).status).toBe(404);
    expect((await outsider.patch(`/alert-silences/${created.id}`, { reason: 'x' })).status).toBe(404);
    expect((await outsider.post(`/alert-silences/${created.id}/expire`)).status).toBe(404);
    // An orgId outside the caller's scope is as unknown as a foreign id.
    expect((await outsider.post('/alert-silences', silence())).status).toBe(404);
    expect(await auditTrail(t.app, created.id)).toEqual(['alert_silence.create']);
  });

  it('moves from pending to active to expired with the clock, and the state filter follows', async () => {
    const engineer = await t.as(t.users.engineer);
    const created = Silence.parse((await engineer.post('/alert-silences', silence({ startsAt: hours(1), endsAt: hours(3), reason: '夜间巡检 pending' }))).body);
    expect(created.state).toBe('pending');
    const ids = async (state: string) => SilencePage.parse((await (await t.as(t.users.viewer)).get(`/alert-silences?state=${state}&q=巡检`)).body).items.map((s) => s.id);
    expect(await ids('pending')).toEqual([created.id]);
    expect(await ids('active')).toEqual([]);

    t.app.clock.set(hours(1));
    expect((await (await t.as(t.users.viewer)).get(`/alert-silences/${created.id}`)).body.state).toBe('active');
    expect(await ids('active')).toEqual([created.id]);

    t.app.clock.set(hours(3));
    expect((await (await t.as(t.users.viewer)).get(`/alert-silences/${created.id}`)).body.state).toBe('expired');
    expect(await ids('expired')).toEqual([created.id]);
    expect(await ids('active')).toEqual([]);
  });

  it('expires a silence now; a pending one starts and ends at once; an expired one cannot change', async () => {
    const engineer = await t.as(t.users.engineer);
    const active = Silence.parse((await engineer.post('/alert-silences', silence())).body);
    const pending = Silence.parse((await engineer.post('/alert-silences', silence({ startsAt: hours(5), endsAt: hours(6) }))).body);
    t.app.clock.set(hours(0.5));
    const later = await t.as(t.users.engineer);

    const expired = await later.post(`/alert-silences/${active.id}/expire`);
    expect(expired.status, expired.text).toBe(200);
    expect(Silence.strict().parse(expired.body)).toMatchObject({ state: 'expired', startsAt: active.startsAt, endsAt: hours(0.5) });

    const early = Silence.parse((await later.post(`/alert-silences/${pending.id}/expire`)).body);
    expect(early).toMatchObject({ state: 'expired', startsAt: hours(0.5), endsAt: hours(0.5) });

    const again = await later.post(`/alert-silences/${active.id}/expire`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('alert_silence.expired');
    const change = await later.patch(`/alert-silences/${active.id}`, { endsAt: hours(10) });
    expect(change.status).toBe(409);
    expect(change.body.error.code).toBe('alert_silence.expired');
    expect(await auditTrail(t.app, active.id)).toEqual(['alert_silence.create', 'alert_silence.expire']);
  });

  it('changes reason, end and matchers of a live silence, and keeps what is not sent', async () => {
    const engineer = await t.as(t.users.engineer);
    const created = Silence.parse((await engineer.post('/alert-silences', silence())).body);
    const res = await engineer.patch(`/alert-silences/${created.id}`, { endsAt: hours(4), matchers: [{ name: 'service', op: '=~', value: 'HIS|LIS' }] });
    expect(res.status, res.text).toBe(200);
    expect(Silence.strict().parse(res.body)).toMatchObject({ reason: 'HIS 数据库升级', endsAt: hours(4), startsAt: created.startsAt, state: 'active' });
    expect(res.body.matchers).toEqual([{ name: 'service', op: '=~', value: 'HIS|LIS' }]);
    expect((await engineer.patch(`/alert-silences/${created.id}`, { reason: '延长' })).body).toMatchObject({ reason: '延长', endsAt: hours(4) });

    const before = await engineer.patch(`/alert-silences/${created.id}`, { endsAt: hours(-2) });
    expect(before.status).toBe(400);
    expect(before.body.error.details).toContainEqual(expect.objectContaining({ path: ['body', 'endsAt'] }));
    expect((await engineer.patch(`/alert-silences/${created.id}`, { endsAt: hours(-0.5) })).body.error.code).toBe('alert_silence.ends_in_past');
    expect(await auditTrail(t.app, created.id)).toEqual(['alert_silence.create', 'alert_silence.update', 'alert_silence.update']);
  });

  it('refuses a bad regular expression, an end before the start, and an end in the past, writing nothing', async () => {
    const engineer = await t.as(t.users.engineer);
    const count = async () => Number((await t.app.platform.db.selectFrom('alertSilences').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    const regex = await engineer.post('/alert-silences', silence({ matchers: [{ name: 'asset', op: '=~', value: 'HIS(' }] }));
    expect(regex.status).toBe(400);
    expect(regex.body.error.details).toContainEqual(expect.objectContaining({ path: ['body', 'matchers', '0', 'value'], message: 'not a valid regular expression' }));
    const reversed = await engineer.post('/alert-silences', silence({ startsAt: hours(2), endsAt: hours(1) }));
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.details).toContainEqual(expect.objectContaining({ path: ['body', 'endsAt'] }));
    const past = await engineer.post('/alert-silences', silence({ startsAt: hours(-3), endsAt: hours(-1) }));
    expect(past.status).toBe(400);
    expect(past.body.error.code).toBe('alert_silence.ends_in_past');
    expect((await engineer.post('/alert-silences', silence({ matchers: [] }))).status).toBe(400);
    expect(await count()).toBe(before);
  });

  it('lists newest first, searches the reason and pages', async () => {
    const engineer = await t.as(t.users.engineer);
    const ids: string[] = [];
    for (const n of [1, 2, 3]) {
      t.app.clock.set(new Date(Date.parse(START) + n * 60_000));
      ids.push(Silence.parse((await (await t.as(t.users.engineer)).post('/alert-silences', silence({ reason: `机房断电演练 ${n}` }))).body).id);
    }
    const page = SilencePage.parse((await engineer.get('/alert-silences?q=断电演练&pageSize=2')).body);
    expect(page.total).toBe(3);
    expect(page.items.map((s) => s.id)).toEqual([ids[2], ids[1]]);
    expect(SilencePage.parse((await engineer.get('/alert-silences?q=断电演练&pageSize=2&page=2')).body).items.map((s) => s.id)).toEqual([ids[0]]);
    expect((await engineer.get(`/alert-silences?orgId=${t.orgs.sibling}`)).body.items).toEqual([]);
  });

  it('the tenancy fixture makes a silence another organisation cannot see or expire', async () => {
    const id = await silenceTenancyFixture.create(t.app, t.orgs.sibling);
    const before = await silenceTenancyFixture.snapshot(t.app, id);
    const engineer = await t.as(t.users.engineer);
    expect((await engineer.post(`/alert-silences/${id}/expire`)).status).toBe(404);
    expect((await engineer.get('/alert-silences')).text).not.toContain(id);
    expect(await silenceTenancyFixture.snapshot(t.app, id)).toEqual(before);
    // The regional engineer's scope covers both hospitals.
    expect((await (await t.as(t.users.regional)).get(`/alert-silences/${id}`)).status).toBe(200);
  });
});
