import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertIntegration, AlertIntegrationPage } from '../../../../shared/schemas/alerts.ts';
import { alertIntegrationTenancyFixture } from './tenancy-fixture.ts';
import { auditTrail, createConfigTestApp, type ConfigTestContext } from './test-support.ts';

let t: ConfigTestContext;

beforeAll(async () => {
  t = await createConfigTestApp();
});
afterAll(() => t.app.close());

const integration = (o: Record<string, unknown> = {}) => ({ orgId: t.orgs.hospital, name: 'Prometheus', config: { kind: 'alertmanager' }, ...o });

describe('inbound integrations API', () => {
  it('creates an integration with its endpoint and option defaults, visible only inside the organisation', async () => {
    const engineer = await t.as(t.users.engineer);
    const res = await engineer.post('/alert-integrations', integration());
    expect(res.status, res.text).toBe(201);
    const created = AlertIntegration.strict().parse(res.body);
    expect(created).toMatchObject({ orgName: '州人民医院', kind: 'alertmanager', isEnabled: true, endpoint: `/api/alerts/inbound/${created.id}`, lastReceivedAt: null, receivedCount: 0 });
    expect(created.config).toMatchObject({ kind: 'alertmanager', options: { severityLabel: 'severity', defaultSeverity: 'P3' } });

    const viewer = await t.as(t.users.viewer);
    expect(AlertIntegrationPage.parse((await viewer.get('/alert-integrations?kind=alertmanager')).body).items.map((i) => i.id)).toEqual([created.id]);
    expect((await viewer.get('/alert-integrations?kind=zabbix')).body.items).toEqual([]);
    expect((await viewer.delete(`/alert-integrations/${created.id}`)).status).toBe(403);
    const outsider = await t.as(t.users.outsider);
    expect((await outsider.get('/alert-integrations')).body.items).toEqual([]);
    expect((await outsider.get(`/alert-integrations/${created.id}`)).status).toBe(404);
    expect((await outsider.patch(`/alert-integrations/${created.id}`, { isEnabled: false })).status).toBe(404);
    expect((await outsider.delete(`/alert-integrations/${created.id}`)).status).toBe(404);
    expect((await outsider.post('/alert-integrations', integration({ name: 'x' }))).status).toBe(404);
    expect((await engineer.post('/alert-integrations', integration())).body.error.code).toBe('alert_integration.name_taken');
    expect(await auditTrail(t.app, created.id)).toEqual(['alert_integration.create']);
  });

  it('validates the config of its kind', async () => {
    const engineer = await t.as(t.users.engineer);
    const webhook = await engineer.post('/alert-integrations', integration({ name: '自研平台', config: { kind: 'webhook', options: { severity: 'level' } } }));
    expect(webhook.status).toBe(400);
    expect(webhook.body.error.details).toContainEqual(expect.objectContaining({ path: ['body', 'config', 'options', 'title'] }));
    const zabbix = await engineer.post('/alert-integrations', integration({ name: 'Zabbix', config: { kind: 'zabbix', options: { severities: ['P1'] } } }));
    expect(zabbix.status).toBe(400);
    expect((await engineer.post('/alert-integrations', integration({ name: 'Zabbix', config: { kind: 'zabbix' } }))).body.config.options.severities).toEqual(['P4', 'P4', 'P3', 'P2', 'P1', 'P1']);
  });

  it('updates only what is sent; a new config may change the kind; deletes softly', async () => {
    const engineer = await t.as(t.users.engineer);
    const created = AlertIntegration.parse((await engineer.post('/alert-integrations', integration({ name: '监控平台' }))).body);
    const disabled = await engineer.patch(`/alert-integrations/${created.id}`, { isEnabled: false });
    expect(disabled.status, disabled.text).toBe(200);
    expect(AlertIntegration.strict().parse(disabled.body)).toMatchObject({ isEnabled: false, name: '监控平台', kind: 'alertmanager', config: created.config });
    const webhook = await engineer.patch(`/alert-integrations/${created.id}`, { config: { kind: 'webhook', options: { title: 'data.title', severity: 'data.level' } } });
    expect(webhook.status, webhook.text).toBe(200);
    expect(webhook.body).toMatchObject({ kind: 'webhook', isEnabled: false, config: { kind: 'webhook', options: { title: 'data.title', severity: 'data.level', defaultSeverity: 'P3' } } });
    expect((await engineer.delete(`/alert-integrations/${created.id}`)).status).toBe(204);
    expect((await engineer.get(`/alert-integrations/${created.id}`)).status).toBe(404);
    expect((await engineer.post('/alert-integrations', integration({ name: '监控平台' }))).status).toBe(201);
    expect(await auditTrail(t.app, created.id)).toEqual(['alert_integration.create', 'alert_integration.update', 'alert_integration.update', 'alert_integration.delete']);
  });

  it('the tenancy fixture makes an integration another organisation cannot see', async () => {
    const id = await alertIntegrationTenancyFixture.create(t.app, t.orgs.sibling);
    const engineer = await t.as(t.users.engineer);
    expect((await engineer.get(`/alert-integrations/${id}`)).status).toBe(404);
    expect((await engineer.get('/alert-integrations')).text).not.toContain(id);
    expect(AlertIntegration.parse((await (await t.as(t.users.outsider)).get(`/alert-integrations/${id}`)).body).endpoint).toBe(`/api/alerts/inbound/${id}`);
  });
});
