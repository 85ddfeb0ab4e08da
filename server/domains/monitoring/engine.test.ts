import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../platform/clock.ts';
import { createTestApp, makeOrg, makeUser, signedIn, type Client, type TestApp } from '../../test/test-app.ts';
import { createProbeEngine, type ProbeEngine, type ResultRow } from './engine.ts';
import { createProbeStateFeed, type ProbeStateChangeEvent } from './transitions.ts';

// Real time, real sockets: the engine is driven by its own timers against a TCP listener on 127.0.0.1.
let app: TestApp;
let orgId: string;
let engineer: Client;
let target: Server;
let targetPort: number;
const engines: ProbeEngine[] = [];

function listen(port = 0): Promise<Server> {
  return new Promise((resolve) => {
    const s = createServer((socket) => socket.end());
    s.listen(port, '127.0.0.1', () => resolve(s));
  });
}

function startEngine(workerId: string, rows: ResultRow[], events: ProbeStateChangeEvent[]) {
  const feed = createProbeStateFeed(app.platform.db);
  feed.on((e) => events.push(e));
  const engine = createProbeEngine({ ...app.platform, clock: systemClock }, { workerId, feed, sink: { push: (r) => rows.push(r) } });
  engines.push(engine);
  return engine;
}

async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number) {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

beforeAll(async () => {
  app = await createTestApp();
  orgId = (await makeOrg(app)).id;
  engineer = await signedIn(app, await makeUser(app, orgId, ['engineer']));
  target = await listen();
  targetPort = (target.address() as { port: number }).port;
});
afterAll(async () => {
  for (const e of engines) await e.stop();
  target.close();
  await app.close();
});

describe('probe engine', () => {
  it('checks on schedule, detects a dead target within interval + retries × retry interval + 2 s, and sees it recover', async () => {
    const created = await engineer.post('/probes', { orgId, name: 'LIS 接口端口', kind: 'tcp', intervalS: 10, retries: 1, retryIntervalS: 5, timeoutMs: 1000, config: { host: '127.0.0.1', port: targetPort } });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const rows: ResultRow[] = [];
    const events: ProbeStateChangeEvent[] = [];
    const engine = startEngine('worker-a', rows, events);
    await engine.start();
    await waitFor('the probe to be up', () => events.some((e) => e.probeId === id && e.toState === 'up'), 12_000);
    expect(rows.filter((r) => r.probeId === id).every((r) => r.status === 'up' && r.latencyMs !== null)).toBe(true);

    await new Promise<void>((r) => target.close(() => r()));
    const cutAt = Date.now();
    await waitFor('the probe to be down', () => events.some((e) => e.probeId === id && e.toState === 'down'), 10_000 + 1 * 5_000 + 2_000 + 1_000);
    const detectedMs = Date.now() - cutAt;
    expect(detectedMs).toBeLessThanOrEqual(10_000 + 5_000 + 2_000 + 500);
    const outage = await app.platform.db.selectFrom('probeOutages').selectAll().where('probeId', '=', id).executeTakeFirstOrThrow();
    expect(outage).toMatchObject({ state: 'down', endedAt: null });
    const stored = await app.platform.db.selectFrom('probes').select(['state']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored.state).toBe('down');

    target = await listen(targetPort);
    await waitFor('the probe to recover', () => events.some((e) => e.probeId === id && e.toState === 'up' && e.fromState === 'down'), 12_000);
    const closed = await app.platform.db.selectFrom('probeOutages').select(['endedAt']).where('probeId', '=', id).executeTakeFirstOrThrow();
    expect(closed.endedAt).not.toBeNull();
    await engine.stop();
  }, 60_000);

  it('shares shards between workers and takes over a dead worker’s probes within two intervals', async () => {
    const bulk = await engineer.post('/probes/bulk', { probes: Array.from({ length: 40 }, (_, i) => ({ orgId, name: `PACS 节点 ${i}`, kind: 'tcp', intervalS: 10, timeoutMs: 1000, config: { host: '127.0.0.1', port: targetPort } })) });
    expect(bulk.status).toBe(201);
    const ids = new Set<string>(bulk.body.ids);
    const rowsA: ResultRow[] = [];
    const rowsB: ResultRow[] = [];
    const a = startEngine('worker-a2', rowsA, []);
    const b = startEngine('worker-b2', rowsB, []);
    await a.start();
    await b.start();
    // b's arrival makes a give back half at its next lease sync
    await waitFor('an even split', async () => {
      await a.syncLeases();
      await b.syncLeases();
      const sa = a.stats().shards;
      const sb = b.stats().shards;
      return sa + sb === 64 && Math.abs(sa - sb) <= 2;
    }, 15_000);
    const mine = (e: ProbeEngine) => e.probeIds().filter((id) => ids.has(id));
    expect(mine(a).length + mine(b).length).toBe(40);
    expect(mine(a).filter((id) => mine(b).includes(id))).toEqual([]);

    // a dies without giving anything back: b must be running all 40 within two intervals (20 s)
    const diedAt = Date.now();
    await a.crashForTest();
    await waitFor('b to own every probe', () => mine(b).length === 40, 20_000);
    const since = Date.now();
    await waitFor('b to check them', () => new Set(rowsB.filter((r) => ids.has(r.probeId) && r.checkedAt.getTime() >= since).map((r) => r.probeId)).size === 40, 11_000);
    expect(Date.now() - diedAt).toBeLessThanOrEqual(20_000 + 11_000);
    // Every check ran once per slot: no probe was checked twice within one interval by the two workers.
    const all = [...rowsA, ...rowsB].filter((r) => ids.has(r.probeId)).sort((x, y) => x.checkedAt.getTime() - y.checkedAt.getTime());
    const last = new Map<string, number>();
    for (const r of all) {
      const prev = last.get(r.probeId);
      if (prev !== undefined) expect(r.checkedAt.getTime() - prev).toBeGreaterThan(9_000);
      last.set(r.probeId, r.checkedAt.getTime());
    }
  }, 90_000);
});
