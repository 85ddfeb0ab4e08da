import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MyTicket, MyTicketPage, TicketCommentPage, TicketDetail, TicketPage, TicketWorkLogPage, WorkbenchPage } from '../../../../shared/schemas/servicedesk.ts';
import { insertGroup } from '../catalog/tenancy-fixture.ts';
import { at, auditTrail, createDeskTestApp, insertAsset, type DeskTestContext } from '../test-support.ts';
import { insertTicket } from './tenancy-fixture.ts';

let t: DeskTestContext;
beforeAll(async () => {
  t = await createDeskTestApp();
});
afterAll(() => t.app.close());
beforeEach(() => t.app.clock.set(at(0)));

async function open(body: Record<string, unknown> = {}, orgId = t.orgs.hospital): Promise<TicketDetail> {
  const res = await (await t.as(t.users.engineer)).post('/tickets', { orgId, channel: 'phone', title: '门诊 HIS 无法登录', requesterName: '王护士', ...body });
  expect(res.status, res.text).toBe(201);
  return TicketDetail.strict().parse(res.body);
}

describe('tickets API', () => {
  it('numbers tickets per organisation, type and year', async () => {
    const a = await open({ type: 'service_request', title: '新增打印机' });
    const b = await open({ type: 'service_request', title: '新增扫描仪' });
    const c = await open({ type: 'consultation', title: '如何导出报表' });
    expect(a.number).toMatch(/^REQ-2026-\d{6}$/);
    expect(Number(b.number.slice(-6))).toBe(Number(a.number.slice(-6)) + 1);
    expect(c.number).toBe('CON-2026-000001');
    // a consultation needs nobody on site
    expect(c.clocks.clocks.find((k) => k.kind === 'onSite')!.status).toBe('not_applicable');
    expect(c.sla.onSiteDueAt).toBeNull();
    // another organisation has its own sequence
    const manager = await t.as(t.users.manager);
    const other = TicketDetail.parse((await manager.post('/tickets', { orgId: t.orgs.sibling, type: 'service_request', channel: 'wecom', title: '开通账号', requesterName: '县医院' })).body);
    expect(other.number).toBe('REQ-2026-000001');
    expect((await manager.post('/tickets', { orgId: t.orgs.hospital, channel: 'alert', title: 'x', requesterName: 'y' })).status).toBe(400);
  });

  it('seals the requester\'s phone with SM4 and answers it masked; the full number only through an audited reveal', async () => {
    const opened = await open({ requesterPhone: '13812341234' });
    expect(opened.requesterPhone).toBe('138****1234');
    const row = await t.app.platform.db.selectFrom('tickets').select('requesterPhoneSealed').where('id', '=', opened.id).executeTakeFirstOrThrow();
    expect(row.requesterPhoneSealed).toMatch(/^sm4gcm:v1:/);
    expect(row.requesterPhoneSealed).not.toContain('13812341234');
    const engineer = await t.as(t.users.engineer);
    const list = await engineer.get(`/tickets?q=${encodeURIComponent(opened.number)}`);
    expect(list.text).not.toContain('13812341234');
    expect(list.text).not.toContain('138****');
    const revealed = await engineer.post(`/tickets/${opened.id}/requester-phone`, {});
    expect(revealed.body).toEqual({ phone: '13812341234' });
    expect((await (await t.as(t.users.viewer)).post(`/tickets/${opened.id}/requester-phone`, {})).status).toBe(403);
    expect(await auditTrail(t.app, opened.id)).toEqual(['ticket.open', 'ticket.phone_reveal']);
    const audit = await t.app.platform.db.selectFrom('auditEvents').select('detail').where('objectId', '=', opened.id).execute();
    expect(JSON.stringify(audit)).not.toContain('13812341234');
    // a changed number is sealed again; null removes it
    const patched = TicketDetail.parse((await engineer.patch(`/tickets/${opened.id}`, { requesterPhone: '0755-88886666' })).body);
    expect(patched.requesterPhone).toBe('075****6666');
    expect(TicketDetail.parse((await engineer.patch(`/tickets/${opened.id}`, { requesterPhone: null })).body).requesterPhone).toBeNull();
  });

  it('keeps other organisations\' tickets invisible: 404 for the object, absent from lists', async () => {
    const mine = await open({ title: '州医院的工单' });
    const theirs = await insertTicket(t.app, t.orgs.sibling, { title: '县医院的工单' });
    const outsider = await t.as(t.users.outsider);
    for (const path of [`/tickets/${mine.id}`, `/tickets/${mine.id}/events`, `/tickets/${mine.id}/comments`, `/tickets/${mine.id}/work-logs`]) expect((await outsider.get(path)).status, path).toBe(404);
    for (const [path, body] of [
      [`/tickets/${mine.id}/respond`, {}],
      [`/tickets/${mine.id}/comments`, { body: 'x' }],
      [`/tickets/${mine.id}/merge`, { intoTicketId: theirs }],
    ] as const) {
      expect((await outsider.post(path, body)).status, path).toBe(404);
    }
    const outsiderList = TicketPage.parse((await outsider.get('/tickets?pageSize=100')).body);
    expect(outsiderList.items.map((i) => i.id)).toContain(theirs);
    expect(outsiderList.items.map((i) => i.id)).not.toContain(mine.id);
    const engineerList = TicketPage.parse((await (await t.as(t.users.engineer)).get('/tickets?pageSize=100')).body);
    expect(engineerList.items.map((i) => i.id)).not.toContain(theirs);
    // merging into a ticket the caller cannot see reads as "no such ticket"
    expect((await (await t.as(t.users.engineer)).post(`/tickets/${mine.id}/merge`, { intoTicketId: theirs })).body.error.code).toBe('ticket.merge_target_unknown');
    // opening a ticket for an organisation outside the scope is 404 too
    expect((await outsider.post('/tickets', { orgId: t.orgs.hospital, channel: 'phone', title: 'x', requesterName: 'y' })).status).toBe(404);
    // the regional manager sees both
    const managerList = TicketPage.parse((await (await t.as(t.users.manager)).get('/tickets?pageSize=100')).body);
    expect(managerList.items.map((i) => i.id)).toEqual(expect.arrayContaining([mine.id, theirs]));
  });

  it('filters and searches the list, and sorts by nearest breach by default', async () => {
    const asset = await insertAsset(t.app, t.orgs.hospital, { code: 'PRN-0042', name: '收费处打印机' });
    t.app.clock.set(at(-600));
    const old = await open({ title: '旧工单：网络时断时续', impact: 'individual', urgency: 'unaffected', requesterName: '孙医生' });
    t.app.clock.set(at(0));
    const urgent = await open({ title: '急诊挂号中断', impact: 'wide', urgency: 'stopped', assetIds: [asset] });
    const minor = await open({ title: '显示器偏色', impact: 'individual', urgency: 'unaffected' });
    const engineer = await t.as(t.users.engineer);
    await engineer.post(`/tickets/${minor.id}/reassign`, { assigneeId: t.users.engineer.id });
    const ids = (p: { items: Array<{ id: string }> }) => p.items.map((i) => i.id);
    const list = async (q: string) => TicketPage.parse((await engineer.get(`/tickets?pageSize=100&${q}`)).body);

    // the old one has been overdue for hours, so it comes first; then the 30-minute response of the others
    const all = await list('orgId=' + t.orgs.hospital);
    expect(ids(all).indexOf(old.id)).toBeLessThan(ids(all).indexOf(urgent.id));
    expect(all.items.find((i) => i.id === old.id)).toMatchObject({ isBreached: true, remainingMinutes: -570 });
    expect(ids(await list('breached=true'))).toContain(old.id);
    expect(ids(await list('breached=true'))).not.toContain(urgent.id);
    expect(ids(await list('breached=false'))).toContain(urgent.id);
    expect(ids(await list(`assetId=${asset}`))).toEqual([urgent.id]);
    expect(ids(await list('assignee=me'))).toEqual([minor.id]);
    expect(ids(await list('assignee=none'))).not.toContain(minor.id);
    expect(ids(await list('level=level1'))).toContain(urgent.id);
    expect(ids(await list('level=level1'))).not.toContain(minor.id);
    expect(ids(await list(`q=${encodeURIComponent(urgent.number)}`))).toEqual([urgent.id]);
    expect(ids(await list(`q=${encodeURIComponent('挂号中断')}`))).toEqual([urgent.id]);
    expect(ids(await list(`q=${encodeURIComponent('孙医生')}`))).toEqual([old.id]);
    expect(ids(await list('q=100%25'))).toEqual([]);
    await engineer.post(`/tickets/${minor.id}/resolve`, { resolutionCode: 'user_guidance' });
    expect(ids(await list('status=open'))).not.toContain(minor.id);
    expect(ids(await list('status=resolved,closed'))).toContain(minor.id);
    const byCreated = await list('sort=createdAt');
    expect(ids(byCreated).indexOf(old.id)).toBeLessThan(ids(byCreated).indexOf(urgent.id));
    const newest = await list('sort=-createdAt');
    expect(ids(newest).indexOf(urgent.id)).toBeLessThan(ids(newest).indexOf(old.id));
    const paged = TicketPage.parse((await engineer.get('/tickets?pageSize=1&page=2')).body);
    expect(paged.items).toHaveLength(1);
    expect(paged.total).toBeGreaterThanOrEqual(3);
    expect((await engineer.get('/tickets?status=bogus')).status).toBe(400);
  });

  it('gives an engineer a workbench: mine and my groups\' unassigned, nearest breach first, with countdowns', async () => {
    const groupId = await insertGroup(t.app, t.orgs.hospital, [t.users.engineer2.id], '网络组');
    const otherGroup = await insertGroup(t.app, t.orgs.hospital, [t.users.engineer.id], '桌面组');
    const engineer = await t.as(t.users.engineer);
    t.app.clock.set(at(-20));
    // level 4 (30 min response, seed 003) opened 20 minutes ago: 10 minutes left
    const soon = await open({ title: '网络慢', impact: 'individual', urgency: 'unaffected', assignmentGroupId: groupId });
    t.app.clock.set(at(0));
    const mineLater = await open({ title: '打印机', impact: 'individual', urgency: 'unaffected', assigneeId: t.users.engineer2.id });
    const notMine = await open({ title: '别人的', assigneeId: t.users.engineer.id });
    const otherGroups = await open({ title: '桌面组的', assignmentGroupId: otherGroup });
    const me = await t.as(t.users.engineer2);
    let bench = WorkbenchPage.parse((await me.get('/tickets/workbench')).body);
    expect(bench.items.map((i) => i.id)).toEqual([soon.id, mineLater.id]);
    expect(bench.items.map((i) => [i.queue, i.remainingMinutes, i.nextBreachClock])).toEqual([
      ['group', 10, 'response'],
      ['mine', 30, 'response'],
    ]);
    expect(bench.items.map((i) => i.id)).not.toContain(notMine.id);
    expect(bench.items.map((i) => i.id)).not.toContain(otherGroups.id);
    // responding moves the ticket's next breach to its on-site due, so it sorts after
    t.app.clock.set(at(5));
    await (await t.as(t.users.engineer2)).post(`/tickets/${soon.id}/reassign`, { assigneeId: t.users.engineer2.id });
    await (await t.as(t.users.engineer2)).post(`/tickets/${soon.id}/respond`, {});
    bench = WorkbenchPage.parse((await (await t.as(t.users.engineer2)).get('/tickets/workbench')).body);
    expect(bench.items.map((i) => [i.id, i.queue, i.remainingMinutes])).toEqual([
      [mineLater.id, 'mine', 25],
      [soon.id, 'mine', 95],
    ]);
    await engineer.post(`/tickets/${mineLater.id}/resolve`, { resolutionCode: 'fixed' });
    bench = WorkbenchPage.parse((await (await t.as(t.users.engineer2)).get('/tickets/workbench')).body);
    expect(bench.items.map((i) => i.id)).toEqual([soon.id]);
    expect((await (await t.as(t.users.viewer)).get('/tickets/workbench')).status).toBe(403);
  });

  it('keeps comments internal or external, logs work with minutes, and edits what was reported', async () => {
    const opened = await open();
    const engineer = await t.as(t.users.engineer);
    expect((await engineer.post(`/tickets/${opened.id}/comments`, { body: '怀疑交换机端口故障' })).status).toBe(201);
    expect((await engineer.post(`/tickets/${opened.id}/comments`, { visibility: 'external', body: '工程师正在处理' })).status).toBe(201);
    const all = TicketCommentPage.parse((await engineer.get(`/tickets/${opened.id}/comments`)).body);
    expect(all.items.map((c) => [c.visibility, c.authorName])).toEqual([
      ['internal', '李工程师'],
      ['external', '李工程师'],
    ]);
    expect(TicketCommentPage.parse((await engineer.get(`/tickets/${opened.id}/comments?visibility=external`)).body).total).toBe(1);
    expect((await (await t.as(t.users.viewer)).post(`/tickets/${opened.id}/comments`, { body: 'x' })).status).toBe(403);

    expect((await engineer.post(`/tickets/${opened.id}/work-logs`, { minutes: 45, note: '现场排查' })).status).toBe(201);
    expect((await engineer.post(`/tickets/${opened.id}/work-logs`, { minutes: 30, workedAt: at(-60) })).status).toBe(201);
    expect((await engineer.post(`/tickets/${opened.id}/work-logs`, { minutes: 0 })).status).toBe(400);
    expect((await engineer.post(`/tickets/${opened.id}/work-logs`, { minutes: 10, workedAt: at(60) })).body.error.code).toBe('ticket.work_in_future');
    const logs = TicketWorkLogPage.parse((await engineer.get(`/tickets/${opened.id}/work-logs`)).body);
    expect(logs).toMatchObject({ total: 2, totalMinutes: 75 });
    expect(logs.items[0]!.workedAt).toBe(at(-60));

    const asset = await insertAsset(t.app, t.orgs.dept, { code: 'PC-0007', name: '急诊分诊台电脑' });
    const foreignAsset = await insertAsset(t.app, t.orgs.sibling);
    const bad = await engineer.patch(`/tickets/${opened.id}`, { assetIds: [asset, foreignAsset] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([expect.objectContaining({ path: ['body', 'assetIds', 1], code: 'unknown_asset' })]);
    const patched = TicketDetail.parse((await engineer.patch(`/tickets/${opened.id}`, { title: '分诊台电脑无法联网', assetIds: [asset], rootCause: '网线松动' })).body);
    expect(patched).toMatchObject({ title: '分诊台电脑无法联网', workMinutes: 75, rootCause: '网线松动', assets: [{ id: asset, code: 'PC-0007', name: '急诊分诊台电脑' }] });
    expect(await auditTrail(t.app, opened.id)).toEqual(['ticket.open', 'ticket.comment', 'ticket.comment', 'ticket.work_log', 'ticket.work_log', 'ticket.update']);
  });

  it('lets clinical staff report a fault for an asset, follow it, talk to the desk and rate the service once', async () => {
    const asset = await insertAsset(t.app, t.orgs.dept, { code: 'LAB-0001', name: '血球仪' });
    const reporter = await t.as(t.users.reporter);
    const res = await reporter.post('/my-tickets', { orgId: t.orgs.dept, channel: 'qr', title: '血球仪联机中断', description: '结果无法回传 LIS', assetIds: [asset], requesterPhone: '13900001111' });
    expect(res.status, res.text).toBe(201);
    const mine = MyTicket.strict().parse(res.body);
    expect(mine).toMatchObject({ status: 'new', channel: 'qr', requesterPhone: '139****1111', assets: [{ id: asset, code: 'LAB-0001' }], assigneeName: null });
    // the desk sees it with the reporter as requester
    const engineer = await t.as(t.users.engineer);
    const detail = TicketDetail.parse((await engineer.get(`/tickets/${mine.id}`)).body);
    expect(detail).toMatchObject({ requesterName: '刘护士', requesterUserId: t.users.reporter.id, orgName: '急诊科', channel: 'qr' });
    // a reporter cannot use the desk's routes, nor see someone else's report
    expect((await reporter.get(`/tickets/${mine.id}`)).status).toBe(403);
    const colleague = await t.as(t.users.reporter2);
    expect((await colleague.get(`/my-tickets/${mine.id}`)).status).toBe(404);
    expect(MyTicketPage.parse((await colleague.get('/my-tickets')).body).items).toEqual([]);
    expect((await reporter.post('/my-tickets', { orgId: t.orgs.sibling, title: 'x' })).status).toBe(404);

    await engineer.post(`/tickets/${mine.id}/comments`, { visibility: 'internal', body: '内部：疑似网口' });
    await engineer.post(`/tickets/${mine.id}/comments`, { visibility: 'external', body: '工程师十分钟内到达' });
    expect((await reporter.post(`/my-tickets/${mine.id}/comments`, { body: '好的，谢谢' })).status).toBe(201);
    const seen = TicketCommentPage.parse((await reporter.get(`/my-tickets/${mine.id}/comments`)).body);
    expect(seen.items.map((c) => c.body)).toEqual(['工程师十分钟内到达', '好的，谢谢']);

    expect((await reporter.post(`/my-tickets/${mine.id}/rate`, { score: 5 })).body.error.code).toBe('ticket.not_resolved');
    await engineer.post(`/tickets/${mine.id}/reassign`, { assigneeId: t.users.engineer.id });
    await engineer.post(`/tickets/${mine.id}/arrive`, {});
    await engineer.post(`/tickets/${mine.id}/resolve`, { resolutionCode: 'configuration', resolutionNote: '重新配置 LIS 接口' });
    const followed = MyTicket.parse((await reporter.get(`/my-tickets/${mine.id}`)).body);
    expect(followed).toMatchObject({ status: 'resolved', assigneeName: '李工程师', resolutionNote: '重新配置 LIS 接口', onSiteAt: at(0) });
    expect((await reporter.post(`/my-tickets/${mine.id}/rate`, { score: 6 })).status).toBe(400);
    const rated = MyTicket.parse((await reporter.post(`/my-tickets/${mine.id}/rate`, { score: 4, comment: '到场很快' })).body);
    expect(rated.satisfaction).toEqual({ score: 4, comment: '到场很快', ratedAt: at(0) });
    expect((await reporter.post(`/my-tickets/${mine.id}/rate`, { score: 5 })).body.error.code).toBe('ticket.already_rated');
    expect(MyTicketPage.parse((await reporter.get('/my-tickets?status=resolved')).body).items.map((i) => i.id)).toEqual([mine.id]);
  });
});
