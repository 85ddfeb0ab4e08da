import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TicketDetail, TicketEventPage } from '../../../../shared/schemas/servicedesk.ts';
import { at, auditTrail, createDeskTestApp, type DeskTestContext } from '../test-support.ts';

let t: DeskTestContext;
beforeAll(async () => {
  t = await createDeskTestApp();
});
afterAll(() => t.app.close());
beforeEach(() => t.app.clock.set(at(0)));

/** Sets the clock to `minutes` after the test start and answers a fresh engineer session. */
async function engineerAt(minutes: number) {
  t.app.clock.set(at(minutes));
  return t.as(t.users.engineer);
}

/** Opens a ticket of the hospital as the engineer; with no contract and no default it gets the platform default (seed 003, 7×24). */
async function open(body: Record<string, unknown> = {}): Promise<TicketDetail> {
  const res = await (await t.as(t.users.engineer)).post('/tickets', { orgId: t.orgs.hospital, channel: 'phone', title: '门诊 HIS 无法登录', requesterName: '王护士', impact: 'department', urgency: 'impaired', ...body });
  expect(res.status, res.text).toBe(201);
  return TicketDetail.strict().parse(res.body);
}

const clock = (d: TicketDetail, kind: string) => d.clocks.clocks.find((c) => c.kind === kind)!;

describe('ticket workflow', () => {
  it('goes new → responded → on site → in progress → pending → resumed → resolved → closed, clocks stored and explained', async () => {
    const opened = await open();
    expect(opened).toMatchObject({ status: 'new', levelKey: 'level3', levelName: '三级故障', impact: 'department', urgency: 'impaired' });
    expect(opened.number).toMatch(/^INC-2026-\d{6}$/);
    // 7×24 level 3 of seed 003: respond 30 min, on site 2 h, diagnose 4 h, resolve 16 h
    expect(opened.sla).toMatchObject({
      source: 'platform_default',
      responseDueAt: at(30),
      onSiteDueAt: at(120),
      diagnosisDueAt: at(240),
      resolutionDueAt: at(960),
      nextBreachAt: at(30),
      nextBreachClock: 'response',
      remainingMinutes: 30,
      isBreached: false,
    });
    expect(clock(opened, 'response').explanation.en).toContain('Response due');
    const id = opened.id;

    let res = await (await engineerAt(10)).post(`/tickets/${id}/respond`, { note: '已电话联系' });
    expect(res.status, res.text).toBe(200);
    let d = TicketDetail.strict().parse(res.body);
    expect(d).toMatchObject({ status: 'responded', respondedAt: at(10) });
    expect(clock(d, 'response')).toMatchObject({ status: 'met', stoppedBy: 'responded' });
    expect(d.sla).toMatchObject({ nextBreachAt: at(120), nextBreachClock: 'onSite', remainingMinutes: 110 });

    // recorded at +50 min, arrived at +40 min
    res = await (await engineerAt(50)).post(`/tickets/${id}/arrive`, { arrivedAt: at(40) });
    d = TicketDetail.parse(res.body);
    expect(d).toMatchObject({ status: 'on_site', onSiteAt: at(40) });
    expect(clock(d, 'onSite')).toMatchObject({ status: 'met', stoppedAt: at(40) });

    d = TicketDetail.parse((await (await engineerAt(55)).post(`/tickets/${id}/start`, {})).body);
    expect(d.status).toBe('in_progress');

    res = await (await engineerAt(60)).post(`/tickets/${id}/pause`, { reason: 'awaiting_parts', note: '等待备件' });
    d = TicketDetail.parse(res.body);
    expect(d).toMatchObject({ status: 'pending', pause: { reason: 'awaiting_parts', reasonName: '等待备件', since: at(60) } });
    expect(clock(d, 'resolution').status).toBe('paused');
    // waiting for parts stops resolution only; diagnosis still runs and is now the next to breach
    expect(d.sla).toMatchObject({ nextBreachClock: 'diagnosis', nextBreachAt: at(240) });

    d = TicketDetail.parse((await (await engineerAt(120)).post(`/tickets/${id}/resume`, {})).body);
    expect(d).toMatchObject({ status: 'in_progress', pause: null });
    // the hour spent waiting moved the resolution due by an hour
    expect(d.sla.resolutionDueAt).toBe(at(1020));
    expect(clock(d, 'resolution').pausedMinutes).toBe(60);
    expect(clock(d, 'resolution').explanation.en).toContain('waiting for spare parts');

    d = TicketDetail.parse((await (await engineerAt(180)).post(`/tickets/${id}/resolve`, { resolutionCode: 'replaced', resolutionNote: '更换网卡', rootCause: '网卡老化' })).body);
    expect(d).toMatchObject({ status: 'resolved', resolvedAt: at(180), resolutionCode: 'replaced', rootCause: '网卡老化' });
    expect(d.clocks.clocks.filter((c) => c.status !== 'not_applicable').every((c) => c.status === 'met')).toBe(true);
    expect(d.sla).toMatchObject({ nextBreachAt: null, remainingMinutes: null, autoCloseAt: at(180 + 3 * 1440) });

    d = TicketDetail.parse((await (await engineerAt(200)).post(`/tickets/${id}/close`, {})).body);
    expect(d).toMatchObject({ status: 'closed', closedAt: at(200) });

    // every step is stored as an event and audited
    const events = TicketEventPage.parse((await (await engineerAt(200)).get(`/tickets/${id}/events`)).body);
    expect(events.items.map((e) => e.kind)).toEqual(['opened', 'responded', 'on_site', 'in_progress', 'paused', 'resumed', 'resolved', 'closed']);
    expect(events.items[2]).toMatchObject({ at: at(40), actorName: '李工程师' });
    expect(await auditTrail(t.app, id)).toEqual(['ticket.open', 'ticket.respond', 'ticket.arrive', 'ticket.start', 'ticket.pause', 'ticket.resume', 'ticket.resolve', 'ticket.close']);
    // the stored columns match what the detail computes
    const row = await t.app.platform.db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.resolutionDueAt?.toISOString()).toBe(at(1020));
    expect(row).toMatchObject({ status: 'closed', isBreached: false, nextBreachAt: null });
  });

  it('answers 409 with a clear code for a step the status does not allow, and changes nothing', async () => {
    const { id } = await open();
    const engineer = await t.as(t.users.engineer);
    const expect409 = async (path: string, body: unknown, status: string, code = 'ticket.invalid_transition') => {
      const res = await engineer.post(`/tickets/${id}/${path}`, body);
      expect(res.status, `${path}: ${res.text}`).toBe(409);
      expect(res.body.error.code).toBe(code);
      if (code === 'ticket.invalid_transition') expect(res.body.error.details).toMatchObject({ status });
    };
    await expect409('close', {}, 'new');
    await expect409('start', {}, 'new');
    await expect409('resume', {}, 'new');
    await expect409('reopen', { reason: '再次故障' }, 'new');
    await expect409('pause', { reason: 'awaiting_parts' }, 'new');
    expect((await engineer.post(`/tickets/${id}/arrive`, {})).status).toBe(200);
    await expect409('arrive', {}, 'on_site');
    await expect409('respond', {}, 'on_site');
    expect((await engineer.post(`/tickets/${id}/start`, {})).status).toBe(200);
    await expect409('arrive', {}, 'in_progress', 'ticket.already_on_site');
    expect((await engineer.post(`/tickets/${id}/resolve`, { resolutionCode: 'fixed' })).status).toBe(200);
    await expect409('resolve', { resolutionCode: 'fixed' }, 'resolved');
    await expect409('reassign', { assigneeId: t.users.engineer.id }, 'resolved');
    expect((await engineer.post(`/tickets/${id}/close`, {})).status).toBe(200);
    await expect409('reopen', { reason: '再次故障' }, 'closed');
    await expect409('respond', {}, 'closed');
    const events = TicketEventPage.parse((await engineer.get(`/tickets/${id}/events`)).body);
    expect(events.items.map((e) => e.kind)).toEqual(['opened', 'on_site', 'in_progress', 'resolved', 'closed']);
    // an arrival in the future or before the ticket was opened is refused
    const other = await open();
    expect((await engineer.post(`/tickets/${other.id}/arrive`, { arrivedAt: at(5) })).body.error.code).toBe('ticket.arrival_in_future');
    expect((await engineer.post(`/tickets/${other.id}/arrive`, { arrivedAt: at(-5) })).body.error.code).toBe('ticket.arrival_before_open');
  });

  it('needs a pause reason, one of the policy\'s, and pauses only that reason\'s clocks', async () => {
    const { id } = await open();
    const engineer = await engineerAt(5);
    expect((await engineer.post(`/tickets/${id}/respond`, {})).status).toBe(200);
    const missing = await engineer.post(`/tickets/${id}/pause`, {});
    expect(missing.status).toBe(400);
    expect(missing.body.error.details[0].path).toEqual(['body', 'reason']);
    const unknown = await engineer.post(`/tickets/${id}/pause`, { reason: 'lunch_break' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('ticket.pause_reason_unknown');
    expect(unknown.body.error.details[0].message).toContain('awaiting_requester');
    // waiting for the requester also holds the on-site visit
    const d = TicketDetail.parse((await engineer.post(`/tickets/${id}/pause`, { reason: 'awaiting_requester' })).body);
    expect(d.status).toBe('pending');
    expect(clock(d, 'onSite').status).toBe('paused');
    expect(clock(d, 'resolution').status).toBe('paused');
    expect(clock(d, 'response').status).toBe('met');
    // nothing runs: no next breach while everything waits on the requester
    expect(d.sla.nextBreachAt).toBeNull();
    // resuming returns to the status before the pause
    const resumed = TicketDetail.parse((await (await engineerAt(65)).post(`/tickets/${id}/resume`, {})).body);
    expect(resumed.status).toBe('responded');
    expect(resumed.sla.onSiteDueAt).toBe(at(120 + 60));
  });

  it('reopens a resolved ticket: the resolution clock resumes without counting the resolved time', async () => {
    const { id } = await open();
    let engineer = await engineerAt(10);
    await engineer.post(`/tickets/${id}/respond`, {});
    expect((await engineer.post(`/tickets/${id}/resolve`, { resolutionCode: 'fixed' })).status).toBe(200);
    engineer = await engineerAt(130);
    const res = await engineer.post(`/tickets/${id}/reopen`, { reason: '用户反映仍无法登录' });
    expect(res.status, res.text).toBe(200);
    const d = TicketDetail.parse(res.body);
    expect(d).toMatchObject({ status: 'in_progress', reopenCount: 1, resolvedAt: null });
    // 16 h from open, plus the 2 h it sat resolved
    expect(d.sla.resolutionDueAt).toBe(at(960 + 120));
    expect(clock(d, 'resolution').pauses).toEqual([expect.objectContaining({ reason: 'resolved', from: at(10), to: at(130) })]);
    expect((await engineer.post(`/tickets/${id}/reopen`, { reason: 'x' })).status).toBe(409);
    expect((await engineer.post(`/tickets/${id}/reopen`, {})).status).toBe(400);
    expect(await auditTrail(t.app, id)).toContain('ticket.reopen');
  });

  it('changes the level: targets replaced, an upgrade past due breaches at once and the breach sticks', async () => {
    const { id } = await open({ impact: 'individual', urgency: 'unaffected' });
    let engineer = await engineerAt(40);
    // level 4 has 30 min response too (seed 003), so at +40 the response is overdue whatever the level
    let d = TicketDetail.parse((await engineer.get(`/tickets/${id}`)).body);
    expect(d.levelKey).toBe('level4');
    expect(d.sla.isBreached).toBe(true);
    expect(d.sla.breachedClocks).toEqual(['response']);
    const res = await engineer.post(`/tickets/${id}/level`, { impact: 'wide', urgency: 'stopped', reason: '全院受影响' });
    expect(res.status, res.text).toBe(200);
    d = TicketDetail.parse(res.body);
    expect(d).toMatchObject({ levelKey: 'level1', levelName: '一级故障', impact: 'wide', urgency: 'stopped' });
    // level 1: diagnosis within 1 h of opening
    expect(d.sla.diagnosisDueAt).toBe(at(60));
    expect((await engineer.post(`/tickets/${id}/level`, { level: 'level1' })).body.error.code).toBe('ticket.level_unchanged');
    expect((await engineer.post(`/tickets/${id}/level`, { level: 'level9' })).body.error.code).toBe('ticket.unknown_level');
    expect((await engineer.post(`/tickets/${id}/level`, { impact: 'wide' })).status).toBe(400);
    engineer = await engineerAt(50);
    d = TicketDetail.parse((await engineer.post(`/tickets/${id}/level`, { level: 'level4' })).body);
    expect(d.sla.breachedClocks).toContain('response');
    const row = await t.app.platform.db.selectFrom('tickets').select(['isBreached', 'levelKey']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ isBreached: true, levelKey: 'level4' });
  });

  it('merges a duplicate: closes it, links it to the survivor and carries its alerts over', async () => {
    const survivor = await open({ title: '急诊挂号系统故障' });
    const duplicate = await open({ title: '急诊挂号打不开' });
    const alertId = globalThis.crypto.randomUUID();
    await t.app.platform.db.insertInto('ticketLinks').values({ ticketId: duplicate.id, kind: 'alert', targetId: alertId, createdBy: null }).execute();
    const engineer = await engineerAt(15);
    expect((await engineer.post(`/tickets/${duplicate.id}/merge`, { intoTicketId: duplicate.id })).body.error.code).toBe('ticket.merge_self');
    expect((await engineer.post(`/tickets/${duplicate.id}/merge`, { intoTicketId: globalThis.crypto.randomUUID() })).body.error.code).toBe('ticket.merge_target_unknown');
    const res = await engineer.post(`/tickets/${duplicate.id}/merge`, { intoTicketId: survivor.id, note: '同一故障' });
    expect(res.status, res.text).toBe(200);
    const merged = TicketDetail.parse(res.body);
    expect(merged).toMatchObject({ status: 'closed', closedAt: at(15), mergedInto: { id: survivor.id, number: survivor.number } });
    expect(merged.clocks.clocks.find((c) => c.kind === 'response')).toMatchObject({ status: 'met', stoppedBy: 'closed' });
    const s = TicketDetail.parse((await engineer.get(`/tickets/${survivor.id}`)).body);
    expect(s.status).toBe('new');
    expect(s.alertIds).toEqual([alertId]);
    expect(TicketEventPage.parse((await engineer.get(`/tickets/${survivor.id}/events`)).body).items.map((e) => e.kind)).toEqual(['opened', 'merged']);
    expect(await auditTrail(t.app, duplicate.id)).toEqual(['ticket.open', 'ticket.merge']);
    expect(await auditTrail(t.app, survivor.id)).toEqual(['ticket.open', 'ticket.merge_into']);
    // a closed ticket takes no duplicate, and a closed duplicate cannot be merged again
    const third = await open();
    expect((await engineer.post(`/tickets/${third.id}/merge`, { intoTicketId: duplicate.id })).body.error.code).toBe('ticket.merge_target_closed');
    expect((await engineer.post(`/tickets/${duplicate.id}/merge`, { intoTicketId: third.id })).body.error.code).toBe('ticket.invalid_transition');
  });

  it('reassigns to a group and a member of it; clocks do not change', async () => {
    const { insertGroup } = await import('../catalog/tenancy-fixture.ts');
    const groupId = await insertGroup(t.app, t.orgs.hospital, [t.users.engineer2.id], '驻场组');
    const otherGroup = await insertGroup(t.app, t.orgs.sibling, [t.users.outsider.id], '县医院组');
    const opened = await open();
    const engineer = await engineerAt(5);
    const notMember = await engineer.post(`/tickets/${opened.id}/reassign`, { assignmentGroupId: groupId, assigneeId: t.users.engineer.id });
    expect(notMember.status).toBe(400);
    expect(notMember.body.error.details[0].code).toBe('not_in_group');
    const foreign = await engineer.post(`/tickets/${opened.id}/reassign`, { assignmentGroupId: otherGroup });
    expect(foreign.body.error.details[0].code).toBe('unknown_group');
    const res = await engineer.post(`/tickets/${opened.id}/reassign`, { assignmentGroupId: groupId, assigneeId: t.users.engineer2.id });
    expect(res.status, res.text).toBe(200);
    const d = TicketDetail.parse(res.body);
    expect(d).toMatchObject({ assignmentGroup: { id: groupId, name: '驻场组' }, assignee: { id: t.users.engineer2.id, name: '张工程师' } });
    expect(d.sla.responseDueAt).toBe(opened.sla.responseDueAt);
    const viewer = await t.as(t.users.viewer);
    expect((await viewer.post(`/tickets/${opened.id}/respond`, {})).status).toBe(403);
  });
});
