import type { Selectable } from 'kysely';
import type {
  NotificationChannel,
  NotificationChannelCreateInput,
  NotificationChannelListQuery,
  NotificationChannelPage,
  NotificationChannelTestInput,
  NotificationChannelUpdateInput,
} from '../../../../shared/schemas/notifications.ts';
import { NotificationChannelCreateInput as CreateSchema } from '../../../../shared/schemas/notifications.ts';
import { assertInScope, inScope, scopeOf, type Actor } from '../../../platform/actor.ts';
import { subjectOf } from '../../../platform/audit.ts';
import type { Db } from '../../../platform/db.ts';
import type { PlatformDeps } from '../../../platform/deps.ts';
import { conflict, notFound } from '../../../platform/errors.ts';
import { assertChannelConfig, channelSecretsContext } from './channel-config.ts';
import { type NotificationChannelsTable } from './notifications.tables.ts';
import { enqueue } from './outbox.ts';

// Reading channels needs alert.read; changing or test-sending them, alert.manage.
const READ = 'alert.read';
const MANAGE = 'alert.manage';

type Row = Selectable<NotificationChannelsTable>;
type ListedRow = Row & { orgName: string };

const present = (r: ListedRow): NotificationChannel => ({
  id: r.id,
  orgId: r.orgId,
  orgName: r.orgName,
  name: r.name,
  kind: r.kind as NotificationChannel['kind'],
  config: r.config,
  hasSecrets: r.secretsSealed !== null,
  ratePerMinute: r.ratePerMinute,
  isEnabled: r.isEnabled,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/** What the audit trail keeps of a channel: never its sealed secrets, only whether there are any. */
const snapshot = (r: Row) => ({ name: r.name, kind: r.kind, config: r.config, hasSecrets: r.secretsSealed !== null, ratePerMinute: r.ratePerMinute, isEnabled: r.isEnabled, deletedAt: r.deletedAt?.toISOString() ?? null });

function nameTaken(e: unknown): never {
  if ((e as { code?: string }).code === '23505') throw conflict('notification_channel.name_taken', 'A channel of this name exists in the organisation');
  throw e;
}

/** Notification channels: the configured WeCom robots, SMS gateways, mailboxes and webhooks notifications go through. */
export function createNotificationChannelService({ db, audit, secrets, clock }: Pick<PlatformDeps, 'db' | 'audit' | 'secrets' | 'clock'>) {
  function listed(d: Db, actor: Actor, permission: typeof READ | typeof MANAGE) {
    return d
      .selectFrom('notificationChannels as c')
      .innerJoin('organisations as o', 'o.id', 'c.orgId')
      .selectAll('c')
      .select('o.name as orgName')
      .where('c.deletedAt', 'is', null)
      .where(inScope(scopeOf(actor, permission), 'c.org_id', actor));
  }

  async function getRow(d: Db, actor: Actor, id: string, permission: typeof READ | typeof MANAGE): Promise<ListedRow> {
    const row = await listed(d, actor, permission).where('c.id', '=', id).executeTakeFirst();
    if (!row) throw notFound('notification_channel', id);
    return row;
  }

  const service = {
    /** Channels of the caller's organisations, by name, filtered and paged. */
    async list(actor: Actor, query: NotificationChannelListQuery): Promise<NotificationChannelPage> {
      let q = db
        .selectFrom('notificationChannels as c')
        .innerJoin('organisations as o', 'o.id', 'c.orgId')
        .where('c.deletedAt', 'is', null)
        .where(inScope(scopeOf(actor, READ), 'c.org_id', actor, query.orgId));
      if (query.kind) q = q.where('c.kind', '=', query.kind);
      if (query.q) q = q.where('c.name', 'ilike', `%${query.q}%`);
      const [count, rows] = await Promise.all([
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        q.selectAll('c').select('o.name as orgName').orderBy('c.name').orderBy('c.id').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute(),
      ]);
      return { items: rows.map(present), total: Number(count.n), page: query.page, pageSize: query.pageSize };
    },

    /** One channel in the caller's scope; any other is 404. */
    async get(actor: Actor, id: string): Promise<NotificationChannel> {
      return present(await getRow(db, actor, id, READ));
    },

    /** Adds a channel after checking config and secrets against its kind; secrets are sealed to the channel's id. */
    async create(actor: Actor, input: NotificationChannelCreateInput): Promise<NotificationChannel> {
      const body = CreateSchema.parse(input);
      await assertInScope(db, actor, MANAGE, body.orgId, 'organisation', body.orgId);
      const checked = assertChannelConfig(body.kind, body.config, body.secrets);
      const id = crypto.randomUUID();
      const now = clock.now();
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('notificationChannels')
          .values({
            id,
            orgId: body.orgId,
            name: body.name,
            kind: body.kind,
            config: JSON.stringify(checked.config),
            secretsSealed: checked.secrets ? secrets.seal(JSON.stringify(checked.secrets), channelSecretsContext(id)) : null,
            ratePerMinute: body.ratePerMinute,
            isEnabled: body.isEnabled,
            createdBy: actor.userId,
            createdAt: now,
            updatedAt: now,
            deletedAt: null,
          })
          .returningAll()
          .executeTakeFirstOrThrow()
          .catch(nameTaken);
        await audit.record(trx, subjectOf(actor), { eventType: 'notification_channel.create', action: 'create', objectType: 'notification_channel', objectId: id, orgId: body.orgId, detail: { after: snapshot(row) } });
        return present(await getRow(trx, actor, id, MANAGE));
      });
    },

    /** Changes a channel; secrets are replaced only when given, and config changes are re-checked with the kept secrets. */
    async update(actor: Actor, id: string, input: NotificationChannelUpdateInput): Promise<NotificationChannel> {
      const before = await getRow(db, actor, id, MANAGE);
      const isConfigChanged = input.config !== undefined || input.secrets !== undefined;
      let sealed = before.secretsSealed;
      let config = before.config;
      if (isConfigChanged) {
        const kept = input.secrets ?? (before.secretsSealed ? (JSON.parse(secrets.open(before.secretsSealed, channelSecretsContext(id))) as Record<string, unknown>) : undefined);
        const checked = assertChannelConfig(before.kind, input.config ?? before.config, kept);
        config = checked.config;
        sealed = checked.secrets ? secrets.seal(JSON.stringify(checked.secrets), channelSecretsContext(id)) : null;
      }
      return db.transaction().execute(async (trx) => {
        const after = await trx
          .updateTable('notificationChannels')
          .set({
            ...(input.name !== undefined ? { name: input.name } : {}),
            ...(input.ratePerMinute !== undefined ? { ratePerMinute: input.ratePerMinute } : {}),
            ...(input.isEnabled !== undefined ? { isEnabled: input.isEnabled } : {}),
            ...(isConfigChanged ? { config: JSON.stringify(config), secretsSealed: sealed } : {}),
            updatedAt: clock.now(),
          })
          .where('id', '=', id)
          .where('deletedAt', 'is', null)
          .returningAll()
          .executeTakeFirst()
          .catch(nameTaken);
        if (!after) throw notFound('notification_channel', id);
        // A secrets change shows as hasSecrets only; that a rotation happened is in the event type's detail flag.
        await audit.record(trx, subjectOf(actor), {
          eventType: 'notification_channel.update',
          action: 'update',
          objectType: 'notification_channel',
          objectId: id,
          orgId: before.orgId,
          detail: { before: snapshot(before), after: snapshot(after), isSecretsReplaced: input.secrets !== undefined },
        });
        return present({ ...after, orgName: before.orgName });
      });
    },

    /** Soft delete: the name is free again; notifications still queued for it die with 'channel deleted'. */
    async remove(actor: Actor, id: string): Promise<void> {
      const before = await getRow(db, actor, id, MANAGE);
      await db.transaction().execute(async (trx) => {
        const row = await trx.updateTable('notificationChannels').set({ deletedAt: clock.now() }).where('id', '=', id).where('deletedAt', 'is', null).returning('id').executeTakeFirst();
        if (!row) throw notFound('notification_channel', id);
        await audit.record(trx, subjectOf(actor), { eventType: 'notification_channel.delete', action: 'delete', objectType: 'notification_channel', objectId: id, orgId: before.orgId, detail: { before: snapshot(before) } });
      });
    },

    /** Queues a test message through the outbox (the same path as real alerts) and returns the notification's id. */
    async test(actor: Actor, id: string, input: NotificationChannelTestInput): Promise<{ notificationId: number }> {
      const channel = await getRow(db, actor, id, MANAGE);
      const now = clock.now();
      const title = '医维测试消息 yiwei test message';
      const text = input.text ?? `${title}\n通道 channel: ${channel.name}\n发送人 sent by: ${actor.name}`;
      return db.transaction().execute(async (trx) => {
        const notificationId = await enqueue(trx, { orgId: channel.orgId, channelId: id, alertId: null, kind: 'test', message: { title, text, markdown: `**${title}**\n\n${text}`, severity: 'P4' }, at: now });
        await audit.record(trx, subjectOf(actor), { eventType: 'notification_channel.test', action: 'test', objectType: 'notification_channel', objectId: id, orgId: channel.orgId, detail: { notificationId } });
        return { notificationId };
      });
    },
  };
  return service;
}

export type NotificationChannelService = ReturnType<typeof createNotificationChannelService>;
