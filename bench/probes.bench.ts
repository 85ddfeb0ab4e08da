/**
 * Probe engine benchmark (issue 4), all targets on 127.0.0.1 in a separate process (bench/probe-targets.ts):
 * for each size, half HTTP and half TCP probes at BENCH_INTERVAL_S, bulk-created through the API (timed), one
 * interval of warm-up, then BENCH_SECONDS measured: expected vs achieved checks/s, scheduling lateness at the
 * target (gap between two checks of one probe − interval; HTTP probes, identified by path), CPU per check of
 * the yiwei process plus every PostgreSQL process, peak RSS/PSS of yiwei. Then a restart: time until every
 * HTTP probe was checked again. Then detection: a target that stops answering, time until the probe is down.
 *
 * Knobs: BENCH_PROBES (sizes, default "1000,10000"), BENCH_INTERVAL_S (20), BENCH_SECONDS (60), BENCH_TARGET_PORTS (8),
 * DATABASE_URL (server on which a fresh database is created; default the local one), BENCH_WINDOW_PROF=<dir>: a V8 CPU
 * profile of the server over the measured window only (start-up and provisioning excluded), summarised by self time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { sql } from 'kysely';
import { ensureBuiltinRoles } from '../server/bootstrap.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { createSoftwareCryptoProvider, hashPassword } from '../server/platform/crypto/index.ts';
import { createDb } from '../server/platform/db.ts';
import { startServer, stopServer, withFreshDatabase } from './server.ts';

const SIZES = (process.env.BENCH_PROBES ?? '1000,10000').split(',').map(Number);
const INTERVAL_S = Number(process.env.BENCH_INTERVAL_S ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const TARGET_PORTS = Number(process.env.BENCH_TARGET_PORTS ?? 8);
const PASSWORD = 'Bench-Passw0rd!';
const TICKS_PER_S = 100;
const WINDOW_PROF = process.env.BENCH_WINDOW_PROF;

// Preloaded into the server when BENCH_WINDOW_PROF is set: SIGUSR2 starts the V8 profiler, the next SIGUSR2 writes
// <dir>/window-<pid>.cpuprofile. A data: URL keeps this bench-only hook out of the server's code.
const WINDOW_PROFILER = `
import { Session } from 'node:inspector';
import { renameSync, writeFileSync } from 'node:fs';
const session = new Session();
session.connect();
let isProfiling = false;
process.on('SIGUSR2', () => {
  if (!isProfiling) {
    isProfiling = true;
    session.post('Profiler.enable', () => session.post('Profiler.setSamplingInterval', { interval: 500 }, () => session.post('Profiler.start')));
    return;
  }
  isProfiling = false;
  session.post('Profiler.stop', (err, result) => {
    if (err) return;
    const file = process.env.BENCH_WINDOW_PROF + '/window-' + process.pid + '.cpuprofile';
    writeFileSync(file + '.tmp', JSON.stringify(result.profile));
    renameSync(file + '.tmp', file);
  });
});`;
const serverEnv = (databaseUrl: string): Record<string, string> => ({
  DATABASE_URL: databaseUrl,
  YIWEI_WORKER: 'true',
  YIWEI_PROBES: 'true',
  ...(WINDOW_PROF ? { NODE_OPTIONS: `--import=data:text/javascript,${encodeURIComponent(WINDOW_PROFILER)}` } : {}),
});

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }

/** Prints the top self-time entries of a V8 CPU profile, by function and by file. */
function summariseProfile(file: string) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  let totalUs = 0;
  let idleUs = 0;
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === '(idle)') {
      idleUs += us;
      continue;
    }
    totalUs += us;
    const shortUrl = url.replace(/^.*\/(node_modules|server|bench)\//, '$1/').replace(/^node:/, '') || '(native)';
    const fn = `${functionName || '(anonymous)'} ${shortUrl}:${lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
    byFile.set(shortUrl, (byFile.get(shortUrl) ?? 0) + us);
  }
  const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, us]) => `  ${((us / totalUs) * 100).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`).join('\n');
  console.log(`window profile ${file}: ${(totalUs / 1000).toFixed(0)} ms on the main thread (idle ${(idleUs / 1000).toFixed(0)} ms)\nby function (self):\n${top(byFunction, 30)}\nby file (self):\n${top(byFile, 20)}`);
}

/** CPU seconds (user + system, or one of them) used so far by a process and all its threads. */
function cpuSeconds(pid: number, which: 'user' | 'system' | 'both' = 'both'): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    const user = Number(fields[11]);
    const system = Number(fields[12]);
    return (which === 'user' ? user : which === 'system' ? system : user + system) / TICKS_PER_S;
  } catch {
    return 0; // the process ended
  }
}

/** Every PostgreSQL server process on this machine (the database's share of the work). */
function postgresPids(): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return readFileSync(`/proc/${d}/comm`, 'utf8').trim() === 'postgres';
      } catch {
        return false;
      }
    })
    .map(Number);
}

const pssMb = (pid: number) => Math.round(Number(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8').match(/^Pss:\s+(\d+)/m)?.[1] ?? 0) / 1024);
const rssMb = (pid: number) => Math.round(Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)?.[1] ?? 0) / 1024);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function startTargets(): Promise<{ child: ChildProcess; http: number[]; tcp: number[] }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/probe-targets.ts', String(TARGET_PORTS)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve) => child.stdout!.once('data', (d: Buffer) => resolve(d.toString())));
  return { child, ...(JSON.parse(line) as { http: number[]; tcp: number[] }) };
}

async function seed(databaseUrl: string) {
  const handle = await createDb({ databaseUrl });
  await migrateToLatest(handle.db);
  await ensureBuiltinRoles({ db: handle.db });
  const orgId = globalThis.crypto.randomUUID();
  await handle.db.insertInto('organisations').values({ id: orgId, parentId: null, ancestorIds: [orgId], kind: 'region', code: 'B0', name: '基准区域', level: null, contactName: null, contactPhoneSealed: null, address: null }).execute();
  const manager = await handle.db.selectFrom('roles').select('id').where('key', '=', 'ops_manager').executeTakeFirstOrThrow();
  const user = await handle.db.insertInto('users').values({ orgId, username: 'bench', displayName: 'bench', email: null, phoneSealed: null, adminClass: null, passwordHash: await hashPassword(createSoftwareCryptoProvider(), PASSWORD, 1000), mustChangePassword: false, totpSecretSealed: null }).returning('id').executeTakeFirstOrThrow();
  await handle.db.insertInto('roleGrants').values({ userId: user.id, roleId: manager.id, orgId, grantedBy: null }).execute();
  return { handle, orgId };
}

async function login(base: string) {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench', password: PASSWORD }) });
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  if (!res.ok || !cookie) throw new Error(`login failed: ${res.status}`);
  return { cookie, csrf: csrfToken };
}

const targetStats = async (httpPort: number, since: number) =>
  (await (await fetch(`http://127.0.0.1:${httpPort}/__stats?intervalMs=${INTERVAL_S * 1000}&since=${since}`)).json()) as { probesSeen: number; checks: number; gaps: number; p50: number; p95: number; p99: number; max: number; httpRequests: number; tcpConnections: number };

async function scenario(size: number) {
  await withFreshDatabase(`probes${size}`, async (databaseUrl) => {
    const { handle, orgId } = await seed(databaseUrl);
    const targets = await startTargets();
    let server = await startServer(serverEnv(databaseUrl));
    try {
      const auth = await login(server.base);
      const probes = Array.from({ length: size }, (_, i) =>
        i % 2 === 0
          ? { orgId, name: `HTTP ${i}`, kind: 'http', intervalS: INTERVAL_S, timeoutMs: 5000, config: { url: `http://127.0.0.1:${targets.http[i % targets.http.length]}/p/${i}` } }
          : { orgId, name: `TCP ${i}`, kind: 'tcp', intervalS: INTERVAL_S, timeoutMs: 5000, config: { host: '127.0.0.1', port: targets.tcp[i % targets.tcp.length] } },
      );
      const t0 = performance.now();
      for (let i = 0; i < probes.length; i += 10_000) {
        const res = await fetch(`${server.base}/api/probes/bulk`, { method: 'POST', headers: { cookie: auth.cookie, 'x-csrf-token': auth.csrf, 'content-type': 'application/json' }, body: JSON.stringify({ probes: probes.slice(i, i + 10_000) }) });
        if (res.status !== 201) throw new Error(`bulk create failed: ${res.status} ${(await res.text()).slice(0, 300)}`);
      }
      const provisionS = (performance.now() - t0) / 1000;
      console.log(`\n== ${size} probes (${size / 2} HTTP + ${size / 2} TCP) every ${INTERVAL_S} s`);
      console.log(`provisioning through POST /api/probes/bulk: ${provisionS.toFixed(2)} s`);

      // warm-up: the engine picks the probes up within 2 s and starts each at its next slot
      await sleep((INTERVAL_S + 3) * 1000);
      // Each probe's first check records a transition (unknown → up) in the database; on a busy machine that wave can
      // outlast one interval and would be measured as engine throughput. Measure only once every probe has a state.
      const settleStartedAt = Date.now();
      for (let i = 0; i < 240; i++) {
        const pending = await sql<{ n: number }>`select count(*)::int n from probes where state = 'unknown' and deleted_at is null`.execute(handle.db);
        if (pending.rows[0]!.n === 0) break;
        await sleep(500);
      }
      if (Date.now() - settleStartedAt > 1000) console.log(`first transitions settled ${((Date.now() - settleStartedAt) / 1000).toFixed(1)} s after the warm-up interval`);
      const pid = server.child.pid!;
      // Per process: backends that start during the window count from zero; ones that end (autovacuum
      // workers) are lost, so the database figure is a slight undercount.
      const pg0 = new Map(postgresPids().map((p) => [p, cpuSeconds(p)]));
      const yiwei0 = cpuSeconds(pid);
      const yiweiSystem0 = cpuSeconds(pid, 'system');
      const since = Date.now();
      if (WINDOW_PROF) process.kill(pid, 'SIGUSR2');
      let peakPss = 0;
      let peakRss = 0;
      for (let t = 0; t < SECONDS; t += 5) {
        await sleep(5000);
        peakPss = Math.max(peakPss, pssMb(pid));
        peakRss = Math.max(peakRss, rssMb(pid));
      }
      const elapsedS = (Date.now() - since) / 1000;
      const yiweiCpu = cpuSeconds(pid) - yiwei0;
      const yiweiSystem = cpuSeconds(pid, 'system') - yiweiSystem0;
      if (WINDOW_PROF) process.kill(pid, 'SIGUSR2');
      const pgCpu = postgresPids().reduce((sum, p) => sum + cpuSeconds(p) - (pg0.get(p) ?? 0), 0);
      const totalCpu = yiweiCpu + pgCpu;
      const s = await targetStats(targets.http[0]!, since);
      const stored = await sql<{ n: number }>`select count(*)::int n from probe_results where checked_at >= ${new Date(since)} and checked_at < ${new Date(since + elapsedS * 1000)}`.execute(handle.db);
      const checks = stored.rows[0]!.n;
      const perProbe = await sql<{ c: number; n: number }>`select c, count(*)::int n from (select probe_id, count(*)::int c from probe_results where checked_at >= ${new Date(since)} and checked_at < ${new Date(since + elapsedS * 1000)} group by probe_id) t group by c order by c`.execute(handle.db);
      console.log(`checks per probe in the window (checks: probes): ${perProbe.rows.map((r) => `${r.c}: ${r.n}`).join(', ')} — window ${elapsedS.toFixed(1)} s`);
      console.log(`checks/s: expected ${(size / INTERVAL_S).toFixed(1)}, achieved ${(checks / elapsedS).toFixed(1)} (results stored in ${elapsedS.toFixed(0)} s: ${checks}; HTTP checks seen at the target: ${s.checks})`);
      console.log(`lateness at the target (gap − interval, ms): p50 ${s.p50} p95 ${s.p95} p99 ${s.p99} max ${s.max} over ${s.gaps} gaps`);
      console.log(`CPU per check: ${((totalCpu / checks) * 1000).toFixed(3)} ms (yiwei ${((yiweiCpu / checks) * 1000).toFixed(3)} ms, of which kernel ${((yiweiSystem / checks) * 1000).toFixed(3)} ms, + PostgreSQL ${(((totalCpu - yiweiCpu) / checks) * 1000).toFixed(3)} ms); CPU use ${((totalCpu / elapsedS) * 100).toFixed(1)} % of one core`);
      console.log(`yiwei memory: peak PSS ${peakPss} MB, peak RSS ${peakRss} MB`);
      if (WINDOW_PROF) {
        const file = `${WINDOW_PROF}/window-${pid}.cpuprofile`;
        for (let i = 0; i < 20 && !existsSync(file); i++) await sleep(250);
        if (existsSync(file)) summariseProfile(file);
        else console.log(`window profile ${file} was not written`);
      }

      // restart: every probe must be checking again within one interval
      await stopServer(server.child);
      const stoppedAt = Date.now();
      server = await startServer(serverEnv(databaseUrl));
      const upAt = Date.now();
      let allBackS: number | null = null;
      for (let i = 0; i < (INTERVAL_S * 3 * 1000) / 500; i++) {
        await sleep(500);
        if ((await targetStats(targets.http[0]!, upAt)).probesSeen >= size / 2) {
          allBackS = (Date.now() - upAt) / 1000;
          break;
        }
      }
      console.log(`restart: server answered ${((upAt - stoppedAt) / 1000).toFixed(1)} s after stop; every HTTP probe checked again ${allBackS === null ? 'NOT within 3 intervals' : `${allBackS.toFixed(1)} s after start`} (interval ${INTERVAL_S} s)`);

      if (size === SIZES[0]) await detection(server.base, auth, orgId);
    } finally {
      await stopServer(server.child);
      targets.child.kill();
      await handle.close();
    }
  });
}

/** A target that stops answering must be down within interval + retries × retry interval + 2 s. */
async function detection(base: string, auth: { cookie: string; csrf: string }, orgId: string) {
  const listener = createServer((s) => s.end());
  await new Promise<void>((r) => listener.listen(0, '127.0.0.1', () => r()));
  const port = (listener.address() as { port: number }).port;
  const body = { orgId, name: 'detection', kind: 'tcp', intervalS: 10, retries: 2, retryIntervalS: 5, timeoutMs: 2000, config: { host: '127.0.0.1', port } };
  const res = await fetch(`${base}/api/probes`, { method: 'POST', headers: { cookie: auth.cookie, 'x-csrf-token': auth.csrf, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const { id } = (await res.json()) as { id: string };
  const state = async () => ((await (await fetch(`${base}/api/probes/${id}`, { headers: { cookie: auth.cookie } })).json()) as { state: string }).state;
  for (let i = 0; i < 60 && (await state()) !== 'up'; i++) await sleep(500);
  await new Promise<void>((r) => listener.close(() => r()));
  const cut = Date.now();
  let downAfterS: number | null = null;
  for (let i = 0; i < 120; i++) {
    await sleep(250);
    if ((await state()) === 'down') {
      downAfterS = (Date.now() - cut) / 1000;
      break;
    }
  }
  console.log(`detection: target closed → probe down after ${downAfterS === null ? 'more than 30' : downAfterS.toFixed(1)} s (bound: 10 + 2 × 5 + 2 = 22 s)`);
}

export async function run() {
  console.log(`probes benchmark — ${new Date().toISOString()} — node ${process.version}`);
  for (const size of SIZES) await scenario(size);
}
