import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AssignmentGroup, AssignmentGroupPage, TicketCategory, TicketCategoryPage, TicketDetail } from '../../../../shared/schemas/servicedesk.ts';
import { auditTrail, createDeskTestApp, type DeskTestContext } from '../test-support.ts';

let t: DeskTestContext;
beforeAll(async () => {
  t = await createDeskTestApp();
});
afterAll(() => t.app.close());

describe('ticket categories', () => {
  it('builds a tree per organisation that the organisation\'s subtree uses, and keeps it inside the scope', async () => {
    const manager = await t.as(t.users.manager);
    const root = TicketCategory.strict().parse((await manager.post('/ticket-categories', { orgId: t.orgs.hospital, name: '硬件故障' })).body);
    const res = await manager.post('/ticket-categories', { orgId: t.orgs.hospital, parentId: root.id, name: '打印机' });
    expect(res.status, res.text).toBe(201);
    const leaf = TicketCategory.parse(res.body);
    expect(leaf).toMatchObject({ parentId: root.id, path: '硬件故障 / 打印机', depth: 1 });
    expect((await manager.post('/ticket-categories', { orgId: t.orgs.hospital, parentId: root.id, name: '打印机' })).body.error.code).toBe('ticket_category.name_taken');
    expect((await manager.post('/ticket-categories', { orgId: t.orgs.sibling, parentId: root.id, name: '打印机' })).body.error.code).toBe('ticket_category.bad_parent');
    const viewer = await t.as(t.users.viewer);
    expect(TicketCategoryPage.parse((await viewer.get(`/ticket-categories?orgId=${t.orgs.hospital}`)).body).items.map((c) => c.path)).toEqual(['硬件故障', '硬件故障 / 打印机']);
    expect((await viewer.post('/ticket-categories', { orgId: t.orgs.hospital, name: 'x' })).status).toBe(403);
    expect((await (await t.as(t.users.outsider)).get(`/ticket-categories/${leaf.id}`)).status).toBe(404);

    // a department's ticket may use its hospital's category; a sibling's ticket may not
    const engineer = await t.as(t.users.engineer);
    const ticket = await engineer.post('/tickets', { orgId: t.orgs.dept, channel: 'phone', title: '打印机卡纸', requesterName: '刘护士', categoryId: leaf.id });
    expect(ticket.status, ticket.text).toBe(201);
    expect(TicketDetail.parse(ticket.body).category).toEqual({ id: leaf.id, path: '硬件故障 / 打印机' });
    const foreign = await manager.post('/tickets', { orgId: t.orgs.sibling, channel: 'phone', title: 'x', requesterName: 'y', categoryId: leaf.id });
    expect(foreign.body.error).toMatchObject({ code: 'ticket.bad_reference', details: [{ path: ['body', 'categoryId'], code: 'unknown_category' }] });

    expect((await manager.delete(`/ticket-categories/${root.id}`)).body.error.code).toBe('ticket_category.has_children');
    expect((await manager.delete(`/ticket-categories/${leaf.id}`)).body.error.code).toBe('ticket_category.in_use');
    const inactive = TicketCategory.parse((await manager.patch(`/ticket-categories/${leaf.id}`, { isActive: false, name: '打印设备' })).body);
    expect(inactive).toMatchObject({ isActive: false, path: '硬件故障 / 打印设备' });
    expect(TicketCategoryPage.parse((await manager.get(`/ticket-categories?orgId=${t.orgs.hospital}`)).body).total).toBe(1);
    expect(TicketCategoryPage.parse((await manager.get(`/ticket-categories?orgId=${t.orgs.hospital}&includeInactive=true`)).body).total).toBe(2);
    // an inactive category is offered for no new ticket
    expect((await engineer.post('/tickets', { orgId: t.orgs.dept, channel: 'phone', title: 'x', requesterName: 'y', categoryId: leaf.id })).status).toBe(400);
    expect(await auditTrail(t.app, leaf.id)).toEqual(['ticket_category.create', 'ticket_category.update']);
  });
});

describe('assignment groups', () => {
  it('holds members of the organisation line, lists them, and cannot go while open tickets wait on it', async () => {
    const manager = await t.as(t.users.manager);
    const bad = await manager.post('/assignment-groups', { orgId: t.orgs.hospital, name: '网络组', memberIds: [t.users.engineer.id, t.users.outsider.id] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([expect.objectContaining({ path: ['body', 'memberIds', 1], code: 'unknown_user' })]);
    const res = await manager.post('/assignment-groups', { orgId: t.orgs.hospital, name: '网络组', description: '核心网络', memberIds: [t.users.engineer.id, t.users.engineer2.id] });
    expect(res.status, res.text).toBe(201);
    const group = AssignmentGroup.strict().parse(res.body);
    expect(group.members.map((m) => m.displayName).sort()).toEqual(['张工程师', '李工程师'].sort());
    expect((await manager.post('/assignment-groups', { orgId: t.orgs.hospital, name: '网络组' })).body.error.code).toBe('assignment_group.name_taken');
    const updated = AssignmentGroup.parse((await manager.patch(`/assignment-groups/${group.id}`, { memberIds: [t.users.engineer2.id] })).body);
    expect(updated.members).toEqual([{ userId: t.users.engineer2.id, displayName: '张工程师' }]);
    expect(AssignmentGroupPage.parse((await (await t.as(t.users.viewer)).get('/assignment-groups')).body).items.map((g) => g.id)).toContain(group.id);
    expect(AssignmentGroupPage.parse((await (await t.as(t.users.outsider)).get('/assignment-groups')).body).items.map((g) => g.id)).not.toContain(group.id);

    const engineer = await t.as(t.users.engineer);
    const ticket = TicketDetail.parse((await engineer.post('/tickets', { orgId: t.orgs.hospital, channel: 'wecom', title: '核心交换机告警', requesterName: '值班', assignmentGroupId: group.id })).body);
    expect(ticket.assignmentGroup).toEqual({ id: group.id, name: '网络组' });
    expect((await manager.delete(`/assignment-groups/${group.id}`)).body.error.code).toBe('assignment_group.in_use');
    await engineer.post(`/tickets/${ticket.id}/resolve`, { resolutionCode: 'fixed' });
    expect((await manager.delete(`/assignment-groups/${group.id}`)).status).toBe(204);
    expect((await manager.get(`/assignment-groups/${group.id}`)).status).toBe(404);
    expect(await auditTrail(t.app, group.id)).toEqual(['assignment_group.create', 'assignment_group.update', 'assignment_group.delete']);
  });
});
