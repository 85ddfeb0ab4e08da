import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertSeverity } from '../../../../shared/schemas/alert-channels.ts';
import type { ChannelMessage } from '../../../../shared/schemas/notifications.ts';
import { systemActor } from '../../../platform/actor.ts';
import { makeOrg, type TestApp } from '../../../test/test-app.ts';
import { createNotificationChannelService } from '../notifications/channels.service.ts';
import { createOutboxTestApp } from '../notifications/test-support.ts';
import { createNotifier } from './notifier.ts';

// The notifier on its own, with a route selector that sends everything to one WeCom channel.

let app: TestApp;
let orgId: string;
let channelId: string;

beforeAll(async () => {
  app = await createOutboxTestApp();
  orgId = (await makeOrg(app)).id;
  const channels = createNotificationChannelService(app.platform);
  channelId = (await channels.create(systemActor, { orgId, name: '值班群', kind: 'wecom', config: { baseUrl: 'http://127.0.0.1:9/cgi-bin/webhook/send', format: 'markdown' }, secrets: { key: 'robot-key' } })).id;
});
afterAll(() => app.close());

async function alert(name: string, severity: AlertSeverity) {
  const now = app.clock.now();
  return app.platform.db
    .insertInto('alerts')
    .values({
      orgId, source: 'probe', dedupKey: `probe:${name}`, severity, title: `${name} 故障`, labels: JSON.stringify({ asset: name, state: 'down' }), assetId: null, probeId: null,
      groupKey: `${orgId}:${name}`, suppression: null, causeAlertId: null, silenceId: null, routeId: null, escalationPolicyId: null, nextEscalationAt: null, url: null,
      firstFiredAt: now, lastFiredAt: now, acknowledgedAt: null, acknowledgedBy: null, resolvedAt: null, resolvedBy: null, ticketRef: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

describe('storm digest', () => {
  it('names the worst alerts first, also when they fold in after the title list is full', async () => {
    const notifier = createNotifier({
      clock: app.clock,
      secrets: app.platform.secrets,
      publicUrl: 'http://yiwei.test',
      selectRoutes: async () => [{ id: globalThis.crypto.randomUUID(), channelIds: [channelId], escalationPolicyId: null, notifyResolved: false }],
      ackLink: () => 'http://yiwei.test/ack',
    });
    const start = async (name: string, severity: AlertSeverity) => {
      const a = await alert(name, severity);
      await notifier.start(app.platform.db, a, { orgPath: [orgId], severity, source: 'probe', assetKind: null, isCore: false, labels: a.labels }, app.clock.now());
    };
    // 20 messages a minute, then the storm digest: 25 more P3 servers fill its title list, then the P1 switch
    for (let i = 0; i < 45; i++) await start(`服务器 ${i}`, 'P3');
    await start('核心交换机', 'P1');
    const digests = await app.platform.db.selectFrom('notifications').select('message').where('channelId', '=', channelId).where('kind', '=', 'digest').execute();
    expect(digests).toHaveLength(1);
    const message = digests[0]!.message as ChannelMessage;
    expect(message.severity).toBe('P1');
    expect(message.vars?.count).toBe('26');
    const titles = JSON.parse(message.vars!.titlesJson!) as string[];
    expect(titles).toHaveLength(20);
    expect(titles[0]).toBe('[P1] 核心交换机 down');
    expect(message.text).toContain('[P1] 核心交换机 down');
  });
});
