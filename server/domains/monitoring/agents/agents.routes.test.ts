import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, AgentCreated, AgentPage } from '../../../../shared/schemas/agents.ts';
import { createAgentTestApp, insertAgentProbe } from './agent-test-app.ts';

let t: Awaited<ReturnType<typeof createAgentTestApp>>;
beforeAll(async () => {
  t = await createAgentTestApp();
});
afterAll(() => t.close());

describe('agents console', () => {
  it('registers an agent, shows its token once, stores only its hash, and audits it', async () => {
    const res = await t.admin.post('/agents', { orgId: t.orgA.id, name: '门诊前置机' });
    expect(res.status).toBe(201);
    const created = AgentCreated.strict().parse(res.body);
    expect(created.token).toMatch(/^ywa_[A-Za-z0-9_-]{43}$/);
    Agent.strict().parse(created.agent);
    const row = await t.app.platform.db.selectFrom('agents').selectAll().where('id', '=', created.agent.id).executeTakeFirstOrThrow();
    expect(row.tokenHash).toBe(t.app.platform.crypto.sm3(created.token).toString('hex'));
    expect(JSON.stringify(await t.ops.get(`/agents/${created.agent.id}`))).not.toContain(row.tokenHash);
    const audit = await t.app.platform.db.selectFrom('auditEvents').select(['eventType', 'detail']).where('objectId', '=', created.agent.id).execute();
    expect(audit.map((a) => a.eventType)).toEqual(['agent.create']);
    expect(JSON.stringify(audit[0]!.detail)).not.toContain(created.token);
    expect((await t.admin.post('/agents', { orgId: t.orgA.id, name: '门诊前置机' })).status).toBe(409);
  });

  it('lists the agents in scope with probe counts and online state, paged', async () => {
    const a = await t.registerAgent(t.orgA.id, '急诊前置机');
    const b = await t.registerAgent(t.orgA.id, '住院前置机');
    await insertAgentProbe(t.app.platform.db, { orgId: t.orgA.id, agentId: a.id });
    await insertAgentProbe(t.app.platform.db, { orgId: t.orgA.id, agentId: a.id });
    await insertAgentProbe(t.app.platform.db, { orgId: t.orgA.id, agentId: a.id, deletedAt: new Date() });
    await t.asAgent(a.token, 'POST', '/agent/hello', { version: '0.1.0', hostname: 'er-01', sentAt: t.app.platform.clock.now().toISOString() });
    const page = AgentPage.parse((await t.ops.get('/agents?pageSize=2')).body);
    expect(page.total).toBeGreaterThanOrEqual(3);
    expect(page.items).toHaveLength(2);
    const all = AgentPage.parse((await t.ops.get('/agents?pageSize=100')).body).items;
    const byId = new Map(all.map((x) => [x.id, x]));
    expect(byId.get(a.id)).toMatchObject({ probeCount: 2, isOnline: true, hostname: 'er-01', version: '0.1.0', clockSkewMs: 0 });
    expect(byId.get(b.id)).toMatchObject({ probeCount: 0, isOnline: false, lastSeenAt: null });
    t.app.clock.advance(91_000);
    expect((await t.ops.get(`/agents/${a.id}`)).body.isOnline).toBe(false);
    expect(AgentPage.parse((await t.ops.get('/agents?q=急诊')).body).items.map((x) => x.id)).toEqual([a.id]);
  });

  it("hides another organisation's agents: not listed, 404 to read or revoke", async () => {
    const other = await t.registerAgent(t.orgB.id).catch(() => null);
    // The administrator of A cannot even create one in B.
    expect(other).toBeNull();
    const rootAdmin = await t.app.platform.db.insertInto('agents').values({ orgId: t.orgB.id, name: 'B 前置机', tokenHash: 'x', version: null, hostname: null, lastSeenAt: null, clockSkewMs: null, createdBy: null, revokedAt: null }).returning('id').executeTakeFirstOrThrow();
    expect((await t.ops.get('/agents?pageSize=500')).text).not.toContain(rootAdmin.id);
    expect((await t.ops.get(`/agents/${rootAdmin.id}`)).status).toBe(404);
    expect((await t.admin.post(`/agents/${rootAdmin.id}/revoke`)).status).toBe(404);
    expect((await t.admin.post('/agents', { orgId: t.orgB.id, name: 'x' })).status).toBe(404);
  });

  it('revokes: the token is refused from then on, and the revocation is audited', async () => {
    const a = await t.registerAgent();
    expect((await t.asAgent(a.token, 'GET', '/agent/probes')).status).toBe(200);
    const res = await t.admin.post(`/agents/${a.id}/revoke`);
    expect(res.status).toBe(200);
    expect(Agent.strict().parse(res.body).revokedAt).not.toBeNull();
    for (const [method, path, body] of [
      ['POST', '/agent/hello', { version: '1', hostname: 'h', sentAt: new Date().toISOString() }],
      ['GET', '/agent/probes', undefined],
      ['POST', '/agent/results', { batchSeq: 1, sentAt: new Date().toISOString(), backlog: 0, results: [] }],
    ] as const) {
      const r = await t.asAgent(a.token, method, path, body);
      expect(r.status, `${method} ${path}`).toBe(401);
      expect(r.body.error.code).toBe('agent.invalid_token');
    }
    const audit = await t.app.platform.db.selectFrom('auditEvents').select('eventType').where('objectId', '=', a.id).orderBy('seq').execute();
    expect(audit.map((x) => x.eventType)).toEqual(['agent.create', 'agent.revoke']);
  });

  it('needs agent.manage to register or revoke', async () => {
    expect((await t.ops.post('/agents', { orgId: t.orgA.id, name: 'nope' })).status).toBe(403);
  });
});
