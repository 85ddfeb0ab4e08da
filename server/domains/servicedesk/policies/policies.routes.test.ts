import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ContractSlaPolicy, SlaPolicyPage, SlaPolicyRecord, SlaPolicyResolution, SlaTemplateList, TicketDetail, TicketEventPage } from '../../../../shared/schemas/servicedesk.ts';
import { makeOrg, makeUser, signedIn, type Client } from '../../../test/test-app.ts';
import { policyFromTemplate } from '../sla/index.ts';
import { at, auditTrail, createDeskTestApp, insertAsset, insertContract, type DeskTestContext } from '../test-support.ts';
import { recomputeOpenTickets } from '../tickets/recompute.ts';

let t: DeskTestContext;
beforeAll(async () => {
  t = await createDeskTestApp();
});
afterAll(() => t.app.close());
beforeEach(() => t.app.clock.set(at(0)));

/** A fresh tree of its own (root → hospital → department) and a manager of it, so defaults do not leak between tests. */
async function tree() {
  const root = (await makeOrg(t.app, { name: '州中心' })).id;
  const hospital = (await makeOrg(t.app, { parentId: root, kind: 'institution', name: '州人民医院' })).id;
  const dept = (await makeOrg(t.app, { parentId: hospital, kind: 'department', name: '检验科' })).id;
  const manager = await makeUser(t.app, root, ['ops_manager']);
  return { root, hospital, dept, manager: await signedIn(t.app, manager) };
}

async function createPolicy(c: Client, body: Record<string, unknown>): Promise<SlaPolicyRecord> {
  const res = await c.post('/sla-policies', body);
  expect(res.status, res.text).toBe(201);
  return SlaPolicyRecord.strict().parse(res.body);
}

async function openTicket(c: Client, body: Record<string, unknown>): Promise<TicketDetail> {
  const res = await c.post('/tickets', { channel: 'phone', title: '故障', requesterName: '王护士', ...body });
  expect(res.status, res.text).toBe(201);
  return TicketDetail.parse(res.body);
}

describe('SLA policies', () => {
  it('lists the seed templates and copies one into an organisation\'s policy, inside the caller\'s scope only', async () => {
    const manager = await t.as(t.users.manager);
    const templates = SlaTemplateList.parse((await manager.get('/sla-templates')).body);
    expect(templates.items.map((x) => x.key)).toEqual(['seed001_resident', 'seed002_maintenance', 'seed003_emergency', 'seed004_faults', 'seed004_cloud_tickets', 'seed004_security']);
    expect(templates.platformDefault).toBe('seed003_emergency');

    const created = await createPolicy(manager, { orgId: t.orgs.hospital, templateKey: 'seed001_resident', name: '州医院驻场服务' });
    expect(created).toMatchObject({ orgName: '州人民医院', templateKey: 'seed001_resident', isDefault: false, version: 1, contractCount: 0 });
    expect(created.policy.name).toBe('州医院驻场服务');
    expect(created.policy.levels[0]!.targets).toEqual({ response: 60, onSite: 120 });
    expect(await auditTrail(t.app, created.id)).toEqual(['sla_policy.create']);

    expect((await manager.post('/sla-policies', { orgId: t.orgs.hospital, templateKey: 'seed001_resident', name: '州医院驻场服务' })).body.error.code).toBe('sla_policy.name_taken');
    expect((await manager.post('/sla-policies', { orgId: t.orgs.hospital, templateKey: 'nope' })).body.error.code).toBe('sla_policy.unknown_template');
    expect((await manager.post('/sla-policies', { orgId: t.orgs.hospital })).status).toBe(400);

    const viewer = await t.as(t.users.viewer);
    expect(SlaPolicyPage.parse((await viewer.get('/sla-policies')).body).items.map((p) => p.id)).toContain(created.id);
    expect((await viewer.patch(`/sla-policies/${created.id}`, { isDefault: true })).status).toBe(403);
    const engineer = await t.as(t.users.engineer);
    expect((await engineer.post('/sla-policies', { orgId: t.orgs.hospital, templateKey: 'seed002_maintenance' })).status).toBe(403);
    const outsider = await t.as(t.users.outsider);
    expect((await outsider.get(`/sla-policies/${created.id}`)).status).toBe(404);
    expect(SlaPolicyPage.parse((await outsider.get('/sla-policies')).body).items.map((p) => p.id)).not.toContain(created.id);

    // a custom calendar must belong to the policy's organisation line (or the platform)
    const foreignCal = await t.app.platform.db
      .insertInto('workCalendars')
      .values({ orgId: t.orgs.sibling, name: '县医院日历', description: null, weekly: JSON.stringify([[[480, 1020]], [[480, 1020]], [[480, 1020]], [[480, 1020]], [[480, 1020]], [], []]), makeupRanges: JSON.stringify([[480, 1020]]) })
      .returning('id')
      .executeTakeFirstOrThrow();
    const policy = { ...policyFromTemplate('seed004_faults')!, name: '自定义日历', calendar: { calendarId: foreignCal.id } };
    const bad = await manager.post('/sla-policies', { orgId: t.orgs.hospital, policy });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'sla_policy.bad_reference', details: [{ path: ['body', 'policy', 'calendar', 'calendarId'] }] });
    const own = await createPolicy(manager, { orgId: t.orgs.hospital, policy: { ...policy, calendar: { calendarId: t.calendars.standard } } });
    expect(own.policy.calendar).toEqual({ calendarId: t.calendars.standard });
  });

  it('resolves a ticket\'s policy: the asset\'s contract first, then the nearest organisation default, then the platform default — and says why', async () => {
    const { root, hospital, dept, manager } = await tree();
    // nothing configured: the platform default template
    let ticket = await openTicket(manager, { orgId: dept });
    expect(ticket.sla).toMatchObject({ source: 'platform_default', policyId: null, policyName: '医院信息系统运维应急响应' });
    expect(ticket.sla.why.en).toContain('platform default template');

    // the root's default reaches the department through the tree
    const rootDefault = await createPolicy(manager, { orgId: root, templateKey: 'seed003_emergency', name: '州中心默认', isDefault: true });
    ticket = await openTicket(manager, { orgId: dept });
    expect(ticket.sla).toMatchObject({ source: 'organisation_default', policyId: rootDefault.id, policyVersion: 1 });
    expect(ticket.sla.why['zh-CN']).toBe('上级机构 州中心 的默认 SLA 策略「州中心默认」');

    // the hospital's own default is nearer
    const hospitalDefault = await createPolicy(manager, { orgId: hospital, templateKey: 'seed004_faults', isDefault: true });
    ticket = await openTicket(manager, { orgId: dept, impact: 'wide', urgency: 'stopped' });
    expect(ticket.sla).toMatchObject({ source: 'organisation_default', policyId: hospitalDefault.id });
    expect(ticket.levelKey).toBe('level1');

    // a contract policy for the asset wins
    const resident = await createPolicy(manager, { orgId: hospital, templateKey: 'seed001_resident' });
    const contract = await insertContract(t.app, hospital, { code: 'HT-2026-007', name: '检验科设备维保' });
    const attached = await manager.put(`/maintenance-contracts/${contract}/sla-policy`, { policyId: resident.id });
    expect(attached.status, attached.text).toBe(200);
    expect(ContractSlaPolicy.parse(attached.body)).toEqual({ contractId: contract, policyId: resident.id, policyName: resident.policy.name });
    expect(await auditTrail(t.app, contract)).toEqual(['sla_policy.attach_contract']);
    const asset = await insertAsset(t.app, dept, { code: 'LAB-0009', contractId: contract });
    const plain = await insertAsset(t.app, dept, { code: 'LAB-0010' });
    ticket = await openTicket(manager, { orgId: dept, assetIds: [plain, asset] });
    expect(ticket.sla).toMatchObject({ source: 'contract', policyId: resident.id, contractId: contract, contractName: '检验科设备维保' });
    expect(ticket.sla.why.en).toBe(`via contract HT-2026-007 “检验科设备维保” covering asset LAB-0009: policy “${resident.policy.name}”`);
    // seed 001: one level, 60 min response on the wall clock in working hours, 2 h off hours (Sunday)
    expect(ticket.sla).toMatchObject({ band: 'off_hours', responseDueAt: at(120), onSiteDueAt: at(240), resolutionDueAt: null });
    const preview = SlaPolicyResolution.parse((await manager.get(`/sla-policies/resolve?orgId=${dept}&assetId=${asset}`)).body);
    expect(preview).toMatchObject({ source: 'contract', policyId: resident.id, contractCode: 'HT-2026-007', assetId: asset });
    // the contract's policy has no matrix, so impact × urgency cannot pick a level
    expect((await manager.post('/tickets', { orgId: dept, channel: 'phone', title: 'x', requesterName: 'y', assetIds: [asset], impact: 'wide', urgency: 'stopped' })).body.error.code).toBe('ticket.no_priority_matrix');

    // an expired contract gives nothing; the organisation default applies
    const expired = await insertContract(t.app, hospital, { code: 'HT-2025-001', startsOn: '2025-01-01', endsOn: '2025-12-31' });
    await manager.put(`/maintenance-contracts/${expired}/sla-policy`, { policyId: resident.id });
    const oldAsset = await insertAsset(t.app, dept, { contractId: expired });
    ticket = await openTicket(manager, { orgId: dept, assetIds: [oldAsset] });
    expect(ticket.sla.source).toBe('organisation_default');

    // a policy in use by a contract cannot go; detaching frees it
    expect((await manager.delete(`/sla-policies/${resident.id}`)).body.error.code).toBe('sla_policy.in_use');
    expect(ContractSlaPolicy.parse((await manager.put(`/maintenance-contracts/${expired}/sla-policy`, { policyId: null })).body).policyId).toBeNull();
    // only policies of the contract's organisation line can be attached, and only by someone who sees the contract
    const { manager: stranger, hospital: otherHospital } = await tree();
    const strangerPolicy = await createPolicy(stranger, { orgId: otherHospital, templateKey: 'seed002_maintenance' });
    expect((await manager.put(`/maintenance-contracts/${contract}/sla-policy`, { policyId: strangerPolicy.id })).body.error.code).toBe('sla_policy.bad_reference');
    expect((await stranger.put(`/maintenance-contracts/${contract}/sla-policy`, { policyId: strangerPolicy.id })).status).toBe(404);
    expect((await stranger.get(`/sla-policies/resolve?orgId=${dept}`)).status).toBe(404);
  });

  it('stores and explains due times on the business calendar, and a calendar edit moves no open ticket', async () => {
    const { hospital, manager } = await tree();
    await createPolicy(manager, { orgId: hospital, templateKey: 'seed004_faults', isDefault: true });
    // Sunday 10:00 in Beijing is outside working hours: level 3 answers within 30 wall-clock minutes, then works in
    // working time: 30 min to act (Monday 08:30), 2 h to restore (Monday 10:00).
    const ticket = await openTicket(manager, { orgId: hospital, impact: 'department', urgency: 'impaired' });
    expect(ticket.levelKey).toBe('level3');
    expect(ticket.sla).toMatchObject({ band: 'off_hours', responseDueAt: at(30), onSiteDueAt: '2026-11-23T00:30:00.000Z', resolutionDueAt: '2026-11-23T02:00:00.000Z' });
    const resolution = ticket.clocks.clocks.find((c) => c.kind === 'resolution')!;
    expect(resolution.explanation.en).toMatch(/^Resolution due 2026-11-23 10:00/);
    expect(resolution.explanation['zh-CN']).toMatch(/^解决时限 2026-11-23 10:00/);

    // the hospital declares Monday a holiday afterwards
    await t.app.platform.db.insertInto('calendarDays').values({ calendarId: t.calendars.standard, date: '2026-11-23', kind: 'holiday', name: '院内调整', ranges: null, source: 'manual' }).execute();
    try {
      const again = TicketDetail.parse((await manager.get(`/tickets/${ticket.id}`)).body);
      expect(again.sla.resolutionDueAt).toBe('2026-11-23T02:00:00.000Z');
      expect(await recomputeOpenTickets(t.app.platform, { orgId: hospital })).toMatchObject({ updated: 0, policyRefreshed: 0 });
      const row = await t.app.platform.db.selectFrom('tickets').select('resolutionDueAt').where('id', '=', ticket.id).executeTakeFirstOrThrow();
      expect(row.resolutionDueAt?.toISOString()).toBe('2026-11-23T02:00:00.000Z');
      // a ticket opened now gets the edited calendar: Tuesday
      const fresh = await openTicket(manager, { orgId: hospital, impact: 'department', urgency: 'impaired' });
      expect(fresh.sla.resolutionDueAt).toBe('2026-11-24T02:00:00.000Z');
    } finally {
      await t.app.platform.db.deleteFrom('calendarDays').where('calendarId', '=', t.calendars.standard).where('date', '=', '2026-11-23').execute();
    }
  });

  it('applies a changed policy to its open tickets (not resolved ones) and refuses to drop a level they use', async () => {
    const { hospital, manager } = await tree();
    const policy = await createPolicy(manager, { orgId: hospital, templateKey: 'seed003_emergency', isDefault: true });
    const open = await openTicket(manager, { orgId: hospital, impact: 'department', urgency: 'impaired' });
    const done = await openTicket(manager, { orgId: hospital, impact: 'department', urgency: 'impaired' });
    expect((await manager.post(`/tickets/${done.id}/resolve`, { resolutionCode: 'fixed' })).status).toBe(200);
    expect(open.sla.resolutionDueAt).toBe(at(960));

    const def = structuredClone(policy.policy);
    def.levels.find((l) => l.key === 'level3')!.targets.resolution = 480;
    const res = await manager.patch(`/sla-policies/${policy.id}`, { policy: def });
    expect(res.status, res.text).toBe(200);
    expect(SlaPolicyRecord.parse(res.body).version).toBe(2);
    const after = TicketDetail.parse((await manager.get(`/tickets/${open.id}`)).body);
    expect(after.sla).toMatchObject({ resolutionDueAt: at(480), policyVersion: 2 });
    expect(TicketEventPage.parse((await manager.get(`/tickets/${open.id}/events`)).body).items.map((e) => e.kind)).toEqual(['opened', 'policy_updated']);
    const row = await t.app.platform.db.selectFrom('tickets').select(['resolutionDueAt', 'policyVersion']).where('id', '=', open.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ resolutionDueAt: new Date(at(480)), policyVersion: 2 });
    expect(TicketDetail.parse((await manager.get(`/tickets/${done.id}`)).body).sla.policyVersion).toBe(1);

    const fewer = { ...def, levels: def.levels.filter((l) => l.key !== 'level3'), priorityMatrix: undefined };
    const refused = await manager.patch(`/sla-policies/${policy.id}`, { policy: fewer });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'sla_policy.level_in_use', details: { levels: ['level3'] } });
    expect(await auditTrail(t.app, policy.id)).toEqual(['sla_policy.create', 'sla_policy.update']);
  });

  it('edits the priority matrix: impact × urgency → level, every cell required and naming a level', async () => {
    const { hospital, manager } = await tree();
    const policy = await createPolicy(manager, { orgId: hospital, templateKey: 'seed004_faults', isDefault: true });
    const matrix = {
      impacts: [
        { key: 'all', name: '全院', nameEn: 'Whole hospital' },
        { key: 'one', name: '单人', nameEn: 'One person' },
      ],
      urgencies: [
        { key: 'now', name: '立即', nameEn: 'Now' },
        { key: 'later', name: '稍后', nameEn: 'Later' },
      ],
      cells: [
        { impact: 'all', urgency: 'now', level: 'level1' },
        { impact: 'all', urgency: 'later', level: 'level2' },
        { impact: 'one', urgency: 'now', level: 'level3' },
        { impact: 'one', urgency: 'later', level: 'level4' },
      ],
    };
    const missing = await manager.put(`/sla-policies/${policy.id}/priority-matrix`, { priorityMatrix: { ...matrix, cells: matrix.cells.slice(1) } });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body.error.details)).toContain('missing cell all×now');
    const unknownLevel = await manager.put(`/sla-policies/${policy.id}/priority-matrix`, { priorityMatrix: { ...matrix, cells: [...matrix.cells.slice(1), { impact: 'all', urgency: 'now', level: 'level0' }] } });
    expect(unknownLevel.body.error.code).toBe('sla_policy.bad_matrix');
    const res = await manager.put(`/sla-policies/${policy.id}/priority-matrix`, { priorityMatrix: matrix });
    expect(res.status, res.text).toBe(200);
    expect(SlaPolicyRecord.parse(res.body).policy.priorityMatrix).toEqual(matrix);

    expect((await openTicket(manager, { orgId: hospital, impact: 'one', urgency: 'later' })).levelKey).toBe('level4');
    const ticket = await openTicket(manager, { orgId: hospital, impact: 'all', urgency: 'later' });
    expect(ticket).toMatchObject({ levelKey: 'level2', levelName: '二级故障', impact: 'all', urgency: 'later' });
    expect((await manager.post('/tickets', { orgId: hospital, channel: 'phone', title: 'x', requesterName: 'y', impact: 'wide', urgency: 'stopped' })).body.error.code).toBe('ticket.unknown_priority');
    // an explicit level wins over the matrix; with neither, the least severe level
    expect((await openTicket(manager, { orgId: hospital, level: 'level1', impact: 'one', urgency: 'later' })).levelKey).toBe('level1');
    expect((await openTicket(manager, { orgId: hospital })).levelKey).toBe('level4');
    const changed = TicketDetail.parse((await manager.post(`/tickets/${ticket.id}/level`, { impact: 'all', urgency: 'now' })).body);
    expect(changed.levelKey).toBe('level1');
  });
});
