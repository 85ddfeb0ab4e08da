import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ChangeCalendar, ChangeConflictReport, ChangeDetail, ChangeKpis, ChangePage, ChangeTemplate, FreezePeriod, FreezePeriodPage, ItilEventPage, ProblemDetail } from '../../../../shared/schemas/servicedesk-itil.ts';
import { TicketEventPage } from '../../../../shared/schemas/servicedesk.ts';
import { makeOrg, makeUser, type Client } from '../../../test/test-app.ts';
import { insertProblem } from '../problems/tenancy-fixture.ts';
import { at, auditTrail, createDeskTestApp, insertAsset, type DeskTestContext } from '../test-support.ts';
import { insertTicket } from '../tickets/tenancy-fixture.ts';
import { insertChange, insertChangeTemplate } from './tenancy-fixture.ts';

let t: DeskTestContext;
type User = Awaited<ReturnType<typeof makeUser>>;
/** More people: a change board member of the hospital, an ops manager nobody named, and a clinical department head. */
let cab: User;
let unnamed: User;
let clinicalHead: User;

beforeAll(async () => {
  t = await createDeskTestApp();
  const db = t.app.platform.db;
  await db.insertInto('roles').values({ key: 'clinical_head', name: '临床科主任', nameEn: 'Clinical head', description: null, adminClass: null, isBuiltin: false, permissions: ['org.read', 'ticket.read', 'change.approve'] }).execute();
  const named = async (orgId: string, roles: string[], displayName: string) => {
    const u = await makeUser(t.app, orgId, roles);
    await db.updateTable('users').set({ displayName }).where('id', '=', u.id).execute();
    return { ...u, displayName };
  };
  cab = await named(t.orgs.hospital, ['ops_manager'], '信息科科长');
  unnamed = await named(t.orgs.hospital, ['ops_manager'], '未指定的主管');
  clinicalHead = await named(t.orgs.dept, ['clinical_head'], '急诊科主任');
});
afterAll(() => t.app.close());
beforeEach(() => t.app.clock.set(at(0)));

/** A Beijing wall-clock time as an ISO instant (the test clock starts 2026-11-22 10:00 Beijing). */
const bj = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`).toISOString();
const window = (date: string, from: string, to: string) => ({ windowStart: bj(date, from), windowEnd: bj(date, to) });

const base = {
  title: 'HIS 数据库补丁升级',
  steps: [{ title: '备份数据库' }, { title: '安装补丁' }, { title: '重启服务' }],
  rollbackPlan: '恢复备份并回退补丁，预计 20 分钟',
  verificationPlan: '门诊挂号、收费、医嘱各抽检 3 笔',
};

async function plan(c: Client, body: Record<string, unknown>): Promise<ChangeDetail> {
  const res = await c.post('/changes', { orgId: t.orgs.hospital, ...base, ...body });
  expect(res.status, res.text).toBe(201);
  return ChangeDetail.strict().parse(res.body);
}

async function step(c: Client, id: string, action: string, body: unknown = {}, status = 200): Promise<ChangeDetail> {
  const res = await c.post(`/changes/${id}/${action}`, body);
  expect(res.status, `${action}: ${res.text}`).toBe(status);
  return status === 200 ? ChangeDetail.strict().parse(res.body) : res.body;
}

/** Moves the clock and answers a fresh session for the user (sessions idle out after 30 minutes). */
async function asAt(user: User | DeskTestContext['users']['engineer'], iso: string) {
  t.app.clock.set(iso);
  return t.as(user);
}

describe('changes', () => {
  it('plans a standard change from its template: approved on submit, scheduled, done inside its window, closed', async () => {
    const manager = await t.as(t.users.manager);
    const engineer = await t.as(t.users.engineer);
    // the change board keeps the templates; engineers use them
    const tplBody = { orgId: t.orgs.region, name: '门诊打印机驱动升级', steps: [{ title: '下发驱动' }, { title: '打印测试页' }], rollbackPlan: '回退旧驱动', verificationPlan: '每个窗口打印测试页' };
    expect((await engineer.post('/change-templates', tplBody)).status).toBe(403);
    const tpl = ChangeTemplate.strict().parse((await manager.post('/change-templates', tplBody)).body);
    expect((await manager.post('/change-templates', tplBody)).body.error.code).toBe('change_template.name_taken');
    expect((await engineer.get('/change-templates')).body.items.map((x: { id: string }) => x.id)).toContain(tpl.id);

    expect((await engineer.post('/changes', { orgId: t.orgs.hospital, class: 'standard', title: 'x' })).status).toBe(400);
    const c = await plan(engineer, { class: 'standard', templateId: tpl.id, title: '门诊打印驱动升级', steps: [], rollbackPlan: '', verificationPlan: '', ...window('2026-11-25', '18:00', '20:00') });
    expect(c.number).toMatch(/^CHG-2026-\d{6}$/);
    expect(c).toMatchObject({ class: 'standard', status: 'draft', approvalState: 'not_required', template: { id: tpl.id, name: '门诊打印机驱动升级' }, rollbackPlan: '回退旧驱动', verificationPlan: '每个窗口打印测试页', requestedBy: { name: '李工程师' } });
    expect(c.steps.map((s) => s.title)).toEqual(['下发驱动', '打印测试页']);

    // no approval: submitting approves it
    let d = await step(engineer, c.id, 'submit');
    expect(d).toMatchObject({ status: 'approved', approvalState: 'not_required', approvals: [], submittedAt: at(0), approvedAt: at(0) });
    d = await step(engineer, c.id, 'schedule');
    expect(d).toMatchObject({ status: 'scheduled', scheduledAt: at(0) });
    d = await step(await asAt(t.users.engineer, bj('2026-11-25', '18:05')), c.id, 'start');
    expect(d).toMatchObject({ status: 'implementing', startedAt: bj('2026-11-25', '18:05'), implementedBeforeApproval: false, awaitingRetroApproval: false });
    d = await step(await asAt(t.users.engineer, bj('2026-11-25', '19:10')), c.id, 'complete', { outcome: 'success', note: '全部窗口验证通过' });
    expect(d).toMatchObject({ status: 'completed', outcome: 'success', onTime: true, rollbackMinutes: null, outcomeNote: '全部窗口验证通过' });
    d = await step(await asAt(t.users.engineer, bj('2026-11-26', '09:00')), c.id, 'close');
    expect(d.status).toBe('closed');

    expect(await auditTrail(t.app, c.id)).toEqual(['change.create', 'change.submit', 'change.schedule', 'change.start', 'change.complete', 'change.close']);
    const events = ItilEventPage.parse((await t.as(t.users.engineer).then((e) => e.get(`/changes/${c.id}/events`))).body);
    expect(events.items.map((e) => e.kind)).toEqual(['created', 'submitted', 'approved', 'scheduled', 'started', 'completed', 'closed']);
    expect(events.items[2]!.details).toMatchObject({ automatic: true });

    // a pre-authorised change needs no template and no approval either
    const pre = await plan(await t.as(t.users.engineer), { class: 'pre_authorised', title: '按合同预授权的日志清理', ...window('2026-11-27', '20:00', '21:00') });
    expect((await step(await t.as(t.users.engineer), pre.id, 'submit')).status).toBe('approved');
  });

  it('asks a reviewed change for every approver and the clinical sign-off', async () => {
    const engineer = await t.as(t.users.engineer);
    const c = await plan(engineer, { class: 'reviewed', ...window('2026-12-05', '22:00', '23:30') });
    // incomplete: no approvers
    let res = await engineer.post(`/changes/${c.id}/submit`, {});
    expect([res.status, res.body.error.code]).toEqual([400, 'change.incomplete']);
    expect(res.body.error.details.map((p: { path: string[] }) => p.path.join('.'))).toEqual(['body.approverIds']);
    // the requester cannot approve their own change
    await engineer.patch(`/changes/${c.id}`, { approverIds: [t.users.engineer.id] });
    res = await engineer.post(`/changes/${c.id}/submit`, {});
    expect(res.body.error.details[0]).toMatchObject({ code: 'self_approval' });
    // approvers must be people of the organisation line
    expect((await engineer.patch(`/changes/${c.id}`, { approverIds: [t.users.outsider.id] })).body.error.code).toBe('change.bad_reference');
    await engineer.patch(`/changes/${c.id}`, { approverIds: [t.users.manager.id, cab.id], requiresClinicalSignoff: true, clinicalApproverId: clinicalHead.id });

    let d = await step(engineer, c.id, 'submit', { note: '请审批' });
    expect(d).toMatchObject({ status: 'submitted', approvalState: 'pending', requiresClinicalSignoff: true, clinicalApprover: { id: clinicalHead.id, name: '急诊科主任' } });
    expect(d.approvals.map((a) => [a.approver.name, a.role, a.decision])).toEqual([
      ['王主管', 'approver', 'pending'],
      ['信息科科长', 'approver', 'pending'],
      ['急诊科主任', 'clinical', 'pending'],
    ]);
    // nothing moves before the approvals are in
    await step(engineer, c.id, 'schedule', {}, 409);
    expect((await engineer.patch(`/changes/${c.id}`, { title: 'x' })).status).toBe(409);
    // engineers do not approve; a manager nobody named may not either
    expect((await engineer.post(`/changes/${c.id}/approve`, {})).status).toBe(403);
    res = await (await t.as(unnamed)).post(`/changes/${c.id}/approve`, {});
    expect([res.status, res.body.error.code]).toEqual([403, 'change.not_an_approver']);

    const manager = await t.as(t.users.manager);
    d = await step(manager, c.id, 'approve', { comment: '同意，注意回退' });
    expect(d).toMatchObject({ status: 'submitted', approvalState: 'pending' });
    expect((await manager.post(`/changes/${c.id}/approve`, {})).body.error.code).toBe('change.already_decided');
    d = await step(await t.as(cab), c.id, 'approve');
    expect(d).toMatchObject({ status: 'submitted', approvalState: 'pending' });

    // the clinical head sits in a department below the hospital: the change reaches them as their approval to give
    const head = await t.as(clinicalHead);
    expect(ChangePage.parse((await head.get('/change-approvals')).body).items.map((i) => i.id)).toEqual([c.id]);
    expect((await head.get(`/changes/${c.id}`)).status).toBe(200);
    expect(ChangePage.parse((await head.get('/changes?pageSize=100')).body).items.map((i) => i.id)).not.toContain(c.id);
    expect((await head.post(`/changes/${c.id}/schedule`, {})).status).toBe(403);
    d = await step(head, c.id, 'approve', { comment: '急诊夜间可接受' });
    expect(d).toMatchObject({ status: 'approved', approvalState: 'approved', approvedAt: at(0) });
    expect(d.approvals.every((a) => a.decision === 'approved')).toBe(true);
    expect(d.approvals.find((a) => a.role === 'clinical')).toMatchObject({ comment: '急诊夜间可接受', decidedAt: at(0) });
    expect(ChangePage.parse((await head.get('/change-approvals')).body).items).toEqual([]);
    expect((await step(engineer, c.id, 'schedule')).status).toBe('scheduled');
    expect(await auditTrail(t.app, c.id)).toEqual(['change.create', 'change.update', 'change.update', 'change.submit', 'change.approve', 'change.approve', 'change.approve', 'change.schedule']);
  });

  it('rejects a reviewed change on one rejection; the requester revises it and submits again', async () => {
    // an approver may hold nothing but change.approve (a vendor's change board member, say)
    await t.app.platform.db.insertInto('roles').values({ key: 'board_only', name: '变更委员', nameEn: 'Board member', description: null, adminClass: null, isBuiltin: false, permissions: ['change.approve'] }).execute();
    const boardOnly = await makeUser(t.app, t.orgs.hospital, ['board_only']);
    const engineer = await t.as(t.users.engineer);
    const c = await plan(engineer, { class: 'reviewed', approverIds: [t.users.manager.id, boardOnly.id], ...window('2026-12-06', '22:00', '23:00') });
    await step(engineer, c.id, 'submit');
    const board = await t.as(boardOnly);
    expect((await board.get(`/changes/${c.id}`)).status).toBe(403);
    expect(ChangePage.parse((await board.get('/change-approvals')).body).items.map((i) => i.id)).toEqual([c.id]);
    expect((await board.post(`/changes/${c.id}/reject`, {})).status).toBe(400);
    let d = await step(board, c.id, 'reject', { comment: '回退方案缺少数据校验' });
    expect(d).toMatchObject({ status: 'rejected', approvalState: 'rejected', tickets: [], conflicts: [] });
    expect(d.approvals.find((a) => a.approver.id === boardOnly.id)).toMatchObject({ decision: 'rejected', comment: '回退方案缺少数据校验' });
    const res = await (await t.as(t.users.manager)).post(`/changes/${c.id}/approve`, {});
    expect([res.status, res.body.error.code]).toEqual([409, 'change.invalid_transition']);

    d = ChangeDetail.parse((await engineer.patch(`/changes/${c.id}`, { rollbackPlan: '恢复备份，校验行数后切回' })).body);
    expect(d.status).toBe('rejected');
    d = await step(engineer, c.id, 'submit');
    expect(d).toMatchObject({ status: 'submitted', approvalState: 'pending' });
    expect(d.approvals.map((a) => a.decision)).toEqual(['pending', 'pending']);
    const events = ItilEventPage.parse((await engineer.get(`/changes/${c.id}/events`)).body);
    expect(events.items.map((e) => e.kind)).toEqual(['created', 'submitted', 'approval_refused', 'rejected', 'updated', 'submitted']);
    expect(await auditTrail(t.app, c.id)).toEqual(['change.create', 'change.submit', 'change.reject', 'change.update', 'change.submit']);
  });

  it('lets an emergency change be implemented before its approval, flags it until approved, and keeps it open until then', async () => {
    const engineer = await t.as(t.users.engineer);
    const c = await plan(engineer, { class: 'emergency', title: '核心交换机故障板卡更换', approverIds: [t.users.manager.id], ...window('2026-11-22', '10:00', '11:00') });
    let d = await step(engineer, c.id, 'submit');
    expect(d).toMatchObject({ status: 'submitted', approvalState: 'pending' });
    d = await step(engineer, c.id, 'start', { note: '业务中断，先行处置' });
    expect(d).toMatchObject({ status: 'implementing', implementedBeforeApproval: true, awaitingRetroApproval: true });
    expect(ChangePage.parse((await engineer.get('/changes?awaitingRetroApproval=true&pageSize=100')).body).items.map((i) => i.id)).toContain(c.id);

    d = await step(await asAt(t.users.engineer, at(40)), c.id, 'complete', { outcome: 'rolled_back', rollbackMinutes: 25, note: '新板卡不兼容，已回退' });
    expect(d).toMatchObject({ status: 'completed', outcome: 'rolled_back', rollbackMinutes: 25, onTime: true, awaitingRetroApproval: true });
    let res = await (await t.as(t.users.engineer)).post(`/changes/${c.id}/close`, {});
    expect([res.status, res.body.error.code]).toEqual([409, 'change.approval_pending']);

    // approved after the fact: the status stays, the flag goes
    d = await step(await t.as(t.users.manager), c.id, 'approve', { comment: '事后补批' });
    expect(d).toMatchObject({ status: 'completed', approvalState: 'approved', implementedBeforeApproval: true, awaitingRetroApproval: false });
    expect(ChangePage.parse((await (await t.as(t.users.engineer)).get('/changes?awaitingRetroApproval=true&pageSize=100')).body).items.map((i) => i.id)).not.toContain(c.id);
    expect((await step(await t.as(t.users.engineer), c.id, 'close')).status).toBe('closed');
    const events = ItilEventPage.parse((await (await t.as(t.users.engineer)).get(`/changes/${c.id}/events`)).body);
    expect(events.items.map((e) => e.kind)).toEqual(['created', 'submitted', 'started', 'completed', 'approval_given', 'approved', 'closed']);
    expect(events.items[2]!.details).toMatchObject({ beforeApproval: true });
    expect(events.items[5]!.details).toMatchObject({ afterTheFact: true });
    const audit = await t.app.platform.db.selectFrom('auditEvents').select(['eventType', 'riskLevel']).where('objectId', '=', c.id).orderBy('seq').execute();
    expect(audit.find((a) => a.eventType === 'change.start')).toMatchObject({ riskLevel: 'medium' });

    // a complete without the rollback minutes of a rolled-back change is refused
    const other = await plan(await t.as(t.users.engineer), { class: 'emergency', approverIds: [t.users.manager.id], ...window('2026-11-22', '10:00', '11:00') });
    const e2 = await t.as(t.users.engineer);
    await step(e2, other.id, 'submit');
    await step(e2, other.id, 'start');
    res = await e2.post(`/changes/${other.id}/complete`, { outcome: 'rolled_back' });
    expect(res.status).toBe(400);
    expect((await e2.post(`/changes/${other.id}/complete`, { outcome: 'success', rollbackMinutes: 5 })).status).toBe(400);
  });

  it('answers 409 for steps the status or the class does not allow', async () => {
    const engineer = await t.as(t.users.engineer);
    const reviewed = await plan(engineer, { class: 'reviewed', approverIds: [t.users.manager.id], ...window('2026-12-07', '22:00', '23:00') });
    for (const action of ['start', 'schedule', 'close']) {
      const res = await engineer.post(`/changes/${reviewed.id}/${action}`, {});
      expect(res.status, action).toBe(409);
      expect(res.body.error).toMatchObject({ code: 'change.invalid_transition', details: { status: 'draft', class: 'reviewed' } });
    }
    expect((await engineer.post(`/changes/${reviewed.id}/complete`, { outcome: 'success' })).status).toBe(409);
    expect((await (await t.as(t.users.manager)).post(`/changes/${reviewed.id}/approve`, {})).status).toBe(409);
    // a standard change is scheduled before it starts
    const pre = await plan(engineer, { class: 'pre_authorised', ...window('2026-12-07', '20:00', '21:00') });
    await step(engineer, pre.id, 'submit');
    expect((await engineer.post(`/changes/${pre.id}/start`, {})).body.error.details).toMatchObject({ status: 'approved', allowedFrom: ['scheduled'] });
    await step(engineer, pre.id, 'schedule');
    await step(engineer, pre.id, 'start');
    // no cancelling once it runs
    expect((await engineer.post(`/changes/${pre.id}/cancel`, { reason: '取消' })).status).toBe(409);
    const d = await step(engineer, reviewed.id, 'cancel', { reason: '需求取消' });
    expect(d).toMatchObject({ status: 'cancelled', cancelReason: '需求取消', conflicts: [], freezes: [] });
    expect((await engineer.post(`/changes/${reviewed.id}/submit`, {})).status).toBe(409);
    expect(await auditTrail(t.app, reviewed.id)).toEqual(['change.create', 'change.cancel']);
  });

  it('refuses to schedule into a freeze period of the organisation or above it, except an emergency change', async () => {
    const manager = await t.as(t.users.manager);
    const engineer = await t.as(t.users.engineer);
    const freezeBody = { orgId: t.orgs.region, startsAt: bj('2026-12-31', '00:00'), endsAt: bj('2027-01-04', '00:00'), reason: '元旦封网' };
    expect((await engineer.post('/change-freezes', freezeBody)).status).toBe(403);
    const freeze = FreezePeriod.strict().parse((await manager.post('/change-freezes', freezeBody)).body);
    expect((await manager.post('/change-freezes', { ...freezeBody, endsAt: freezeBody.startsAt })).status).toBe(400);
    // the sibling's freeze does not apply to the hospital
    const siblingFreeze = FreezePeriod.parse((await manager.post('/change-freezes', { orgId: t.orgs.sibling, startsAt: bj('2027-01-10', '00:00'), endsAt: bj('2027-01-12', '00:00'), reason: '县医院系统切换' })).body);
    // the region's freeze is visible to the hospital's engineers: it applies to them
    const listed = FreezePeriodPage.parse((await engineer.get('/change-freezes?pageSize=100')).body).items.map((f) => f.id);
    expect(listed).toContain(freeze.id);
    expect(listed).not.toContain(siblingFreeze.id);

    const c = await plan(engineer, { class: 'pre_authorised', ...window('2027-01-02', '22:00', '23:00') });
    let d = await step(engineer, c.id, 'submit');
    expect(d.freezes.map((f) => f.id)).toEqual([freeze.id]);
    const res = await engineer.post(`/changes/${c.id}/schedule`, {});
    expect([res.status, res.body.error.code]).toEqual([409, 'change.in_freeze']);
    expect(res.body.error.details.freezes[0]).toMatchObject({ id: freeze.id, reason: '元旦封网' });
    d = await step(engineer, c.id, 'schedule', window('2027-01-06', '22:00', '23:00'));
    expect(d).toMatchObject({ status: 'scheduled', windowStart: bj('2027-01-06', '22:00'), freezes: [] });
    const sib = await plan(engineer, { class: 'pre_authorised', ...window('2027-01-11', '22:00', '23:00') });
    await step(engineer, sib.id, 'submit');
    expect((await step(engineer, sib.id, 'schedule')).status).toBe('scheduled');

    // an emergency change may go into a freeze
    const e = await plan(engineer, { class: 'emergency', approverIds: [t.users.manager.id], ...window('2027-01-01', '02:00', '03:00') });
    await step(engineer, e.id, 'submit');
    d = await step(engineer, e.id, 'schedule');
    expect(d).toMatchObject({ status: 'scheduled' });
    expect(d.freezes.map((f) => f.id)).toEqual([freeze.id]);

    // the board moves and removes freezes
    const moved = FreezePeriod.parse((await manager.patch(`/change-freezes/${freeze.id}`, { endsAt: bj('2027-01-03', '00:00') })).body);
    expect(moved.endsAt).toBe(bj('2027-01-03', '00:00'));
    expect((await manager.patch(`/change-freezes/${freeze.id}`, { endsAt: bj('2026-12-30', '00:00') })).body.error.code).toBe('change_freeze.bad_period');
    expect((await manager.delete(`/change-freezes/${freeze.id}`)).status).toBe(204);
    expect(await auditTrail(t.app, freeze.id)).toEqual(['change_freeze.create', 'change_freeze.update', 'change_freeze.delete']);
    expect((await (await t.as(t.users.outsider)).delete(`/change-freezes/${siblingFreeze.id}`)).status).toBe(403);
  });

  it('warns of conflicts with active changes on the same asset and on related assets', async () => {
    const engineer = await t.as(t.users.engineer);
    const db = t.app.platform.db;
    const dbServer = await insertAsset(t.app, t.orgs.hospital, { code: 'DB-01', name: 'HIS 数据库服务器' });
    const his = await insertAsset(t.app, t.orgs.hospital, { code: 'APP-HIS', name: 'HIS 应用' });
    const sw = await insertAsset(t.app, t.orgs.hospital, { code: 'SW-CORE', name: '核心交换机' });
    const lonely = await insertAsset(t.app, t.orgs.hospital, { code: 'PRN-01', name: '打印机' });
    await db.insertInto('assetRelations').values([
      { orgId: t.orgs.hospital, fromAssetId: his, toAssetId: dbServer, kind: 'runs_on', attributes: '{}', createdBy: null },
      { orgId: t.orgs.hospital, fromAssetId: dbServer, toAssetId: sw, kind: 'depends_on', attributes: '{}', createdBy: null },
    ]).execute();
    const w = window('2026-12-12', '22:00', '23:59');
    const onDb = await plan(engineer, { class: 'pre_authorised', title: '数据库参数调整', assetIds: [dbServer], ...w });
    let d = await step(engineer, onDb.id, 'submit');
    expect(d.conflicts).toEqual([]);

    // the application runs on the database server: related (upstream of the application)
    const onHis = await plan(engineer, { class: 'pre_authorised', title: 'HIS 应用发版', assetIds: [his], ...window('2026-12-12', '23:00', '23:30') });
    expect(onHis.conflicts).toHaveLength(1);
    d = await step(engineer, onHis.id, 'submit');
    expect(d.conflicts).toEqual([
      {
        change: expect.objectContaining({ id: onDb.id, number: onDb.number, status: 'approved', windowStart: w.windowStart }),
        kind: 'related_asset',
        sharedAssets: [],
        relatedAssets: [{ asset: { id: dbServer, code: 'DB-01', name: 'HIS 数据库服务器' }, relatedTo: { id: his, code: 'APP-HIS', name: 'HIS 应用' }, direction: 'upstream', depth: 1 }],
      },
    ]);
    // the same server: same asset
    const again = await plan(engineer, { class: 'reviewed', approverIds: [t.users.manager.id], title: '数据库补丁', assetIds: [dbServer, lonely], ...window('2026-12-12', '23:15', '23:45') });
    const byId = new Map(again.conflicts.map((c) => [c.change.id, c]));
    expect(byId.get(onDb.id)).toMatchObject({ kind: 'same_asset', sharedAssets: [{ id: dbServer, code: 'DB-01' }], relatedAssets: [] });
    expect(byId.get(onHis.id)).toMatchObject({ kind: 'related_asset', relatedAssets: [{ asset: { id: his }, relatedTo: { id: dbServer }, direction: 'downstream', depth: 1 }] });
    // the switch the server depends on: both are downstream of it, the application two steps away
    const onSw = await plan(engineer, { class: 'pre_authorised', title: '交换机固件升级', assetIds: [sw], ...w });
    expect(new Map(onSw.conflicts.map((c) => [c.change.id, c.relatedAssets.map((r) => [r.asset.code, r.direction, r.depth])]))).toEqual(
      new Map([
        [onDb.id, [['DB-01', 'downstream', 1]]],
        [onHis.id, [['APP-HIS', 'downstream', 2]]],
      ]),
    );
    // drafts do not block others; another window, an unrelated asset or a cancelled change do not conflict
    expect((await plan(engineer, { class: 'pre_authorised', assetIds: [dbServer], ...window('2026-12-13', '22:00', '23:00') })).conflicts).toEqual([]);
    expect((await plan(engineer, { class: 'pre_authorised', assetIds: [lonely], ...w })).conflicts).toEqual([]);
    await step(engineer, onHis.id, 'cancel', { reason: '合并到数据库补丁' });

    // asked before a change exists
    const q = (params: string) => engineer.get(`/changes/conflicts?${params}`).then((r) => ChangeConflictReport.strict().parse(r.body));
    let report = await q(`start=${encodeURIComponent(bj('2026-12-12', '23:00'))}&end=${encodeURIComponent(bj('2026-12-13', '01:00'))}&assetIds=${his}`);
    expect(report.conflicts.map((c) => [c.change.number, c.kind])).toEqual([[onDb.number, 'related_asset']]);
    report = await q(`start=${encodeURIComponent(bj('2026-12-12', '23:00'))}&minutes=30&assetIds=${sw},${lonely}`);
    expect(report.conflicts.map((c) => c.change.id)).toEqual([onDb.id]);
    expect((await engineer.get(`/changes/conflicts?start=${encodeURIComponent(bj('2026-12-12', '23:00'))}&assetIds=${his}`)).status).toBe(400);
    // schedule answers them as warnings too
    d = await step(engineer, onDb.id, 'schedule');
    expect(d.conflicts).toEqual([]);
    const events = ItilEventPage.parse((await engineer.get(`/changes/${onHis.id}/events`)).body);
    expect(events.items.find((e) => e.kind === 'submitted')!.details).toMatchObject({ conflicts: [onDb.number] });
    // another hospital's change on its own asset never shows
    const outsider = await t.as(t.users.outsider);
    const theirAsset = await insertAsset(t.app, t.orgs.sibling, { code: 'DB-09' });
    await db.insertInto('assetRelations').values({ orgId: t.orgs.hospital, fromAssetId: lonely, toAssetId: theirAsset, kind: 'connects', attributes: '{}', createdBy: null }).execute();
    const theirs = ChangeDetail.parse((await outsider.post('/changes', { orgId: t.orgs.sibling, class: 'pre_authorised', ...base, assetIds: [theirAsset], ...w })).body);
    await step(outsider, theirs.id, 'submit');
    report = await q(`start=${encodeURIComponent(w.windowStart)}&end=${encodeURIComponent(w.windowEnd)}&assetIds=${lonely},${theirAsset}`);
    expect(report.conflicts.map((c) => c.change.id)).not.toContain(theirs.id);
  });

  it('shows the change calendar with its freezes, at most 62 days at a time', async () => {
    const engineer = await t.as(t.users.engineer);
    const inJan = await plan(engineer, { class: 'pre_authorised', title: '一月变更', ...window('2027-01-20', '22:00', '23:00') });
    await step(engineer, inJan.id, 'submit');
    const draft = await plan(engineer, { class: 'pre_authorised', title: '草稿', ...window('2027-01-21', '22:00', '23:00') });
    const cal = ChangeCalendar.strict().parse((await engineer.get(`/changes/calendar?from=${encodeURIComponent(bj('2027-01-15', '00:00'))}&to=${encodeURIComponent(bj('2027-02-01', '00:00'))}`)).body);
    expect(cal.items.map((i) => i.id)).toContain(inJan.id);
    expect(cal.items.map((i) => i.id)).not.toContain(draft.id);
    expect(cal.truncated).toBe(false);
    const starts = cal.items.map((i) => i.windowStart!);
    expect([...starts].sort()).toEqual(starts);
    expect((await engineer.get(`/changes/calendar?from=${encodeURIComponent(bj('2027-01-01', '00:00'))}&to=${encodeURIComponent(bj('2027-03-05', '00:00'))}`)).status).toBe(400);
    expect((await engineer.get(`/changes/calendar?from=${encodeURIComponent(bj('2027-02-01', '00:00'))}&to=${encodeURIComponent(bj('2027-01-01', '00:00'))}`)).status).toBe(400);
  });

  it('computes the KPIs of seed 004 over the changes completed in a period', async () => {
    const org = (await makeOrg(t.app, { parentId: t.orgs.region, kind: 'institution', name: '妇幼保健院' })).id;
    const d = (day: number, hh = 12) => new Date(Date.UTC(2026, 9, day, hh));
    const win = (day: number) => ({ windowStart: d(day, 10), windowEnd: d(day, 14) });
    const done = (day: number, cls: 'pre_authorised' | 'standard' | 'emergency' | 'reviewed', outcome: 'success' | 'failed' | 'rolled_back', onTime: boolean, extra: Record<string, unknown> = {}) =>
      insertChange(t.app, org, { class: cls, status: 'closed', ...win(day), startedAt: d(day, 11), completedAt: d(day, onTime ? 13 : 15), outcome, onTime, rollbackMinutes: outcome === 'rolled_back' ? 20 : null, ...extra });
    for (let i = 1; i <= 6; i++) await done(i, 'standard', 'success', true);
    await done(7, 'pre_authorised', 'success', true);
    await done(8, 'reviewed', 'failed', false);
    await done(9, 'reviewed', 'rolled_back', true, { rollbackMinutes: 40 });
    await done(10, 'emergency', 'rolled_back', false, { rollbackMinutes: 20, implementedBeforeApproval: true, approvalState: 'pending', status: 'completed' });
    // outside the period, or never completed: not counted
    await done(25, 'standard', 'success', true, { completedAt: new Date(Date.UTC(2026, 10, 2)) });
    await insertChange(t.app, org, { class: 'reviewed', status: 'cancelled', ...win(12) });

    const manager = await t.as(t.users.manager);
    const res = await manager.get(`/changes/kpis?from=${encodeURIComponent('2026-10-01T00:00:00+08:00')}&to=${encodeURIComponent('2026-11-01T00:00:00+08:00')}&orgId=${org}`);
    expect(res.status, res.text).toBe(200);
    expect(ChangeKpis.strict().parse(res.body)).toEqual({
      from: '2026-09-30T16:00:00.000Z',
      to: '2026-10-31T16:00:00.000Z',
      completed: 10,
      byClass: { pre_authorised: 1, standard: 6, emergency: 1, reviewed: 2 },
      onTime: 8,
      onTimeRate: 0.8,
      onTimeTarget: 0.9,
      onTimeMet: false,
      succeeded: 7,
      successRate: 0.7,
      failed: 1,
      rolledBack: 2,
      meanRollbackMinutes: 30,
      maxRollbackMinutes: 40,
      rollbackTargetMinutes: 30,
      rollbacksOverTarget: 1,
      emergencyShare: 0.1,
      implementedBeforeApproval: 1,
      awaitingRetroApproval: 1,
    });
    // the hospital's engineers do not see that organisation's changes; an empty period has no rates
    const theirs = ChangeKpis.parse((await (await t.as(t.users.engineer)).get(`/changes/kpis?from=${encodeURIComponent('2026-10-01T00:00:00+08:00')}&to=${encodeURIComponent('2026-11-01T00:00:00+08:00')}`)).body);
    expect(theirs).toMatchObject({ completed: 0, onTimeRate: null, onTimeMet: null, successRate: null, meanRollbackMinutes: null, emergencyShare: null });
    expect((await manager.get(`/changes/kpis?from=${encodeURIComponent('2025-01-01T00:00:00+08:00')}&to=${encodeURIComponent('2026-11-01T00:00:00+08:00')}`)).status).toBe(400);
  });

  it('links changes to tickets and problems, with events on both sides', async () => {
    const engineer = await t.as(t.users.engineer);
    const c = await plan(engineer, { class: 'pre_authorised', ...window('2026-12-20', '22:00', '23:00') });
    const ticket = await insertTicket(t.app, t.orgs.hospital, { title: '挂号缓慢' });
    const problem = ProblemDetail.parse((await engineer.post('/problems', { orgId: t.orgs.hospital, title: '数据库锁等待' })).body);
    let d = ChangeDetail.parse((await engineer.post(`/changes/${c.id}/tickets`, { ticketId: ticket })).body);
    expect(d.tickets.map((x) => x.id)).toEqual([ticket]);
    d = ChangeDetail.parse((await engineer.post(`/changes/${c.id}/problems`, { problemId: problem.id })).body);
    expect(d.problems).toEqual([{ id: problem.id, number: problem.number, title: '数据库锁等待', status: 'new', isKnownError: false }]);
    expect((await engineer.post(`/changes/${c.id}/problems`, { problemId: problem.id })).body.error.code).toBe('link.exists');
    expect((await engineer.post(`/changes/${c.id}/problems`, { problemId: await insertProblem(t.app, t.orgs.sibling) })).body.error.code).toBe('change.bad_problem');
    expect(ProblemDetail.parse((await engineer.get(`/problems/${problem.id}`)).body).changes.map((x) => x.id)).toEqual([c.id]);
    expect((await engineer.get(`/tickets/${ticket}/related`)).body.changes.map((x: { id: string }) => x.id)).toEqual([c.id]);
    expect(ChangePage.parse((await engineer.get(`/changes?ticketId=${ticket}`)).body).items.map((i) => i.id)).toEqual([c.id]);
    expect(ChangePage.parse((await engineer.get(`/changes?problemId=${problem.id}`)).body).items.map((i) => i.id)).toEqual([c.id]);

    d = ChangeDetail.parse((await engineer.delete(`/changes/${c.id}/tickets/${ticket}`)).body);
    expect(d.tickets).toEqual([]);
    d = ChangeDetail.parse((await engineer.delete(`/changes/${c.id}/problems/${problem.id}`)).body);
    expect(d.problems).toEqual([]);
    expect((await engineer.delete(`/changes/${c.id}/problems/${problem.id}`)).status).toBe(404);
    expect(TicketEventPage.parse((await engineer.get(`/tickets/${ticket}/events`)).body).items.map((e) => e.kind)).toEqual(['opened', 'change_linked', 'change_unlinked']);
    expect(ItilEventPage.parse((await engineer.get(`/problems/${problem.id}/events`)).body).items.map((e) => e.kind)).toEqual(['opened', 'change_linked', 'change_unlinked']);
    expect(ItilEventPage.parse((await engineer.get(`/changes/${c.id}/events`)).body).items.map((e) => e.kind)).toEqual(['created', 'ticket_linked', 'problem_linked', 'ticket_unlinked', 'problem_unlinked']);
    expect(await auditTrail(t.app, c.id)).toEqual(['change.create', 'change.link_ticket', 'change.link_problem', 'change.unlink_ticket', 'change.unlink_problem']);
  });

  it('keeps other organisations\' changes invisible: 404 for the object, absent from lists and the calendar', async () => {
    const engineer = await t.as(t.users.engineer);
    const mine = await plan(engineer, { class: 'reviewed', approverIds: [t.users.manager.id], ...window('2026-12-21', '22:00', '23:00') });
    await step(engineer, mine.id, 'submit');
    const theirs = await insertChange(t.app, t.orgs.sibling, { status: 'approved', windowStart: new Date(bj('2026-12-21', '22:00')), windowEnd: new Date(bj('2026-12-21', '23:00')) });
    const outsider = await t.as(t.users.outsider);
    for (const path of [`/changes/${mine.id}`, `/changes/${mine.id}/events`]) expect((await outsider.get(path)).status, path).toBe(404);
    for (const action of ['schedule', 'start', 'cancel']) expect((await outsider.post(`/changes/${mine.id}/${action}`, { reason: 'x' })).status, action).toBe(404);
    expect((await outsider.patch(`/changes/${mine.id}`, { title: 'x' })).status).toBe(404);
    expect((await outsider.post('/changes', { orgId: t.orgs.hospital, class: 'pre_authorised', ...base })).status).toBe(404);
    const list = ChangePage.parse((await engineer.get('/changes?pageSize=100')).body).items.map((i) => i.id);
    expect(list).toContain(mine.id);
    expect(list).not.toContain(theirs);
    const cal = ChangeCalendar.parse((await engineer.get(`/changes/calendar?from=${encodeURIComponent(bj('2026-12-21', '00:00'))}&to=${encodeURIComponent(bj('2026-12-22', '00:00'))}`)).body);
    expect(cal.items.map((i) => i.id)).toEqual([mine.id]);
    // a viewer reads, never plans
    const viewer = await t.as(t.users.viewer);
    expect((await viewer.get(`/changes/${mine.id}`)).status).toBe(200);
    expect((await viewer.post('/changes', { orgId: t.orgs.hospital, class: 'pre_authorised', ...base })).status).toBe(403);
    expect(await auditTrail(t.app, mine.id)).toEqual(['change.create', 'change.submit']);
    // the region's manager sees both
    const managerList = ChangePage.parse((await (await t.as(t.users.manager)).get('/changes?pageSize=100&status=active')).body).items.map((i) => i.id);
    expect(managerList).toEqual(expect.arrayContaining([mine.id, theirs]));
    // templates of another branch cannot be used
    const siblingTemplate = await insertChangeTemplate(t.app, t.orgs.sibling);
    const res = await engineer.post('/changes', { orgId: t.orgs.hospital, class: 'standard', templateId: siblingTemplate, title: 'x' });
    expect([res.status, res.body.error.code]).toEqual([400, 'change.bad_reference']);
    expect((await engineer.get(`/change-templates/${siblingTemplate}`)).status).toBe(404);
  });
});
