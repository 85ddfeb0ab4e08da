import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ArticleDetail, ArticlePage, ArticleSuggestions, ProblemDetail, TicketRelated } from '../../../../shared/schemas/servicedesk-itil.ts';
import { makeUser, type Client } from '../../../test/test-app.ts';
import { at, auditTrail, createDeskTestApp, type DeskTestContext } from '../test-support.ts';
import { insertTicket } from '../tickets/tenancy-fixture.ts';
import { insertArticle } from './tenancy-fixture.ts';

let t: DeskTestContext;
/** Works tickets but does not manage the knowledge base (a custom desk role). */
let agent: Awaited<ReturnType<typeof makeUser>>;
beforeAll(async () => {
  t = await createDeskTestApp();
  await t.app.platform.db.insertInto('roles').values({ key: 'desk_agent', name: '服务台坐席', nameEn: 'Desk agent', description: null, adminClass: null, isBuiltin: false, permissions: ['org.read', 'ticket.read', 'ticket.work'] }).execute();
  agent = await makeUser(t.app, t.orgs.hospital, ['desk_agent']);
});
afterAll(() => t.app.close());
beforeEach(() => t.app.clock.set(at(0)));

async function write(c: Client, body: Record<string, unknown>): Promise<ArticleDetail> {
  const res = await c.post('/knowledge/articles', { orgId: t.orgs.hospital, ...body });
  expect(res.status, res.text).toBe(201);
  return ArticleDetail.strict().parse(res.body);
}

async function published(c: Client, body: Record<string, unknown>): Promise<ArticleDetail> {
  const a = await write(c, body);
  const res = await c.post(`/knowledge/articles/${a.id}/publish`, {});
  expect(res.status, res.text).toBe(200);
  return ArticleDetail.parse(res.body);
}

const ids = (p: unknown) => ArticlePage.parse(p).items.map((i) => i.id);

describe('knowledge base', () => {
  it('keeps drafts to the desk and publishing to knowledge managers', async () => {
    const engineer = await t.as(t.users.engineer);
    const a = await write(engineer, { title: '收费处打印机脱机的处理', body: '## 步骤\n1. 检查**打印服务**\n2. 重启打印机', category: '打印机', tags: ['打印机', ' 收费 ', '打印机'] });
    expect(a).toMatchObject({ status: 'draft', author: { id: t.users.engineer.id, name: '李工程师' }, tags: ['打印机', '收费'], publishedAt: null, excerpt: '步骤 检查打印服务 重启打印机' });
    expect((await (await t.as(t.users.viewer)).post('/knowledge/articles', { orgId: t.orgs.hospital, title: 'x' })).status).toBe(403);
    expect((await (await t.as(t.users.viewer)).get(`/knowledge/articles/${a.id}`)).status).toBe(200);

    // an agent edits drafts, but neither publishes nor edits what is published
    const desk = await t.as(agent);
    expect(ArticleDetail.parse((await desk.patch(`/knowledge/articles/${a.id}`, { body: '1. 检查打印服务\n2. 重启打印机\n3. 清理队列' })).body).body).toContain('清理队列');
    expect((await desk.post(`/knowledge/articles/${a.id}/publish`, {})).status).toBe(403);
    let d = ArticleDetail.parse((await engineer.post(`/knowledge/articles/${a.id}/publish`, {})).body);
    expect(d).toMatchObject({ status: 'published', publishedAt: at(0) });
    expect((await engineer.post(`/knowledge/articles/${a.id}/publish`, {})).body.error.code).toBe('knowledge_article.invalid_transition');
    const res = await desk.patch(`/knowledge/articles/${a.id}`, { title: 'x' });
    expect([res.status, res.body.error.code]).toEqual([403, 'knowledge_article.published']);
    d = ArticleDetail.parse((await engineer.patch(`/knowledge/articles/${a.id}`, { category: '外设' })).body);
    expect(d.category).toBe('外设');
    d = ArticleDetail.parse((await engineer.post(`/knowledge/articles/${a.id}/unpublish`, {})).body);
    expect(d).toMatchObject({ status: 'draft', publishedAt: null });
    expect((await desk.delete(`/knowledge/articles/${a.id}`)).status).toBe(403);
    expect((await engineer.delete(`/knowledge/articles/${a.id}`)).status).toBe(204);
    expect((await engineer.get(`/knowledge/articles/${a.id}`)).status).toBe(404);
    expect(await auditTrail(t.app, a.id)).toEqual(['knowledge_article.create', 'knowledge_article.update', 'knowledge_article.publish', 'knowledge_article.update', 'knowledge_article.unpublish', 'knowledge_article.delete']);
  });

  it('searches title, category and body or a tag; a region\'s published articles serve its hospitals', async () => {
    const manager = await t.as(t.users.manager);
    const engineer = await t.as(t.users.engineer);
    const regional = await published(manager, { orgId: t.orgs.region, title: 'VPN 客户端连接失败', body: '检查证书有效期与防火墙 UDP 500 端口', category: '网络', tags: ['VPN', '证书'] });
    const regionalDraft = await write(manager, { orgId: t.orgs.region, title: 'VPN 证书更新流程（草稿）', body: '证书' });
    const siblings = await insertArticle(t.app, t.orgs.sibling, { title: '县医院 VPN 账号', body: '证书', tags: ['VPN'] });
    const local = await write(engineer, { title: '院内无线网络认证', body: '证书过期时提示 VPN 不可用', category: '网络', tags: ['无线'] });

    const seen = ids((await engineer.get('/knowledge/articles?pageSize=100')).body);
    expect(seen).toEqual(expect.arrayContaining([regional.id, local.id]));
    expect(seen).not.toContain(regionalDraft.id);
    expect(seen).not.toContain(siblings);
    // title matches first, then the body
    expect(ids((await engineer.get(`/knowledge/articles?q=${encodeURIComponent('vpn')}`)).body)).toEqual([regional.id, local.id]);
    expect(ids((await engineer.get(`/knowledge/articles?q=${encodeURIComponent('UDP 500')}`)).body)).toEqual([regional.id]);
    expect(ids((await engineer.get(`/knowledge/articles?q=${encodeURIComponent('无线')}`)).body)).toEqual([local.id]);
    expect(ids((await engineer.get(`/knowledge/articles?tag=${encodeURIComponent('证书')}`)).body)).toEqual([regional.id]);
    expect(ids((await engineer.get(`/knowledge/articles?category=${encodeURIComponent('网络')}&status=draft`)).body)).toEqual([local.id]);
    expect(ids((await engineer.get(`/knowledge/articles?orgId=${t.orgs.hospital}&q=vpn`)).body)).toEqual([regional.id, local.id]);
    expect(ids((await engineer.get('/knowledge/articles?q=100%25')).body)).toEqual([]);
    const page = ArticlePage.parse((await engineer.get('/knowledge/articles?pageSize=1&page=2&q=vpn')).body);
    expect([page.total, page.items.map((i) => i.id)]).toEqual([2, [local.id]]);
    // the region's article is read-only below it
    expect((await engineer.get(`/knowledge/articles/${regional.id}`)).status).toBe(200);
    expect((await engineer.patch(`/knowledge/articles/${regional.id}`, { title: 'x' })).status).toBe(404);
    expect((await engineer.post(`/knowledge/articles/${regional.id}/unpublish`, {})).status).toBe(404);
    // and another hospital's never shows
    const outsider = await t.as(t.users.outsider);
    expect((await outsider.get(`/knowledge/articles/${local.id}`)).status).toBe(404);
    expect((await outsider.post(`/knowledge/articles/${local.id}/publish`, {})).status).toBe(404);
    expect(ids((await outsider.get('/knowledge/articles?pageSize=100')).body)).not.toContain(local.id);
    expect(ids((await outsider.get('/knowledge/articles?pageSize=100')).body)).toEqual(expect.arrayContaining([siblings, regional.id]));
  });

  it('suggests the five best published articles for the text of a ticket being written', async () => {
    const engineer = await t.as(t.users.engineer);
    const best = await published(engineer, { title: '血球仪联机中断的处理', body: '检查 LIS 接口服务与串口线', category: '检验', tags: ['血球仪', 'LIS'] });
    const second = await published(engineer, { title: 'LIS 结果回传延迟', body: '血球仪结果排队时重启接口服务', category: '检验' });
    const third = await published(engineer, { title: '生化仪联机配置', body: '联机参数与串口设置', category: '检验' });
    const weak = await published(engineer, { title: '检验科电脑蓝屏', body: '更新显卡驱动' });
    const others = [];
    for (let i = 0; i < 3; i++) others.push(await published(engineer, { title: `报告打印 ${i}`, body: '联机打印' }));
    const draft = await write(engineer, { title: '血球仪联机中断（草稿）', body: '血球仪 联机 LIS', tags: ['血球仪'] });
    await published(engineer, { title: '门诊叫号屏黑屏', body: '检查电源' });

    const text = '检验科血球仪联机中断，结果无法回传LIS';
    const res = await engineer.get(`/knowledge/suggest?q=${encodeURIComponent(text)}&orgId=${t.orgs.dept}`);
    expect(res.status, res.text).toBe(200);
    const s = ArticleSuggestions.strict().parse(res.body);
    expect(s.items).toHaveLength(5);
    // 3 per term shared with the title, 1 per term anywhere, 4 per tag found in the text; then one of three at 1
    expect(s.items.map((i) => i.id).slice(0, 4)).toEqual([best.id, second.id, third.id, weak.id]);
    expect(s.items.map((i) => i.score)).toEqual([34, 15, 9, 8, 1]);
    expect(others.map((o) => o.id)).toContain(s.items[4]!.id);
    expect(s.items.map((i) => i.id)).not.toContain(draft.id);
    expect(s.items[0]).toMatchObject({ title: '血球仪联机中断的处理', excerpt: '检查 LIS 接口服务与串口线', category: '检验' });
    expect(s.items[0]!.matched).toEqual(expect.arrayContaining(['血球仪', 'lis', '联机', '中断']));
    // nothing to go on, nothing suggested
    expect(ArticleSuggestions.parse((await engineer.get('/knowledge/suggest?q=')).body).items).toEqual([]);
    expect(ArticleSuggestions.parse((await engineer.get(`/knowledge/suggest?q=${encodeURIComponent('请问')}`)).body).items).toEqual([]);
    // another hospital's desk gets none of the hospital's articles
    const theirs = ArticleSuggestions.parse((await (await t.as(t.users.outsider)).get(`/knowledge/suggest?q=${encodeURIComponent(text)}`)).body);
    expect(theirs.items.map((i) => i.id)).not.toContain(best.id);
  });

  it('links articles to tickets and problems of its organisation line', async () => {
    const manager = await t.as(t.users.manager);
    const engineer = await t.as(t.users.engineer);
    const regional = await published(manager, { orgId: t.orgs.region, title: '打印服务重启步骤', body: '...' });
    const ticket = await insertTicket(t.app, t.orgs.dept, { title: '急诊打印机脱机' });
    const problem = ProblemDetail.parse((await engineer.post('/problems', { orgId: t.orgs.hospital, title: '打印服务频繁崩溃' })).body);

    let d = ArticleDetail.parse((await engineer.post(`/knowledge/articles/${regional.id}/tickets`, { ticketId: ticket })).body);
    expect(d.tickets.map((x) => x.id)).toEqual([ticket]);
    expect((await engineer.post(`/knowledge/articles/${regional.id}/tickets`, { ticketId: ticket })).body.error.code).toBe('link.exists');
    d = ArticleDetail.parse((await engineer.post(`/knowledge/articles/${regional.id}/problems`, { problemId: problem.id })).body);
    expect(d.problems.map((x) => x.id)).toEqual([problem.id]);
    expect(TicketRelated.strict().parse((await engineer.get(`/tickets/${ticket}/related`)).body).articles).toEqual([{ id: regional.id, title: '打印服务重启步骤', status: 'published' }]);
    expect(ProblemDetail.parse((await engineer.get(`/problems/${problem.id}`)).body).articles.map((a) => a.id)).toEqual([regional.id]);
    expect(ids((await engineer.get(`/knowledge/articles?ticketId=${ticket}`)).body)).toEqual([regional.id]);
    expect(ids((await engineer.get(`/knowledge/articles?problemId=${problem.id}`)).body)).toEqual([regional.id]);

    // a ticket of another hospital cannot be linked by the hospital's engineer (not visible) nor by the manager (another line)
    const siblingArticle = await insertArticle(t.app, t.orgs.sibling, { title: '县医院文章' });
    let res = await engineer.post(`/knowledge/articles/${regional.id}/tickets`, { ticketId: await insertTicket(t.app, t.orgs.sibling) });
    expect([res.status, res.body.error.code]).toEqual([400, 'knowledge_article.bad_link']);
    res = await manager.post(`/knowledge/articles/${siblingArticle}/tickets`, { ticketId: ticket });
    expect([res.status, res.body.error.details[0].code]).toEqual([400, 'other_org']);

    d = ArticleDetail.parse((await engineer.delete(`/knowledge/articles/${regional.id}/tickets/${ticket}`)).body);
    expect(d.tickets).toEqual([]);
    expect((await engineer.delete(`/knowledge/articles/${regional.id}/tickets/${ticket}`)).status).toBe(404);
    d = ArticleDetail.parse((await engineer.delete(`/knowledge/articles/${regional.id}/problems/${problem.id}`)).body);
    expect(d.problems).toEqual([]);
    expect(await auditTrail(t.app, regional.id)).toEqual(['knowledge_article.create', 'knowledge_article.publish', 'knowledge_article.link_ticket', 'knowledge_article.link_problem', 'knowledge_article.unlink_ticket', 'knowledge_article.unlink_problem']);
  });
});
