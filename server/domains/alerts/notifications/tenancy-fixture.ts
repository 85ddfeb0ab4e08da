import { sql } from 'kysely';
import type { App } from '../../../app.ts';
import type { TenancyFixture } from '../../../test/tenancy-fixtures.ts';
import { channelSecretsContext } from './channel-config.ts';

/** A WeCom channel row written directly (test scaffolding), with sealed secrets like a real one. */
export async function insertChannel(app: App, orgId: string, name = 'tenancy channel'): Promise<string> {
  const id = globalThis.crypto.randomUUID();
  await app.platform.db
    .insertInto('notificationChannels')
    .values({ id, orgId, name, kind: 'wecom', config: JSON.stringify({ format: 'text' }), secretsSealed: app.platform.secrets.seal(JSON.stringify({ key: 'tenancy-key' }), channelSecretsContext(id)), ratePerMinute: null, createdBy: null, deletedAt: null })
    .execute();
  return id;
}

/** The tenancy harness's notification_channel. */
export const notificationChannelTenancyFixture: TenancyFixture = {
  create: (app, orgId) => insertChannel(app, orgId),
  snapshot: async (app, id) => ({
    channel: await app.platform.db.selectFrom('notificationChannels').selectAll().where('id', '=', id).executeTakeFirst(),
    notifications: await app.platform.db.selectFrom('notifications').select(['id', 'status']).where('channelId', '=', id).orderBy('id').execute(),
  }),
};

/**
 * The tenancy harness's notification: a dead one, so retry would change it. Its id is a bigserial number; the sequence
 * is moved far up first because the list check looks for the id as a substring, and "3" occurs in any answer.
 */
export const notificationTenancyFixture: TenancyFixture = {
  async create(app, orgId) {
    const db = app.platform.db;
    const channelId = await insertChannel(app, orgId, 'tenancy dead-letter channel');
    await sql`select setval('notifications_id_seq', greatest((select last_value from notifications_id_seq), 7300000000000))`.execute(db);
    const row = await db
      .insertInto('notifications')
      .values({ orgId, channelId, alertId: null, kind: 'test', message: JSON.stringify({ title: 'tenancy', text: 'tenancy', severity: 'P4' }), status: 'dead', attempts: 6, leasedBy: null, leaseUntil: null, lastAttemptAt: null, lastError: 'tenancy', deliveredAt: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    return String(row.id);
  },
  snapshot: (app, id) => app.platform.db.selectFrom('notifications').selectAll().where('id', '=', Number(id)).executeTakeFirst(),
};
