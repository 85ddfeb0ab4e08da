import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertmanagerFiring, zabbixProblemParams, zabbixRecoveryParams } from '../inbound/inbound.fixtures.ts';
import { runMediaType } from '../inbound/zabbix-media-type.fixture.ts';
import { createConfigTestApp, type ConfigTestContext } from '../config/test-support.ts';

// Inbound alerts over HTTP with API tokens: Alertmanager and Zabbix payloads as their senders post them.

let t: ConfigTestContext;
let hospitalCode: string;

/** An API token row as the token service writes it, for `orgIds` with `permissions`; answers the secret. */
async function token(orgIds: string[], permissions: string[]): Promise<string> {
  const secret = `yw_${globalThis.crypto.randomUUID().replaceAll('-', '')}`;
  await t.app.platform.db
    .insertInto('apiTokens')
    .values({ orgId: orgIds[0]!, name: `inbound ${secret.slice(3, 9)}`, prefix: secret.slice(0, 10), tokenHash: t.app.platform.crypto.sm3(secret).toString('hex'), permissions, orgIds, createdBy: t.users.regional.id, expiresAt: null })
    .execute();
  return secret;
}

async function post(path: string, secret: string, body: unknown) {
  const res = await t.app.http.request(`http://localhost/api${path}`, { method: 'POST', headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as any };
}

async function integration(kind: 'alertmanager' | 'zabbix', name: string): Promise<string> {
  // the regional engineer sets up integrations for the whole region
  const regional = await t.as(t.users.regional);
  const res = await regional.post('/alert-integrations', { orgId: t.orgs.region, name, config: { kind } });
  expect(res.status, res.text).toBe(201);
  return res.body.id;
}

beforeAll(async () => {
  t = await createConfigTestApp();
  // the payloads name their hospital by code (label/tag org=SZRMYY)
  hospitalCode = 'SZRMYY';
  await t.app.platform.db.updateTable('organisations').set({ code: hospitalCode }).where('id', '=', t.orgs.hospital).execute();
});
afterAll(() => t.app.close());

describe('inbound alerts', () => {
  it('takes an Alertmanager webhook: one alert per entry, in the organisation its org label names, deduplicated on repeat', async () => {
    const id = await integration('alertmanager', 'Prometheus 州中心');
    const secret = await token([t.orgs.region], ['alert.ingest']);
    const first = await post(`/alerts/inbound/${id}`, secret, alertmanagerFiring);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.accepted).toBe(2);
    const again = await post(`/alerts/inbound/${id}`, secret, alertmanagerFiring);
    expect(again.body.alertIds.sort()).toEqual(first.body.alertIds.sort());
    const rows = await t.app.platform.db.selectFrom('alerts').selectAll().where('id', 'in', first.body.alertIds).orderBy('severity').execute();
    expect(rows.map((r) => [r.orgId, r.severity, r.source, r.count, r.labels.alertname])).toEqual([
      [t.orgs.hospital, 'P1', 'alertmanager', 2, 'HisDatabaseDown'],
      [t.orgs.hospital, 'P3', 'alertmanager', 2, 'PacsDiskAlmostFull'],
    ]);
    const resolved = { ...alertmanagerFiring, status: 'resolved', alerts: alertmanagerFiring.alerts.map((a) => ({ ...a, status: 'resolved', endsAt: '2026-10-01T00:45:00Z' })) };
    await post(`/alerts/inbound/${id}`, secret, resolved);
    const after = await t.app.platform.db.selectFrom('alerts').select('status').where('id', 'in', first.body.alertIds).execute();
    expect(after.map((a) => a.status)).toEqual(['resolved', 'resolved']);
    const integrationRow = await t.app.platform.db.selectFrom('alertIntegrations').select(['receivedCount', 'lastReceivedAt']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(integrationRow.receivedCount).toBe(6);
  });

  it('takes what the shipped Zabbix media type posts: a problem and its recovery are one alert', async () => {
    const id = await integration('zabbix', 'Zabbix 6.0');
    const secret = await token([t.orgs.region], ['alert.ingest']);
    // the script as Zabbix runs it, with the URL and token a user configures
    const viaScript = (params: Record<string, string>) => {
      const [call] = runMediaType({ ...params, yiwei_url: `https://yiwei.example.cn/api/alerts/inbound/${id}`, token: secret });
      expect(call!.url).toBe(`https://yiwei.example.cn/api/alerts/inbound/${id}`);
      expect(call!.headers).toContain(`Authorization: Bearer ${secret}`);
      return call!.body;
    };
    const problem = await post(`/alerts/inbound/${id}`, secret, viaScript(zabbixProblemParams));
    expect(problem.status, JSON.stringify(problem.body)).toBe(200);
    const [alertId] = problem.body.alertIds;
    const row = await t.app.platform.db.selectFrom('alerts').selectAll().where('id', '=', alertId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ orgId: t.orgs.hospital, severity: 'P1', status: 'firing', source: 'zabbix' });
    const recovery = await post(`/alerts/inbound/${id}`, secret, viaScript(zabbixRecoveryParams));
    expect(recovery.body.alertIds).toEqual([alertId]);
    expect((await t.app.platform.db.selectFrom('alerts').select('status').where('id', '=', alertId).executeTakeFirstOrThrow()).status).toBe('resolved');
  });

  it('refuses tokens without alert.ingest or for another organisation, and bad payloads, changing nothing', async () => {
    const id = await integration('alertmanager', 'Prometheus 2');
    const count = async () => Number((await t.app.platform.db.selectFrom('alerts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    expect((await post(`/alerts/inbound/${id}`, await token([t.orgs.region], ['alert.read']), alertmanagerFiring)).status).toBe(403);
    expect((await post(`/alerts/inbound/${id}`, await token([t.orgs.sibling], ['alert.ingest']), alertmanagerFiring)).status).toBe(404);
    const bad = await post(`/alerts/inbound/${id}`, await token([t.orgs.region], ['alert.ingest']), { alerts: [{ labels: 'nope' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('alert_inbound.invalid_payload');
    expect(await count()).toBe(before);
  });
});
