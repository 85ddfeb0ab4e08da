import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentAssignment, AgentHelloReply, AgentResultReply, type AgentResult } from '../../../../shared/schemas/agents.ts';
import { secretsContext } from '../probe-config.ts';
import { createAgentTestApp, insertAgentProbe } from './agent-test-app.ts';

let t: Awaited<ReturnType<typeof createAgentTestApp>>;
let agent: { id: string; token: string };
beforeAll(async () => {
  t = await createAgentTestApp();
  agent = await t.registerAgent();
});
afterAll(() => t.close());

const db = () => t.app.platform.db;
const nowMs = () => t.app.platform.clock.now().getTime();
const result = (probeId: string, atMs: number, status: AgentResult['status'], message: string | null = null): AgentResult => ({ probeId, checkedAt: new Date(atMs).toISOString(), status, latencyMs: status === 'down' ? null : 2, code: status === 'down' ? 'refused' : null, message });
let seq = 0;
const post = (results: AgentResult[], batchSeq = ++seq, backlog = 0) => t.asAgent(agent.token, 'POST', '/agent/results', { batchSeq, sentAt: t.app.platform.clock.now().toISOString(), backlog, results });
const rowsOf = (probeId: string) => db().selectFrom('probeResults').select(['checkedAt', 'status', 'agentId']).where('probeId', '=', probeId).orderBy('checkedAt').execute();

describe('agent protocol', () => {
  it('hello records version, host and clock skew, and answers the last accepted batch', async () => {
    const sentAt = new Date(nowMs() + 1500).toISOString();
    const res = await t.asAgent(agent.token, 'POST', '/agent/hello', { version: '0.1.0', hostname: 'qzj-01', sentAt });
    expect(res.status).toBe(200);
    expect(AgentHelloReply.strict().parse(res.body)).toMatchObject({ agentId: agent.id, lastBatchSeq: 0 });
    expect(await db().selectFrom('agents').select(['version', 'hostname', 'clockSkewMs']).where('id', '=', agent.id).executeTakeFirst()).toEqual({ version: '0.1.0', hostname: 'qzj-01', clockSkewMs: 1500 });
  });

  it('refuses a missing or unknown token, and a Bearer API-token header', async () => {
    for (const header of [{}, { authorization: 'Agent ywa_nope' }, { authorization: `Bearer ${agent.token}` }] as Record<string, string>[]) {
      const res = await t.http.request('http://localhost/api/agent/probes', { headers: header });
      expect(res.status).toBe(401);
    }
  });

  it('assigns live probes with unsealed secrets, and answers 304 until the assignment changes', async () => {
    const own = await t.registerAgent();
    const id = globalThis.crypto.randomUUID();
    const sealed = t.app.platform.secrets.seal(JSON.stringify({ password: 's3cret' }), secretsContext(id));
    await insertAgentProbe(db(), { id, orgId: t.orgA.id, agentId: own.id, kind: 'postgres', secretsSealed: sealed });
    const plain = await insertAgentProbe(db(), { orgId: t.orgA.id, agentId: own.id });
    await insertAgentProbe(db(), { orgId: t.orgA.id, agentId: own.id, isPaused: true });
    await insertAgentProbe(db(), { orgId: t.orgA.id, agentId: own.id, deletedAt: new Date() });
    await insertAgentProbe(db(), { orgId: t.orgA.id, agentId: agent.id });
    await insertAgentProbe(db(), { orgId: t.orgB.id, agentId: own.id });

    const first = await t.asAgent(own.token, 'GET', '/agent/probes');
    expect(first.status).toBe(200);
    const assignment = AgentAssignment.strict().parse(first.body);
    expect(assignment.probes.map((p) => p.id).sort()).toEqual([id, plain].sort());
    expect(assignment.probes.find((p) => p.id === id)!.secrets).toEqual({ password: 's3cret' });
    expect(first.headers.get('etag')).toBe(`"${assignment.revision}"`);

    const same = await t.asAgent(own.token, 'GET', '/agent/probes', undefined, { 'if-none-match': `"${assignment.revision}"` });
    expect(same.status).toBe(304);

    // Moving away the probe that is not the newest leaves the max change_seq alone; the count still tells.
    await db().updateTable('probes').set({ agentId: null, changeSeq: sql<string>`nextval('probe_change_seq')` }).where('id', '=', id).execute();
    const changed = await t.asAgent(own.token, 'GET', '/agent/probes', undefined, { 'if-none-match': assignment.revision });
    expect(changed.status).toBe(200);
    expect(AgentAssignment.parse(changed.body).probes.map((p) => p.id)).toEqual([plain]);
  });

  it('stores a batch, ignores results of probes it does not run (including another tenant\'s), and treats a replay as a no-op', async () => {
    const mine = await insertAgentProbe(db(), { orgId: t.orgA.id, agentId: agent.id });
    const unassigned = await insertAgentProbe(db(), { orgId: t.orgA.id, agentId: null });
    // Misassigned to A's agent: the agent still must not write into B.
    const foreign = await insertAgentProbe(db(), { orgId: t.orgB.id, agentId: agent.id });
    const batch = [result(mine, nowMs(), 'up'), result(unassigned, nowMs(), 'up'), result(foreign, nowMs(), 'down'), result(globalThis.crypto.randomUUID(), nowMs(), 'up')];
    const res = await post(batch, ++seq, 12);
    expect(res.status).toBe(200);
    expect(AgentResultReply.strict().parse(res.body)).toEqual({ accepted: 1, ignored: 3, lastBatchSeq: seq });
    expect(await rowsOf(mine)).toEqual([{ checkedAt: new Date(nowMs()), status: 0, agentId: agent.id }]);
    expect(await rowsOf(unassigned)).toEqual([]);
    expect(await rowsOf(foreign)).toEqual([]);
    expect((await db().selectFrom('probes').select('state').where('id', '=', foreign).executeTakeFirstOrThrow()).state).toBe('unknown');
    expect((await db().selectFrom('agents').select('backlog').where('id', '=', agent.id).executeTakeFirstOrThrow()).backlog).toBe(12);

    const replay = await post(batch, seq);
    expect(replay.body).toEqual({ accepted: 0, ignored: 0, lastBatchSeq: seq });
    await post([]);
    const older = await post([result(mine, nowMs() + 10_000, 'up')], seq - 1);
    expect(older.body).toEqual({ accepted: 0, ignored: 0, lastBatchSeq: seq });
    expect(await rowsOf(mine)).toHaveLength(1);
  });

  it('confirms a failure across batches in time order: one outage, opened at the confirming run, closed on recovery', async () => {
    const probe = await insertAgentProbe(db(), { orgId: t.orgA.id, agentId: agent.id, retries: 2 });
    const t0 = nowMs() + 60_000;
    const at = (i: number) => t0 + i * 10_000;
    t.events.length = 0;
    // Out of order inside a batch on purpose: the server sorts by checkedAt.
    await post([result(probe, at(1), 'down', 'refused'), result(probe, at(0), 'up')]);
    await post([result(probe, at(2), 'down', 'refused')]);
    let row = await db().selectFrom('probes').select(['state', 'machine']).where('id', '=', probe).executeTakeFirstOrThrow();
    expect(row.state).toBe('up');
    expect(row.machine).toMatchObject({ state: 'up', failStreak: 2 });
    await post([result(probe, at(3), 'down', 'refused'), result(probe, at(4), 'down', 'refused')]);
    await post([result(probe, at(5), 'up')]);
    row = await db().selectFrom('probes').select(['state', 'machine']).where('id', '=', probe).executeTakeFirstOrThrow();
    expect(row.state).toBe('up');
    const outages = await db().selectFrom('probeOutages').select(['state', 'startedAt', 'endedAt', 'cause']).where('probeId', '=', probe).execute();
    expect(outages).toEqual([{ state: 'down', startedAt: new Date(at(3)), endedAt: new Date(at(5)), cause: 'refused' }]);
    const changes = await db().selectFrom('probeStateChanges').select(['fromState', 'toState']).where('probeId', '=', probe).orderBy('id').execute();
    expect(changes.map((c) => `${c.fromState}→${c.toState}`)).toEqual(['unknown→up', 'up→down', 'down→up']);
    expect(t.events.filter((e) => e.probeId === probe).map((e) => e.toState)).toEqual(['up', 'down', 'up']);
    expect(await rowsOf(probe)).toHaveLength(6);
  });

  it('marks results inside a maintenance window and keeps the probe in maintenance', async () => {
    const probe = await insertAgentProbe(db(), { orgId: t.orgA.id, agentId: agent.id });
    const start = nowMs() + 3_600_000;
    await db().insertInto('maintenanceWindows').values({ orgId: t.orgA.id, scope: 'probe', probeId: probe, assetId: null, title: 'upgrade', reason: null, startsAt: new Date(start), endsAt: new Date(start + 600_000), recurrence: null, createdBy: null, cancelledAt: null }).execute();
    await post([result(probe, start - 10_000, 'up'), result(probe, start + 10_000, 'down')]);
    const rows = await db().selectFrom('probeResults').select('isMaintenance').where('probeId', '=', probe).orderBy('checkedAt').execute();
    expect(rows.map((r) => r.isMaintenance)).toEqual([false, true]);
    expect((await db().selectFrom('probes').select('state').where('id', '=', probe).executeTakeFirstOrThrow()).state).toBe('maintenance');
  });

  it('rejects a malformed batch with 400 and accepts nothing from it', async () => {
    const probe = await insertAgentProbe(db(), { orgId: t.orgA.id, agentId: agent.id });
    const bad = await t.asAgent(agent.token, 'POST', '/agent/results', { batchSeq: seq + 1, sentAt: 'yesterday', backlog: 0, results: [result(probe, nowMs(), 'up')] });
    expect(bad.status).toBe(400);
    const tooMany = await t.asAgent(agent.token, 'POST', '/agent/results', { batchSeq: seq + 1, sentAt: new Date().toISOString(), backlog: 0, results: Array.from({ length: 5001 }, () => result(probe, nowMs(), 'up')) });
    expect(tooMany.status).toBe(400);
    expect(await rowsOf(probe)).toEqual([]);
  });

  it('calls an agent-run probe unreachable while a probe of an asset it depends on is down', async () => {
    const sw = (await t.ops.post('/assets', { orgId: t.orgA.id, kindKey: 'switch', name: '汇聚交换机' })).body.id as string;
    const server = (await t.ops.post('/assets', { orgId: t.orgA.id, kindKey: 'server', name: 'LIS 服务器' })).body.id as string;
    expect((await t.ops.post(`/assets/${server}/relations`, { toAssetId: sw, kind: 'depends_on' })).status).toBe(201);
    const switchProbe = await insertAgentProbe(db(), { orgId: t.orgA.id, agentId: null });
    await db().updateTable('probes').set({ assetId: sw, state: 'down' }).where('id', '=', switchProbe).execute();
    const lis = await insertAgentProbe(db(), { orgId: t.orgA.id, agentId: agent.id, retries: 0 });
    await db().updateTable('probes').set({ assetId: server }).where('id', '=', lis).execute();
    expect((await post([result(lis, nowMs() + 10_000, 'down', 'refused')])).status).toBe(200);
    const row = await db().selectFrom('probes').select(['state']).where('id', '=', lis).executeTakeFirstOrThrow();
    expect(row.state).toBe('unreachable');
    const outage = await db().selectFrom('probeOutages').selectAll().where('probeId', '=', lis).executeTakeFirstOrThrow();
    expect(outage).toMatchObject({ state: 'unreachable', causeProbeId: switchProbe });
  });
});
