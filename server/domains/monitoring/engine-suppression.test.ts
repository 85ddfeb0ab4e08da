import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../platform/clock.ts';
import { createTestApp, makeOrg, makeUser, signedIn, type Client, type TestApp } from '../../test/test-app.ts';
import { createProbeEngine, type ProbeEngine, type ResultRow } from './engine.ts';
import { activeProbeIds } from './maintenance/index.ts';
import { createProbeStateFeed } from './transitions.ts';

// Real time against a port nobody listens on: dependency suppression and maintenance as the engine applies them.
let app: TestApp;
let orgId: string;
let engineer: Client;
let deadPort: number;
let engine: ProbeEngine | null = null;

beforeAll(async () => {
  app = await createTestApp();
  orgId = (await makeOrg(app)).id;
  engineer = await signedIn(app, await makeUser(app, orgId, ['engineer']));
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  deadPort = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
});
afterAll(async () => {
  await engine?.stop();
  await app.close();
});

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number) {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const stateOf = async (id: string) => (await app.platform.db.selectFrom('probes').select(['state']).where('id', '=', id).executeTakeFirstOrThrow()).state;

describe('probe engine suppression', () => {
  it('calls the servers behind a dead switch unreachable, one outage each, and keeps a probe in maintenance quiet', async () => {
    const sw = (await engineer.post('/assets', { orgId, kindKey: 'switch', name: '核心交换机' })).body.id as string;
    const server = (await engineer.post('/assets', { orgId, kindKey: 'server', name: 'HIS 应用服务器' })).body.id as string;
    expect((await engineer.post(`/assets/${server}/relations`, { toAssetId: sw, kind: 'depends_on' })).status).toBe(201);
    const probe = async (name: string, assetId: string | null, retries: number) =>
      (await engineer.post('/probes', { orgId, assetId, name, kind: 'tcp', intervalS: 10, retries, retryIntervalS: 5, timeoutMs: 1000, config: { host: '127.0.0.1', port: deadPort } })).body.id as string;
    const switchProbe = await probe('交换机管理口', sw, 0);
    const serverProbe = await probe('HIS 端口', server, 1);
    const quietProbe = await probe('PACS 端口（维护中）', null, 0);
    const now = Date.now();
    const window = await engineer.post('/maintenance-windows', { scope: 'probe', probeId: quietProbe, title: 'PACS 升级', startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + 3_600_000).toISOString() });
    expect(window.status).toBe(201);
    expect(await activeProbeIds(app.platform.db, new Date())).toContain(quietProbe);

    const rows: ResultRow[] = [];
    engine = createProbeEngine({ ...app.platform, clock: systemClock }, { workerId: 'suppression', feed: createProbeStateFeed(app.platform.db), sink: { push: (r) => rows.push(r) }, maintenance: { activeProbeIds: (at) => activeProbeIds(app.platform.db, at) } });
    await engine.start();

    await waitFor('the switch probe to be down and the server probe unreachable', async () => (await stateOf(switchProbe)) === 'down' && (await stateOf(serverProbe)) === 'unreachable', 35_000);
    const outages = await app.platform.db.selectFrom('probeOutages').selectAll().where('probeId', 'in', [switchProbe, serverProbe, quietProbe]).execute();
    const serverOutages = outages.filter((o) => o.probeId === serverProbe);
    expect(serverOutages).toHaveLength(1);
    expect(serverOutages[0]).toMatchObject({ state: 'unreachable', causeProbeId: switchProbe, endedAt: null });
    expect(outages.filter((o) => o.probeId === switchProbe)).toHaveLength(1);

    await waitFor('the quiet probe to be in maintenance', async () => rows.some((r) => r.probeId === quietProbe) && (await stateOf(quietProbe)) === 'maintenance', 12_000);
    expect(outages.filter((o) => o.probeId === quietProbe)).toHaveLength(0);
    expect(rows.filter((r) => r.probeId === quietProbe).every((r) => r.isMaintenance && r.status === 'down')).toBe(true);
  }, 60_000);
});
