import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelMessage } from '../../../../shared/schemas/notifications.ts';
import { systemActor } from '../../../platform/actor.ts';
import { createLogger } from '../../../platform/log.ts';
import { makeOrg, type TestApp } from '../../../test/test-app.ts';
import { getChannelKind } from '../channels/index.ts';
import { createNotificationChannelService } from './channels.service.ts';
import { createOutboxWorker, enqueue, LEASE_MS, MAX_ATTEMPTS, retryDelayMs, type OutboxWorkerOptions } from './outbox.ts';
import { createOutboxTestApp, startReceiver } from './test-support.ts';

let app: TestApp;
let orgId: string;
const system = systemActor;
const receivers: Array<{ close(): Promise<void> }> = [];
const message = (title: string): ChannelMessage => ({ title, text: `${title} 发生故障`, severity: 'P1' });

beforeAll(async () => {
  app = await createOutboxTestApp();
  orgId = (await makeOrg(app)).id;
});
afterAll(() => app.close());
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.close()));
  // Each test starts with an empty outbox so runs only see their own rows.
  await app.platform.db.deleteFrom('notifications').execute();
});

async function receiver(reply?: Parameters<typeof startReceiver>[0]) {
  const r = await startReceiver(reply);
  receivers.push(r);
  return r;
}

let channelCount = 0;
async function channel(kind: 'wecom' | 'webhook', url: string): Promise<string> {
  const channels = createNotificationChannelService(app.platform);
  const name = `ch${channelCount++}`;
  const created =
    kind === 'wecom'
      ? await channels.create(system, { orgId, name, kind, config: { baseUrl: `${url}/cgi-bin/webhook/send`, format: 'text' }, secrets: { key: 'robot-key' } })
      : await channels.create(system, { orgId, name, kind, config: { url: `${url}/hook` }, secrets: { signingSecret: 'a-signing-secret-0123' } });
  return created.id;
}

async function enqueueMany(channelId: string, n: number): Promise<number[]> {
  return app.platform.db.transaction().execute(async (trx) => {
    const ids: number[] = [];
    for (let i = 0; i < n; i++) ids.push(await enqueue(trx, { orgId, channelId, kind: 'alert', message: message(`HIS ${i}`), at: app.clock.now() }));
    return ids;
  });
}

function worker(o: Partial<OutboxWorkerOptions> = {}) {
  return createOutboxWorker({ db: app.platform.db, secrets: app.platform.secrets, clock: app.clock, log: createLogger('silent'), workerId: 'w1', random: () => 0.5, ...o });
}

const rowsOf = (ids: number[]) => app.platform.db.selectFrom('notifications').selectAll().where('id', 'in', ids).orderBy('id').execute();
/** WeCom with a limit high enough that a test about leases or races is not also a test about rate limits. */
const unlimited = (kind: string) => {
  const k = getChannelKind(kind);
  return k && { ...k, rateLimit: { perMinute: 100_000 } };
};

describe('notification outbox', () => {
  it('delivers a notification once and records it as sent', async () => {
    const r = await receiver();
    const [id] = await enqueueMany(await channel('wecom', r.url), 1);
    const w = worker();
    expect(await w.runOnce()).toMatchObject({ claimed: 1, sent: 1 });
    expect(await w.runOnce()).toMatchObject({ claimed: 0 });
    expect(r.received).toHaveLength(1);
    expect(r.received[0]!.path).toBe('/cgi-bin/webhook/send?key=robot-key');
    expect(JSON.parse(r.received[0]!.body)).toEqual({ msgtype: 'text', text: { content: 'HIS 0 发生故障' } });
    const [row] = await rowsOf([id!]);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, leasedBy: null, lastError: null });
    expect(row!.deliveredAt).toEqual(app.clock.now());
  });

  it('an enqueue rolled back with its transaction leaves nothing to send', async () => {
    const r = await receiver();
    const channelId = await channel('wecom', r.url);
    await expect(
      app.platform.db.transaction().execute(async (trx) => {
        await enqueue(trx, { orgId, channelId, kind: 'alert', message: message('rolled back'), at: app.clock.now() });
        throw new Error('the alert write failed');
      }),
    ).rejects.toThrow('the alert write failed');
    expect(await worker().runOnce()).toMatchObject({ claimed: 0 });
    expect(r.received).toHaveLength(0);
  });

  it('retries a 5xx with back-off on the injected clock, then delivers', async () => {
    const r = await receiver((_req, i) => (i === 0 ? { status: 502, body: 'bad gateway' } : { status: 200, body: { errcode: 0 } }));
    const [id] = await enqueueMany(await channel('wecom', r.url), 1);
    const w = worker();
    expect(await w.runOnce()).toMatchObject({ claimed: 1, retried: 1 });
    let [row] = await rowsOf([id!]);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, leasedBy: null });
    expect(row!.lastError).toContain('HTTP 502');
    expect(row!.nextAttemptAt.getTime() - app.clock.now().getTime()).toBe(retryDelayMs(1, () => 0.5));
    app.clock.advance(retryDelayMs(1, () => 0.5) - 1);
    expect(await w.runOnce()).toMatchObject({ claimed: 0 });
    app.clock.advance(1);
    expect(await w.runOnce()).toMatchObject({ claimed: 1, sent: 1 });
    [row] = await rowsOf([id!]);
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
    expect(r.received).toHaveLength(2);
  });

  it('a permanent WeCom errcode goes to dead at once; retryable failures die after the last attempt', async () => {
    const bad = await receiver(() => ({ status: 200, body: { errcode: 93000, errmsg: 'invalid webhook url' } }));
    const [deadId] = await enqueueMany(await channel('wecom', bad.url), 1);
    expect(await worker().runOnce()).toMatchObject({ dead: 1 });
    expect((await rowsOf([deadId!]))[0]).toMatchObject({ status: 'dead', attempts: 1, lastError: expect.stringContaining('errcode 93000') });

    const down = await receiver(() => ({ status: 503, body: {} }));
    const [id] = await enqueueMany(await channel('wecom', down.url), 1);
    const w = worker();
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await w.runOnce();
      app.clock.advance(10 * 60_000);
    }
    expect((await rowsOf([id!]))[0]).toMatchObject({ status: 'dead', attempts: MAX_ATTEMPTS });
    expect(down.received).toHaveLength(MAX_ATTEMPTS);
  });

  it('holds rows over the channel rate limit (WeCom 20/min) until a slot frees up', async () => {
    const r = await receiver();
    const ids = await enqueueMany(await channel('wecom', r.url), 25);
    const w = worker();
    expect(await w.runOnce()).toMatchObject({ sent: 20, deferred: 5 });
    expect(await w.runOnce()).toMatchObject({ claimed: 0 });
    app.clock.advance(60_000);
    expect(await w.runOnce()).toMatchObject({ sent: 5 });
    expect((await rowsOf(ids)).every((row) => row.status === 'sent')).toBe(true);
    // Per channel, in the order they were queued.
    expect(r.received.map((q) => JSON.parse(q.body).text.content)).toEqual(ids.map((_, i) => `HIS ${i} 发生故障`));
  });

  it('counts the rate limit from each send, not from the claim, so a slow batch does not open the next minute early', async () => {
    // Each message takes 200 ms to deliver: the 20 of one claim go out over 4 s.
    const r = await receiver(() => {
      app.clock.advance(200);
      return { status: 200, body: { errcode: 0, errmsg: 'ok' } };
    });
    await enqueueMany(await channel('wecom', r.url), 25);
    const w = worker();
    expect(await w.runOnce()).toMatchObject({ sent: 20, deferred: 5 });
    // 60 s after the claim, 19 of the 20 were sent less than a minute ago: one slot, not five.
    app.clock.advance(60_000 - 20 * 200);
    expect(await w.runOnce()).toMatchObject({ sent: 1, deferred: 4 });
  });

  it('two workers racing over the same rows deliver each notification exactly once', async () => {
    const r = await receiver();
    const channels = [await channel('wecom', r.url), await channel('wecom', r.url), await channel('webhook', r.url)];
    const ids = (await Promise.all(channels.map((c) => enqueueMany(c, 30)))).flat();
    const drain = async (workerId: string) => {
      const w = worker({ workerId, batchSize: 7, kindOf: unlimited });
      while ((await w.runOnce()).claimed > 0);
    };
    await Promise.all([drain('a'), drain('b'), drain('c')]);
    const titles = r.received.map((q) => (q.path === '/hook' ? JSON.parse(q.body).text : JSON.parse(q.body).text.content));
    expect(titles).toHaveLength(90);
    expect(new Set(titles).size).toBe(30);
    const rows = await rowsOf(ids);
    expect(rows.every((row) => row.status === 'sent' && row.attempts === 1)).toBe(true);
    expect(new Set(r.received.filter((q) => q.path === '/hook').map((q) => q.headers['x-yiwei-delivery'])).size).toBe(30);
  });

  it('re-sends a row left "sending" by a dead worker only after its lease, with a stable delivery id', async () => {
    const r = await receiver(() => ({ status: 204, body: '' }));
    const [id] = await enqueueMany(await channel('webhook', r.url), 1);
    // What a crash mid-send leaves behind: claimed, leased, never settled.
    await app.platform.db.updateTable('notifications').set({ status: 'sending', attempts: 1, leasedBy: 'dead-worker', leaseUntil: new Date(app.clock.now().getTime() + LEASE_MS) }).where('id', '=', id!).execute();
    const w = worker({ workerId: 'survivor' });
    expect(await w.runOnce()).toMatchObject({ claimed: 0 });
    app.clock.advance(LEASE_MS + 1);
    expect(await w.runOnce()).toMatchObject({ claimed: 1, sent: 1 });
    expect((await rowsOf([id!]))[0]).toMatchObject({ status: 'sent', attempts: 2 });
    expect(r.received[0]!.headers['x-yiwei-delivery']).toBe(String(id));
    expect(r.received[0]!.headers['x-yiwei-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
  });

  it('kills rows of a deleted channel with the reason', async () => {
    const r = await receiver();
    const channelId = await channel('wecom', r.url);
    const [id] = await enqueueMany(channelId, 1);
    await createNotificationChannelService(app.platform).remove(system, channelId);
    expect(await worker().runOnce()).toMatchObject({ dead: 1 });
    expect((await rowsOf([id!]))[0]).toMatchObject({ status: 'dead', lastError: 'channel deleted' });
    expect(r.received).toHaveLength(0);
  });
});
