import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TicketDetail, TicketEventPage } from '../../../../shared/schemas/servicedesk.ts';
import { createAlertStore, routeFactsOf, type AlertRow } from '../../alerts/store/index.ts';
import { at, auditTrail, createDeskTestApp, insertAsset, type DeskTestContext } from '../test-support.ts';
import { createAlertTicketBridge } from './alert-bridge.ts';

let t: DeskTestContext;
beforeAll(async () => {
  t = await createDeskTestApp();
});
afterAll(() => t.app.close());

const facts = (alert: AlertRow) => routeFactsOf(alert, { orgs: new Map(), assets: new Map(), probes: new Map() } as never);

async function insertAlert(orgId: string, assetId: string | null, severity: 'P1' | 'P2' | 'P3' | 'P4' = 'P1'): Promise<AlertRow> {
  const now = t.app.clock.now();
  return t.app.platform.db
    .insertInto('alerts')
    .values({ orgId, source: 'zabbix', dedupKey: `k-${globalThis.crypto.randomUUID()}`, severity, title: 'HIS 数据库不可用', summary: 'ping 超时', labels: '{}', assetId, probeId: null, groupKey: 'g', suppression: null, causeAlertId: null, silenceId: null, routeId: null, escalationPolicyId: null, nextEscalationAt: null, url: null, firstFiredAt: now, lastFiredAt: now, acknowledgedAt: null, acknowledgedBy: null, resolvedAt: null, resolvedBy: null, ticketRef: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

describe('alert → ticket bridge', () => {
  it('opens an incident for the alert\'s asset, then adds to that one ticket while it is open', async () => {
    t.app.clock.set(at(0));
    const bridge = createAlertTicketBridge(t.app.platform);
    const asset = await insertAsset(t.app, t.orgs.hospital, { code: 'DB-0001', importance: 'core' });
    const alert = await insertAlert(t.orgs.hospital, asset, 'P1');
    const ref = await t.app.platform.db.transaction().execute((trx) => bridge.openOrUpdate(trx, alert, facts(alert)));
    expect(ref).toMatch(/^INC-2026-\d{6}$/);
    const row = await t.app.platform.db.selectFrom('tickets').select('id').where('number', '=', ref!).where('orgId', '=', t.orgs.hospital).executeTakeFirstOrThrow();
    const engineer = await t.as(t.users.engineer);
    const ticket = TicketDetail.parse((await engineer.get(`/tickets/${row.id}`)).body);
    expect(ticket).toMatchObject({ type: 'incident', channel: 'alert', status: 'new', title: '[P1] HIS 数据库不可用', requesterName: 'Zabbix告警', alertIds: [alert.id], levelKey: 'level1', assets: [{ id: asset, code: 'DB-0001' }] });
    expect(ticket.sla).toMatchObject({ source: 'platform_default', responseDueAt: at(30) });

    t.app.clock.set(at(3));
    const again = await t.app.platform.db.transaction().execute((trx) => bridge.openOrUpdate(trx, { ...alert, count: 2 }, facts(alert)));
    expect(again).toBe(ref);
    expect(await t.app.platform.db.selectFrom('ticketLinks').select('ticketId').where('kind', '=', 'alert').where('targetId', '=', alert.id).execute()).toHaveLength(1);
    const events = TicketEventPage.parse((await engineer.get(`/tickets/${row.id}/events`)).body);
    expect(events.items.map((e) => e.kind)).toEqual(['opened', 'alert_update']);
    expect(events.items[1]!.details).toMatchObject({ alertId: alert.id, count: 2 });
    expect(await auditTrail(t.app, row.id)).toEqual(['ticket.open', 'ticket.alert_update']);

    // once the ticket is resolved, the alert's next news opens a new one
    await engineer.post(`/tickets/${row.id}/resolve`, { resolutionCode: 'fixed' });
    const third = await t.app.platform.db.transaction().execute((trx) => bridge.openOrUpdate(trx, alert, facts(alert)));
    expect(third).not.toBe(ref);
    // P4 lands on the least severe level
    const minor = await insertAlert(t.orgs.hospital, null, 'P4');
    const minorRef = await t.app.platform.db.transaction().execute((trx) => bridge.openOrUpdate(trx, minor, facts(minor)));
    const minorTicket = await t.app.platform.db.selectFrom('tickets').select(['levelKey', 'channel']).where('number', '=', minorRef!).where('orgId', '=', t.orgs.hospital).executeTakeFirstOrThrow();
    expect(minorTicket).toEqual({ levelKey: 'level4', channel: 'alert' });
  });

  it('plugs into the alert store: an actionable P1 on a core asset gets its ticket number', async () => {
    t.app.clock.set(at(60));
    const store = createAlertStore(t.app.platform, Buffer.alloc(16, 7), { ticketBridge: createAlertTicketBridge(t.app.platform) });
    const asset = await insertAsset(t.app, t.orgs.hospital, { code: 'HIS-APP-01', importance: 'core' });
    const now = t.app.clock.now();
    const changes = await t.app.platform.db.transaction().execute((trx) =>
      store.ingest.ingest(trx, [{ orgId: t.orgs.hospital, source: 'webhook', dedupKey: 'his-app-down', status: 'firing', severity: 'P1', title: 'HIS 应用服务器宕机', summary: '', labels: {}, assetId: asset, probeId: null, url: null, at: now }], now),
    );
    const change = changes[0]!;
    if (change.kind === 'unchanged') throw new Error('the alert did not open');
    const alert = change.alert;
    expect(alert.ticketRef).toMatch(/^INC-2026-\d{6}$/);
    const ticket = await t.app.platform.db.selectFrom('tickets as tk').innerJoin('ticketLinks as l', 'l.ticketId', 'tk.id').select(['tk.number', 'tk.channel']).where('l.targetId', '=', alert.id).executeTakeFirstOrThrow();
    expect(ticket).toEqual({ number: alert.ticketRef, channel: 'alert' });
  });
});
