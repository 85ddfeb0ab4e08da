import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotificationChannel, NotificationPage } from '../../../../shared/schemas/notifications.ts';
import { makeOrg, makeUser, signedIn, type Client, type TestApp } from '../../../test/test-app.ts';
import { channelSecretsContext } from './channel-config.ts';
import { notificationChannelTenancyFixture, notificationTenancyFixture } from './tenancy-fixture.ts';
import { createOutboxTestApp } from './test-support.ts';

let app: TestApp;
let orgId: string;
let engineer: Client;
let viewer: Client;
let outsider: Client;

const wecom = (o: Record<string, unknown> = {}) => ({ orgId, name: '信息科值班群', kind: 'wecom', config: { format: 'text' }, secrets: { key: 'wecom-key-0001' }, ...o });

beforeAll(async () => {
  app = await createOutboxTestApp();
  orgId = (await makeOrg(app, { name: '州人民医院' })).id;
  const otherOrgId = (await makeOrg(app, { name: '县人民医院' })).id;
  engineer = await signedIn(app, await makeUser(app, orgId, ['engineer']));
  viewer = await signedIn(app, await makeUser(app, orgId, ['viewer']));
  outsider = await signedIn(app, await makeUser(app, otherOrgId, ['engineer']));
});
afterAll(() => app.close());

const count = async (table: 'notificationChannels' | 'notifications' | 'auditEvents') => {
  const r = await app.platform.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
};

describe('notification channels API', () => {
  it('creates a channel, never returns its secrets, and shows it only inside the organisation', async () => {
    const res = await engineer.post('/notification-channels', wecom());
    expect(res.status, res.text).toBe(201);
    const channel = NotificationChannel.parse(res.body);
    expect(channel).toMatchObject({ orgName: '州人民医院', kind: 'wecom', hasSecrets: true, isEnabled: true, ratePerMinute: null });
    expect(channel.config).toMatchObject({ format: 'text', baseUrl: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send' });
    expect(res.text).not.toContain('wecom-key-0001');
    const row = await app.platform.db.selectFrom('notificationChannels').selectAll().where('id', '=', channel.id).executeTakeFirstOrThrow();
    expect(JSON.parse(app.platform.secrets.open(row.secretsSealed!, channelSecretsContext(channel.id)))).toEqual({ key: 'wecom-key-0001' });
    expect((await viewer.get('/notification-channels')).body.items.map((c: NotificationChannel) => c.id)).toContain(channel.id);
    expect((await outsider.get('/notification-channels')).body.items).toEqual([]);
    expect((await outsider.get(`/notification-channels/${channel.id}`)).status).toBe(404);
    expect((await outsider.patch(`/notification-channels/${channel.id}`, { name: 'x' })).status).toBe(404);
    expect((await outsider.post(`/notification-channels/${channel.id}/test`, {})).status).toBe(404);
    expect((await viewer.post('/notification-channels', wecom({ name: 'viewer' }))).status).toBe(403);
    expect((await engineer.post('/notification-channels', wecom())).status).toBe(409);
    const audit = await app.platform.db.selectFrom('auditEvents').select(['eventType', 'detail']).where('objectId', '=', channel.id).execute();
    expect(audit.map((a) => a.eventType)).toEqual(['notification_channel.create']);
    expect(JSON.stringify(audit[0]!.detail)).not.toContain('wecom-key-0001');
  });

  it('rejects config or secrets the kind does not accept, naming the fields, and writes nothing', async () => {
    const before = [await count('notificationChannels'), await count('auditEvents')];
    const res = await engineer.post('/notification-channels', wecom({ name: 'bad', config: { format: 'html' }, secrets: {} }));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('notification_channel.invalid_config');
    expect(res.body.error.details).toContainEqual(expect.objectContaining({ path: ['config', 'format'] }));
    expect(res.body.error.details).toContainEqual(expect.objectContaining({ path: ['secrets', 'key'] }));
    const short = await engineer.post('/notification-channels', { orgId, name: 'hook', kind: 'webhook', config: { url: 'http://10.0.0.1/hook' }, secrets: { signingSecret: 'short' } });
    expect(short.status).toBe(400);
    expect([await count('notificationChannels'), await count('auditEvents')]).toEqual(before);
  });

  it('updates without secrets keeps them, replaces them when given, and deletes softly', async () => {
    const created = NotificationChannel.parse((await engineer.post('/notification-channels', wecom({ name: '夜间群' }))).body);
    const opened = async () => {
      const row = await app.platform.db.selectFrom('notificationChannels').select('secretsSealed').where('id', '=', created.id).executeTakeFirstOrThrow();
      return JSON.parse(app.platform.secrets.open(row.secretsSealed!, channelSecretsContext(created.id)));
    };
    const renamed = await engineer.patch(`/notification-channels/${created.id}`, { name: '夜间值班群', config: { format: 'markdown' }, ratePerMinute: 10 });
    expect(renamed.status, renamed.text).toBe(200);
    expect(renamed.body).toMatchObject({ name: '夜间值班群', hasSecrets: true, ratePerMinute: 10, config: { format: 'markdown' } });
    expect(await opened()).toEqual({ key: 'wecom-key-0001' });
    expect((await engineer.patch(`/notification-channels/${created.id}`, { secrets: { key: 'rotated-key-02' } })).status).toBe(200);
    expect(await opened()).toEqual({ key: 'rotated-key-02' });
    expect((await engineer.patch(`/notification-channels/${created.id}`, { secrets: { key: '' } })).status).toBe(400);
    expect(await opened()).toEqual({ key: 'rotated-key-02' });
    expect((await engineer.delete(`/notification-channels/${created.id}`)).status).toBe(204);
    expect((await engineer.get(`/notification-channels/${created.id}`)).status).toBe(404);
    expect((await engineer.post('/notification-channels', wecom({ name: '夜间值班群' }))).status).toBe(201);
    const events = await app.platform.db.selectFrom('auditEvents').select('eventType').where('objectId', '=', created.id).orderBy('seq').execute();
    expect(events.map((e) => e.eventType)).toEqual(['notification_channel.create', 'notification_channel.update', 'notification_channel.update', 'notification_channel.delete']);
  });

  it('test-sends through the outbox, and the dead-letter view retries a dead notification', async () => {
    const channel = NotificationChannel.parse((await engineer.post('/notification-channels', wecom({ name: '测试群' }))).body);
    const sent = await engineer.post(`/notification-channels/${channel.id}/test`, {});
    expect(sent.status, sent.text).toBe(201);
    const id = sent.body.notificationId as number;
    const row = await app.platform.db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'pending', kind: 'test', channelId: channel.id, orgId, attempts: 0 });

    await app.platform.db.updateTable('notifications').set({ status: 'dead', attempts: 6, lastError: 'WeCom errcode 93000' }).where('id', '=', id).execute();
    const dead = await viewer.get(`/notifications?status=dead&channelId=${channel.id}`);
    expect(dead.status, dead.text).toBe(200);
    const page = NotificationPage.parse(dead.body);
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ id, status: 'dead', lastError: 'WeCom errcode 93000', channelName: '测试群', kind: 'test' });
    expect((await outsider.get(`/notifications?status=dead&channelId=${channel.id}`)).body.items).toEqual([]);
    expect((await outsider.post(`/notifications/${id}/retry`)).status).toBe(404);
    expect((await viewer.post(`/notifications/${id}/retry`)).status).toBe(403);
    const retried = await engineer.post(`/notifications/${id}/retry`);
    expect(retried.status, retried.text).toBe(200);
    expect(retried.body).toMatchObject({ id, status: 'pending', attempts: 0 });
    expect((await engineer.post(`/notifications/${id}/retry`)).status).toBe(409);
    const audit = await app.platform.db.selectFrom('auditEvents').select('eventType').where('objectId', '=', String(id)).execute();
    expect(audit.map((a) => a.eventType)).toEqual(['notification.retry']);
  });

  it('the tenancy fixtures make objects another organisation cannot see or change', async () => {
    const otherOrgId = (await makeOrg(app)).id;
    const channelId = await notificationChannelTenancyFixture.create(app, otherOrgId);
    const notificationId = await notificationTenancyFixture.create(app, otherOrgId);
    const before = await notificationTenancyFixture.snapshot(app, notificationId);
    expect(Number(notificationId)).toBeGreaterThanOrEqual(7_300_000_000_000);
    expect((await engineer.get(`/notification-channels/${channelId}`)).status).toBe(404);
    expect((await engineer.post(`/notifications/${notificationId}/retry`)).status).toBe(404);
    expect(await notificationTenancyFixture.snapshot(app, notificationId)).toEqual(before);
    const lists = [await engineer.get('/notification-channels'), await engineer.get('/notifications')];
    for (const res of lists) expect(res.text).not.toContain(channelId);
    expect(lists[1]!.text).not.toContain(notificationId);
  });
});
