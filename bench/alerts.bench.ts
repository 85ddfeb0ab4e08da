/**
 * Alert engine benchmark (the alerting issue's two goals), everything on 127.0.0.1:
 *
 * 1. latency — BENCH_TRIALS (100) TCP targets, each its own net.Server with its own probe (every 10 s, retries 1,
 *    retry interval 5 s), WeCom channel (distinct key, so the 20/min limit of one robot is never the bottleneck) and
 *    route (label probe=<name>, P1/P2/P3 → that channel). Once every probe is up each target is closed at a random
 *    moment within BENCH_CLOSE_SPREAD_S; latency = arrival at a local WeCom-compatible receiver − close, split into
 *    detection (the state change's changedAt − close), engine (outbox row created − changedAt) and outbox (arrival −
 *    row created).
 * 2. storm — a core switch asset with a TCP probe and BENCH_STORM_PROBES (10,000) server assets connected behind it
 *    (asset relations 'connects', inserted in SQL), each with a TCP probe on ports of a separate target process
 *    (bench/probe-targets.ts). One WeCom channel, one route P1/P2/P3 → it. The target process is killed (SIGKILL): the
 *    switch's port and every server's port die at the same instant. For BENCH_STORM_WATCH_S (120) it then measures UI
 *    API latency (BENCH_UI_CLIENTS clients polling GET /api/alerts, /api/alerts/summary, /api/probes?pageSize=50),
 *    actionable vs suppressed alerts, messages at the receiver per minute (digests and what they fold), time until
 *    every server probe is unreachable and the alert engine's throughput (state changes consumed per second).
 *
 * Knobs: BENCH_PHASES ("latency,storm"), BENCH_TRIALS, BENCH_CLOSE_SPREAD_S (20), BENCH_STORM_PROBES,
 * BENCH_STORM_TARGET_PORTS (16), BENCH_STORM_WATCH_S, BENCH_STORM_SWITCH_LAG_S (kill this many seconds before the
 * switch probe's next check; default: a random moment), BENCH_UI_CLIENTS (4), BENCH_UI_PAUSE_MS (pause between one
 * client's rounds of three requests, 1000), DATABASE_URL (server on which fresh databases are created).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createTcpServer, type Server, type Socket } from 'node:net';
import os from 'node:os';
import { sql } from 'kysely';
import { ensureBuiltinRoles } from '../server/bootstrap.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { ensureBuiltinAssetKinds } from '../server/domains/assets/index.ts';
import { nextSlot, phaseOf } from '../server/domains/monitoring/scheduler.ts';
import { createSoftwareCryptoProvider, hashPassword } from '../server/platform/crypto/index.ts';
import { createDb, type DbHandle } from '../server/platform/db.ts';
import { percentile, procMemoryMb, startServer, stopServer, withFreshDatabase } from './server.ts';

const PHASES = (process.env.BENCH_PHASES ?? 'latency,storm').split(',');
const TRIALS = Number(process.env.BENCH_TRIALS ?? 100);
const CLOSE_SPREAD_S = Number(process.env.BENCH_CLOSE_SPREAD_S ?? 20);
const STORM_PROBES = Number(process.env.BENCH_STORM_PROBES ?? 10_000);
const STORM_TARGET_PORTS = Number(process.env.BENCH_STORM_TARGET_PORTS ?? 16);
const STORM_WATCH_S = Number(process.env.BENCH_STORM_WATCH_S ?? 120);
const SWITCH_LAG_S = process.env.BENCH_STORM_SWITCH_LAG_S === undefined ? null : Number(process.env.BENCH_STORM_SWITCH_LAG_S);
const UI_CLIENTS = Number(process.env.BENCH_UI_CLIENTS ?? 4);
const UI_PAUSE_MS = Number(process.env.BENCH_UI_PAUSE_MS ?? 1000);
const INTERVAL_S = 10;
const RETRIES = 1;
const RETRY_INTERVAL_S = 5;
/** A failure is confirmed at the first check after it (≤ one interval) plus `retries` retries. */
const CONFIRMATION_S = INTERVAL_S + RETRIES * RETRY_INTERVAL_S;
const PASSWORD = 'Bench-Passw0rd!';
const KEYS = { YIWEI_MASTER_KEY: '0123456789abcdef0123456789abcdef', YIWEI_AUDIT_KEY: 'ab'.repeat(32) };
const FEED_CURSOR = 'alerts.probe-state-changes';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (x: number, digits = 0) => Math.round(x * 10 ** digits) / 10 ** digits;
const sortNum = (xs: number[]) => [...xs].sort((a, b) => a - b);
function stats(xs: number[], digits = 0) {
  const s = sortNum(xs);
  return { n: s.length, p50: round(percentile(s, 50), digits), p95: round(percentile(s, 95), digits), p99: round(percentile(s, 99), digits), max: round(s[s.length - 1] ?? 0, digits) };
}

// ---------------------------------------------------------------- seeding, login, API

async function seed(databaseUrl: string): Promise<{ handle: DbHandle; orgId: string }> {
  const handle = await createDb({ databaseUrl });
  await migrateToLatest(handle.db);
  await ensureBuiltinRoles({ db: handle.db });
  await ensureBuiltinAssetKinds({ db: handle.db });
  const orgId = globalThis.crypto.randomUUID();
  await handle.db.insertInto('organisations').values({ id: orgId, parentId: null, ancestorIds: [orgId], kind: 'region', code: 'B0', name: '基准医院', level: null, contactName: null, contactPhoneSealed: null, address: null }).execute();
  const manager = await handle.db.selectFrom('roles').select('id').where('key', '=', 'ops_manager').executeTakeFirstOrThrow();
  const user = await handle.db.insertInto('users').values({ orgId, username: 'bench', displayName: 'bench', email: null, phoneSealed: null, adminClass: null, passwordHash: await hashPassword(createSoftwareCryptoProvider(), PASSWORD, 1000), mustChangePassword: false, totpSecretSealed: null }).returning('id').executeTakeFirstOrThrow();
  await handle.db.insertInto('roleGrants').values({ userId: user.id, roleId: manager.id, orgId, grantedBy: null }).execute();
  return { handle, orgId };
}

interface Auth { base: string; cookie: string; csrf: string }

async function login(base: string): Promise<Auth> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench', password: PASSWORD }) });
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  if (!res.ok || !cookie) throw new Error(`login failed: ${res.status}`);
  return { base, cookie, csrf: csrfToken };
}

async function post<T>(auth: Auth, path: string, body: unknown): Promise<T> {
  const res = await fetch(`${auth.base}/api${path}`, { method: 'POST', headers: { cookie: auth.cookie, 'x-csrf-token': auth.csrf, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`POST ${path} failed: ${res.status} ${(await res.text()).slice(0, 400)}`);
  return (await res.json()) as T;
}

const serverEnv = (databaseUrl: string) => ({ ...KEYS, DATABASE_URL: databaseUrl, YIWEI_WORKER: 'true', YIWEI_PROBES: 'true' });

const probeTiming = { intervalS: INTERVAL_S, retries: RETRIES, retryIntervalS: RETRY_INTERVAL_S, timeoutMs: 2000 };

// ---------------------------------------------------------------- the WeCom-compatible receiver

interface Arrival { key: string; at: number; text: string }

/** A WeCom group robot stand-in: records arrival time, key and message, answers {"errcode":0,"errmsg":"ok"}. */
async function startReceiver() {
  const arrivals: Arrival[] = [];
  const server = createHttpServer((req, res) => {
    const at = Date.now();
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const key = new URL(req.url ?? '/', 'http://x').searchParams.get('key') ?? '';
      let text = '';
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { markdown?: { content: string }; text?: { content: string } };
        text = body.markdown?.content ?? body.text?.content ?? '';
      } catch {
        // not JSON: recorded with no text
      }
      arrivals.push({ key, at, text });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ errcode: 0, errmsg: 'ok' }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/cgi-bin/webhook/send`;
  return {
    url,
    arrivals,
    close: () => new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}

/** A TCP target that can be killed: closing stops accepting and destroys what is open, so the next connect is refused. */
async function startTarget(): Promise<{ port: number; server: Server; kill(): number }> {
  const sockets = new Set<Socket>();
  const server = createTcpServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
    s.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    port: (server.address() as { port: number }).port,
    server,
    kill() {
      const at = Date.now();
      server.close();
      for (const s of sockets) s.destroy();
      return at;
    },
  };
}

async function waitFor(what: string, timeoutMs: number, check: () => Promise<boolean>) {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    if (await check()) return (Date.now() - t0) / 1000;
    await sleep(500);
  }
  throw new Error(`timed out waiting for ${what}`);
}

const countUp = async (handle: DbHandle) => (await sql<{ n: number }>`select count(*)::int n from probes where state = 'up' and deleted_at is null`.execute(handle.db)).rows[0]!.n;

// ---------------------------------------------------------------- 1. latency

async function latency() {
  return withFreshDatabase('alerts_latency', async (databaseUrl) => {
    const { handle, orgId } = await seed(databaseUrl);
    const receiver = await startReceiver();
    const targets = await Promise.all(Array.from({ length: TRIALS }, () => startTarget()));
    const server = await startServer(serverEnv(databaseUrl));
    try {
      const auth = await login(server.base);
      const channels: string[] = [];
      for (let i = 0; i < TRIALS; i++) {
        const c = await post<{ id: string }>(auth, '/notification-channels', { orgId, name: `trial ${i}`, kind: 'wecom', config: { baseUrl: receiver.url, format: 'markdown' }, secrets: { key: `trial-${i}` } });
        channels.push(c.id);
        await post(auth, '/alert-routes', { orgId, name: `trial ${i}`, position: i, conditions: { severities: ['P1', 'P2', 'P3'], matchers: [{ name: 'probe', op: '=', value: `trial-${i}` }] }, channelIds: [c.id], notifyResolved: false });
      }
      const { ids } = await post<{ ids: string[] }>(auth, '/probes/bulk', {
        probes: targets.map((t, i) => ({ orgId, name: `trial-${i}`, kind: 'tcp', ...probeTiming, config: { host: '127.0.0.1', port: t.port } })),
      });
      const upAfterS = await waitFor('every trial probe up', 60_000, async () => (await countUp(handle)) === TRIALS);
      console.log(`latency: ${TRIALS} probes, channels and routes created; all up ${upAfterS.toFixed(1)} s after creation`);

      const loadAtStart = round(os.loadavg()[0]!, 1);
      const closedAt = new Array<number>(TRIALS).fill(0);
      await Promise.all(targets.map(async (t, i) => {
        await sleep(Math.random() * CLOSE_SPREAD_S * 1000);
        closedAt[i] = t.kill();
      }));
      const lastClose = Math.max(...closedAt);
      const keyOf = (i: number) => `trial-${i}`;
      const arrivedFor = () => new Set(receiver.arrivals.map((a) => a.key)).size;
      await waitFor('a message for every trial', (CONFIRMATION_S + 60) * 1000, async () => arrivedFor() >= TRIALS).catch((e: Error) => console.log(e.message));
      await sleep(500);

      const rows = await sql<{ probeId: string; changedAt: Date; firstFiredAt: Date | null; createdAt: Date | null; deliveredAt: Date | null }>`
        select p.id "probeId",
               (select min(c.changed_at) from probe_state_changes c where c.probe_id = p.id and c.to_state = 'down') "changedAt",
               a.first_fired_at "firstFiredAt", n.created_at "createdAt", n.delivered_at "deliveredAt"
        from probes p
        left join alerts a on a.probe_id = p.id
        left join notifications n on n.alert_id = a.id and n.kind = 'alert'
        where p.id = any(${sql.val(ids)}::uuid[])`.execute(handle.db);
      const byProbe = new Map(rows.rows.map((r) => [r.probeId, r]));
      const total: number[] = [];
      const detection: number[] = [];
      const engine: number[] = [];
      const outbox: number[] = [];
      const delivery: number[] = [];
      let missing = 0;
      let extra = 0;
      for (let i = 0; i < TRIALS; i++) {
        const mine = receiver.arrivals.filter((a) => a.key === keyOf(i));
        const r = byProbe.get(ids[i]!);
        if (mine.length === 0 || !r?.changedAt) {
          missing++;
          continue;
        }
        extra += mine.length - 1;
        const arrival = mine[0]!.at;
        const changed = r.changedAt.getTime();
        total.push(arrival - closedAt[i]!);
        detection.push(changed - closedAt[i]!);
        delivery.push(arrival - changed);
        if (r.createdAt) {
          engine.push(r.createdAt.getTime() - changed);
          outbox.push(arrival - r.createdAt.getTime());
        }
      }
      const figures = {
        phase: 'latency',
        trials: TRIALS,
        confirmationS: CONFIRMATION_S,
        goalP99S: CONFIRMATION_S + 2,
        totalS: stats(total.map((ms) => ms / 1000), 2),
        detectionS: stats(detection.map((ms) => ms / 1000), 2),
        deliveryMs: stats(delivery),
        engineMs: stats(engine),
        outboxMs: stats(outbox),
        missing,
        duplicates: extra,
        closeSpreadS: round((lastClose - Math.min(...closedAt)) / 1000, 1),
        serverPeakRssMb: procMemoryMb(server.child.pid!, 'VmHWM'),
        loadAverage1m: { atStart: loadAtStart, atEnd: round(os.loadavg()[0]!, 1) },
      };
      console.log(JSON.stringify(figures));
      return figures;
    } finally {
      await stopServer(server.child);
      for (const t of targets) t.server.close();
      await receiver.close();
      await handle.close();
    }
  });
}

// ---------------------------------------------------------------- 2. storm

async function startTargetProcess(ports: number): Promise<{ child: ChildProcess; tcp: number[] }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/probe-targets.ts', String(ports)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve) => child.stdout!.once('data', (d: Buffer) => resolve(d.toString())));
  return { child, tcp: (JSON.parse(line) as { tcp: number[] }).tcp };
}

interface UiSample { endpoint: string; at: number; ms: number; status: number }

const UI_ENDPOINTS: Array<[string, string]> = [
  ['GET /api/alerts', '/api/alerts?view=active&pageSize=50'],
  ['GET /api/alerts/summary', '/api/alerts/summary'],
  ['GET /api/probes?pageSize=50', '/api/probes?pageSize=50'],
];

/** UI_CLIENTS screens, each requesting the three lists one after the other, then pausing UI_PAUSE_MS. */
function startUiClients(auth: Auth) {
  const samples: UiSample[] = [];
  let isStopped = false;
  const loops = Array.from({ length: UI_CLIENTS }, async (_, c) => {
    await sleep((c * UI_PAUSE_MS) / UI_CLIENTS);
    while (!isStopped) {
      for (const [endpoint, path] of UI_ENDPOINTS) {
        const at = Date.now();
        const t0 = performance.now();
        let status = -1;
        try {
          const res = await fetch(`${auth.base}${path}`, { headers: { cookie: auth.cookie } });
          await res.arrayBuffer();
          status = res.status;
        } catch {
          // counted as status -1
        }
        samples.push({ endpoint, at, ms: performance.now() - t0, status });
      }
      await sleep(UI_PAUSE_MS);
    }
  });
  return {
    samples,
    async stop() {
      isStopped = true;
      await Promise.all(loops);
    },
  };
}

interface Sample { at: number; cursor: number; maxChangeId: number; unreachable: number; down: number; up: number; actionable: number; suppressed: number }

async function storm() {
  return withFreshDatabase('alerts_storm', async (databaseUrl) => {
    const { handle, orgId } = await seed(databaseUrl);
    const db = handle.db;
    // The switch and its servers, straight into the ledger: one statement each.
    const kinds = new Map((await db.selectFrom('assetKinds').select(['id', 'key']).where('key', 'in', ['switch', 'server']).execute()).map((k) => [k.key, k.id]));
    const switchAssetId = globalThis.crypto.randomUUID();
    await sql`insert into assets (id, org_id, kind_id, code, name, brand, model, status, importance, management_ips, search_text)
      values (${switchAssetId}, ${orgId}, ${kinds.get('switch')!}, 'SW-CORE-01', '核心交换机 01', '华为', 'CE12808', 'in_use', 'core', '{10.0.0.1}', 'sw-core-01 核心交换机 01 华为 ce12808 10.0.0.1')`.execute(db);
    await sql`insert into assets (org_id, kind_id, code, name, brand, model, status, importance, management_ips, search_text)
      select ${orgId}, ${kinds.get('server')!}, 'SRV-' || lpad(g::text, 5, '0'), '服务器 ' || g, '戴尔', 'R740', 'in_use', 'normal',
             array['10.' || (1 + g / 65536) || '.' || (g / 256) % 256 || '.' || g % 256], lower('srv-' || lpad(g::text, 5, '0') || ' 服务器 ' || g)
      from generate_series(1, ${STORM_PROBES}::int) g`.execute(db);
    await sql`insert into asset_relations (org_id, from_asset_id, to_asset_id, kind)
      select ${orgId}, a.id, ${switchAssetId}::uuid, 'connects' from assets a where a.id <> ${switchAssetId}::uuid`.execute(db);
    await sql`analyze`.execute(db);
    const servers = (await db.selectFrom('assets').select(['id', 'code']).where('id', '<>', switchAssetId).orderBy('code').execute());

    const targets = await startTargetProcess(STORM_TARGET_PORTS);
    const receiver = await startReceiver();
    let server = await startServer(serverEnv(databaseUrl));
    let ui: ReturnType<typeof startUiClients> | undefined;
    let isTargetsKilled = false;
    try {
      let auth = await login(server.base);
      const channel = await post<{ id: string }>(auth, '/notification-channels', { orgId, name: '信息科值班群', kind: 'wecom', config: { baseUrl: receiver.url, format: 'markdown' }, secrets: { key: 'storm' } });
      await post(auth, '/alert-routes', { orgId, name: '一二三级告警到值班群', position: 1, conditions: { severities: ['P1', 'P2', 'P3'] }, channelIds: [channel.id], notifyResolved: true });
      const t0 = performance.now();
      const [switchProbeId] = (await post<{ ids: string[] }>(auth, '/probes/bulk', { probes: [{ orgId, assetId: switchAssetId, name: '核心交换机 01 端口', kind: 'tcp', ...probeTiming, config: { host: '127.0.0.1', port: targets.tcp[0] } }] })).ids;
      const serverTcp = targets.tcp.slice(1);
      for (let i = 0; i < servers.length; i += 10_000) {
        await post(auth, '/probes/bulk', {
          probes: servers.slice(i, i + 10_000).map((s, k) => ({ orgId, assetId: s.id, name: `${s.code} 服务端口`, kind: 'tcp', ...probeTiming, config: { host: '127.0.0.1', port: serverTcp[(i + k) % serverTcp.length] } })),
        });
      }
      const provisionS = (performance.now() - t0) / 1000;
      const total = servers.length + 1;
      const upS = await waitFor('every storm probe up', 120_000, async () => (await countUp(handle)) === total);
      // The engine reads asset relations (upstream probes) at start and every 60 s: restart so they are known now.
      await stopServer(server.child);
      server = await startServer(serverEnv(databaseUrl));
      auth = await login(server.base);
      // one full interval so every probe has run since the restart
      await sleep((INTERVAL_S + 2) * 1000);
      console.log(`storm: ${servers.length} servers behind one core switch, ${total} TCP probes on ${targets.tcp.length} ports (bulk create ${provisionS.toFixed(1)} s, all up ${upS.toFixed(1)} s later; server restarted to load relations)`);

      // baseline UI latency, then the failure
      ui = startUiClients(auth);
      const baselineFrom = Date.now();
      await sleep(15_000);
      const samples: Sample[] = [];
      const sampleOnce = async () => {
        const r = await sql<Omit<Sample, 'at'>>`select
            coalesce((select cursor::bigint from feed_cursors where name = ${FEED_CURSOR}), 0)::float8 cursor,
            coalesce((select max(id) from probe_state_changes), 0)::float8 "maxChangeId",
            count(*) filter (where state = 'unreachable')::int unreachable, count(*) filter (where state = 'down')::int down, count(*) filter (where state = 'up')::int up,
            (select count(*) from alerts where status <> 'resolved' and suppression is null)::int actionable,
            (select count(*) from alerts where status <> 'resolved' and suppression is not null)::int suppressed
          from probes where deleted_at is null`.execute(db);
        samples.push({ at: Date.now(), ...r.rows[0]! });
      };
      await sampleOnce();
      const c0 = samples[0]!.maxChangeId;
      // When the switch probe is next due decides how many servers are confirmed down before it is seen failing.
      const phaseMs = phaseOf(switchProbeId!, INTERVAL_S * 1000);
      if (SWITCH_LAG_S !== null) {
        const slot = nextSlot(Date.now() + SWITCH_LAG_S * 1000 + 50, INTERVAL_S * 1000, phaseMs);
        await sleep(slot - SWITCH_LAG_S * 1000 - Date.now());
      }
      const loadAtKill = round(os.loadavg()[0]!, 1);
      const killedAt = Date.now();
      targets.child.kill('SIGKILL');
      isTargetsKilled = true;
      const switchDueS = (nextSlot(killedAt, INTERVAL_S * 1000, phaseMs) - killedAt) / 1000;
      let isSampling = true;
      const sampler = (async () => {
        while (isSampling) {
          await sampleOnce().catch(() => undefined);
          await sleep(1000);
        }
      })();
      await sleep(STORM_WATCH_S * 1000);
      isSampling = false;
      await sampler;
      await ui.stop();
      const watchEnd = Date.now();

      // ---- UI latency, before and after the failure
      const uiRows = UI_ENDPOINTS.map(([endpoint]) => {
        const before = ui!.samples.filter((s) => s.endpoint === endpoint && s.at >= baselineFrom && s.at < killedAt);
        const after = ui!.samples.filter((s) => s.endpoint === endpoint && s.at >= killedAt);
        const firstMinute = after.filter((s) => s.at < killedAt + 60_000);
        return {
          endpoint,
          baseline: stats(before.map((s) => s.ms)),
          storm: stats(after.map((s) => s.ms)),
          stormFirstMinute: stats(firstMinute.map((s) => s.ms)),
          non200: after.filter((s) => s.status !== 200).length,
        };
      });

      // ---- alerts
      const alerts = await sql<{ actionable: number; suppressed: number; dependency: number; switchSuppression: string | null; switchSeverity: string; everNotified: number; serverNotified: number }>`select
          count(*) filter (where suppression is null)::int actionable,
          count(*) filter (where suppression is not null)::int suppressed,
          count(*) filter (where suppression = 'dependency')::int dependency,
          max(suppression) filter (where probe_id = ${switchProbeId!}::uuid) "switchSuppression",
          max(severity) filter (where probe_id = ${switchProbeId!}::uuid) "switchSeverity",
          (select count(distinct alert_id) from alert_events where kind = 'notified')::int "everNotified",
          (select count(distinct e.alert_id) from alert_events e join alerts x on x.id = e.alert_id where e.kind = 'notified' and x.probe_id <> ${switchProbeId!}::uuid)::int "serverNotified"
        from alerts where status <> 'resolved'`.execute(db);
      const changes = await sql<{ downFirst: number; unreachable: number; lastUnreachableAt: Date | null; switchDownAt: Date | null; firstServerDownAt: Date | null }>`select
          count(distinct probe_id) filter (where to_state = 'down' and probe_id <> ${switchProbeId!}::uuid)::int "downFirst",
          count(distinct probe_id) filter (where to_state = 'unreachable')::int unreachable,
          (select max(t) from (select min(changed_at) t from probe_state_changes where id > ${c0} and to_state = 'unreachable' group by probe_id) x) "lastUnreachableAt",
          min(changed_at) filter (where probe_id = ${switchProbeId!}::uuid and to_state = 'down') "switchDownAt",
          min(changed_at) filter (where probe_id <> ${switchProbeId!}::uuid and to_state = 'down') "firstServerDownAt"
        from probe_state_changes where id > ${c0}`.execute(db);
      const ch = changes.rows[0]!;
      const al = alerts.rows[0]!;
      const allUnreachableSample = samples.find((s) => s.at >= killedAt && s.unreachable >= servers.length);

      // ---- the alert engine: state changes produced vs consumed (cursor), sampled every second
      const after = samples.filter((s) => s.at >= killedAt);
      const consumedRows = await sql<{ c: number; n: number }>`select c, (select count(*) from probe_state_changes where id > ${c0} and id <= c)::int n
        from unnest(${sql.val(after.map((s) => s.cursor))}::float8[]) c`.execute(db);
      const consumedAt = new Map(consumedRows.rows.map((r) => [r.c, r.n]));
      const producedTotal = (await sql<{ n: number }>`select count(*)::int n from probe_state_changes where id > ${c0}`.execute(db)).rows[0]!.n;
      // Throughput while the engine had work: over the sampling intervals that began with a backlog.
      let peakBacklog = 0;
      let busyS = 0;
      let consumedInBusy = 0;
      let drainedAt: number | null = null;
      for (let i = 0; i < after.length; i++) {
        const s = after[i]!;
        const backlog = s.maxChangeId - s.cursor;
        peakBacklog = Math.max(peakBacklog, backlog);
        if (backlog > 0) drainedAt = null;
        else drainedAt ??= s.at;
        const next = after[i + 1];
        if (backlog > 0 && next) {
          busyS += (next.at - s.at) / 1000;
          consumedInBusy += (consumedAt.get(next.cursor) ?? 0) - (consumedAt.get(s.cursor) ?? 0);
        }
      }
      // the fastest 5 s of consumption
      let peakRate = 0;
      for (let i = 0; i < after.length; i++) {
        const j = after.findIndex((s) => s.at >= after[i]!.at + 5000);
        if (j < 0) break;
        peakRate = Math.max(peakRate, ((consumedAt.get(after[j]!.cursor) ?? 0) - (consumedAt.get(after[i]!.cursor) ?? 0)) / ((after[j]!.at - after[i]!.at) / 1000));
      }

      // ---- notifications at the receiver and in the outbox
      const got = receiver.arrivals.filter((a) => a.key === 'storm' && a.at >= killedAt);
      const perMinute: number[] = [];
      for (const a of got) perMinute[Math.floor((a.at - killedAt) / 60_000)] = (perMinute[Math.floor((a.at - killedAt) / 60_000)] ?? 0) + 1;
      let maxIn60s = 0;
      for (let i = 0; i < got.length; i++) maxIn60s = Math.max(maxIn60s, got.filter((b) => b.at >= got[i]!.at && b.at < got[i]!.at + 60_000).length);
      const outbox = await sql<{ kind: string; status: string; n: number; folded: number }>`select kind, status, count(*)::int n, coalesce(sum((message->'vars'->>'count')::int) filter (where kind = 'digest'), 0)::int folded
        from notifications where channel_id = ${channel.id}::uuid group by kind, status order by kind, status`.execute(db);
      const firstSwitchMessage = got.find((a) => a.text.includes('核心交换机'));
      const firstMessageAt = got[0]?.at;

      const figures = {
        phase: 'storm',
        servers: servers.length,
        switchNextCheckAfterKillS: round(switchDueS, 1),
        switchDownAfterKillS: ch.switchDownAt ? round((ch.switchDownAt.getTime() - killedAt) / 1000, 1) : null,
        firstServerDownAfterKillS: ch.firstServerDownAt ? round((ch.firstServerDownAt.getTime() - killedAt) / 1000, 1) : null,
        serversDownBeforeUnreachable: ch.downFirst,
        serversUnreachable: ch.unreachable,
        allUnreachableByCheckTimeS: ch.lastUnreachableAt && ch.unreachable >= servers.length ? round((ch.lastUnreachableAt.getTime() - killedAt) / 1000, 1) : null,
        allUnreachableVisibleS: allUnreachableSample ? round((allUnreachableSample.at - killedAt) / 1000, 1) : null,
        openAlerts: { actionable: al.actionable, suppressed: al.suppressed, dependency: al.dependency, switch: al.switchSeverity ? `${al.switchSeverity} ${al.switchSuppression ?? 'actionable'}` : 'no alert yet', everNotified: al.everNotified, serversEverNotified: al.serverNotified },
        engine: {
          stateChanges: producedTotal,
          consumed: consumedAt.get(after[after.length - 1]?.cursor ?? -1) ?? 0,
          peakBacklog,
          busyS: round(busyS, 1),
          changesPerS: busyS > 0 ? round(consumedInBusy / busyS) : null,
          peakChangesPerS5s: round(peakRate),
          lastBacklogClearedAfterKillS: drainedAt === null ? null : round((drainedAt - killedAt) / 1000, 1),
        },
        messages: {
          atReceiver: got.length,
          perMinute: Array.from({ length: Math.ceil((watchEnd - killedAt) / 60_000) }, (_, i) => perMinute[i] ?? 0),
          maxInAny60s: maxIn60s,
          arrivalsS: got.map((a) => round((a.at - killedAt) / 1000, 1)),
          firstAfterKillS: firstMessageAt ? round((firstMessageAt - killedAt) / 1000, 1) : null,
          firstNamingSwitchAfterKillS: firstSwitchMessage ? round((firstSwitchMessage.at - killedAt) / 1000, 1) : null,
          outbox: outbox.rows.map((r) => `${r.kind}/${r.status}: ${r.n}${r.kind === 'digest' ? ` (folding ${r.folded})` : ''}`).join(', '),
        },
        ui: uiRows,
        serverPeakRssMb: procMemoryMb(server.child.pid!, 'VmHWM'),
        loadAverage1m: { atKill: loadAtKill, atEnd: round(os.loadavg()[0]!, 1) },
      };
      console.log(JSON.stringify(figures));
      const digests = got.filter((a) => /等 \d+ 条|in total/.test(a.text));
      for (const d of digests) console.log(`digest at +${((d.at - killedAt) / 1000).toFixed(1)} s:\n${d.text.split('\n').slice(0, 14).join('\n')}`);
      return figures;
    } finally {
      await ui?.stop();
      await stopServer(server.child);
      if (!isTargetsKilled) targets.child.kill('SIGKILL');
      await receiver.close();
      await handle.close();
    }
  });
}

export async function run() {
  console.log(`alerts benchmark — ${new Date().toISOString()} — node ${process.version}; probes every ${INTERVAL_S} s, retries ${RETRIES}, retry interval ${RETRY_INTERVAL_S} s: confirmation ≤ ${CONFIRMATION_S} s`);
  const lat = PHASES.includes('latency') ? await latency() : null;
  const st = PHASES.includes('storm') ? await storm() : null;
  const table: Array<Record<string, string | number>> = [];
  if (lat) {
    table.push({ measure: 'close → message at receiver (s)', p50: lat.totalS.p50, p95: lat.totalS.p95, p99: lat.totalS.p99, max: lat.totalS.max, goal: `p99 ≤ ${lat.goalP99S} s, < 60 s` });
    table.push({ measure: '  detection: close → state change (s)', p50: lat.detectionS.p50, p95: lat.detectionS.p95, p99: lat.detectionS.p99, max: lat.detectionS.max, goal: `≤ ${CONFIRMATION_S} s` });
    table.push({ measure: '  delivery: state change → message (ms)', p50: lat.deliveryMs.p50, p95: lat.deliveryMs.p95, p99: lat.deliveryMs.p99, max: lat.deliveryMs.max, goal: '' });
    table.push({ measure: '    of it: → outbox row (ms)', p50: lat.engineMs.p50, p95: lat.engineMs.p95, p99: lat.engineMs.p99, max: lat.engineMs.max, goal: '' });
    table.push({ measure: '    of it: outbox row → receiver (ms)', p50: lat.outboxMs.p50, p95: lat.outboxMs.p95, p99: lat.outboxMs.p99, max: lat.outboxMs.max, goal: '' });
  }
  if (st) {
    for (const u of st.ui) table.push({ measure: `storm ${u.endpoint} (ms; baseline p95 ${u.baseline.p95})`, p50: u.storm.p50, p95: u.storm.p95, p99: u.storm.p99, max: u.storm.max, goal: 'p95 < 200 ms' });
  }
  if (table.length) console.table(table);
}
