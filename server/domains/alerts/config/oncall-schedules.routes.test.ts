import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OnCallNow, OnCallSchedulePage, OnCallScheduleRecord, OnCallShiftList } from '../../../../shared/schemas/alerts.ts';
import { onCallScheduleTenancyFixture } from './tenancy-fixture.ts';
import { auditTrail, createConfigTestApp, type ConfigTestContext } from './test-support.ts';

let t: ConfigTestContext;
let dutyId: string;
let deskId: string;

beforeAll(async () => {
  t = await createConfigTestApp();
  dutyId = (await t.named(t.orgs.dept, ['engineer'], '值班王')).id;
  deskId = (await t.named(t.orgs.hospital, ['engineer'], '窗口张')).id;
});
afterAll(() => t.app.close());

const q = (params: Record<string, string>) => new URLSearchParams(params).toString();
const daily = (participants: string[], o: Record<string, unknown> = {}) => ({ name: '白班', participants, kind: 'daily', handoffTime: '08:30', startDate: '2026-09-01', ...o });
/** Desk staff in business hours by the work calendar, the duty engineer in off hours (holiday- and 调休-aware). */
const byCalendar = () => ({
  layers: [
    { name: '非工作时间', participants: [dutyId], kind: 'weekly', handoffTime: '08:30', handoffWeekday: 1, startDate: '2026-09-07', restriction: { kind: 'off_hours' } },
    daily([deskId], { name: '工作时间', restriction: { kind: 'business_hours' } }),
  ],
});
const schedule = (o: Record<string, unknown> = {}) => ({ orgId: t.orgs.hospital, name: '信息科值班', rules: { layers: [daily([dutyId, deskId])] }, ...o });

describe('on-call schedules API', () => {
  it('creates a schedule and shows it only inside the organisation', async () => {
    const engineer = await t.as(t.users.engineer);
    const res = await engineer.post('/oncall-schedules', schedule({ name: '基础值班', description: '信息科' }));
    expect(res.status, res.text).toBe(201);
    const created = OnCallScheduleRecord.strict().parse(res.body);
    expect(created).toMatchObject({ orgName: '州人民医院', name: '基础值班', description: '信息科', calendarId: null });
    expect(created.rules).toMatchObject({ timeZone: 'Asia/Shanghai', overrides: [], layers: [{ participants: [dutyId, deskId], restriction: null }] });

    const viewer = await t.as(t.users.viewer);
    expect(OnCallSchedulePage.parse((await viewer.get('/oncall-schedules')).body).items.map((s) => s.id)).toContain(created.id);
    expect((await viewer.post('/oncall-schedules', schedule({ name: 'viewer' }))).status).toBe(403);
    const outsider = await t.as(t.users.outsider);
    expect((await outsider.get('/oncall-schedules')).body.items).toEqual([]);
    for (const path of ['', '/now', `/shifts?${q({ from: '2026-10-01T00:00:00+08:00', to: '2026-10-02T00:00:00+08:00' })}`]) {
      expect((await outsider.get(`/oncall-schedules/${created.id}${path}`)).status, path).toBe(404);
    }
    expect((await outsider.patch(`/oncall-schedules/${created.id}`, { name: 'x' })).status).toBe(404);
    expect((await outsider.delete(`/oncall-schedules/${created.id}`)).status).toBe(404);
    expect((await outsider.post('/oncall-schedules', schedule({ name: 'outsider' }))).status).toBe(404);
    expect((await engineer.post('/oncall-schedules', schedule({ name: '基础值班' }))).body.error.code).toBe('oncall_schedule.name_taken');
    expect(await auditTrail(t.app, created.id)).toEqual(['oncall_schedule.create']);
  });

  it('names every participant or override that is not an active user of the organisation, above or below it', async () => {
    const engineer = await t.as(t.users.engineer);
    const disabled = await t.named(t.orgs.hospital, ['engineer'], '已离职');
    await t.app.platform.db.updateTable('users').set({ status: 'disabled' }).where('id', '=', disabled.id).execute();
    const ghost = globalThis.crypto.randomUUID();
    const res = await engineer.post(
      '/oncall-schedules',
      schedule({
        name: '坏排班',
        rules: {
          // the regional engineer (above) and the department's duty engineer (below) are fine
          layers: [daily([dutyId, ghost, t.users.regional.id, 'zhang-san']), daily([disabled.id, t.users.outsider.id], { name: '夜班' })],
          overrides: [{ userId: ghost, start: '2026-10-01T00:00:00+08:00', end: '2026-10-02T00:00:00+08:00' }],
        },
      }),
    );
    expect(res.status, res.text).toBe(400);
    expect(res.body.error.code).toBe('oncall_schedule.unknown_user');
    expect(res.body.error.details.map((d: { path: unknown[] }) => d.path.join('.'))).toEqual([
      'body.rules.layers.0.participants.1',
      'body.rules.layers.0.participants.3',
      'body.rules.layers.1.participants.0',
      'body.rules.layers.1.participants.1',
      'body.rules.overrides.0.userId',
    ]);
    expect((await t.app.platform.db.selectFrom('oncallSchedules').select('id').where('name', '=', '坏排班').execute()).length).toBe(0);
  });

  it('needs a usable calendar for a layer restricted to business or off hours', async () => {
    const engineer = await t.as(t.users.engineer);
    const missing = await engineer.post('/oncall-schedules', schedule({ name: '无日历', rules: byCalendar() }));
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('oncall_schedule.calendar_required');
    expect(missing.body.error.details).toContainEqual(expect.objectContaining({ path: ['body', 'rules', 'layers', 0, 'restriction'] }));
    const unknown = await engineer.post('/oncall-schedules', schedule({ name: '假日历', rules: byCalendar(), calendarId: globalThis.crypto.randomUUID() }));
    expect(unknown.body.error).toMatchObject({ code: 'oncall_schedule.unknown_calendar', details: [expect.objectContaining({ path: ['body', 'calendarId'] })] });
    // Another hospital's own calendar is not usable; the platform's are.
    const foreign = await t.app.platform.db
      .insertInto('workCalendars')
      .values({ orgId: t.orgs.sibling, name: '县医院日历', description: null, weekly: JSON.stringify([[[480, 1020]], [], [], [], [], [], []]), makeupRanges: '[]' })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect((await engineer.post('/oncall-schedules', schedule({ name: '县日历', rules: byCalendar(), calendarId: foreign.id }))).body.error.code).toBe('oncall_schedule.unknown_calendar');
    expect((await engineer.post('/oncall-schedules', schedule({ name: '标准日历', rules: byCalendar(), calendarId: t.calendars.standard }))).status).toBe(201);
  });

  it('resolves shifts over National Day and the 调休 Saturday with the work calendar, and who is on call', async () => {
    const engineer = await t.as(t.users.engineer);
    const created = OnCallScheduleRecord.parse((await engineer.post('/oncall-schedules', schedule({ name: '节假日值班', rules: byCalendar(), calendarId: t.calendars.standard }))).body);
    const shifts = async (from: string, to: string) => {
      const res = await engineer.get(`/oncall-schedules/${created.id}/shifts?${q({ from, to })}`);
      expect(res.status, res.text).toBe(200);
      return OnCallShiftList.strict().parse(res.body).items.map((s) => `${s.userName} ${s.start} → ${s.end} ${s.layer}`);
    };
    // Wednesday 09-30 is a working day (08:00–17:00); Thursday 10-01 is a holiday: the duty engineer all day.
    expect(await shifts('2026-09-30T00:00:00+08:00', '2026-10-02T00:00:00+08:00')).toEqual([
      '值班王 2026-09-29T16:00:00.000Z → 2026-09-30T00:00:00.000Z 0',
      '窗口张 2026-09-30T00:00:00.000Z → 2026-09-30T09:00:00.000Z 1',
      '值班王 2026-09-30T09:00:00.000Z → 2026-10-01T16:00:00.000Z 0',
    ]);
    // Saturday 10-10 is a 调休 working day; Saturday 10-17 is not.
    expect(await shifts('2026-10-10T00:00:00+08:00', '2026-10-11T00:00:00+08:00')).toEqual([
      '值班王 2026-10-09T16:00:00.000Z → 2026-10-10T00:00:00.000Z 0',
      '窗口张 2026-10-10T00:00:00.000Z → 2026-10-10T09:00:00.000Z 1',
      '值班王 2026-10-10T09:00:00.000Z → 2026-10-10T16:00:00.000Z 0',
    ]);
    expect(await shifts('2026-10-17T00:00:00+08:00', '2026-10-18T00:00:00+08:00')).toEqual(['值班王 2026-10-16T16:00:00.000Z → 2026-10-17T16:00:00.000Z 0']);
    // A month, as the calendar view asks for it: two shifts a working day; nothing before the rotations start.
    expect((await shifts('2026-11-01T00:00:00+08:00', '2026-12-01T00:00:00+08:00')).length).toBe(2 * 21 + 1);
    expect(await shifts('2026-01-01T00:00:00+08:00', '2026-02-01T00:00:00+08:00')).toEqual([]);
    expect((await engineer.get(`/oncall-schedules/${created.id}/shifts?${q({ from: '2026-01-01T00:00:00+08:00', to: '2026-04-01T00:00:00+08:00' })}`)).status).toBe(400);

    const now = async (at?: string) => OnCallNow.strict().parse((await engineer.get(`/oncall-schedules/${created.id}/now${at ? `?${q({ at })}` : ''}`)).body);
    expect(await now('2026-10-01T10:00:00+08:00')).toEqual({ userId: dutyId, userName: '值班王', layer: 0 });
    expect(await now('2026-10-10T10:00:00+08:00')).toEqual({ userId: deskId, userName: '窗口张', layer: 1 });
    // The test clock: Sunday 2026-11-22 10:00 in Shanghai.
    expect(await now()).toEqual({ userId: dutyId, userName: '值班王', layer: 0 });
  });

  it('updates only what is sent, and re-checks the calendar rule against the result', async () => {
    const engineer = await t.as(t.users.engineer);
    const created = OnCallScheduleRecord.parse((await engineer.post('/oncall-schedules', schedule({ name: '可改排班', description: '原描述', rules: byCalendar(), calendarId: t.calendars.standard }))).body);
    const renamed = await engineer.patch(`/oncall-schedules/${created.id}`, { name: '已改排班' });
    expect(renamed.status, renamed.text).toBe(200);
    expect(OnCallScheduleRecord.strict().parse(renamed.body)).toMatchObject({ name: '已改排班', description: '原描述', calendarId: t.calendars.standard, rules: created.rules });
    const dropCalendar = await engineer.patch(`/oncall-schedules/${created.id}`, { calendarId: null });
    expect(dropCalendar.body.error.code).toBe('oncall_schedule.calendar_required');
    const ghost = await engineer.patch(`/oncall-schedules/${created.id}`, { rules: { layers: [daily([globalThis.crypto.randomUUID()])] } });
    expect(ghost.body.error.code).toBe('oncall_schedule.unknown_user');
    const plain = await engineer.patch(`/oncall-schedules/${created.id}`, { rules: { layers: [daily([deskId])] }, calendarId: null });
    expect(plain.status, plain.text).toBe(200);
    expect(plain.body).toMatchObject({ calendarId: null, description: '原描述' });
    expect(await auditTrail(t.app, created.id)).toEqual(['oncall_schedule.create', 'oncall_schedule.update', 'oncall_schedule.update']);
  });

  it('refuses to delete a schedule an escalation policy pages, naming the policy; deletes softly otherwise', async () => {
    const engineer = await t.as(t.users.engineer);
    const created = OnCallScheduleRecord.parse((await engineer.post('/oncall-schedules', schedule({ name: '被引用排班' }))).body);
    const policy = await engineer.post('/escalation-policies', { orgId: t.orgs.hospital, name: '升级到值班', steps: [{ delayMinutes: 5, targets: [{ kind: 'schedule', scheduleId: created.id }] }] });
    expect(policy.status, policy.text).toBe(201);
    const refused = await engineer.delete(`/oncall-schedules/${created.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'oncall_schedule.in_use', details: { policies: [{ id: policy.body.id, name: '升级到值班' }] } });

    expect((await engineer.delete(`/escalation-policies/${policy.body.id}`)).status).toBe(204);
    expect((await engineer.delete(`/oncall-schedules/${created.id}`)).status).toBe(204);
    expect((await engineer.get(`/oncall-schedules/${created.id}`)).status).toBe(404);
    expect((await engineer.get('/oncall-schedules')).text).not.toContain(created.id);
    expect((await engineer.post('/oncall-schedules', schedule({ name: '被引用排班' }))).status).toBe(201);
    expect(await auditTrail(t.app, created.id)).toEqual(['oncall_schedule.create', 'oncall_schedule.delete']);
  });

  it('the tenancy fixture makes a schedule another organisation cannot see', async () => {
    const id = await onCallScheduleTenancyFixture.create(t.app, t.orgs.sibling);
    const engineer = await t.as(t.users.engineer);
    expect((await engineer.get(`/oncall-schedules/${id}/now`)).status).toBe(404);
    const outsider = await t.as(t.users.outsider);
    expect((await outsider.get(`/oncall-schedules/${id}/shifts?${q({ from: '2026-01-01T00:00:00+08:00', to: '2026-02-01T00:00:00+08:00' })}`)).status).toBe(200);
  });
});
