import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../../platform/actor.ts';
import { fixedClock } from '../../../platform/clock.ts';
import { createLogger } from '../../../platform/log.ts';
import { makeOrg, type TestApp } from '../../../test/test-app.ts';
import { getChannelKind } from '../channels/index.ts';
import { createNotificationChannelService } from './channels.service.ts';
import { createOutboxWorker, enqueue, LEASE_MS } from './outbox.ts';
import { createOutboxTestApp, startReceiver } from './test-support.ts';

// The kill test needs a second process on the same database, which an in-memory PGlite cannot offer.
const isPostgres = Boolean(process.env.DATABASE_URL);
if (!isPostgres) console.warn('outbox.kill.test.ts skipped: set DATABASE_URL to a PostgreSQL server to run the kill-during-delivery test');

const TOTAL = 200;
const system = systemActor;

describe.skipIf(!isPostgres)('outbox survives a worker killed mid-delivery (PostgreSQL only)', () => {
  let app: TestApp;
  let child: ChildProcess | undefined;
  beforeAll(async () => {
    app = await createOutboxTestApp();
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await app?.close();
  });

  it('SIGKILL mid-way, a second worker finishes: every notification arrives, at most one twice, all rows sent', async () => {
    // Slow enough that the kill lands while a request is in flight, fast enough for 200 deliveries in seconds.
    const receiver = await startReceiver(() => ({ status: 200, body: { ok: true }, delayMs: 5 }));
    try {
      const orgId = (await makeOrg(app)).id;
      const channel = await createNotificationChannelService(app.platform).create(system, { orgId, name: 'kill test', kind: 'webhook', config: { url: `${receiver.url}/hook` }, secrets: { signingSecret: 'a-signing-secret-0123' } });
      // Due now on the real clock the child uses.
      const at = new Date(Date.now() - 1_000);
      const ids = await app.platform.db.transaction().execute(async (trx) => {
        const out: number[] = [];
        for (let i = 0; i < TOTAL; i++) out.push(await enqueue(trx, { orgId, channelId: channel.id, kind: 'alert', message: { title: `HIS ${i}`, text: `HIS ${i} down`, severity: 'P1' }, at }));
        return out;
      });

      const dbName = (await sql<{ name: string }>`select current_database() as name`.execute(app.platform.db)).rows[0]!.name;
      const dbUrl = new URL(process.env.DATABASE_URL!);
      dbUrl.pathname = `/${dbName}`;
      const script = fileURLToPath(new URL('./kill-worker.ts', import.meta.url));
      child = spawn(process.execPath, ['--import', 'tsx', script], {
        env: { ...process.env, YIWEI_KILL_TEST_DB_URL: dbUrl.toString(), YIWEI_KILL_TEST_MASTER_KEY: app.keys.masterKey.toString('hex') },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      // Kill once a good part has arrived, but well before the end.
      const deadline = Date.now() + 60_000;
      while (receiver.received.length < TOTAL / 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
      child.kill('SIGKILL');
      await exited;
      const arrivedBeforeKill = receiver.received.length;
      expect(arrivedBeforeKill).toBeGreaterThan(0);
      expect(arrivedBeforeKill).toBeLessThan(TOTAL);

      // The survivor runs after the dead worker's lease has expired.
      const clock = fixedClock(new Date(Date.now() + LEASE_MS + 5_000));
      const survivor = createOutboxWorker({
        db: app.platform.db,
        secrets: app.platform.secrets,
        clock,
        log: createLogger('silent'),
        workerId: 'survivor',
        kindOf: (kind) => {
          const k = getChannelKind(kind);
          return k && { ...k, rateLimit: { perMinute: 100_000 } };
        },
      });
      while ((await survivor.runOnce()).claimed > 0);

      const counts = new Map<string, number>();
      for (const r of receiver.received) {
        const id = String(r.headers['x-yiwei-delivery']);
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      for (const id of ids) expect(counts.get(String(id)), `notification ${id} never arrived`).toBeGreaterThanOrEqual(1);
      const duplicates = [...counts.entries()].filter(([, n]) => n > 1);
      expect(duplicates.length, `duplicates: ${JSON.stringify(duplicates)}`).toBeLessThanOrEqual(1);
      expect(duplicates.every(([, n]) => n === 2)).toBe(true);
      const statuses = await app.platform.db.selectFrom('notifications').select(['status']).where('id', 'in', ids).execute();
      expect(statuses.filter((s) => s.status === 'sent')).toHaveLength(TOTAL);
      console.info(`kill test: ${arrivedBeforeKill} arrived before SIGKILL, ${receiver.received.length} requests in all, duplicates ${duplicates.length}`);
    } finally {
      await receiver.close();
    }
  });
});
