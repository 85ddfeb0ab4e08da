/**
 * API read benchmark: 5,000 users in 200 organisations, a real server on 127.0.0.1, 500 concurrent
 * connections doing authenticated reads (list the users of an organisation, get one user) for 60 s,
 * on PGlite and on PostgreSQL. Prints requests/s, p50/p95/p99 latency and the server's peak RSS.
 *
 * BENCH_DURATION (s), BENCH_CONNECTIONS, BENCH_USERS, BENCH_ORGS and DATABASE_URL (the PostgreSQL server
 * on which a fresh database is created; default the local one) change the defaults.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { ensureBuiltinRoles } from '../server/bootstrap.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { createSoftwareCryptoProvider, hashPassword } from '../server/platform/crypto/index.ts';
import { createDb } from '../server/platform/db.ts';
import { percentile, procMemoryMb, startServer, stopServer, withFreshDatabase } from './server.ts';

const DURATION = Number(process.env.BENCH_DURATION ?? 60);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 500);
const USERS = Number(process.env.BENCH_USERS ?? 5000);
const ORGS = Number(process.env.BENCH_ORGS ?? 200);
const PASSWORD = 'Bench-Passw0rd!';

interface Seeded {
  orgIds: string[];
  userIds: string[];
}

export async function seed(target: { databaseUrl?: string; dataDir?: string }): Promise<Seeded> {
  const handle = await createDb(target);
  const db = handle.db;
  await migrateToLatest(db);
  await ensureBuiltinRoles({ db });
  const crypto = createSoftwareCryptoProvider();
  const hash = await hashPassword(crypto, PASSWORD, 1000);
  const root = globalThis.crypto.randomUUID();
  const orgs = [{ id: root, parentId: null as string | null, ancestorIds: [root], kind: 'region' as const }];
  const institutions = Math.max(1, Math.floor((ORGS - 1) / 5));
  for (let i = 0; i < institutions; i++) {
    const id = globalThis.crypto.randomUUID();
    orgs.push({ id, parentId: root, ancestorIds: [root, id], kind: 'institution' as never });
  }
  for (let i = orgs.length; i < ORGS; i++) {
    const parent = orgs[1 + ((i - 1) % institutions)]!;
    const id = globalThis.crypto.randomUUID();
    orgs.push({ id, parentId: parent.id, ancestorIds: [...parent.ancestorIds, id], kind: 'department' as never });
  }
  await db.insertInto('organisations').values(orgs.map((o, i) => ({ ...o, code: `B${i}`, name: `机构 ${i}`, level: null, contactName: null, contactPhoneSealed: null, address: null }))).execute();
  const userIds: string[] = [];
  for (let start = 0; start < USERS; start += 1000) {
    const batch = Array.from({ length: Math.min(1000, USERS - start) }, (_, k) => {
      const i = start + k;
      const id = globalThis.crypto.randomUUID();
      userIds.push(id);
      return { id, orgId: orgs[i % orgs.length]!.id, username: `user${i}`, displayName: `用户 ${i}`, email: null, phoneSealed: null, adminClass: null, passwordHash: hash, mustChangePassword: false, totpSecretSealed: null };
    });
    await db.insertInto('users').values(batch).execute();
  }
  const viewer = await db.selectFrom('roles').select('id').where('key', '=', 'viewer').executeTakeFirstOrThrow();
  for (let start = 0; start < userIds.length; start += 1000) {
    await db.insertInto('roleGrants').values(userIds.slice(start, start + 1000).map((userId, k) => ({ userId, roleId: viewer.id, orgId: orgs[(start + k) % orgs.length]!.id, grantedBy: null }))).execute();
  }
  const manager = await db.selectFrom('roles').select('id').where('key', '=', 'ops_manager').executeTakeFirstOrThrow();
  const bench = await db.insertInto('users').values({ orgId: root, username: 'bench', displayName: 'bench', email: null, phoneSealed: null, adminClass: null, passwordHash: hash, mustChangePassword: false, totpSecretSealed: null }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('roleGrants').values({ userId: bench.id, roleId: manager.id, orgId: root, grantedBy: null }).execute();
  await sql`analyze`.execute(db);
  await handle.close();
  return { orgIds: orgs.map((o) => o.id), userIds };
}

async function measure(label: string, env: Record<string, string>, seeded: Seeded) {
  const { child, base } = await startServer(env);
  try {
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench', password: PASSWORD }) });
    const cookie = login.headers.get('set-cookie')?.split(';')[0];
    if (!login.ok || !cookie) throw new Error(`login failed: ${login.status} ${await login.text()}`);
    const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)]!;
    // Warm-up: JIT, connection pool and caches, so the figures describe the steady state.
    await autocannon({ url: base, connections: 50, duration: 5, headers: { cookie }, requests: [{ method: 'GET', path: '/api/users?pageSize=20' }] });
    const latencies = new Float64Array(20_000_000);
    let n = 0;
    let errors = 0;
    const instance = autocannon({
      url: base,
      connections: CONNECTIONS,
      duration: DURATION,
      headers: { cookie },
      requests: [
        { method: 'GET', setupRequest: (req) => ({ ...req, path: `/api/users?orgId=${pick(seeded.orgIds)}&pageSize=20` }) },
        { method: 'GET', setupRequest: (req) => ({ ...req, path: `/api/users/${pick(seeded.userIds)}` }) },
      ],
    });
    instance.on('response', (_client, status, _bytes, ms) => {
      if (n < latencies.length) latencies[n++] = ms;
      if (status !== 200) errors++;
    });
    const result = await instance;
    const sorted = latencies.slice(0, n).sort();
    const figures = {
      backend: label,
      connections: CONNECTIONS,
      durationS: DURATION,
      requests: n,
      requestsPerSec: Math.round(result.requests.average),
      p50Ms: Math.round(percentile(sorted, 50) * 10) / 10,
      p95Ms: Math.round(percentile(sorted, 95) * 10) / 10,
      p99Ms: Math.round(percentile(sorted, 99) * 10) / 10,
      non200: errors,
      socketErrors: result.errors + result.timeouts,
      serverPeakRssMb: procMemoryMb(child.pid!, 'VmHWM'),
    };
    console.log(JSON.stringify(figures));
    return figures;
  } finally {
    await stopServer(child);
  }
}

export async function run(args: string[]) {
  const only = args[0];
  const keys = { YIWEI_MASTER_KEY: '0123456789abcdef0123456789abcdef', YIWEI_AUDIT_KEY: 'ab'.repeat(32) };
  console.log(`api bench: ${USERS} users, ${ORGS} organisations, ${CONNECTIONS} connections × ${DURATION} s, ${os.cpus().length} cores, node ${process.version}`);
  const results = [];
  if (!only || only === 'pglite') {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'yiwei-bench-'));
    try {
      const seeded = await seed({ dataDir });
      results.push(await measure('pglite', { ...keys, YIWEI_DATA_DIR: dataDir }, seeded));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  if (!only || only === 'postgres') {
    await withFreshDatabase('api', async (url) => {
      const seeded = await seed({ databaseUrl: url });
      results.push(await measure('postgres', { ...keys, DATABASE_URL: url, YIWEI_DB_POOL_SIZE: '20' }, seeded));
    });
  }
  console.table(results);
}
