import type { InboxPage, InboxQuery, InboxReadInput } from '../../../../shared/schemas/alerts.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { PlatformDeps } from '../../../platform/deps.ts';
import { AppError } from '../../../platform/errors.ts';

/** In-app notifications: each person's own, newest first; reading them is the only change. */
export function createInboxService({ db, clock }: Pick<PlatformDeps, 'db' | 'clock'>) {
  function self(actor: Actor): string {
    if (!actor.userId) throw new AppError('forbidden', 'inbox.person_only', 'Only a person has an inbox');
    return actor.userId;
  }
  return {
    async list(actor: Actor, query: InboxQuery): Promise<InboxPage> {
      const userId = self(actor);
      let q = db.selectFrom('inboxItems').where('userId', '=', userId);
      if (query.unreadOnly) q = q.where('readAt', 'is', null);
      const [count, unread, rows] = await Promise.all([
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        db.selectFrom('inboxItems').where('userId', '=', userId).where('readAt', 'is', null).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        q.selectAll().orderBy('id', 'desc').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute(),
      ]);
      return {
        items: rows.map((r) => ({ id: r.id, alertId: r.alertId, title: r.title, text: r.text, severity: r.severity, url: r.url, createdAt: r.createdAt.toISOString(), readAt: r.readAt?.toISOString() ?? null })),
        total: Number(count.n),
        unread: Number(unread.n),
        page: query.page,
        pageSize: query.pageSize,
      };
    },
    async markRead(actor: Actor, input: InboxReadInput): Promise<{ read: number }> {
      const userId = self(actor);
      if (!input.all && !input.ids?.length) return { read: 0 };
      let q = db.updateTable('inboxItems').set({ readAt: clock.now() }).where('userId', '=', userId).where('readAt', 'is', null);
      if (!input.all) q = q.where('id', 'in', input.ids!);
      const result = await q.executeTakeFirst();
      return { read: Number(result.numUpdatedRows) };
    },
  };
}

export type InboxService = ReturnType<typeof createInboxService>;
