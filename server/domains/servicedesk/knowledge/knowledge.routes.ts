import { IdParam } from '../../../../shared/schemas/common.ts';
import {
  ArticleDetail,
  ArticleInput,
  ArticleListQuery,
  ArticlePage,
  ArticleSuggestions,
  ArticleSuggestQuery,
  ArticleUpdateInput,
  LinkProblemInput,
  LinkTicketInput,
  ProblemLinkParam,
  TicketLinkParam,
} from '../../../../shared/schemas/servicedesk-itil.ts';
import { defineRoutes } from '../../../platform/api.ts';
import type { KnowledgeService } from './knowledge.service.ts';

const SOME_ORG = '00000000-0000-4000-8000-000000000000';
const SOME_ID = '00000000-0000-4000-8000-000000000001';
const article = { object: 'knowledge_article' } as const;

/** The knowledge base: search, suggestions for a ticket being written, articles, publishing, links to tickets and problems. */
export function knowledgeRoutes(knowledge: KnowledgeService) {
  return defineRoutes('servicedesk')
    .get(
      '/knowledge/suggest',
      { summary: 'The five published articles that best match the text of a ticket being written', permission: 'ticket.read', query: ArticleSuggestQuery, response: ArticleSuggestions, tenancy: { list: 'knowledge_article' } },
      ({ actor, query }) => knowledge.suggest(actor, query),
    )
    .get('/knowledge/articles', { summary: 'Search articles: text over title, category and body (or a tag), filters', permission: 'ticket.read', query: ArticleListQuery, response: ArticlePage, tenancy: { list: 'knowledge_article' } }, ({ actor, query }) =>
      knowledge.list(actor, query),
    )
    .post(
      '/knowledge/articles',
      {
        summary: 'Write a draft article (Markdown)',
        permission: 'ticket.work',
        body: ArticleInput,
        response: ArticleDetail,
        status: 201,
        tenancy: { none: 'the orgId in the body is checked like an :id (one outside the scope is 404)' },
        example: { orgId: SOME_ORG, title: '收费处打印机脱机的处理', body: '1. 检查打印服务\n2. 重启打印机', category: '打印机', tags: ['打印机', '收费'] },
      },
      ({ actor, body }) => knowledge.create(actor, body),
    )
    .get('/knowledge/articles/:id', { summary: 'Read an article with its linked tickets and problems', permission: 'ticket.read', params: IdParam, response: ArticleDetail, tenancy: article }, ({ actor, params }) => knowledge.detail(actor, params.id))
    .patch(
      '/knowledge/articles/:id',
      { summary: 'Edit an article (a published one needs knowledge.manage)', permission: 'ticket.work', params: IdParam, body: ArticleUpdateInput, response: ArticleDetail, tenancy: article, example: { tags: ['打印机'] } },
      ({ actor, params, body }) => knowledge.update(actor, params.id, body),
    )
    .delete('/knowledge/articles/:id', { summary: 'Delete an article', permission: 'knowledge.manage', params: IdParam, status: 204, tenancy: article }, async ({ actor, params }) => {
      await knowledge.remove(actor, params.id);
      return null;
    })
    .post('/knowledge/articles/:id/publish', { summary: 'Publish an article', permission: 'knowledge.manage', params: IdParam, response: ArticleDetail, tenancy: article }, ({ actor, params }) => knowledge.publish(actor, params.id))
    .post('/knowledge/articles/:id/unpublish', { summary: 'Take an article back to a draft', permission: 'knowledge.manage', params: IdParam, response: ArticleDetail, tenancy: article }, ({ actor, params }) => knowledge.unpublish(actor, params.id))
    .post(
      '/knowledge/articles/:id/tickets',
      { summary: 'Link the article to a ticket', permission: 'ticket.work', params: IdParam, body: LinkTicketInput, response: ArticleDetail, tenancy: article, example: { ticketId: SOME_ID } },
      ({ actor, params, body }) => knowledge.linkTicket(actor, params.id, body.ticketId),
    )
    .delete('/knowledge/articles/:id/tickets/:ticketId', { summary: 'Unlink the article from a ticket', permission: 'ticket.work', params: TicketLinkParam, response: ArticleDetail, tenancy: article }, ({ actor, params }) =>
      knowledge.unlinkTicket(actor, params.id, params.ticketId),
    )
    .post(
      '/knowledge/articles/:id/problems',
      { summary: 'Link the article to a problem (e.g. a known error\'s workaround)', permission: 'ticket.work', params: IdParam, body: LinkProblemInput, response: ArticleDetail, tenancy: article, example: { problemId: SOME_ID } },
      ({ actor, params, body }) => knowledge.linkProblem(actor, params.id, body.problemId),
    )
    .delete('/knowledge/articles/:id/problems/:problemId', { summary: 'Unlink the article from a problem', permission: 'ticket.work', params: ProblemLinkParam, response: ArticleDetail, tenancy: article }, ({ actor, params }) =>
      knowledge.unlinkProblem(actor, params.id, params.problemId),
    );
}
