import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EscalationPolicy, EscalationPolicyPage } from '../../../../shared/schemas/alerts.ts';
import { insertChannel } from '../notifications/tenancy-fixture.ts';
import { escalationPolicyTenancyFixture, insertSchedule } from './tenancy-fixture.ts';
import { auditTrail, createConfigTestApp, type ConfigTestContext } from './test-support.ts';

let t: ConfigTestContext;
let channelId: string;
let smsId: string;
let scheduleId: string;

beforeAll(async () => {
  t = await createConfigTestApp();
  channelId = await insertChannel(t.app, t.orgs.hospital, '信息科值班群');
  smsId = await insertChannel(t.app, t.orgs.hospital, '短信网关');
  scheduleId = await insertSchedule(t.app, t.orgs.hospital, '信息科值班');
});
afterAll(() => t.app.close());

const steps = () => [
  { delayMinutes: 0, targets: [{ kind: 'channel', channelId }] },
  { delayMinutes: 15, targets: [{ kind: 'schedule', scheduleId, via: [smsId] }, { kind: 'user', userId: t.users.engineer.id }] },
];
const policy = (o: Record<string, unknown> = {}) => ({ orgId: t.orgs.hospital, name: '核心系统', steps: steps(), ...o });

describe('escalation policies API', () => {
  it('creates a policy and shows it only inside the organisation', async () => {
    const engineer = await t.as(t.users.engineer);
    const res = await engineer.post('/escalation-policies', policy({ repeat: 2 }));
    expect(res.status, res.text).toBe(201);
    const created = EscalationPolicy.strict().parse(res.body);
    expect(created).toMatchObject({ orgName: '州人民医院', name: '核心系统', description: '', repeat: 2 });
    // `via` defaults to none for a user target.
    expect(created.steps[1]!.targets[1]).toEqual({ kind: 'user', userId: t.users.engineer.id, via: [] });

    const viewer = await t.as(t.users.viewer);
    expect(EscalationPolicyPage.parse((await viewer.get('/escalation-policies')).body).items.map((p) => p.id)).toContain(created.id);
    expect((await viewer.patch(`/escalation-policies/${created.id}`, { repeat: 1 })).status).toBe(403);
    const outsider = await t.as(t.users.outsider);
    expect((await outsider.get('/escalation-policies')).body.items).toEqual([]);
    expect((await outsider.get(`/escalation-policies/${created.id}`)).status).toBe(404);
    expect((await outsider.patch(`/escalation-policies/${created.id}`, { repeat: 1 })).status).toBe(404);
    expect((await outsider.delete(`/escalation-policies/${created.id}`)).status).toBe(404);
    expect((await outsider.post('/escalation-policies', policy({ name: 'x' }))).status).toBe(404);
    expect((await engineer.post('/escalation-policies', policy())).body.error.code).toBe('escalation_policy.name_taken');
  });

  it('names every channel, schedule and user the organisation cannot use, with its path', async () => {
    const engineer = await t.as(t.users.engineer);
    const foreignChannel = await insertChannel(t.app, t.orgs.sibling, '县医院群');
    const deletedChannel = await insertChannel(t.app, t.orgs.hospital, '已删除群');
    await t.app.platform.db.updateTable('notificationChannels').set({ deletedAt: new Date() }).where('id', '=', deletedChannel).execute();
    const foreignSchedule = await insertSchedule(t.app, t.orgs.sibling);
    const res = await engineer.post(
      '/escalation-policies',
      policy({
        name: '坏策略',
        steps: [
          { delayMinutes: 0, targets: [{ kind: 'channel', channelId: foreignChannel }, { kind: 'channel', channelId }] },
          { delayMinutes: 10, targets: [{ kind: 'schedule', scheduleId: foreignSchedule, via: [deletedChannel, smsId] }, { kind: 'user', userId: globalThis.crypto.randomUUID() }, { kind: 'user', userId: t.users.outsider.id }] },
        ],
      }),
    );
    expect(res.status, res.text).toBe(400);
    expect(res.body.error.code).toBe('escalation_policy.unknown_reference');
    expect(res.body.error.details.map((d: { path: unknown[] }) => d.path.join('.'))).toEqual([
      'body.steps.0.targets.0.channelId',
      'body.steps.1.targets.0.scheduleId',
      'body.steps.1.targets.0.via.0',
      'body.steps.1.targets.1.userId',
      'body.steps.1.targets.2.userId',
    ]);
    expect(res.text).not.toContain('县医院群');
    expect((await t.app.platform.db.selectFrom('escalationPolicies').select('id').where('name', '=', '坏策略').execute()).length).toBe(0);
  });

  it('lets a hospital use its region\'s channel when the caller manages the region, not otherwise', async () => {
    const regionChannel = await insertChannel(t.app, t.orgs.region, '州中心值班群');
    const body = policy({ name: '州中心兜底', steps: [{ delayMinutes: 0, targets: [{ kind: 'channel', channelId: regionChannel }] }] });
    // The hospital engineer cannot see the region's channel, so it is unknown to them.
    expect((await (await t.as(t.users.engineer)).post('/escalation-policies', body)).body.error.code).toBe('escalation_policy.unknown_reference');
    expect((await (await t.as(t.users.regional)).post('/escalation-policies', body)).status).toBe(201);
    // A region policy may not page a hospital's own channel: the region's other hospitals would land there.
    const down = await (await t.as(t.users.regional)).post('/escalation-policies', policy({ orgId: t.orgs.region, name: '向下引用', steps: [{ delayMinutes: 0, targets: [{ kind: 'channel', channelId }] }] }));
    expect(down.body.error.code).toBe('escalation_policy.unknown_reference');
  });

  it('updates only what is sent, re-checking new steps', async () => {
    const engineer = await t.as(t.users.engineer);
    const created = EscalationPolicy.parse((await engineer.post('/escalation-policies', policy({ name: '可改策略', description: '原描述', repeat: 3 }))).body);
    const renamed = await engineer.patch(`/escalation-policies/${created.id}`, { name: '已改策略' });
    expect(renamed.status, renamed.text).toBe(200);
    expect(EscalationPolicy.strict().parse(renamed.body)).toMatchObject({ name: '已改策略', description: '原描述', repeat: 3, steps: created.steps });
    const bad = await engineer.patch(`/escalation-policies/${created.id}`, { steps: [{ delayMinutes: 0, targets: [{ kind: 'schedule', scheduleId: globalThis.crypto.randomUUID() }] }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([expect.objectContaining({ path: ['body', 'steps', 0, 'targets', 0, 'scheduleId'] })]);
    expect((await engineer.patch(`/escalation-policies/${created.id}`, { steps: [{ delayMinutes: 5, targets: [{ kind: 'channel', channelId: smsId }] }] })).body.steps).toEqual([
      { delayMinutes: 5, targets: [{ kind: 'channel', channelId: smsId }] },
    ]);
    expect(await auditTrail(t.app, created.id)).toEqual(['escalation_policy.create', 'escalation_policy.update', 'escalation_policy.update']);
  });

  it('refuses to delete a policy a route escalates through, naming the route; deletes softly otherwise', async () => {
    const engineer = await t.as(t.users.engineer);
    const created = EscalationPolicy.parse((await engineer.post('/escalation-policies', policy({ name: '被引用策略' }))).body);
    const route = await engineer.post('/alert-routes', { orgId: t.orgs.hospital, name: '一级告警', escalationPolicyId: created.id });
    expect(route.status, route.text).toBe(201);
    const refused = await engineer.delete(`/escalation-policies/${created.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'escalation_policy.in_use', details: { routes: [{ id: route.body.id, name: '一级告警' }] } });
    expect((await engineer.delete(`/alert-routes/${route.body.id}`)).status).toBe(204);
    expect((await engineer.delete(`/escalation-policies/${created.id}`)).status).toBe(204);
    expect((await engineer.get(`/escalation-policies/${created.id}`)).status).toBe(404);
    // A deleted policy can no longer be chosen for a route.
    expect((await engineer.post('/alert-routes', { orgId: t.orgs.hospital, name: '二级告警', escalationPolicyId: created.id })).body.error.code).toBe('alert_route.unknown_reference');
    expect(await auditTrail(t.app, created.id)).toEqual(['escalation_policy.create', 'escalation_policy.delete']);
  });

  it('the tenancy fixture makes a policy another organisation cannot see', async () => {
    const id = await escalationPolicyTenancyFixture.create(t.app, t.orgs.sibling);
    const engineer = await t.as(t.users.engineer);
    expect((await engineer.get(`/escalation-policies/${id}`)).status).toBe(404);
    expect((await engineer.get('/escalation-policies')).text).not.toContain(id);
    expect((await (await t.as(t.users.outsider)).get(`/escalation-policies/${id}`)).status).toBe(200);
  });
});
