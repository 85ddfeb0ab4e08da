/** What every benchmark needs: a real yiwei server on 127.0.0.1 and its memory figures. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** A port the OS says is free on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** Starts `server/main.ts serve` in production mode (no demo data, no worker unless `env` says so) and waits for /api/health. */
export async function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  // BENCH_CPU_PROF=<dir>: write a V8 CPU profile of the server (open it in Chrome DevTools) when it stops.
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...prof, '--import', 'tsx', 'server/main.ts', 'serve'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', YIWEI_DEMO_DATA: 'false', YIWEI_WORKER: 'false', YIWEI_LOG_LEVEL: 'warn', YIWEI_LOGIN_RATE_PER_MINUTE: '1000', YIWEI_SECURE_COOKIES: 'false', ...env, YIWEI_HOST: '127.0.0.1', YIWEI_PORT: String(port) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return { child, base };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill('SIGKILL');
  throw new Error('server did not start');
}

/** Stops a server started by startServer and waits for it to exit. */
export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

/** Current (VmRSS) or peak (VmHWM) resident memory of a process, in MB. */
export const procMemoryMb = (pid: number, key: 'VmHWM' | 'VmRSS') =>
  Math.round(Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`${key}:\\s+(\\d+)`))?.[1] ?? 0) / 1024);

/** The p-th percentile of ascending latencies. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/**
 * Runs `body` with the URL of a new database on the PostgreSQL server of DATABASE_URL (default the local
 * one) and drops it afterwards; returns null, saying so, when no server answers.
 */
export async function withFreshDatabase<T>(label: string, body: (url: string) => Promise<T>): Promise<T | null> {
  const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `yiwei_bench_${label}_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  try {
    await admin.connect();
  } catch (e) {
    console.log(`PostgreSQL not reachable at ${serverUrl}: ${(e as Error).message} — skipped`);
    return null;
  }
  await admin.query(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  try {
    return await body(url.toString());
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
