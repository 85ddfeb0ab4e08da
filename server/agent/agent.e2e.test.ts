import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentResultBatch } from '../../shared/schemas/agents.ts';
import { tcpProbe } from '../domains/monitoring/probe-kinds/tcp.ts';
import { createAgentTestApp, insertAgentProbe } from '../domains/monitoring/agents/agent-test-app.ts';
import { createLogger } from '../platform/log.ts';
import { runAgent, type RunningAgent } from './agent.ts';
import type { FetchLike } from './client.ts';
import { createCuttableProxy, startTcpTarget } from './cuttable-proxy.ts';

const CUT_MS = 25_000;

async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

let t: Awaited<ReturnType<typeof createAgentTestApp>>;
let server: ReturnType<typeof serve>;
let proxy: Awaited<ReturnType<typeof createCuttableProxy>>;
let target: Awaited<ReturnType<typeof startTcpTarget>>;
let dataDir: string;
let agent: RunningAgent | null = null;

beforeAll(async () => {
  t = await createAgentTestApp();
  server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: t.http.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  proxy = await createCuttableProxy((server.address() as { port: number }).port);
  target = await startTcpTarget();
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'yiwei-agent-'));
});

afterAll(async () => {
  await agent?.stop();
  await proxy?.close();
  await target?.close();
  await new Promise((r) => server?.close(r));
  await t?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('edge agent end to end', () => {
  it('loses nothing and duplicates nothing across a 25 s cut of its link', async () => {
    const { id: agentId, token } = await t.registerAgent();
    const db = t.app.platform.db;
    const probeIds = await Promise.all([0, 1, 2].map(() => insertAgentProbe(db, { orgId: t.orgA.id, agentId, config: { host: '127.0.0.1', port: target.port }, intervalS: 10 })));
    // Every batch the server answered, as the agent sent it.
    const answered: AgentResultBatch[] = [];
    const recordingFetch: FetchLike = async (url, init) => {
      const res = await fetch(url, init);
      if (url.endsWith('/agent/results') && res.ok) answered.push(JSON.parse(init.body!) as AgentResultBatch);
      return res;
    };
    agent = await runAgent({ serverUrl: proxy.url, token, dataDir, log: createLogger('silent'), fetch: recordingFetch, kinds: [tcpProbe], pullIntervalMs: 2_000, maxBackoffMs: 4_000 });
    const stored = async () => Number((await db.selectFrom('probeResults').select((eb) => eb.fn.countAll<number>().as('n')).where('agentId', '=', agentId).executeTakeFirstOrThrow()).n);

    const storedProbes = async () => (await db.selectFrom('probeResults').select('probeId').distinct().where('agentId', '=', agentId).execute()).length;
    await waitFor('a first result of every probe stored', async () => (await storedProbes()) === 3, 30_000);
    proxy.cut();
    const storedAtCut = await stored();
    await new Promise((r) => setTimeout(r, CUT_MS));
    const duringCut = agent.stats();
    expect(duringCut.isConnected).toBe(false);
    expect(duringCut.backlog).toBeGreaterThanOrEqual(6);
    expect(await stored()).toBe(storedAtCut);

    proxy.restore();
    await waitFor('the backlog drained', async () => agent!.stats().backlog === 0 && (await stored()) >= storedAtCut + duringCut.backlog, 30_000);
    // Stop producing (the agent drops paused probes at its next pull), then let the last results go up.
    await db.updateTable('probes').set({ isPaused: true, changeSeq: sql<string>`nextval('probe_change_seq')` }).where('agentId', '=', agentId).execute();
    await waitFor('the probes removed from the agent', () => agent!.stats().probes === 0, 10_000);
    await waitFor('the last results stored', async () => agent!.stats().backlog === 0 && (await stored()) === agent!.stats().produced, 15_000);
    await waitFor('agents.backlog reported as 0', async () => (await db.selectFrom('agents').select('backlog').where('id', '=', agentId).executeTakeFirstOrThrow()).backlog === 0, 10_000);

    const stats = agent.stats();
    await agent.stop();
    agent = null;
    expect(stats.dropped).toBe(0);
    // A batch stored just as the link went down is resent and answered as a replay: accepted may fall short, never exceed.
    expect(stats.accepted).toBeLessThanOrEqual(stats.produced);
    expect(await stored()).toBe(stats.produced);

    // Exactly once and no gap: each probe's runs sit 10 s apart (± timer jitter) straight through the cut.
    const rows = await db.selectFrom('probeResults').select(['probeId', 'checkedAt']).where('agentId', '=', agentId).orderBy('probeId').orderBy('checkedAt').execute();
    for (const probeId of probeIds) {
      const times = rows.filter((r) => r.probeId === probeId).map((r) => r.checkedAt.getTime());
      // its first result before the cut, at least two during the 25 s cut
      expect(times.length).toBeGreaterThanOrEqual(3);
      const steps = times.slice(1).map((x, i) => x - times[i]!);
      expect(Math.min(...steps), `${probeId} steps ${steps.join(',')}`).toBeGreaterThan(9_000);
      expect(Math.max(...steps), `${probeId} steps ${steps.join(',')}`).toBeLessThan(11_000);
    }
    // In order: batches went up with increasing sequences, and each probe's results in time order.
    const seqs = answered.map((b) => b.batchSeq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    const sent = answered.flatMap((b) => (b.results.length ? b.results : []));
    for (const probeId of probeIds) {
      const times = sent.filter((r) => r.probeId === probeId).map((r) => Date.parse(r.checkedAt));
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
    expect((await db.selectFrom('probes').select('state').where('id', 'in', probeIds).execute()).map((p) => p.state)).toEqual(['up', 'up', 'up']);
  }, 120_000);
});
