import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TicketDetail } from '../../../../shared/schemas/servicedesk.ts';
import { at, auditTrail, createDeskTestApp, type DeskTestContext } from '../test-support.ts';
import { autoCloseResolved, recomputeOpenTickets } from './recompute.ts';

let t: DeskTestContext;
beforeAll(async () => {
  t = await createDeskTestApp();
});
afterAll(() => t.app.close());

const row = (id: string) => t.app.platform.db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('SLA batch jobs', () => {
  it('recomputes stored breach flags of open tickets once their due has passed', async () => {
    t.app.clock.set(at(0));
    const engineer = await t.as(t.users.engineer);
    const ticket = TicketDetail.parse((await engineer.post('/tickets', { orgId: t.orgs.hospital, channel: 'phone', title: '网络中断', requesterName: '王护士', impact: 'wide', urgency: 'stopped' })).body);
    expect((await row(ticket.id)).isBreached).toBe(false);
    t.app.clock.set(at(45));
    const result = await recomputeOpenTickets(t.app.platform, { orgId: t.orgs.region, batchSize: 1 });
    expect(result.checked).toBeGreaterThanOrEqual(1);
    expect(result.updated).toBeGreaterThanOrEqual(1);
    const after = await row(ticket.id);
    expect(after).toMatchObject({ isBreached: true, breachedClocks: ['response'], nextBreachClock: 'response' });
    // nothing changed since: a second run updates nothing
    expect((await recomputeOpenTickets(t.app.platform, { orgId: t.orgs.region })).updated).toBe(0);
    // another subtree is not touched
    expect((await recomputeOpenTickets(t.app.platform, { orgId: t.orgs.sibling })).checked).toBe(0);
  });

  it('closes resolved tickets after the policy\'s auto-close days, audited as the system', async () => {
    t.app.clock.set(at(0));
    const engineer = await t.as(t.users.engineer);
    const ticket = TicketDetail.parse((await engineer.post('/tickets', { orgId: t.orgs.hospital, channel: 'phone', title: '打印机', requesterName: '王护士' })).body);
    const resolved = TicketDetail.parse((await engineer.post(`/tickets/${ticket.id}/resolve`, { resolutionCode: 'fixed' })).body);
    expect(resolved.sla.autoCloseAt).toBe(at(3 * 1440));
    t.app.clock.set(at(3 * 1440 - 1));
    expect(await autoCloseResolved(t.app.platform)).toBe(0);
    t.app.clock.set(at(3 * 1440));
    expect(await autoCloseResolved(t.app.platform)).toBe(1);
    expect(await row(ticket.id)).toMatchObject({ status: 'closed', closedAt: new Date(at(3 * 1440)), autoCloseAt: null });
    expect(await auditTrail(t.app, ticket.id)).toEqual(['ticket.open', 'ticket.resolve', 'ticket.close']);
    expect(await autoCloseResolved(t.app.platform)).toBe(0);
  });
});
