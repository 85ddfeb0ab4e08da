import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Probe } from '../../../shared/schemas/probes.ts';
import { createTestApp, makeOrg, makeUser, signedIn, type Client, type TestApp } from '../../test/test-app.ts';

let app: TestApp;
let orgId: string;
let otherOrgId: string;
let engineer: Client;
let viewer: Client;
let outsider: Client;

const tcp = (o: Record<string, unknown> = {}) => ({ orgId, name: 'HIS 数据库端口', kind: 'tcp', intervalS: 30, config: { host: '10.1.2.3', port: 1521 }, ...o });

beforeAll(async () => {
  app = await createTestApp();
  orgId = (await makeOrg(app, { name: '州人民医院' })).id;
  otherOrgId = (await makeOrg(app, { name: '县人民医院' })).id;
  engineer = await signedIn(app, await makeUser(app, orgId, ['engineer']));
  viewer = await signedIn(app, await makeUser(app, orgId, ['viewer']));
  outsider = await signedIn(app, await makeUser(app, otherOrgId, ['engineer']));
});
afterAll(() => app.close());

async function count(table: 'probes' | 'probeResults' | 'auditEvents') {
  const r = await app.platform.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

describe('probes API', () => {
  it('creates a probe with its kind defaults, lists it and shows it only inside the organisation', async () => {
    const res = await engineer.post('/probes', tcp());
    expect(res.status).toBe(201);
    const probe = Probe.parse(res.body);
    expect(probe).toMatchObject({ orgName: '州人民医院', kind: 'tcp', intervalS: 30, retries: 2, state: 'unknown', isPaused: false, hasSecrets: false, lastCheck: null, heartbeatPath: null });
    expect(probe.config).toMatchObject({ host: '10.1.2.3', port: 1521 });
    const list = await viewer.get('/probes?q=HIS');
    expect(list.body.items.map((p: Probe) => p.id)).toContain(probe.id);
    expect((await outsider.get('/probes')).body.items).toEqual([]);
    expect((await outsider.get(`/probes/${probe.id}`)).status).toBe(404);
    expect((await viewer.post('/probes', tcp())).status).toBe(403);
    const summary = await viewer.get('/probes/summary');
    expect(summary.body.unknown).toBeGreaterThanOrEqual(1);
  });

  it('rejects a configuration its kind does not accept, naming the field, and writes nothing', async () => {
    const before = await count('probes');
    const res = await engineer.post('/probes', tcp({ config: { host: '10.1.2.3', port: 70000 } }));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('probe.invalid_config');
    expect(res.body.error.details).toContainEqual(expect.objectContaining({ path: ['config', 'port'] }));
    expect((await engineer.post('/probes', tcp({ intervalS: 5 }))).status).toBe(400);
    expect((await engineer.post('/probes', tcp({ kind: 'gopher' }))).status).toBe(400);
    expect(await count('probes')).toBe(before);
  });

  it('bulk-creates thousands of probes in one request, or none when one row is bad', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => tcp({ name: `终端 ${i}`, config: { host: `10.9.${Math.floor(i / 250)}.${i % 250}`, port: 22 } }));
    const before = await count('probes');
    const bad = [...rows.slice(0, 10), tcp({ config: { host: 'bad host!', port: 22 } })];
    const refused = await engineer.post('/probes/bulk', { probes: bad });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toContainEqual(expect.objectContaining({ path: ['probes', 10, 'config', 'host'] }));
    expect(await count('probes')).toBe(before);
    const auditBefore = await count('auditEvents');
    const res = await engineer.post('/probes/bulk', { probes: rows });
    expect(res.status).toBe(201);
    expect(res.body.created).toBe(2000);
    expect(await count('probes')).toBe(before + 2000);
    expect(await count('auditEvents')).toBe(auditBefore + 1);
    // Shards spread the probes over the workers: none takes a large share.
    const shards = await app.platform.db.selectFrom('probes').select(['shard', (eb) => eb.fn.countAll<string>().as('n')]).where('id', 'in', res.body.ids.slice(0, 2000)).groupBy('shard').execute();
    expect(shards.length).toBeGreaterThan(50);
    expect(Math.max(...shards.map((s) => Number(s.n)))).toBeLessThan(100);
    expect((await outsider.post('/probes/bulk', { probes: rows.slice(0, 2) })).status).toBe(404);
  });

  it('attaches a probe to an asset of its organisation and refuses one of another organisation', async () => {
    const own = await engineer.post('/assets', { orgId, kindKey: 'server', name: 'HIS 数据库服务器' });
    const foreign = await outsider.post('/assets', { orgId: otherOrgId, kindKey: 'server', name: '县医院服务器' });
    expect([own.status, foreign.status]).toEqual([201, 201]);
    const ok = await engineer.post('/probes', tcp({ assetId: own.body.id }));
    expect(ok.body).toMatchObject({ assetId: own.body.id, assetName: 'HIS 数据库服务器' });
    const res = await engineer.post('/probes', tcp({ assetId: foreign.body.id }));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('probe.invalid_reference');
    expect(res.body.error.details).toContainEqual(expect.objectContaining({ path: ['assetId'] }));
  });

  it('runs a probe on an agent of its own organisation or above, never on a sibling hospital\'s agent', async () => {
    const region = (await makeOrg(app, { name: '州卫健委' })).id;
    const h1 = (await makeOrg(app, { parentId: region, kind: 'institution', name: '一院' })).id;
    const h2 = (await makeOrg(app, { parentId: region, kind: 'institution', name: '二院' })).id;
    const manager = await signedIn(app, await makeUser(app, region, ['ops_manager']));
    const agentOf = async (org: string) =>
      (await app.platform.db.insertInto('agents').values({ orgId: org, name: `前置机 ${org.slice(0, 4)}`, tokenHash: globalThis.crypto.randomUUID() }).returning('id').executeTakeFirstOrThrow()).id;
    const regionalAgent = await agentOf(region);
    const siblingAgent = await agentOf(h2);
    const body = (agentId: string) => ({ orgId: h1, name: '一院 HIS', kind: 'tcp', agentId, config: { host: '10.0.0.1', port: 80 } });
    expect((await manager.post('/probes', body(regionalAgent))).status).toBe(201);
    const refused = await manager.post('/probes', body(siblingAgent));
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toContainEqual({ path: ['agentId'], message: 'the agent serves another organisation' });
  });

  it('pauses and resumes with a state change each, and deletes', async () => {
    const probe = (await engineer.post('/probes', tcp({ name: 'PACS 存储端口' }))).body as Probe;
    const paused = await engineer.post(`/probes/${probe.id}/pause`);
    expect(paused.body).toMatchObject({ isPaused: true, state: 'paused' });
    const resumed = await engineer.post(`/probes/${probe.id}/resume`);
    expect(resumed.body).toMatchObject({ isPaused: false, state: 'unknown' });
    const changes = await viewer.get(`/probes/${probe.id}/state-changes`);
    expect(changes.body.items.map((c: { toState: string }) => c.toState)).toEqual(['unknown', 'paused']);
    expect((await outsider.post(`/probes/${probe.id}/pause`)).status).toBe(404);
    expect((await engineer.delete(`/probes/${probe.id}`)).status).toBe(204);
    expect((await engineer.get(`/probes/${probe.id}`)).status).toBe(404);
  });

  it('changes a probe, keeping secrets unless replaced, and never returns them', async () => {
    const probe = (await engineer.post('/probes', tcp({ name: '改名前' }))).body as Probe;
    const res = await engineer.patch(`/probes/${probe.id}`, { name: '改名后', intervalS: 60, config: { host: '10.1.2.4', port: 1521 } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: '改名后', intervalS: 60, config: { host: '10.1.2.4', port: 1521 } });
    expect(JSON.stringify(res.body)).not.toContain('secrets');
    const row = await app.platform.db.selectFrom('probes').select(['changeSeq']).where('id', '=', probe.id).executeTakeFirstOrThrow();
    expect(Number(row.changeSeq)).toBeGreaterThan(0);
  });
});

describe('Prometheus metrics', () => {
  it('exposes every probe in scope with its state, and the count per state, and nothing on the public /metrics', async () => {
    const probe = (await engineer.post('/probes', tcp({ name: 'EMR 应用端口' }))).body as Probe;
    await engineer.post(`/probes/${probe.id}/pause`);
    const res = await viewer.get('/probes/metrics');
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = res.text;
    expect((await outsider.get('/probes/metrics')).text).not.toContain(probe.id);
    expect(await (await app.http.request('http://localhost/metrics')).text()).not.toContain(probe.id);
    expect(text).toContain(`yiwei_probe_state{probe_id="${probe.id}",probe="EMR 应用端口",org="州人民医院",kind="tcp",state="paused"} 1`);
    expect(text).toMatch(/yiwei_probes\{state="paused"\} [1-9]/);
    // paused probes are neither up nor down
    expect(text).not.toContain(`yiwei_probe_up{probe_id="${probe.id}"`);
  });
});

describe('heartbeats', () => {
  it('records a push with the job status and message, and refuses unknown keys', async () => {
    const probe = (await engineer.post('/probes', { orgId, name: 'HIS 夜间备份', kind: 'heartbeat', intervalS: 86_400, config: { graceS: 3600 } })).body as Probe;
    expect(probe.heartbeatPath).toMatch(/^\/api\/heartbeats\/[A-Za-z0-9_-]{24}$/);
    expect(probe.retries).toBe(0);
    const anonymous = (await import('../../test/test-app.ts')).client(app);
    const path = probe.heartbeatPath!.replace('/api', '');
    expect((await anonymous.get(`${path}?status=down&msg=${encodeURIComponent('RMAN 备份失败 ORA-19502')}&durationMs=5300`)).status).toBe(200);
    const results = await viewer.get(`/probes/${probe.id}/results`);
    expect(results.body.items[0]).toMatchObject({ status: 'down', message: 'RMAN 备份失败 ORA-19502', latencyMs: 5300 });
    expect((await anonymous.get('/heartbeats/AAAAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
    expect((await anonymous.get(`${path}?status=maybe`)).status).toBe(400);
  });
});
