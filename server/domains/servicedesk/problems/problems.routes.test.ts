import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ItilEventPage, ProblemAction, ProblemDetail, ProblemPage } from '../../../../shared/schemas/servicedesk-itil.ts';
import { TicketEventPage } from '../../../../shared/schemas/servicedesk.ts';
import type { Client } from '../../../test/test-app.ts';
import { at, auditTrail, createDeskTestApp, type DeskTestContext } from '../test-support.ts';
import { insertTicket } from '../tickets/tenancy-fixture.ts';
import { insertProblem } from './tenancy-fixture.ts';

let t: DeskTestContext;
beforeAll(async () => {
  t = await createDeskTestApp();
});
afterAll(() => t.app.close());
beforeEach(() => t.app.clock.set(at(0)));

async function open(c: Client, body: Record<string, unknown> = {}): Promise<ProblemDetail> {
  const res = await c.post('/problems', { orgId: t.orgs.hospital, title: '收费处打印机反复脱机', description: '两周内 6 次', ...body });
  expect(res.status, res.text).toBe(201);
  return ProblemDetail.strict().parse(res.body);
}

const ok = async (p: Promise<{ status: number; body: any; text: string }>, status = 200) => {
  const res = await p;
  expect(res.status, res.text).toBe(status);
  return res.body;
};

describe('problems', () => {
  it('numbers problems per organisation and year, and links their first incidents on both sides', async () => {
    const engineer = await t.as(t.users.engineer);
    const inc1 = await insertTicket(t.app, t.orgs.hospital, { title: '打印机脱机 1' });
    const inc2 = await insertTicket(t.app, t.orgs.dept, { title: '打印机脱机 2' });
    const p = await open(engineer, { ticketIds: [inc1, inc2], assigneeId: t.users.engineer2.id });
    expect(p.number).toMatch(/^PRB-2026-\d{6}$/);
    expect(p).toMatchObject({ status: 'new', isKnownError: false, incidentCount: 2, openActionCount: 0, assignee: { id: t.users.engineer2.id, name: '张工程师' }, createdBy: { name: '李工程师' } });
    expect(p.incidents.map((i) => i.id)).toEqual([inc1, inc2]);
    const second = await open(engineer, { title: '另一个问题' });
    expect(Number(second.number.slice(-6))).toBe(Number(p.number.slice(-6)) + 1);
    const sibling = await open(await t.as(t.users.manager), { orgId: t.orgs.sibling });
    expect(sibling.number).toBe('PRB-2026-000001');

    // the ticket's timeline notes the link, and the ticket shows the problem
    const ticketEvents = TicketEventPage.parse((await engineer.get(`/tickets/${inc1}/events`)).body);
    expect(ticketEvents.items.at(-1)).toMatchObject({ kind: 'problem_linked', details: { problemId: p.id, number: p.number } });
    expect((await engineer.get(`/tickets/${inc1}/related`)).body.problems).toEqual([{ id: p.id, number: p.number, title: p.title, status: 'new', isKnownError: false }]);
    const events = ItilEventPage.parse((await engineer.get(`/problems/${p.id}/events`)).body);
    expect(events.items.map((e) => e.kind)).toEqual(['opened', 'incident_linked', 'incident_linked']);
    expect(await auditTrail(t.app, p.id)).toEqual(['problem.create']);
  });

  it('goes new → investigating → known error → resolved → closed, with the rules of each step audited', async () => {
    const engineer = await t.as(t.users.engineer);
    const { id } = await open(engineer);
    let p = ProblemDetail.parse(await ok(engineer.post(`/problems/${id}/investigate`, { note: '收集日志' })));
    expect(p.status).toBe('investigating');

    // a known error needs its root cause and a workaround
    let res = await engineer.post(`/problems/${id}/known-error`, { workaround: '重启打印服务' });
    expect([res.status, res.body.error.code]).toEqual([400, 'problem.known_error_incomplete']);
    expect(res.body.error.details.map((d: { path: string[] }) => d.path.join('.'))).toEqual(['body.rootCause']);
    await ok(engineer.patch(`/problems/${id}`, { rootCause: '打印服务器驱动版本不一致' }));
    p = ProblemDetail.parse(await ok(engineer.post(`/problems/${id}/known-error`, { workaround: '重启打印服务' })));
    expect(p).toMatchObject({ status: 'known_error', isKnownError: true, rootCause: '打印服务器驱动版本不一致', workaround: '重启打印服务', knownErrorAt: at(0) });
    expect(ProblemPage.parse(await ok(engineer.get('/problems?knownError=true&pageSize=100'))).items.map((i) => i.id)).toContain(id);
    // a known error keeps both
    expect((await engineer.patch(`/problems/${id}`, { workaround: null })).body.error.code).toBe('problem.known_error_incomplete');

    p = ProblemDetail.parse(await ok(engineer.post(`/problems/${id}/resolve`, { resolution: '统一驱动版本' })));
    expect(p).toMatchObject({ status: 'resolved', resolution: '统一驱动版本', isKnownError: true });
    // a prevention action still open blocks closing
    const action = ProblemAction.strict().parse(await ok(engineer.post(`/problems/${id}/actions`, { title: '驱动纳入标准镜像', ownerId: t.users.engineer2.id, dueOn: '2026-12-15' }), 201));
    res = await engineer.post(`/problems/${id}/close`, {});
    expect([res.status, res.body.error.code, res.body.error.details]).toEqual([409, 'problem.open_actions', { openActions: 1 }]);
    await ok(engineer.patch(`/problems/${id}/actions/${action.id}`, { done: true }));
    p = ProblemDetail.parse(await ok(engineer.post(`/problems/${id}/close`, { note: '复盘完成' })));
    expect(p).toMatchObject({ status: 'closed', closedAt: at(0), openActionCount: 0 });
    expect((await engineer.patch(`/problems/${id}`, { title: 'x' })).body.error.code).toBe('problem.closed');

    expect(await auditTrail(t.app, id)).toEqual(['problem.create', 'problem.investigate', 'problem.update', 'problem.known_error', 'problem.resolve', 'problem.action_add', 'problem.action_update', 'problem.close']);
    const events = ItilEventPage.parse((await engineer.get(`/problems/${id}/events`)).body);
    expect(events.items.map((e) => e.kind)).toEqual(['opened', 'investigating', 'updated', 'known_error', 'resolved', 'action_added', 'action_done', 'closed']);
    expect(events.items[3]).toMatchObject({ actorName: '李工程师', details: { from: 'investigating', to: 'known_error' } });
  });

  it('answers 409 for a step the status does not allow, and changes nothing', async () => {
    const engineer = await t.as(t.users.engineer);
    const { id } = await open(engineer);
    const expect409 = async (path: string, body: unknown, status: string) => {
      const res = await engineer.post(`/problems/${id}/${path}`, body);
      expect(res.status, `${path}: ${res.text}`).toBe(409);
      expect(res.body.error).toMatchObject({ code: 'problem.invalid_transition', details: { status } });
    };
    await expect409('resolve', { resolution: 'x', rootCause: 'y' }, 'new');
    await expect409('close', {}, 'new');
    await expect409('reopen', { reason: 'x' }, 'new');
    await ok(engineer.post(`/problems/${id}/investigate`, {}));
    await expect409('investigate', {}, 'investigating');
    // resolving needs the root cause
    expect((await engineer.post(`/problems/${id}/resolve`, { resolution: '更换' })).body.error.code).toBe('problem.root_cause_required');
    await ok(engineer.post(`/problems/${id}/resolve`, { resolution: '更换', rootCause: '硬件老化' }));
    await expect409('known-error', { rootCause: 'x', workaround: 'y' }, 'resolved');
    const p = ProblemDetail.parse(await ok(engineer.post(`/problems/${id}/reopen`, { reason: '再次出现' })));
    expect(p).toMatchObject({ status: 'investigating', resolvedAt: null });
    expect(await auditTrail(t.app, id)).toEqual(['problem.create', 'problem.investigate', 'problem.resolve', 'problem.reopen']);
    expect((await engineer.post(`/problems/${id}/investigate`, { note: 'x'.repeat(2001) })).status).toBe(400);
  });

  it('links and unlinks incidents with events on both sides, inside the organisation line', async () => {
    const engineer = await t.as(t.users.engineer);
    const { id, number } = await open(engineer);
    const ticket = await insertTicket(t.app, t.orgs.hospital, { title: 'HIS 打印异常' });
    let p = ProblemDetail.parse(await ok(engineer.post(`/problems/${id}/incidents`, { ticketId: ticket })));
    expect(p.incidents.map((i) => i.id)).toEqual([ticket]);
    expect(p.incidentCount).toBe(1);
    expect((await engineer.post(`/problems/${id}/incidents`, { ticketId: ticket })).body.error.code).toBe('link.exists');
    // another hospital's ticket cannot be seen, so it cannot be linked
    const theirs = await insertTicket(t.app, t.orgs.sibling);
    let res = await engineer.post(`/problems/${id}/incidents`, { ticketId: theirs });
    expect([res.status, res.body.error.code]).toEqual([400, 'problem.bad_ticket']);
    // the manager sees both hospitals, but a hospital's problem takes incidents of its own line only
    const manager = await t.as(t.users.manager);
    res = await manager.post(`/problems/${id}/incidents`, { ticketId: theirs });
    expect([res.status, res.body.error.details[0].code]).toEqual([400, 'other_org']);
    // a region's problem gathers incidents of its hospitals
    const regional = await open(manager, { orgId: t.orgs.region, ticketIds: [theirs] });
    expect(regional.incidents.map((i) => i.id)).toEqual([theirs]);

    p = ProblemDetail.parse(await ok(engineer.delete(`/problems/${id}/incidents/${ticket}`)));
    expect(p.incidents).toEqual([]);
    expect((await engineer.delete(`/problems/${id}/incidents/${ticket}`)).status).toBe(404);
    const ticketEvents = TicketEventPage.parse((await engineer.get(`/tickets/${ticket}/events`)).body);
    expect(ticketEvents.items.map((e) => e.kind)).toEqual(['opened', 'problem_linked', 'problem_unlinked']);
    expect(ticketEvents.items[2]!.details).toEqual({ problemId: id, number });
    const events = ItilEventPage.parse((await engineer.get(`/problems/${id}/events`)).body);
    expect(events.items.map((e) => e.kind)).toEqual(['opened', 'incident_linked', 'incident_unlinked']);
    expect(await auditTrail(t.app, id)).toEqual(['problem.create', 'problem.link_ticket', 'problem.unlink_ticket']);
    // the ticket's list filter finds the problems linked to it
    expect(ProblemPage.parse(await ok(manager.get(`/problems?ticketId=${theirs}`))).items.map((i) => i.id)).toEqual([regional.id]);
  });

  it('keeps prevention actions with owners and due dates, overdue ones flagged, and finds my open ones', async () => {
    const engineer = await t.as(t.users.engineer);
    const { id } = await open(engineer);
    const late = ProblemAction.parse(await ok(engineer.post(`/problems/${id}/actions`, { title: '更换老旧打印机', ownerId: t.users.engineer.id, dueOn: '2026-11-20' }), 201));
    expect(late).toMatchObject({ owner: { id: t.users.engineer.id, name: '李工程师' }, dueOn: '2026-11-20', doneAt: null, isOverdue: true });
    const later = ProblemAction.parse(await ok(engineer.post(`/problems/${id}/actions`, { title: '巡检纳入打印服务', dueOn: '2026-12-31' }), 201));
    expect(later).toMatchObject({ owner: null, isOverdue: false });
    // owners are people of the organisation line
    const res = await engineer.post(`/problems/${id}/actions`, { title: 'x', ownerId: t.users.outsider.id });
    expect([res.status, res.body.error.code, res.body.error.details[0].path]).toEqual([400, 'problem.bad_reference', ['body', 'ownerId']]);

    expect(ProblemPage.parse(await ok(engineer.get('/problems?actionOwner=me&pageSize=100'))).items.map((i) => i.id)).toEqual([id]);
    const p = ProblemDetail.parse(await ok(engineer.get(`/problems/${id}`)));
    expect(p.actions.map((a) => a.title)).toEqual(['更换老旧打印机', '巡检纳入打印服务']);
    expect(p.openActionCount).toBe(2);

    const done = ProblemAction.parse(await ok(engineer.patch(`/problems/${id}/actions/${late.id}`, { done: true })));
    expect(done).toMatchObject({ doneAt: at(0), isOverdue: false });
    expect(ProblemPage.parse(await ok(engineer.get('/problems?actionOwner=me&pageSize=100'))).items).toEqual([]);
    const moved = ProblemAction.parse(await ok(engineer.patch(`/problems/${id}/actions/${later.id}`, { ownerId: t.users.engineer2.id, dueOn: null })));
    expect(moved).toMatchObject({ owner: { id: t.users.engineer2.id }, dueOn: null });
    expect((await engineer.delete(`/problems/${id}/actions/${later.id}`)).status).toBe(204);
    expect((await engineer.delete(`/problems/${id}/actions/${later.id}`)).status).toBe(404);
    expect(await auditTrail(t.app, id)).toEqual(['problem.create', 'problem.action_add', 'problem.action_add', 'problem.action_update', 'problem.action_update', 'problem.action_remove']);
  });

  it('filters, searches and pages the list', async () => {
    const engineer = await t.as(t.users.engineer);
    const a = await open(engineer, { title: '核心交换机端口闪断' });
    t.app.clock.set(at(5));
    const b = await open(engineer, { title: 'PACS 影像调阅缓慢', assigneeId: t.users.engineer.id });
    await ok(engineer.post(`/problems/${b.id}/investigate`, {}));
    const ids = (p: unknown) => ProblemPage.parse(p).items.map((i) => i.id);
    expect(ids(await ok(engineer.get(`/problems?q=${encodeURIComponent('交换机')}`)))).toEqual([a.id]);
    expect(ids(await ok(engineer.get(`/problems?q=${encodeURIComponent(b.number)}`)))).toEqual([b.id]);
    expect(ids(await ok(engineer.get('/problems?status=investigating&pageSize=100')))).toContain(b.id);
    expect(ids(await ok(engineer.get('/problems?status=investigating&pageSize=100')))).not.toContain(a.id);
    expect(ids(await ok(engineer.get('/problems?status=open&pageSize=100')))).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(ids(await ok(engineer.get('/problems?assignee=me&pageSize=100')))).toEqual([b.id]);
    expect(ids(await ok(engineer.get('/problems?assignee=none&pageSize=100')))).not.toContain(b.id);
    expect(ids(await ok(engineer.get('/problems?q=100%25')))).toEqual([]);
    const page = ProblemPage.parse(await ok(engineer.get('/problems?pageSize=1&page=2')));
    expect(page.items).toHaveLength(1);
    expect(page.total).toBeGreaterThanOrEqual(2);
    const oldest = ProblemPage.parse(await ok(engineer.get(`/problems?sort=createdAt&orgId=${t.orgs.hospital}&pageSize=100`)));
    expect(oldest.items.map((i) => i.id).indexOf(a.id)).toBeLessThan(oldest.items.map((i) => i.id).indexOf(b.id));
    expect((await engineer.get('/problems?status=bogus')).status).toBe(400);
  });

  it('keeps other organisations\' problems invisible (404, absent from lists) and read-only for viewers', async () => {
    const engineer = await t.as(t.users.engineer);
    const mine = await open(engineer, { title: '州医院的问题' });
    const theirs = await insertProblem(t.app, t.orgs.sibling, { title: '县医院的问题' });
    const outsider = await t.as(t.users.outsider);
    for (const path of [`/problems/${mine.id}`, `/problems/${mine.id}/events`]) expect((await outsider.get(path)).status, path).toBe(404);
    for (const [path, body] of [
      [`/problems/${mine.id}/investigate`, {}],
      [`/problems/${mine.id}/actions`, { title: 'x' }],
      [`/problems/${mine.id}/incidents`, { ticketId: await insertTicket(t.app, t.orgs.sibling) }],
    ] as const) {
      expect((await outsider.post(path, body)).status, path).toBe(404);
    }
    expect((await outsider.patch(`/problems/${mine.id}`, { title: 'x' })).status).toBe(404);
    const outsiderList = ProblemPage.parse((await outsider.get('/problems?pageSize=100')).body).items.map((i) => i.id);
    expect(outsiderList).toContain(theirs);
    expect(outsiderList).not.toContain(mine.id);
    expect(ProblemPage.parse((await engineer.get('/problems?pageSize=100')).body).items.map((i) => i.id)).not.toContain(theirs);
    expect((await outsider.post('/problems', { orgId: t.orgs.hospital, title: 'x' })).status).toBe(404);
    // viewers read, never write
    const viewer = await t.as(t.users.viewer);
    expect((await viewer.get(`/problems/${mine.id}`)).status).toBe(200);
    expect((await viewer.post(`/problems/${mine.id}/investigate`, {})).status).toBe(403);
    expect((await viewer.post('/problems', { orgId: t.orgs.hospital, title: 'x' })).status).toBe(403);
    expect(await auditTrail(t.app, mine.id)).toEqual(['problem.create']);
  });
});
