/**
 * The knowledge base (知识库): Markdown articles of an organisation with a category and tags, drafts and published
 * ones. Engineers (ticket.work) write drafts; publishing, unpublishing, editing a published article and deleting
 * need knowledge.manage. A published article serves the organisation's subtree (a region's articles answer its
 * hospitals' tickets); drafts stay inside the scope. Search is a substring match over title, category and body
 * (trigram-indexed where pg_trgm exists) or a tag; suggestions rank published articles by the terms they share
 * with the text of a ticket being written.
 */
import { sql, type Selectable } from 'kysely';
import {
  ArticleInput as CreateSchema,
  type ArticleDetail,
  type ArticleInput,
  type ArticleListItem,
  type ArticleListQuery,
  type ArticlePage,
  type ArticleSuggestions,
  type ArticleSuggestQuery,
  type ArticleUpdateInput,
} from '../../../../shared/schemas/servicedesk-itil.ts';
import { assertInScope, inScope, scopeOf, type Actor } from '../../../platform/actor.ts';
import { subjectOf } from '../../../platform/audit.ts';
import type { Db } from '../../../platform/db.ts';
import type { PlatformDeps } from '../../../platform/deps.ts';
import { conflict, forbidden, invalid, notFound } from '../../../platform/errors.ts';
import type { KnowledgeArticlesTable } from '../itil.tables.ts';
import { atOrAbove, excerptOf, likePattern, onSameLine, problemRefs, readableArticles, toProblemRef, WORK } from '../itil.ts';
import { scopedTickets } from '../tickets/tickets.repository.ts';
import { matchedTerms, suggestTerms } from './suggest.ts';

const MANAGE = 'knowledge.manage';
const SUGGESTIONS = 5;

type Row = Selectable<KnowledgeArticlesTable>;
type ListedRow = Omit<Row, 'body' | 'searchText'> & { orgName: string; authorName: string | null; head: string };

const normaliseTags = (tags: readonly string[]) => [...new Set(tags.map((t) => t.trim()).filter(Boolean))];
const snapshot = (r: Pick<Row, 'title' | 'category' | 'tags' | 'status'>) => ({ title: r.title, category: r.category, tags: r.tags, status: r.status });

const present = (r: ListedRow): ArticleListItem => ({
  id: r.id,
  orgId: r.orgId,
  orgName: r.orgName,
  title: r.title,
  category: r.category,
  tags: r.tags,
  status: r.status,
  author: r.authorId ? { id: r.authorId, name: r.authorName ?? '' } : null,
  excerpt: excerptOf(r.head),
  publishedAt: r.publishedAt?.toISOString() ?? null,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

export function createKnowledgeService({ db, audit, clock }: Pick<PlatformDeps, 'db' | 'audit' | 'clock'>) {
  const listed = <Q extends ReturnType<typeof readableArticles>>(q: Q) =>
    q
      .innerJoin('organisations as o', 'o.id', 'k.orgId')
      .leftJoin('users as u', 'u.id', 'k.authorId')
      .select(['k.id', 'k.orgId', 'k.title', 'k.category', 'k.tags', 'k.status', 'k.authorId', 'k.publishedAt', 'k.publishedBy', 'k.createdAt', 'k.updatedAt', 'o.name as orgName', 'u.displayName as authorName', sql<string>`left(k.body, 600)`.as('head')]);

  /** An article in the actor's scope for `permission`, under a row lock; 404 otherwise. */
  async function lock(trx: Db, actor: Actor, id: string, permission: typeof WORK | typeof MANAGE): Promise<Row> {
    const row = await trx.selectFrom('knowledgeArticles as k').selectAll('k').where('k.id', '=', id).where(inScope(scopeOf(actor, permission), 'k.org_id', actor)).forUpdate().executeTakeFirst();
    if (!row) throw notFound('knowledge_article', id);
    return row;
  }

  /** A published article is changed by knowledge.manage only (403 when the actor sees it but lacks that). */
  async function assertMayEdit(trx: Db, actor: Actor, row: Row): Promise<void> {
    if (row.status !== 'published') return;
    const ok = await assertInScope(trx, actor, MANAGE, row.orgId, 'knowledge_article', row.id).then(
      () => true,
      () => false,
    );
    if (!ok) throw forbidden('knowledge_article.published', 'Editing a published article needs knowledge.manage');
  }

  async function detail(actor: Actor, id: string): Promise<ArticleDetail> {
    const row = await listed(readableArticles(db, actor)).select('k.body').where('k.id', '=', id).executeTakeFirst();
    if (!row) throw notFound('knowledge_article', id);
    const linkedIds = await db.selectFrom('knowledgeArticleLinks').select(['kind', 'targetId']).where('articleId', '=', id).execute();
    const ticketIds = linkedIds.filter((l) => l.kind === 'ticket').map((l) => l.targetId);
    const problemIds = linkedIds.filter((l) => l.kind === 'problem').map((l) => l.targetId);
    const tickets = ticketIds.length ? await scopedTickets(db, actor, 'ticket.read').select(['t.id', 't.number', 't.title', 't.status', 't.orgId']).where('t.id', 'in', ticketIds).orderBy('t.openedAt').execute() : [];
    const problems = problemIds.length ? await problemRefs(db, actor).where('p.id', 'in', problemIds).orderBy('p.createdAt').execute() : [];
    return { ...present(row), body: row.body, tickets, problems: problems.map(toProblemRef) };
  }

  /** Articles readable by the actor, of `orgId`'s line (at or above it, or below it) when given. */
  const forOrg = (q: ReturnType<typeof readableArticles>, orgId: string | undefined) =>
    orgId ? q.where((eb) => eb.or([atOrAbove('k.org_id', orgId), eb('k.orgId', 'in', eb.selectFrom('organisations').select('id').where(sql<boolean>`ancestor_ids @> array[${orgId}]::uuid[]`))])) : q;

  /** Links an article to a ticket or a problem on its organisation line (the target: one the actor works on). */
  async function link(actor: Actor, id: string, kind: 'ticket' | 'problem', targetId: string, remove: boolean): Promise<ArticleDetail> {
    await db.transaction().execute(async (trx) => {
      const article = await readableArticles(trx, actor).select(['k.id', 'k.orgId', 'k.title']).where('k.id', '=', id).executeTakeFirst();
      if (!article) throw notFound('knowledge_article', id);
      const target =
        kind === 'ticket'
          ? await scopedTickets(trx, actor, WORK).select(['t.id', 't.orgId', 't.number']).where('t.id', '=', targetId).executeTakeFirst()
          : await trx.selectFrom('problems as p').select(['p.id', 'p.orgId', 'p.number']).where('p.id', '=', targetId).where(inScope(scopeOf(actor, WORK), 'p.org_id', actor)).executeTakeFirst();
      const now = clock.now();
      if (remove) {
        const gone = target ? await trx.deleteFrom('knowledgeArticleLinks').where('articleId', '=', id).where('kind', '=', kind).where('targetId', '=', targetId).returning('articleId').executeTakeFirst() : undefined;
        if (!gone) throw notFound(`${kind}_link`, targetId);
      } else {
        const path = ['body', `${kind}Id`];
        if (!target) throw invalid('knowledge_article.bad_link', `No such ${kind} to link`, [{ path, message: `no such ${kind}`, code: `unknown_${kind}` }]);
        if (!(await onSameLine(trx, article.orgId, target.orgId))) throw invalid('knowledge_article.bad_link', `${target.number} belongs to another branch of the organisation tree`, [{ path, message: 'another branch of the organisation tree', code: 'other_org' }]);
        const added = await trx.insertInto('knowledgeArticleLinks').values({ articleId: id, kind, targetId, createdAt: now, createdBy: actor.userId }).onConflict((oc) => oc.doNothing()).returning('articleId').executeTakeFirst();
        if (!added) throw conflict('link.exists', `The article is already linked to ${target.number}`);
      }
      await audit.record(trx, subjectOf(actor), {
        eventType: `knowledge_article.${remove ? 'unlink' : 'link'}_${kind}`,
        action: 'update',
        objectType: 'knowledge_article',
        objectId: id,
        orgId: article.orgId,
        detail: { title: article.title, kind, targetId, number: target!.number },
      });
    });
    return detail(actor, id);
  }

  return {
    detail,

    /** Search: `q` over title, category and body (or an exact tag), filters, paged; title matches first. */
    async list(actor: Actor, query: ArticleListQuery): Promise<ArticlePage> {
      let q = forOrg(readableArticles(db, actor), query.orgId);
      if (query.status) q = q.where('k.status', '=', query.status);
      if (query.category) q = q.where('k.category', '=', query.category);
      if (query.tag) q = q.where(sql<boolean>`k.tags @> array[${query.tag}]::text[]`);
      if (query.ticketId) q = q.where('k.id', 'in', (eb) => eb.selectFrom('knowledgeArticleLinks').select('articleId').where('kind', '=', 'ticket').where('targetId', '=', query.ticketId!));
      if (query.problemId) q = q.where('k.id', 'in', (eb) => eb.selectFrom('knowledgeArticleLinks').select('articleId').where('kind', '=', 'problem').where('targetId', '=', query.problemId!));
      const pattern = query.q ? likePattern(query.q) : null;
      if (pattern) q = q.where((eb) => eb.or([eb('k.searchText', 'like', pattern), sql<boolean>`exists (select 1 from unnest(k.tags) tg where lower(tg) = ${query.q!.toLowerCase()})`]));
      let rows = listed(q);
      if (pattern) rows = rows.orderBy(sql`lower(k.title) like ${pattern}`, 'desc');
      const [count, items] = await Promise.all([
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        rows.orderBy('k.updatedAt', 'desc').orderBy('k.id').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute(),
      ]);
      return { items: items.map(present), total: Number(count.n), page: query.page, pageSize: query.pageSize };
    },

    /** The five published articles that best match the text of a ticket being written (title 3, tag 4, body 1 per term). */
    async suggest(actor: Actor, query: ArticleSuggestQuery): Promise<ArticleSuggestions> {
      const terms = suggestTerms(query.q);
      if (terms.length === 0) return { items: [] };
      const lowerText = query.q.toLowerCase();
      const parts = terms.map((t) => {
        const p = likePattern(t);
        return sql<number>`(case when lower(k.title) like ${p} then 3 else 0 end + case when k.search_text like ${p} then 1 else 0 end)`;
      });
      const tagScore = sql<number>`(select count(*) * 4 from unnest(k.tags) tg where char_length(tg) >= 2 and position(lower(tg) in ${lowerText}) > 0)`;
      const score = sql<number>`(${sql.join(parts, sql` + `)} + ${tagScore})`;
      const scored = forOrg(readableArticles(db, actor), query.orgId).where('k.status', '=', 'published').select(['k.id', 'k.title', 'k.category', 'k.tags', 'k.body', 'k.publishedAt', score.as('score')]);
      const rows = await db.selectFrom(scored.as('s')).selectAll('s').where('s.score', '>', 0).orderBy('s.score', 'desc').orderBy('s.publishedAt', 'desc').orderBy('s.id').limit(SUGGESTIONS).execute();
      return {
        items: rows.map((r) => ({ id: r.id, title: r.title, category: r.category, tags: r.tags, excerpt: excerptOf(r.body.slice(0, 600)), score: Number(r.score), matched: matchedTerms(terms, r, query.q) })),
      };
    },

    /** A draft article of an organisation in the actor's scope; the actor is its author. */
    async create(actor: Actor, input: ArticleInput): Promise<ArticleDetail> {
      const body = CreateSchema.parse(input);
      await assertInScope(db, actor, WORK, body.orgId, 'organisation', body.orgId);
      const id = await db.transaction().execute(async (trx) => {
        const now = clock.now();
        const row = await trx
          .insertInto('knowledgeArticles')
          .values({ orgId: body.orgId, title: body.title, body: body.body, category: body.category, tags: normaliseTags(body.tags), authorId: actor.userId, publishedAt: null, publishedBy: null, createdAt: now, updatedAt: now })
          .returningAll()
          .executeTakeFirstOrThrow();
        await audit.record(trx, subjectOf(actor), { eventType: 'knowledge_article.create', action: 'create', objectType: 'knowledge_article', objectId: row.id, orgId: row.orgId, detail: { after: snapshot(row) } });
        return row.id;
      });
      return detail(actor, id);
    },

    /** Title, body, category, tags; a published article needs knowledge.manage. */
    async update(actor: Actor, id: string, input: ArticleUpdateInput): Promise<ArticleDetail> {
      await db.transaction().execute(async (trx) => {
        const before = await lock(trx, actor, id, WORK);
        await assertMayEdit(trx, actor, before);
        const after = await trx
          .updateTable('knowledgeArticles')
          .set({
            ...(input.title !== undefined ? { title: input.title } : {}),
            ...(input.body !== undefined ? { body: input.body } : {}),
            ...(input.category !== undefined ? { category: input.category } : {}),
            ...(input.tags !== undefined ? { tags: normaliseTags(input.tags) } : {}),
            updatedAt: clock.now(),
          })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await audit.record(trx, subjectOf(actor), { eventType: 'knowledge_article.update', action: 'update', objectType: 'knowledge_article', objectId: id, orgId: before.orgId, detail: { before: snapshot(before), after: snapshot(after), bodyChanged: input.body !== undefined && input.body !== before.body } });
      });
      return detail(actor, id);
    },

    /** Published: the subtree's desk sees it, and suggestions offer it. */
    publish: (actor: Actor, id: string) => setStatus(actor, id, 'published'),
    /** Back to a draft. */
    unpublish: (actor: Actor, id: string) => setStatus(actor, id, 'draft'),

    async remove(actor: Actor, id: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const before = await lock(trx, actor, id, MANAGE);
        await trx.deleteFrom('knowledgeArticles').where('id', '=', id).execute();
        await audit.record(trx, subjectOf(actor), { eventType: 'knowledge_article.delete', action: 'delete', objectType: 'knowledge_article', objectId: id, orgId: before.orgId, detail: { before: snapshot(before) } });
      });
    },

    linkTicket: (actor: Actor, id: string, ticketId: string) => link(actor, id, 'ticket', ticketId, false),
    unlinkTicket: (actor: Actor, id: string, ticketId: string) => link(actor, id, 'ticket', ticketId, true),
    linkProblem: (actor: Actor, id: string, problemId: string) => link(actor, id, 'problem', problemId, false),
    unlinkProblem: (actor: Actor, id: string, problemId: string) => link(actor, id, 'problem', problemId, true),
  };

  async function setStatus(actor: Actor, id: string, status: 'draft' | 'published'): Promise<ArticleDetail> {
    await db.transaction().execute(async (trx) => {
      const before = await lock(trx, actor, id, MANAGE);
      if (before.status === status) throw conflict('knowledge_article.invalid_transition', `The article is already ${status === 'published' ? 'published' : 'a draft'}`, { status });
      const now = clock.now();
      const after = await trx
        .updateTable('knowledgeArticles')
        .set({ status, updatedAt: now, ...(status === 'published' ? { publishedAt: now, publishedBy: actor.userId } : { publishedAt: null, publishedBy: null }) })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit.record(trx, subjectOf(actor), { eventType: `knowledge_article.${status === 'published' ? 'publish' : 'unpublish'}`, action: 'update', objectType: 'knowledge_article', objectId: id, orgId: before.orgId, detail: { before: snapshot(before), after: snapshot(after) } });
    });
    return detail(actor, id);
  }
}

export type KnowledgeService = ReturnType<typeof createKnowledgeService>;
