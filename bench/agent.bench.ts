/**
 * Edge agent through a WAN cut: 200 TCP probes every 10 s on one agent against local listeners, the agent's
 * link cut for BENCH_AGENT_CUT_S (default 600) and restored. Prints results produced vs stored, duplicates,
 * gaps, the time to reconnect and to drain the disk backlog, and memory.
 *
 * `npm run bench -- agent [pglite|postgres]` (default pglite). The server (in process, real HTTP on
 * 127.0.0.1) and the agent share this process and its cores. Knobs: BENCH_AGENT_PROBES (200),
 * BENCH_AGENT_TARGETS (20), BENCH_AGENT_WARMUP_S (30), BENCH_AGENT_CUT_S (600), DATABASE_URL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { sql } from 'kysely';
import { createApp } from '../server/app.ts';
import { runAgent } from '../server/agent/index.ts';
import { createCuttableProxy, startTcpTarget } from '../server/agent/cuttable-proxy.ts';
import { agentRoutes, createAgentService } from '../server/domains/monitoring/agents/index.ts';
import { tcpProbe } from '../server/domains/monitoring/probe-kinds/tcp.ts';
import { createHttpApp } from '../server/http.ts';
import { systemActor } from '../server/platform/actor.ts';
import { loadConfig } from '../server/platform/config.ts';
import { createLogger } from '../server/platform/log.ts';
import { withFreshDatabase } from './server.ts';

const PROBES = Number(process.env.BENCH_AGENT_PROBES ?? 200);
const TARGETS = Number(process.env.BENCH_AGENT_TARGETS ?? 20);
const WARMUP_S = Number(process.env.BENCH_AGENT_WARMUP_S ?? 30);
const CUT_S = Number(process.env.BENCH_AGENT_CUT_S ?? 600);
const INTERVAL_S = 10;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await sleep(250);
  }
}
const rssMb = () => Math.round(process.memoryUsage().rss / 1024 / 1024);

async function measure(label: string, env: Record<string, string>) {
  const config = loadConfig({ NODE_ENV: 'production', YIWEI_DEMO_DATA: 'false', YIWEI_WORKER: 'false', YIWEI_LOG_LEVEL: 'warn', YIWEI_MASTER_KEY: '0123456789abcdef0123456789abcdef', YIWEI_AUDIT_KEY: 'ab'.repeat(32), ...env });
  const app = await createApp(config, { log: createLogger('warn') });
  const db = app.platform.db;
  const agents = createAgentService(app.platform);
  const groups = app.groups.some((g) => g.tag === 'agents') ? app.groups : [...app.groups, agentRoutes(agents)];
  const http = createHttpApp({ platform: app.platform, groups, tokens: app.services.tokens, metrics: app.metrics });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: http.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const proxy = await createCuttableProxy((server.address() as { port: number }).port);
  const targets = await Promise.all(Array.from({ length: TARGETS }, () => startTcpTarget()));
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'yiwei-bench-agent-'));
  try {
    const orgId = globalThis.crypto.randomUUID();
    await db.insertInto('organisations').values({ id: orgId, parentId: null, ancestorIds: [orgId], kind: 'institution', code: 'BENCH', name: '基准医院', level: null, contactName: null, contactPhoneSealed: null, address: null }).execute();
    const { agent, token } = await agents.create(systemActor, { orgId, name: 'bench 前置机' });
    await db
      .insertInto('probes')
      .values(Array.from({ length: PROBES }, (_, i) => ({ orgId, assetId: null, name: `tcp ${i}`, kind: 'tcp', config: JSON.stringify({ host: '127.0.0.1', port: targets[i % TARGETS]!.port }), intervalS: INTERVAL_S, timeoutMs: 2000, retries: 2, retryIntervalS: 5, availabilityTarget: 99.9, agentId: agent.id })))
      .execute();
    const stored = async () => Number((await db.selectFrom('probeResults').select((eb) => eb.fn.countAll<number>().as('n')).where('agentId', '=', agent.id).executeTakeFirstOrThrow()).n);

    const running = await runAgent({ serverUrl: proxy.url, token, dataDir, log: createLogger('warn'), kinds: [tcpProbe] });
    await sleep(WARMUP_S * 1000);
    console.log(`[${label}] warm-up done: ${running.stats().produced} produced, ${await stored()} stored; cutting the link for ${CUT_S} s`);
    proxy.cut();
    let peakRssMb = rssMb();
    for (let s = 0; s < CUT_S; s += 5) {
      await sleep(5000);
      peakRssMb = Math.max(peakRssMb, rssMb());
    }
    const atRestore = running.stats();
    const restoredAt = Date.now();
    proxy.restore();
    const acceptedAtRestore = atRestore.accepted;
    await waitFor(() => running.stats().accepted > acceptedAtRestore, 120_000, 'first batch after restore');
    const reconnectMs = Date.now() - restoredAt;
    await waitFor(() => running.stats().backlog < 50, 600_000, 'backlog drained');
    const drainMs = Date.now() - restoredAt;
    // Stop producing, then let the last results go up, so produced and stored can be compared exactly.
    await db.updateTable('probes').set({ isPaused: true, changeSeq: sql<string>`nextval('probe_change_seq')` }).where('agentId', '=', agent.id).execute();
    await waitFor(() => running.stats().probes === 0, 60_000, 'assignment emptied');
    await waitFor(async () => running.stats().backlog === 0 && (await stored()) >= running.stats().produced, 60_000, 'last results stored');
    const final = running.stats();
    await running.stop();

    const dup = await sql<{ n: number }>`select (count(*) - count(distinct (probe_id, checked_at)))::int as n from probe_results where agent_id = ${agent.id}`.execute(db);
    const gaps = await sql<{ gaps: number; maxStepS: number }>`
      select count(*) filter (where step > ${INTERVAL_S * 1.5})::int as gaps, coalesce(max(step), 0)::float8 as "maxStepS"
      from (select extract(epoch from checked_at - lag(checked_at) over (partition by probe_id order by checked_at)) as step
            from probe_results where agent_id = ${agent.id}) s`.execute(db);
    const figures = {
      backend: label,
      probes: PROBES,
      cutS: CUT_S,
      produced: final.produced,
      stored: await stored(),
      duplicates: dup.rows[0]!.n,
      gaps: gaps.rows[0]!.gaps,
      maxStepS: Math.round(gaps.rows[0]!.maxStepS * 10) / 10,
      backlogAtRestore: atRestore.backlog,
      dropped: final.dropped,
      reconnectS: Math.round(reconnectMs / 100) / 10,
      drainS: Math.round(drainMs / 100) / 10,
      batches: final.batches,
      replays: final.replays,
      peakRssMb,
    };
    console.log(JSON.stringify(figures));
    return figures;
  } finally {
    await proxy.close();
    await new Promise((r) => server.close(r));
    await Promise.all(targets.map((x) => x.close()));
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Runs the scenario on PGlite (default) or on a fresh PostgreSQL database (`postgres`). */
export async function run(args: string[]) {
  const backend = args[0] ?? 'pglite';
  console.log(`agent bench: ${PROBES} tcp probes every ${INTERVAL_S} s, cut ${CUT_S} s, ${os.cpus().length} cores, node ${process.version}`);
  const results = [];
  if (backend === 'pglite') {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'yiwei-bench-db-'));
    try {
      results.push(await measure('pglite', { YIWEI_DATA_DIR: dataDir }));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  } else {
    await withFreshDatabase('agent', async (url) => {
      results.push(await measure('postgres', { DATABASE_URL: url }));
    });
  }
  console.table(results);
}

export default run;
