import type { App } from '../../../app.ts';
import type { TenancyFixture } from '../../../test/tenancy-fixtures.ts';

/** An article written directly (test scaffolding). */
export async function insertArticle(app: App, orgId: string, opts: { title?: string; body?: string; category?: string; tags?: string[]; status?: 'draft' | 'published' } = {}): Promise<string> {
  const now = app.platform.clock.now();
  const status = opts.status ?? 'published';
  const row = await app.platform.db
    .insertInto('knowledgeArticles')
    .values({ orgId, title: opts.title ?? 'tenancy article', body: opts.body ?? 'tenancy body', category: opts.category ?? '', tags: opts.tags ?? [], status, authorId: null, publishedAt: status === 'published' ? now : null, publishedBy: null, createdAt: now, updatedAt: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The harness's article: published (the widest visibility), so every way of reading it is checked. */
export const knowledgeArticleTenancyFixture: TenancyFixture = {
  create: (app, orgId) => insertArticle(app, orgId),
  snapshot: async (app, id) => ({
    article: await app.platform.db.selectFrom('knowledgeArticles').selectAll().where('id', '=', id).executeTakeFirst(),
    links: await app.platform.db.selectFrom('knowledgeArticleLinks').selectAll().where('articleId', '=', id).execute(),
  }),
};
