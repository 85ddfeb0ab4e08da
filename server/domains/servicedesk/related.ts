/** What a ticket is linked to besides alerts and duplicates: problems, changes, knowledge articles (GET /tickets/:id/related). */
import { IdParam } from '../../../shared/schemas/common.ts';
import { TicketRelated } from '../../../shared/schemas/servicedesk-itil.ts';
import type { Actor } from '../../platform/actor.ts';
import { defineRoutes } from '../../platform/api.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { notFound } from '../../platform/errors.ts';
import { changeRefs, problemRefs, READ, readableArticles, toArticleRef, toChangeRef, toProblemRef } from './itil.ts';
import { scopedTickets } from './tickets/tickets.repository.ts';

export function createTicketRelatedService({ db }: Pick<PlatformDeps, 'db'>) {
  return {
    /** The problems, changes and articles linked to a ticket, those the actor may read. */
    async related(actor: Actor, ticketId: string): Promise<TicketRelated> {
      const ticket = await scopedTickets(db, actor, READ).select('t.id').where('t.id', '=', ticketId).executeTakeFirst();
      if (!ticket) throw notFound('ticket', ticketId);
      const linked = (kind: 'problem' | 'change') => db.selectFrom('ticketLinks').select('targetId').where('ticketId', '=', ticketId).where('kind', '=', kind);
      const problems = await problemRefs(db, actor).where('p.id', 'in', linked('problem')).orderBy('p.createdAt').execute();
      const changes = await changeRefs(db, actor).where('c.id', 'in', linked('change')).orderBy('c.createdAt').execute();
      const articles = await readableArticles(db, actor)
        .select(['k.id', 'k.title', 'k.status'])
        .where('k.id', 'in', db.selectFrom('knowledgeArticleLinks').select('articleId').where('kind', '=', 'ticket').where('targetId', '=', ticketId))
        .orderBy('k.title')
        .execute();
      return { problems: problems.map(toProblemRef), changes: changes.map(toChangeRef), articles: articles.map(toArticleRef) };
    },
  };
}
export type TicketRelatedService = ReturnType<typeof createTicketRelatedService>;

export function ticketRelatedRoutes(service: TicketRelatedService) {
  return defineRoutes('servicedesk').get(
    '/tickets/:id/related',
    { summary: 'The problems, changes and knowledge articles linked to a ticket', permission: 'ticket.read', params: IdParam, response: TicketRelated, tenancy: { object: 'ticket' } },
    ({ actor, params }) => service.related(actor, params.id),
  );
}
