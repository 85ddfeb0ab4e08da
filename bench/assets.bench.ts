/**
 * Asset ledger benchmark (issue 3): 100,000 assets with 300,000 relations across 200 organisations on
 * PostgreSQL, a real server on 127.0.0.1, then: list with filters, search (q) and impact over 5 levels
 * with autocannon (50 connections × 30 s each); a 10,000-row .xlsx import through the HTTP API
 * (upload→preview and commit timed apart); the export of every asset (time and server RSS growth).
 *
 * Every load scenario also reports the CPU time the server and its PostgreSQL backends spent per request (read
 * from /proc, so only for a database on this host), and its latency at one connection: what a request costs
 * without waiting behind 49 others.
 *
 * Knobs: BENCH_ASSETS, BENCH_RELATIONS (default 3 × assets), BENCH_ORGS, BENCH_CONNECTIONS, BENCH_DURATION (s),
 * BENCH_IMPORT_ROWS, and DATABASE_URL (the server on which a fresh database is created; default the local one).
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import autocannon from 'autocannon';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import pg from 'pg';
import { ensureBuiltinRoles } from '../server/bootstrap.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { ensureBuiltinAssetKinds } from '../server/domains/assets/index.ts';
import { createSoftwareCryptoProvider, hashPassword } from '../server/platform/crypto/index.ts';
import { createDb } from '../server/platform/db.ts';
import { percentile, procMemoryMb, startServer, stopServer, withFreshDatabase } from './server.ts';

const ASSETS = Number(process.env.BENCH_ASSETS ?? 100_000);
const RELATIONS = Number(process.env.BENCH_RELATIONS ?? ASSETS * 3);
const ORGS = Number(process.env.BENCH_ORGS ?? 200);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DURATION = Number(process.env.BENCH_DURATION ?? 30);
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 10_000);
const PASSWORD = 'Bench-Passw0rd!';

interface Seeded {
  orgIds: string[];
  institutionIds: string[];
  assetIds: string[];
}

export async function seed(databaseUrl: string): Promise<Seeded> {
  const handle = await createDb({ databaseUrl });
  const db = handle.db;
  await migrateToLatest(db);
  await ensureBuiltinRoles({ db });
  await ensureBuiltinAssetKinds({ db });
  const root = globalThis.crypto.randomUUID();
  const orgs = [{ id: root, parentId: null as string | null, ancestorIds: [root], kind: 'region' as 'region' | 'institution' }];
  for (let i = 1; i < ORGS; i++) {
    const id = globalThis.crypto.randomUUID();
    orgs.push({ id, parentId: root, ancestorIds: [root, id], kind: 'institution' });
  }
  await db.insertInto('organisations').values(orgs.map((o, i) => ({ ...o, code: `B${i}`, name: `机构 ${i}`, level: null, contactName: null, contactPhoneSealed: null, address: null }))).execute();
  const orgIds = orgs.map((o) => o.id);
  const kinds = await db.selectFrom('assetKinds').select(['id', 'codePrefix']).where('key', 'in', ['server', 'storage', 'switch', 'firewall', 'software_system', 'pc', 'ups']).execute();
  const t0 = performance.now();
  // one set-based insert per 50,000: org, kind, brand/model vary with the series number
  for (let start = 1; start <= ASSETS; start += 50_000) {
    const end = Math.min(ASSETS, start + 49_999);
    await sql`
      insert into assets (org_id, kind_id, code, name, brand, model, serial_number, quantity, unit, status, importance, purchase_month, warranty_years, warranty_ends_on, management_ips, search_text)
      select o.id, k.id, 'A-' || lpad(g::text, 7, '0'), v.name, v.brand, v.model, 'SN' || g, 1 + g % 3, '台',
             (array['in_use','in_use','in_use','in_stock','under_repair'])[1 + g % 5], (array['core','important','normal'])[1 + g % 3],
             make_date(2012 + g % 12, 1 + g % 12, 1), 3, (make_date(2012 + g % 12, 1 + g % 12, 1) + interval '3 years' - interval '1 day')::date,
             array['10.' || (g / 65536) % 256 || '.' || (g / 256) % 256 || '.' || g % 256],
             lower('A-' || lpad(g::text, 7, '0') || ' ' || v.name || ' ' || v.brand || ' ' || v.model || ' SN' || g || ' 10.' || (g / 65536) % 256 || '.' || (g / 256) % 256 || '.' || g % 256)
      from generate_series(${start}::int, ${end}::int) g
      cross join lateral (select (${sql.val(orgIds)}::uuid[])[1 + g % ${orgIds.length}] as id) o
      cross join lateral (select (${sql.val(kinds.map((k) => k.id))}::uuid[])[1 + g % ${kinds.length}] as id) k
      cross join lateral (select (array['戴尔','华为','联想','浪潮','H3C','深信服'])[1 + g % 6] as brand,
                                 (array['R740','RH2288 V3','SR650','NF5280M5','S5130S','AF-1000'])[1 + g % 6] || '-' || (g % 97) as model,
                                 (array['HIS 数据库服务器','PACS 存储','核心交换机','外网防火墙','EMR 系统','瘦客户端','UPS'])[1 + g % 7] || ' ' || g as name) v
    `.execute(db);
  }
  // relations inside each organisation: asset n depends on n-1, n-2 and n-3 of its organisation (chains deep enough for 5 levels)
  await sql`create temporary table bench_rank as select id, org_id, row_number() over (partition by org_id order by code) rn from assets`.execute(db);
  await sql`create index on bench_rank (org_id, rn)`.execute(db);
  const perStep = Math.ceil(RELATIONS / 3);
  for (const step of [1, 2, 3]) {
    await sql`
      insert into asset_relations (org_id, from_asset_id, to_asset_id, kind)
      select a.org_id, a.id, b.id, ${step === 1 ? 'runs_on' : 'depends_on'}
      from bench_rank a join bench_rank b on b.org_id = a.org_id and b.rn = a.rn - ${step}
      order by a.org_id, a.rn limit ${perStep}
    `.execute(db);
  }
  const crypto = createSoftwareCryptoProvider();
  const manager = await db.selectFrom('roles').select('id').where('key', '=', 'ops_manager').executeTakeFirstOrThrow();
  const bench = await db.insertInto('users').values({ orgId: root, username: 'bench', displayName: 'bench', email: null, phoneSealed: null, adminClass: null, passwordHash: await hashPassword(crypto, PASSWORD, 1000), mustChangePassword: false, totpSecretSealed: null }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('roleGrants').values({ userId: bench.id, roleId: manager.id, orgId: root, grantedBy: null }).execute();
  // A ledger in service has been vacuumed (autovacuum does it after bulk inserts): all-visible pages make scans
  // cheaper, and measuring before autovacuum happens to run made figures depend on its timing.
  await sql`vacuum analyze`.execute(db);
  const counted = await sql<{ a: number; r: number }>`select (select count(*) from assets)::int a, (select count(*) from asset_relations)::int r`.execute(db);
  console.log(`seeded ${counted.rows[0]!.a} assets, ${counted.rows[0]!.r} relations, ${orgIds.length} organisations in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const sample = await db.selectFrom('assets').select('id').orderBy('code', 'desc').limit(2000).execute();
  await handle.close();
  return { orgIds, institutionIds: orgIds.slice(1), assetIds: sample.map((s) => s.id) };
}

const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)]!;

/** Milliseconds a process has spent on a CPU; 0 once it is gone. */
function cpuMs(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return 0;
  }
}

/** CPU milliseconds of the server and of the PostgreSQL backends serving the bench database, when on this host. */
async function cpuSnapshot(serverPid: number, databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const pids = (await client.query<{ pid: number }>('select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()')).rows.map((r) => r.pid);
    return { server: cpuMs(serverPid), backends: new Map(pids.map((pid) => [pid, cpuMs(pid)])) };
  } finally {
    await client.end();
  }
}

interface LoadTarget {
  base: string;
  cookie: string;
  serverPid: number;
  databaseUrl: string;
}

async function load({ base, cookie, serverPid, databaseUrl }: LoadTarget, label: string, path: () => string, connections = CONNECTIONS, duration = DURATION) {
  const latencies: number[] = [];
  let non200 = 0;
  const before = await cpuSnapshot(serverPid, databaseUrl);
  const instance = autocannon({ url: base, connections, duration, headers: { cookie }, requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: path() }) }] });
  instance.on('response', (_c, status, _b, ms) => {
    latencies.push(ms);
    if (status !== 200) non200++;
  });
  const result = await instance;
  const after = await cpuSnapshot(serverPid, databaseUrl);
  // Backends opened during the run count from zero; the pool keeps busy connections, so none closes mid-run.
  const backendMs = [...after.backends].reduce((sum, [pid, ms]) => sum + ms - (before.backends.get(pid) ?? 0), 0);
  const perRequest = (ms: number) => Math.round((ms / Math.max(1, latencies.length)) * 100) / 100;
  latencies.sort((a, b) => a - b);
  const p = (q: number) => Math.round(percentile(latencies, q * 100) * 10) / 10;
  return {
    scenario: label,
    connections,
    requests: latencies.length,
    requestsPerSec: Math.round(result.requests.average),
    p50Ms: p(0.5),
    p95Ms: p(0.95),
    p99Ms: p(0.99),
    non200,
    serverCpuMsPerRequest: perRequest(after.server - before.server),
    postgresCpuMsPerRequest: perRequest(backendMs),
  };
}

/** The scenario under load, then alone on one connection for a few seconds. */
async function loadAndAlone(target: LoadTarget, label: string, path: () => string) {
  const loaded = await load(target, label, path);
  const alone = await load(target, `${label}, 1 connection`, path, 1, Math.min(DURATION, 5));
  return [loaded, alone];
}

async function importXlsx(rows: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  ws.addRow(['序号', '设备名称', '品牌', '型号', '序列号', '数量', '单位', '购置年月', '保修期限', '所属区域', 'IP地址']);
  for (let i = 1; i <= rows; i++) ws.addRow([i, `导入服务器 ${i}`, '华为', `RH2288 V${i % 5}`, `IMP${i}`, 1 + (i % 4), '台', `${2015 + (i % 8)}.${1 + (i % 12)}`, 3, `数据中心/${1 + (i % 4)}号楼/机房${1 + (i % 10)}`, `172.16.${(i >> 8) % 256}.${i % 256}`]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function measure(env: Record<string, string> & { DATABASE_URL: string }, seeded: Seeded) {
  const { child, base } = await startServer(env);
  try {
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench', password: PASSWORD }) });
    const cookie = login.headers.get('set-cookie')?.split(';')[0];
    const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
    if (!login.ok || !cookie) throw new Error(`login failed: ${login.status}`);
    await autocannon({ url: base, connections: CONNECTIONS, duration: 3, headers: { cookie }, requests: [{ method: 'GET', path: '/api/assets?pageSize=20' }] });
    const target = { base, cookie, serverPid: child.pid!, databaseUrl: env.DATABASE_URL };
    const figures: Record<string, unknown>[] = [];
    figures.push(...(await loadAndAlone(target, 'list (org + status + warranty)', () => `/api/assets?orgId=${pick(seeded.orgIds)}&status=in_use&warranty=out&pageSize=20`)));
    figures.push(...(await loadAndAlone(target, 'search (q)', () => `/api/assets?q=${encodeURIComponent(pick(['r740', 'sn1234', '10.0.12.', '核心交换机 9', 'his']))}&pageSize=20`)));
    // One- and two-character Chinese terms, which trigrams cannot serve (机房 matches nothing: a full scan before).
    figures.push(...(await loadAndAlone(target, 'search (short Chinese q)', () => `/api/assets?q=${encodeURIComponent(pick(['华为', '机房', '核心', '戴尔', '库']))}&pageSize=20`)));
    figures.push(...(await loadAndAlone(target, 'impact (depth 5)', () => `/api/assets/${pick(seeded.assetIds)}/impact?depth=5`)));

    const file = await importXlsx(IMPORT_ROWS);
    const form = new FormData();
    form.set('file', new File([new Uint8Array(file)], 'bench.xlsx'));
    form.set('orgId', seeded.institutionIds[0]!);
    form.set('defaultKindKey', 'server');
    form.set('duplicateAction', 'update');
    let t = performance.now();
    const up = await fetch(`${base}/api/asset-imports`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf }, body: form });
    const preview = (await up.json()) as { id: string; summary: Record<string, number> };
    const previewMs = Math.round(performance.now() - t);
    if (up.status !== 201) throw new Error(`upload failed: ${up.status} ${JSON.stringify(preview)}`);
    t = performance.now();
    const commit = await fetch(`${base}/api/asset-imports/${preview.id}/commit`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf } });
    const committed = (await commit.json()) as { result: Record<string, number> };
    const commitMs = Math.round(performance.now() - t);
    figures.push({ scenario: `import ${IMPORT_ROWS} rows (${Math.round(file.length / 1024)} KiB)`, status: commit.status, uploadPreviewMs: previewMs, commitMs, totalMs: previewMs + commitMs, summary: preview.summary, result: committed.result });

    const rssBefore = procMemoryMb(child.pid!, 'VmRSS');
    let peak = rssBefore;
    const timer = setInterval(() => (peak = Math.max(peak, procMemoryMb(child.pid!, 'VmRSS'))), 50);
    t = performance.now();
    const res = await fetch(`${base}/api/assets/export`, { headers: { cookie } });
    let bytes = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.byteLength;
    clearInterval(timer);
    figures.push({ scenario: `export all (${ASSETS + IMPORT_ROWS} rows)`, status: res.status, ms: Math.round(performance.now() - t), mb: Math.round(bytes / 1e5) / 10, serverRssBeforeMb: rssBefore, serverRssPeakMb: peak, rssDeltaMb: peak - rssBefore });
    return figures;
  } finally {
    await stopServer(child);
  }
}

export async function run() {
  console.log(`assets bench: ${ASSETS} assets, ${RELATIONS} relations, ${ORGS} organisations, ${CONNECTIONS} connections × ${DURATION} s, ${os.cpus().length} cores, node ${process.version}`);
  await withFreshDatabase('assets', async (url) => {
    const seeded = await seed(url);
    const keys = { YIWEI_MASTER_KEY: '0123456789abcdef0123456789abcdef', YIWEI_AUDIT_KEY: 'ab'.repeat(32) };
    const loadBefore = os.loadavg()[0]!;
    const figures = await measure({ ...keys, DATABASE_URL: url, YIWEI_DB_POOL_SIZE: '20' }, seeded);
    // Other work on the machine shares the cores with the benchmark: the 1-minute load average says how much.
    const loadAverage = { atStart: Math.round(loadBefore * 100) / 100, atEnd: Math.round(os.loadavg()[0]! * 100) / 100 };
    console.log(JSON.stringify({ assets: ASSETS, relations: RELATIONS, organisations: ORGS, loadAverage, figures }, null, 2));
    console.table(
      figures.map((f) => ({
        scenario: f.scenario,
        p50Ms: f.p50Ms ?? '',
        p95Ms: f.p95Ms ?? '',
        rps: f.requestsPerSec ?? '',
        cpuMsPerReq: f.serverCpuMsPerRequest === undefined ? '' : `${f.serverCpuMsPerRequest} + ${f.postgresCpuMsPerRequest}`,
        ms: f.totalMs ?? f.ms ?? '',
        rssDeltaMb: f.rssDeltaMb ?? '',
      })),
    );
  });
}
