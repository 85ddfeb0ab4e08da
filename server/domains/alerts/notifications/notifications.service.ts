import type { Notification, NotificationListQuery, NotificationPage } from '../../../../shared/schemas/notifications.ts';
import { inScope, scopeOf, type Actor } from '../../../platform/actor.ts';
import { subjectOf } from '../../../platform/audit.ts';
import type { PlatformDeps } from '../../../platform/deps.ts';
import { conflict, notFound } from '../../../platform/errors.ts';

// alert.read to list notifications, alert.manage to retry them.

/** Notifications of the outbox as people see them: who was notified, through what, when, and the outcome. */
export function createNotificationService({ db, audit, clock }: Pick<PlatformDeps, 'db' | 'audit' | 'clock'>) {
  function joined(actor: Actor, permission: 'alert.read' | 'alert.manage') {
    return db
      .selectFrom('notifications as n')
      .innerJoin('notificationChannels as c', 'c.id', 'n.channelId')
      .leftJoin('users as u', 'u.id', 'n.recipientUserId')
      .select([
        'n.recipientUserId',
        'u.displayName as recipientName',
        'n.escalationStep',
        'n.id',
        'n.orgId',
        'n.channelId',
        'c.name as channelName',
        'c.kind as channelKind',
        'n.alertId',
        'n.kind',
        'n.message',
        'n.status',
        'n.attempts',
        'n.nextAttemptAt',
        'n.lastError',
        'n.deliveredAt',
        'n.createdAt',
      ])
      .where(inScope(scopeOf(actor, permission), 'n.org_id', actor));
  }
  type Row = Awaited<ReturnType<ReturnType<typeof joined>['executeTakeFirstOrThrow']>>;

  const present = (r: Row): Notification => ({
    id: r.id,
    orgId: r.orgId,
    channelId: r.channelId,
    channelName: r.channelName,
    channelKind: r.channelKind,
    alertId: r.alertId,
    kind: r.kind,
    recipientUserId: r.recipientUserId,
    recipientName: r.recipientName,
    escalationStep: r.escalationStep,
    title: typeof r.message.title === 'string' ? r.message.title : '',
    severity: typeof r.message.severity === 'string' ? r.message.severity : '',
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.nextAttemptAt.toISOString(),
    lastError: r.lastError,
    deliveredAt: r.deliveredAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  });

  return {
    /** Notifications in scope, newest first; `status=dead` is the dead-letter view. */
    async list(actor: Actor, query: NotificationListQuery): Promise<NotificationPage> {
      let q = joined(actor, 'alert.read');
      if (query.orgId) q = q.where(inScope(scopeOf(actor, 'alert.read'), 'n.org_id', actor, query.orgId));
      if (query.status) q = q.where('n.status', '=', query.status);
      if (query.channelId) q = q.where('n.channelId', '=', query.channelId);
      if (query.alertId) q = q.where('n.alertId', '=', query.alertId);
      const [count, rows] = await Promise.all([
        q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        q.orderBy('n.createdAt', 'desc').orderBy('n.id', 'desc').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute(),
      ]);
      return { items: rows.map(present), total: Number(count.n), page: query.page, pageSize: query.pageSize };
    },

    /** Puts a dead or failed notification back in the queue with a fresh attempt budget; audited. */
    async retry(actor: Actor, id: number): Promise<Notification> {
      const before = await joined(actor, 'alert.manage').where('n.id', '=', id).executeTakeFirst();
      if (!before) throw notFound('notification', String(id));
      if (before.status !== 'dead' && before.status !== 'failed') throw conflict('notification.not_retryable', 'Only dead or failed notifications can be retried');
      const now = clock.now();
      return db.transaction().execute(async (trx) => {
        // Guarded by status, so of two concurrent retries only one requeues and audits.
        const row = await trx
          .updateTable('notifications')
          .set({ status: 'pending', attempts: 0, nextAttemptAt: now, leasedBy: null, leaseUntil: null })
          .where('id', '=', id)
          .where('status', 'in', ['dead', 'failed'])
          .returning(['status', 'attempts', 'nextAttemptAt'])
          .executeTakeFirst();
        if (!row) throw conflict('notification.not_retryable', 'Only dead or failed notifications can be retried');
        await audit.record(trx, subjectOf(actor), {
          eventType: 'notification.retry',
          action: 'retry',
          objectType: 'notification',
          objectId: String(id),
          orgId: before.orgId,
          detail: { before: { status: before.status, attempts: before.attempts, lastError: before.lastError }, channelId: before.channelId },
        });
        return present({ ...before, ...row });
      });
    },
  };
}

export type NotificationService = ReturnType<typeof createNotificationService>;
