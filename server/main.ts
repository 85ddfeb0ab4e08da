import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { seedDemo } from './bootstrap.ts';
import { ConfigError, loadConfig } from './platform/config.ts';
import { createDb } from './platform/db.ts';
import { migrateToLatest } from './db/migrate.ts';
import { startWorker } from './worker.ts';
import { createLogger } from './platform/log.ts';
import { AGENT_USAGE, parseAgentArgs, runAgent } from './agent/index.ts';
import { generatePassword } from './domains/access/index.ts';
import { hashPassword } from './platform/crypto/index.ts';
import { subjectOf } from './platform/audit.ts';
import { systemActor } from './platform/actor.ts';
import { revokeUserSessions } from './domains/access/sessions.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = `yiwei — 医维 operations platform
  yiwei serve                        HTTP API + web console + worker (default)
  yiwei worker                       background jobs only
  yiwei migrate                      apply database migrations
  yiwei audit verify                 check the audit chain; exit 1 at the first broken link
  yiwei admin reset-password <user>  print a new initial password for an account (must be changed at login)
  yiwei agent --server https://… --token ywa_… [--data-dir ./data/agent] [--ca ca.pem]
                                     edge probe agent (前置机): runs its assigned probes, buffers results on disk`;

async function main(argv: string[]) {
  const [command = 'serve', sub, arg] = argv;
  if (command === 'help' || command === '--help') return console.log(USAGE);
  const config = loadConfig();

  // The agent opens no database: it only talks to the server.
  if (command === 'agent') {
    let args;
    try {
      args = parseAgentArgs(argv.slice(1));
    } catch (e) {
      console.error(`${(e as Error).message}\n\n${AGENT_USAGE}`);
      process.exitCode = 2;
      return;
    }
    const agent = await runAgent({ ...args, log: createLogger(config.logLevel) });
    for (const s of ['SIGINT', 'SIGTERM'] as const) process.once(s, () => void agent.stop().finally(() => process.exit(0)));
    return;
  }

  if (command === 'migrate') {
    const handle = await createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    const applied = await migrateToLatest(handle.db);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
    return handle.close();
  }

  const app = await createApp(config, { webDist: path.join(ROOT, 'web', 'dist') });
  const { platform } = app;

  if (command === 'audit' && sub === 'verify') {
    const result = await platform.audit.verify(platform.db);
    console.log(JSON.stringify(result, null, 2));
    await app.close();
    process.exitCode = result.ok ? 0 : 1;
    return;
  }

  if (command === 'admin' && sub === 'reset-password' && arg) {
    const password = generatePassword((n) => platform.crypto.randomBytes(n));
    const hash = await hashPassword(platform.crypto, password, config.passwordIterations);
    const done = await platform.db.transaction().execute(async (trx) => {
      const user = await trx.updateTable('users').set({ passwordHash: hash, mustChangePassword: true, passwordChangedAt: platform.clock.now(), lockedUntil: null, failedLoginCount: 0 }).where('username', '=', arg).returning(['id', 'orgId']).executeTakeFirst();
      if (!user) return false;
      await revokeUserSessions(trx, user.id, 'password_reset', platform.clock.now());
      await platform.audit.record(trx, { ...subjectOf(systemActor), name: 'cli' }, { eventType: 'user.reset_password', action: 'update', objectType: 'user', objectId: user.id, orgId: user.orgId, riskLevel: 'high', detail: { via: 'cli' } });
      return true;
    });
    console.log(done ? `new initial password for ${arg}: ${password}` : `no user named ${arg}`);
    process.exitCode = done ? 0 : 1;
    return app.close();
  }

  if (command !== 'serve' && command !== 'worker') {
    console.error(USAGE);
    process.exitCode = 2;
    return app.close();
  }

  if (config.demoData) {
    const logins = await seedDemo(platform);
    if (logins) printLogins(logins);
  }
  const missing = await app.services.calendars.coverageWarnings(platform.db, platform.clock.now());
  if (missing.missing.length) platform.log.warn({ year: missing.nextYear, calendars: missing.missing.map((c) => c.name) }, 'work calendars have no holiday data for the coming year; import it under 工作日历');

  const worker = config.runWorker || command === 'worker' ? await startWorker(app, config.workerId) : null;
  let server: ReturnType<typeof serve> | null = null;
  if (command === 'serve') {
    server = serve({ fetch: app.http.fetch, hostname: config.host, port: config.port }, (info) => {
      const host = config.host === '0.0.0.0' ? 'localhost' : config.host;
      console.log(`yiwei is running on http://${host}:${info.port} (database: ${app.handle.kind === 'pglite' ? `PGlite in ${path.resolve(config.dataDir)}` : 'PostgreSQL'})`);
    });
  }
  const shutdown = async (signal: string) => {
    platform.log.info({ signal }, 'shutting down');
    // Stop accepting, let requests in flight finish (up to 5 s), then close the database under them.
    if (server) {
      const http = server as import('node:http').Server;
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeIdleConnections();
        setTimeout(() => {
          http.closeAllConnections();
          resolve();
        }, 5_000).unref();
      });
    }
    await worker?.stop();
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

function printLogins(logins: Array<{ username: string; role: string; organisation: string; password: string }>) {
  const line = '─'.repeat(72);
  console.log(`\n${line}\n 演示账号 Demo accounts — initial passwords, shown only now; change at first login\n${line}`);
  for (const l of logins) console.log(` ${l.username.padEnd(12)} ${l.password.padEnd(16)} ${l.role}（${l.organisation}）`);
  console.log(`${line}\n 管理员账号首次登录须修改密码并绑定动态口令 (TOTP)。Admins must also enrol TOTP.\n${line}\n`);
}

main(process.argv.slice(2)).catch((e) => {
  if (e instanceof ConfigError) console.error(e.message);
  else console.error(e);
  process.exit(1);
});
