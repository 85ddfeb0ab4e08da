import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Alert, AlertPage } from '../../../../shared/schemas/alerts.ts';
import { createLogger } from '../../../platform/log.ts';
import { client } from '../../../test/test-app.ts';
import { recordTransition } from '../../monitoring/transitions.ts';
import { insertProbe } from '../../monitoring/maintenance/tenancy-fixture.ts';
import { USER_PHONE_CONTEXT } from '../../access/index.ts';
import { clearRoutingCache } from '../config/index.ts';
import { createConfigTestApp, type ConfigTestContext } from '../config/test-support.ts';
import { createAlertEngine, raiseAssetReminders, type AlertEngine } from '../engine/index.ts';
import { createOutboxWorker, type OutboxWorker } from '../notifications/outbox.ts';
import { startReceiver } from '../notifications/test-support.ts';

// The alert store end to end with the real pieces: probe state changes through the durable feed, routes, escalation,
// silences, the outbox and local HTTP receivers standing in for WeCom and an SMS gateway. The clock is injected, so
// escalation timing is exact.

let t: ConfigTestContext;
let engine: AlertEngine;
let outbox: OutboxWorker;
let wecom: Awaited<ReturnType<typeof startReceiver>>;
let sms: Awaited<ReturnType<typeof startReceiver>>;
let wecomId: string;
let smsId: string;
let manager: { id: string };

async function asset(orgId: string, name: string, importance: 'core' | 'important' | 'normal', kindKey = 'server') {
  const db = t.app.platform.db;
  const kind = await db.selectFrom('assetKinds').select('id').where('key', '=', kindKey).executeTakeFirstOrThrow();
  const row = await db
    .insertInto('assets')
    .values({ orgId, kindId: kind.id, code: `F-${globalThis.crypto.randomUUID().slice(0, 8)}`, name, brand: null, model: null, serialNumber: null, locationId: null, rackUnitStart: null, rackUnitSize: null, ownerDepartmentId: null, ownerPerson: null, engineerId: null, purchaseMonth: null, warrantyYears: null, warrantyEndsOn: null, vendorId: null, contractId: null, endOfServiceOn: null, cpu: null, os: null, database: null, middleware: null, attributes: '{}', notes: null, createdBy: null, updatedBy: null, importance })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A probe state change as the monitoring engine writes it, at the test clock's now. */
async function change(probe: { id: string; orgId: string; assetId: string | null }, from: string, to: string, extra: { cause?: string; message?: string } = {}) {
  const event = await recordTransition(t.app.platform.db, probe, { from: from as never, to: to as never, atMs: t.app.clock.now().getTime(), message: extra.message ?? `${to}`, causeProbeId: extra.cause ?? null } as never, { isFlapping: false });
  t.app.probeStateFeed.emit(event);
  await engine.consumeProbeStates();
}

const minutes = (n: number) => t.app.clock.advance(n * 60_000);
const alertsOf = async (probeId: string) => t.app.platform.db.selectFrom('alerts').selectAll().where('probeId', '=', probeId).orderBy('firstFiredAt').execute();
const wecomTexts = () => wecom.received.map((r) => JSON.parse(r.body) as { msgtype: string; markdown?: { content: string }; text?: { content: string } }).map((b) => b.markdown?.content ?? b.text?.content ?? '');

beforeAll(async () => {
  t = await createConfigTestApp();
  const db = t.app.platform.db;
  wecom = await startReceiver();
  sms = await startReceiver(() => ({ status: 200, body: { code: 0 } }));
  const engineer = await t.as(t.users.engineer);
  wecomId = (await engineer.post('/notification-channels', { orgId: t.orgs.hospital, name: '信息科值班群', kind: 'wecom', config: { baseUrl: `${wecom.url}/cgi-bin/webhook/send`, format: 'markdown' }, secrets: { key: 'k-0001' } })).body.id;
  smsId = (await engineer.post('/notification-channels', { orgId: t.orgs.hospital, name: '短信网关', kind: 'sms_http', config: { url: `${sms.url}/sms` }, secrets: {} })).body.id;
  expect(wecomId).toBeTruthy();
  expect(smsId).toBeTruthy();
  manager = await t.named(t.orgs.hospital, ['ops_manager'], '王主任');
  await db.updateTable('users').set({ phoneSealed: t.app.platform.secrets.seal('13900002222', USER_PHONE_CONTEXT) }).where('id', '=', manager.id).execute();
  await db.updateTable('users').set({ phoneSealed: t.app.platform.secrets.seal('13800001111', USER_PHONE_CONTEXT) }).where('id', '=', t.users.engineer.id).execute();
  // "P1 on core systems → WeCom group + on-call SMS, escalate to the manager after 10 minutes"
  const schedule = await engineer.post('/oncall-schedules', {
    orgId: t.orgs.hospital,
    name: '信息科值班',
    rules: { timeZone: 'Asia/Shanghai', layers: [{ name: '主班', participants: [t.users.engineer.id], kind: 'weekly', handoffTime: '08:30', handoffWeekday: 1, startDate: '2026-01-05' }] },
  });
  expect(schedule.status, schedule.text).toBe(201);
  const policy = await engineer.post('/escalation-policies', {
    orgId: t.orgs.hospital,
    name: '一级升级',
    steps: [
      { delayMinutes: 0, targets: [{ kind: 'schedule', scheduleId: schedule.body.id, via: [smsId] }] },
      { delayMinutes: 10, targets: [{ kind: 'user', userId: manager.id, via: [smsId] }] },
    ],
  });
  expect(policy.status, policy.text).toBe(201);
  const route = await engineer.post('/alert-routes', { orgId: t.orgs.hospital, name: 'P1 核心', position: 10, conditions: { severities: ['P1'], coreOnly: true }, channelIds: [wecomId], escalationPolicyId: policy.body.id });
  expect(route.status, route.text).toBe(201);
  const log = createLogger('silent');
  engine = createAlertEngine({ db, clock: t.app.clock, log, feed: t.app.probeStateFeed, ingest: t.app.services.alertStore.ingest, notifier: t.app.services.alertStore.notifier });
  await engine.ensureCursor();
  outbox = createOutboxWorker({ db, secrets: t.app.platform.secrets, clock: t.app.clock, log, workerId: 'test', random: () => 0.5 });
});
afterAll(async () => {
  await wecom.close();
  await sms.close();
  await t.app.close();
});
beforeEach(async () => {
  clearRoutingCache();
  // each test starts with an empty outbox and fresh rate and group windows
  minutes(5);
  for (let i = 0; i < 20 && (await outbox.runOnce()).claimed > 0; i++) minutes(1);
  minutes(5);
  wecom.received.length = 0;
  sms.received.length = 0;
});

describe('alerts from probe state changes', () => {
  it('opens one P1 alert for a core system, notifies the group and the person on call, escalates after 10 minutes, and stops at acknowledgement', async () => {
    const his = await asset(t.orgs.hospital, 'HIS 数据库', 'core');
    const probe = { id: await insertProbe(t.app.platform.db, t.orgs.hospital, { assetId: his, name: 'HIS DB TCP' }), orgId: t.orgs.hospital, assetId: his };
    await change(probe, 'up', 'down', { message: 'connect ECONNREFUSED' });
    const [alert] = await alertsOf(probe.id);
    expect(alert).toMatchObject({ status: 'firing', severity: 'P1', title: 'HIS 数据库 故障', suppression: null, escalationStep: 1, count: 1 });
    expect(alert!.labels).toMatchObject({ asset: 'HIS 数据库', asset_kind: 'server', importance: 'core', probe: 'HIS DB TCP', severity: 'P1', source: 'probe', state: 'down' });
    expect(alert!.nextEscalationAt?.getTime()).toBe(t.app.clock.now().getTime() + 10 * 60_000);

    await outbox.runOnce();
    expect(wecomTexts()).toHaveLength(1);
    expect(wecomTexts()[0]).toContain('HIS 数据库');
    expect(wecomTexts()[0]).toContain('/api/alerts/ack/');
    expect(sms.received.map((r) => JSON.parse(r.body).mobile)).toEqual(['13800001111']);
    const inbox = await (await t.as(t.users.engineer)).get('/inbox');
    expect(inbox.body.unread).toBe(1);
    expect(inbox.body.items[0]).toMatchObject({ alertId: alert!.id, severity: 'P1' });

    // nine minutes: nothing more; ten: the manager is texted
    minutes(9);
    expect(await engine.escalateDue()).toBe(0);
    minutes(1);
    expect(await engine.escalateDue()).toBe(1);
    await outbox.runOnce();
    expect(sms.received.map((r) => JSON.parse(r.body).mobile)).toEqual(['13800001111', '13900002222']);
    expect(JSON.parse(sms.received[1]!.body).content).toContain('升级');

    // acknowledged from the UI: no further steps, the timeline says who did what
    const engineer = await t.as(t.users.engineer);
    expect((await engineer.post('/alerts/acknowledge', { ids: [alert!.id], comment: '已到机房' })).body).toEqual({ changed: 1, unchanged: 0 });
    minutes(60);
    expect(await engine.escalateDue()).toBe(0);
    const reader = await t.as(t.users.engineer);
    const events = (await reader.get(`/alerts/${alert!.id}/events`)).body.items as Array<{ kind: string; actorName: string | null }>;
    // 一级 on a core system opens an incident through the service desk's bridge
    expect(events.map((e) => e.kind)).toEqual(['fired', 'notified', 'escalated', 'ticket', 'escalated', 'acknowledged']);
    const ticketRef = (await alertsOf(probe.id))[0]!.ticketRef;
    expect(ticketRef).toMatch(/^INC-2026-\d{6}$/);
    expect(await t.app.platform.db.selectFrom('tickets').select(['channel', 'orgId']).where('number', '=', ticketRef!).executeTakeFirstOrThrow()).toEqual({ channel: 'alert', orgId: t.orgs.hospital });
    expect(events.at(-1)!.actorName).toBe('李工程师');
    const notified = await reader.get(`/notifications?alertId=${alert!.id}`);
    expect(notified.body.items.map((n: { channelKind: string; status: string; recipientName: string | null; escalationStep: number | null }) => `${n.channelKind}:${n.status}:${n.recipientName ?? 'group'}:${n.escalationStep ?? '-'}`).sort()).toEqual([
      'sms_http:sent:李工程师:1',
      'sms_http:sent:王主任:2',
      'wecom:sent:group:-',
    ]);

    // recovery resolves it and tells everyone who heard of it
    await change(probe, 'down', 'up');
    expect((await alertsOf(probe.id))[0]).toMatchObject({ status: 'resolved', resolvedBy: null });
    await outbox.runOnce();
    expect(wecomTexts().at(-1)).toContain('已恢复');
    expect(sms.received).toHaveLength(4);
  });

  it('counts repeats of an open problem on one alert and opens a new one after recovery', async () => {
    const probe = { id: await insertProbe(t.app.platform.db, t.orgs.hospital, { name: 'PACS web' }), orgId: t.orgs.hospital, assetId: null };
    await change(probe, 'up', 'degraded');
    await change(probe, 'degraded', 'down');
    let alerts = await alertsOf(probe.id);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ severity: 'P3', count: 2, status: 'firing' });
    await change(probe, 'down', 'up');
    await change(probe, 'up', 'down');
    alerts = await alertsOf(probe.id);
    expect(alerts.map((a) => a.status)).toEqual(['resolved', 'firing']);
  });

  it('mutes the servers behind a dead switch: one actionable alert, the others linked to its cause', async () => {
    const sw = { id: await insertProbe(t.app.platform.db, t.orgs.hospital, { assetId: await asset(t.orgs.hospital, '核心交换机', 'core', 'switch') }), orgId: t.orgs.hospital, assetId: null as string | null };
    sw.assetId = (await t.app.platform.db.selectFrom('probes').select('assetId').where('id', '=', sw.id).executeTakeFirstOrThrow()).assetId;
    await change(sw, 'up', 'down');
    const behind = [];
    for (let i = 0; i < 5; i++) {
      const p = { id: await insertProbe(t.app.platform.db, t.orgs.hospital, { assetId: await asset(t.orgs.hospital, `服务器-${i}`, 'core') }), orgId: t.orgs.hospital, assetId: null as string | null };
      p.assetId = (await t.app.platform.db.selectFrom('probes').select('assetId').where('id', '=', p.id).executeTakeFirstOrThrow()).assetId;
      behind.push(p);
      await change(p, 'up', 'unreachable', { cause: sw.id });
    }
    const [cause] = await alertsOf(sw.id);
    for (const p of behind) expect((await alertsOf(p.id))[0]).toMatchObject({ suppression: 'dependency', causeAlertId: cause!.id, nextEscalationAt: null, escalationStep: 0 });
    await outbox.runOnce();
    expect(wecomTexts()).toHaveLength(1);
    const page = AlertPage.parse((await (await t.as(t.users.engineer)).get(`/alerts?q=${encodeURIComponent('服务器-')}`)).body);
    expect(page.items).toHaveLength(0);
    expect(page.suppressedCount).toBe(5);
  });
});

describe('silences', () => {
  it('mutes matching alerts while active and releases (and notifies) them when it is expired', async () => {
    const engineer = await t.as(t.users.engineer);
    const silence = await engineer.post('/alert-silences', { orgId: t.orgs.hospital, matchers: [{ name: 'asset', op: '=~', value: 'LIS.*' }], startsAt: t.app.clock.now().toISOString(), endsAt: new Date(t.app.clock.now().getTime() + 3_600_000).toISOString(), reason: '升级 LIS' });
    expect(silence.status, silence.text).toBe(201);
    const lis = { id: await insertProbe(t.app.platform.db, t.orgs.hospital, { assetId: await asset(t.orgs.hospital, 'LIS 服务器', 'core') }), orgId: t.orgs.hospital, assetId: null as string | null };
    lis.assetId = (await t.app.platform.db.selectFrom('probes').select('assetId').where('id', '=', lis.id).executeTakeFirstOrThrow()).assetId;
    await change(lis, 'up', 'down');
    expect((await alertsOf(lis.id))[0]).toMatchObject({ suppression: 'silence', silenceId: silence.body.id, nextEscalationAt: null });
    await outbox.runOnce();
    expect(wecomTexts()).toHaveLength(0);

    expect((await engineer.post(`/alert-silences/${silence.body.id}/expire`, {})).status).toBe(200);
    expect(await engine.reconcileSilences()).toEqual({ released: 1, muted: 0 });
    const [alert] = await alertsOf(lis.id);
    expect(alert).toMatchObject({ suppression: null, escalationStep: 1 });
    await outbox.runOnce();
    expect(wecomTexts()).toHaveLength(1);
  });

  it('mutes an alert that is already firing when a new silence covers it, and stops its escalation', async () => {
    const emr = { id: await insertProbe(t.app.platform.db, t.orgs.hospital, { assetId: await asset(t.orgs.hospital, 'EMR 应用', 'core') }), orgId: t.orgs.hospital, assetId: null as string | null };
    emr.assetId = (await t.app.platform.db.selectFrom('probes').select('assetId').where('id', '=', emr.id).executeTakeFirstOrThrow()).assetId;
    await change(emr, 'up', 'down');
    expect((await alertsOf(emr.id))[0]!.nextEscalationAt).not.toBeNull();
    const engineer = await t.as(t.users.engineer);
    await engineer.post('/alert-silences', { orgId: t.orgs.hospital, matchers: [{ name: 'asset', op: '=', value: 'EMR 应用' }], startsAt: t.app.clock.now().toISOString(), endsAt: new Date(t.app.clock.now().getTime() + 3_600_000).toISOString(), reason: '厂商维护' });
    expect((await engine.reconcileSilences()).muted).toBe(1);
    expect((await alertsOf(emr.id))[0]).toMatchObject({ suppression: 'silence', nextEscalationAt: null });
  });
});

describe('storms and groups', () => {
  it('folds alerts of one system within a minute into one group digest per channel', async () => {
    const engineer = await t.as(t.users.engineer);
    const pacs = await asset(t.orgs.hospital, 'PACS 存储', 'core');
    for (let i = 0; i < 4; i++) {
      const p = { id: await insertProbe(t.app.platform.db, t.orgs.hospital, { assetId: pacs, name: `PACS 检查 ${i}` }), orgId: t.orgs.hospital, assetId: pacs };
      await change(p, 'up', 'down');
    }
    expect((await engineer.get('/alerts/groups')).body.items.find((g: { assetId: string }) => g.assetId === pacs)).toMatchObject({ firing: 4, highestSeverity: 'P1' });
    await outbox.runOnce();
    expect(wecomTexts()).toHaveLength(1);
    minutes(1);
    await outbox.runOnce();
    expect(wecomTexts()).toHaveLength(2);
    expect(wecomTexts()[1]).toContain('另有 3 条告警已合并');
  });

  it('keeps a WeCom group under 20 messages a minute and folds the rest into one storm digest', async () => {
    for (let i = 0; i < 30; i++) {
      const p = { id: await insertProbe(t.app.platform.db, t.orgs.hospital, { assetId: await asset(t.orgs.hospital, `风暴-${i}`, 'core') }), orgId: t.orgs.hospital, assetId: null as string | null };
      p.assetId = (await t.app.platform.db.selectFrom('probes').select('assetId').where('id', '=', p.id).executeTakeFirstOrThrow()).assetId;
      await change(p, 'up', 'down');
    }
    const rows = await t.app.platform.db.selectFrom('notifications').select(['kind', 'message']).where('channelId', '=', wecomId).where('createdAt', '>', new Date(t.app.clock.now().getTime() - 60_000)).execute();
    expect(rows.filter((r) => r.kind === 'alert').length).toBeLessThanOrEqual(20);
    const digests = rows.filter((r) => r.kind === 'digest');
    expect(digests.map((d) => (d.message as { vars: { digestKey: string } }).vars.digestKey)).toEqual(['storm']);
    const folded = Number((digests[0]!.message as { vars: { count: string } }).vars.count);
    expect(rows.filter((r) => r.kind === 'alert').length + folded).toBe(30);
  });
});

describe('the alert API', () => {
  it('raises, dedups and resolves alerts in yiwei format, scoped to the caller', async () => {
    const engineer = await t.as(t.users.engineer);
    const body = { orgId: t.orgs.hospital, dedupKey: 'backup-his', severity: 'P2', title: 'HIS 备份失败', summary: '02:00 全量备份未完成' };
    const first = Alert.parse((await engineer.post('/alerts', body)).body);
    const second = Alert.parse((await engineer.post('/alerts', body)).body);
    expect(second.id).toBe(first.id);
    expect(second.count).toBe(2);
    const outsider = await t.as(t.users.outsider);
    expect((await outsider.get(`/alerts/${first.id}`)).status).toBe(404);
    expect((await outsider.get('/alerts')).body.items).toEqual([]);
    expect((await outsider.post('/alerts/acknowledge', { ids: [first.id] })).body).toEqual({ changed: 0, unchanged: 1 });
    expect((await outsider.post('/alerts', body)).status).toBe(404);
    const viewer = await t.as(t.users.viewer);
    expect((await viewer.post('/alerts/resolve', { ids: [first.id] })).status).toBe(403);
    expect((await engineer.post('/alerts', { ...body, status: 'resolved' })).body).toMatchObject({ id: first.id, status: 'resolved' });
    const audit = await t.app.platform.db.selectFrom('auditEvents').select('eventType').where('objectId', '=', first.id).orderBy('seq').execute();
    expect(audit.map((a) => a.eventType)).toEqual(['alert.raise', 'alert.raise', 'alert.resolve']);
  });

  it('acknowledges through the signed link in a message, once, and refuses forged links', async () => {
    const engineer = await t.as(t.users.engineer);
    const alert = Alert.parse((await engineer.post('/alerts', { orgId: t.orgs.hospital, dedupKey: 'ack-link', severity: 'P3', title: '链接确认' })).body);
    const url = t.app.services.alertStore.ackLinks.url(alert.id, t.users.engineer.id, t.app.clock.now());
    const path = new URL(url).pathname;
    const anonymous = client(t.app);
    const page = await anonymous.get(path.replace(/^\/api/, ''));
    expect(page.status).toBe(200);
    expect(page.text).toContain('链接确认');
    expect((await t.app.platform.db.selectFrom('alerts').select('status').where('id', '=', alert.id).executeTakeFirstOrThrow()).status).toBe('firing');
    const ack = await anonymous.post(path.replace(/^\/api/, ''), {});
    expect(ack.status).toBe(200);
    expect(ack.text).toContain('已确认');
    expect(await t.app.platform.db.selectFrom('alerts').select(['status', 'acknowledgedBy']).where('id', '=', alert.id).executeTakeFirstOrThrow()).toEqual({ status: 'acknowledged', acknowledgedBy: t.users.engineer.id });
    const forged = path.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    expect((await anonymous.post(forged.replace(/^\/api/, ''), {})).status).toBe(404);
  });
});

describe('asset reminders', () => {
  it('raises a warranty end within 30 days as one alert, refreshes it daily, and resolves it once renewed', async () => {
    const db = t.app.platform.db;
    const id = await asset(t.orgs.hospital, '存储阵列 A', 'important', 'storage');
    const today = new Date(t.app.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    const due = new Date(Date.parse(today) + 20 * 86_400_000).toISOString().slice(0, 10);
    await db.updateTable('assets').set({ warrantyEndsOn: due }).where('id', '=', id).execute();
    const deps = { db, clock: t.app.clock, ingest: t.app.services.alertStore.ingest, overview: t.app.services.assetOverview };
    expect((await raiseAssetReminders(deps)).firing).toBeGreaterThanOrEqual(1);
    await raiseAssetReminders(deps);
    const [alert] = await db.selectFrom('alerts').selectAll().where('assetId', '=', id).where('source', '=', 'asset').execute();
    expect(alert).toMatchObject({ status: 'firing', severity: 'P4', count: 2, title: `存储阵列 A（${(await db.selectFrom('assets').select('code').where('id', '=', id).executeTakeFirstOrThrow()).code}）保修将于 ${due} 到期` });
    await db.updateTable('assets').set({ warrantyEndsOn: '2030-12-31' }).where('id', '=', id).execute();
    expect((await raiseAssetReminders(deps)).resolved).toBe(1);
    expect((await db.selectFrom('alerts').select('status').where('id', '=', alert!.id).executeTakeFirstOrThrow()).status).toBe('resolved');
  });
});
