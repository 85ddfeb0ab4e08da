import { sql } from 'kysely';
import {
  MyTicketCreateInput as MyCreateSchema,
  OPEN_TICKET_STATUSES,
  TicketCreateInput as CreateSchema,
  type MyTicket,
  type MyTicketCreateInput,
  type MyTicketListQuery,
  type MyTicketPage,
  type RevealedPhone,
  type TicketCreateInput,
  type TicketDetail,
  type TicketEventPage,
  type TicketListQuery,
  type TicketPage,
  type TicketUpdateInput,
  type WorkbenchPage,
  type WorkbenchQuery,
} from '../../../../shared/schemas/servicedesk.ts';
import type { PageQuery } from '../../../../shared/schemas/common.ts';
import { assertInScope, type Actor } from '../../../platform/actor.ts';
import { subjectOf } from '../../../platform/audit.ts';
import type { Db } from '../../../platform/db.ts';
import type { PlatformDeps } from '../../../platform/deps.ts';
import { notFound } from '../../../platform/errors.ts';
import { assertTicketReferences } from '../references.ts';
import { openTicket, phoneContext, type Opener } from './open.ts';
import { evaluateTicket, loadClockEvents, slaColumns } from './sla-state.ts';
import { presentDetail, presentListItem, presentMine } from './tickets.present.ts';
import { actorDisplayName, filtered, lockTicket, scopedTickets, ticketExtras, withNames, type NamedTicketRow, type TicketPermission } from './tickets.repository.ts';

const READ = 'ticket.read';
const WORK = 'ticket.work';
const REPORT = 'ticket.report';

/** Who acts, as the ticket's events and the audit trail record it. */
export const openerOf = async (d: Db, actor: Actor): Promise<Opener> => ({ subject: subjectOf(actor), actorId: actor.userId, actorName: await actorDisplayName(d, actor) });

/** Tickets: open (desk or reporter), read one with its live SLA clocks, list and filter, the workbench, edit. */
export function createTicketService(platform: Pick<PlatformDeps, 'db' | 'audit' | 'secrets' | 'clock'>) {
  const { db, audit, secrets, clock } = platform;

  async function namedRow(d: Db, actor: Actor, id: string, permission: TicketPermission): Promise<NamedTicketRow> {
    const row = await withNames(scopedTickets(d, actor, permission)).where('t.id', '=', id).executeTakeFirst();
    if (!row) throw notFound('ticket', id);
    return row;
  }

  /** One ticket with its SLA clocks computed now from its events, on its frozen policy and calendar. */
  async function detail(actor: Actor, id: string, permission: TicketPermission = READ): Promise<TicketDetail> {
    const row = await namedRow(db, actor, id, permission);
    const now = clock.now();
    const [extras, events] = await Promise.all([ticketExtras(db, row), loadClockEvents(db, id)]);
    const ev = evaluateTicket(row, events, now);
    return presentDetail(row, extras, secrets, now, ev, slaColumns(ev, now));
  }

  async function mine(actor: Actor, id: string): Promise<MyTicket> {
    const row = await namedRow(db, actor, id, REPORT);
    return presentMine(row, (await ticketExtras(db, row)).assets, secrets);
  }

  return {
    detail,
    mine,

    /** The desk opens a ticket for someone (phone, WeCom group, e-mail, walk-in …); the policy is resolved and shown. */
    async create(actor: Actor, input: TicketCreateInput): Promise<TicketDetail> {
      const body = CreateSchema.parse(input);
      await assertInScope(db, actor, WORK, body.orgId, 'organisation', body.orgId);
      const opener = await openerOf(db, actor);
      const { id } = await db.transaction().execute((trx) => openTicket(trx, platform, opener, { ...body, requesterUserId: null }));
      return detail(actor, id, WORK);
    },

    /** A clinical reporter's fault report: the requester is the caller; the ticket gets its asset's SLA like any other. */
    async report(actor: Actor, input: MyTicketCreateInput): Promise<MyTicket> {
      const body = MyCreateSchema.parse(input);
      await assertInScope(db, actor, REPORT, body.orgId, 'organisation', body.orgId);
      const opener = await openerOf(db, actor);
      const { id } = await db.transaction().execute((trx) => openTicket(trx, platform, opener, { ...body, requesterName: opener.actorName, requesterUserId: actor.userId }));
      return mine(actor, id);
    },

    /** Tickets in scope, filtered; nearest breach first by default (overdue first, then the next to breach). */
    async list(actor: Actor, query: TicketListQuery): Promise<TicketPage> {
      const now = clock.now();
      const q = filtered(scopedTickets(db, actor, READ, query.orgId), actor, query, now);
      let rows = withNames(q);
      if (query.sort === 'nearestBreach') rows = rows.orderBy(sql`t.next_breach_at asc nulls last`).orderBy('t.openedAt', 'desc');
      else rows = rows.orderBy('t.openedAt', query.sort === 'createdAt' ? 'asc' : 'desc');
      const [count, items] = await Promise.all([
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        rows.orderBy('t.id').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute(),
      ]);
      return { items: items.map((r) => presentListItem(r, now)), total: Number(count.n), page: query.page, pageSize: query.pageSize };
    },

    /** My queue: open tickets assigned to me, and unassigned ones of my groups, nearest breach first, with countdowns. */
    async workbench(actor: Actor, query: WorkbenchQuery): Promise<WorkbenchPage> {
      const now = clock.now();
      if (!actor.userId) return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
      const me = actor.userId;
      const q = scopedTickets(db, actor, WORK)
        .where('t.status', 'in', [...OPEN_TICKET_STATUSES])
        .where((eb) =>
          eb.or([
            eb('t.assigneeId', '=', me),
            eb.and([
              eb('t.assigneeId', 'is', null),
              eb('t.assignmentGroupId', 'in', eb.selectFrom('assignmentGroupMembers as m').innerJoin('assignmentGroups as g', 'g.id', 'm.groupId').select('m.groupId').where('m.userId', '=', me).where('g.deletedAt', 'is', null)),
            ]),
          ]),
        );
      const [count, rows] = await Promise.all([
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        withNames(q)
          .orderBy(sql`t.next_breach_at asc nulls last`)
          .orderBy('t.openedAt')
          .orderBy('t.id')
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize)
          .execute(),
      ]);
      return {
        items: rows.map((r) => ({ ...presentListItem(r, now), queue: r.assigneeId === me ? ('mine' as const) : ('group' as const) })),
        total: Number(count.n),
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    /** The caller's own reports, newest first. */
    async listMine(actor: Actor, query: MyTicketListQuery): Promise<MyTicketPage> {
      let q = scopedTickets(db, actor, REPORT);
      if (query.status?.length) q = q.where('t.status', 'in', [...new Set(query.status.flatMap((s) => (s === 'open' ? OPEN_TICKET_STATUSES : [s])))]);
      const [count, rows] = await Promise.all([
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        withNames(q).orderBy('t.openedAt', 'desc').orderBy('t.id').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute(),
      ]);
      const assets = rows.length
        ? await db.selectFrom('ticketAssets as ta').leftJoin('assets as a', 'a.id', 'ta.assetId').select(['ta.ticketId', 'ta.assetId', 'a.code', 'a.name']).where('ta.ticketId', 'in', rows.map((r) => r.id)).orderBy('ta.position').execute()
        : [];
      return {
        items: rows.map((r) => presentMine(r, assets.filter((a) => a.ticketId === r.id).map((a) => ({ id: a.assetId, code: a.code ?? '', name: a.name ?? '' })), secrets)),
        total: Number(count.n),
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    /** Changes what was reported (not the workflow state); the policy stays the one the ticket opened with. */
    async update(actor: Actor, id: string, input: TicketUpdateInput): Promise<TicketDetail> {
      await db.transaction().execute(async (trx) => {
        const before = await lockTicket(trx, actor, id, WORK);
        const now = clock.now();
        await assertTicketReferences(trx, before.orgId, { categoryId: input.categoryId, assetIds: input.assetIds }, now);
        const changed = Object.keys(input).filter((k) => input[k as keyof TicketUpdateInput] !== undefined);
        const after = await trx
          .updateTable('tickets')
          .set({
            ...(input.title !== undefined ? { title: input.title } : {}),
            ...(input.description !== undefined ? { description: input.description } : {}),
            ...(input.categoryId !== undefined ? { categoryId: input.categoryId } : {}),
            ...(input.requesterName !== undefined ? { requesterName: input.requesterName } : {}),
            ...(input.requesterPhone !== undefined ? { requesterPhoneSealed: input.requesterPhone ? secrets.seal(input.requesterPhone, phoneContext(id)) : null } : {}),
            ...(input.rootCause !== undefined ? { rootCause: input.rootCause } : {}),
            updatedAt: now,
          })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
        let assetsBefore: string[] | undefined;
        if (input.assetIds !== undefined) {
          assetsBefore = (await trx.selectFrom('ticketAssets').select('assetId').where('ticketId', '=', id).orderBy('position').execute()).map((a) => a.assetId);
          await trx.deleteFrom('ticketAssets').where('ticketId', '=', id).execute();
          const ids = [...new Set(input.assetIds)];
          if (ids.length) {
            const orgOf = new Map((await trx.selectFrom('assets').select(['id', 'orgId']).where('id', 'in', ids).execute()).map((a) => [a.id, a.orgId]));
            await trx.insertInto('ticketAssets').values(ids.map((assetId, position) => ({ ticketId: id, assetId, orgId: orgOf.get(assetId) ?? before.orgId, position }))).execute();
          }
        }
        await trx.insertInto('ticketEvents').values({ ticketId: id, orgId: before.orgId, kind: 'updated', at: now, recordedAt: now, actorId: actor.userId, actorName: await actorDisplayName(trx, actor), details: JSON.stringify({ fields: changed }) }).execute();
        const snap = (r: typeof before) => ({ title: r.title, description: r.description, categoryId: r.categoryId, requesterName: r.requesterName, hasRequesterPhone: r.requesterPhoneSealed !== null, rootCause: r.rootCause });
        await audit.record(trx, subjectOf(actor), {
          eventType: 'ticket.update',
          action: 'update',
          objectType: 'ticket',
          objectId: id,
          orgId: before.orgId,
          detail: { number: before.number, before: { ...snap(before), ...(assetsBefore ? { assetIds: assetsBefore } : {}) }, after: { ...snap(after), ...(input.assetIds ? { assetIds: input.assetIds } : {}) } },
        });
      });
      return detail(actor, id, WORK);
    },

    /** The requester's full phone number, for calling them back; every reveal is audited. */
    async revealPhone(actor: Actor, id: string): Promise<RevealedPhone> {
      return db.transaction().execute(async (trx) => {
        const row = await lockTicket(trx, actor, id, WORK);
        await audit.record(trx, subjectOf(actor), { eventType: 'ticket.phone_reveal', action: 'read', objectType: 'ticket', objectId: id, orgId: row.orgId, riskLevel: 'medium', detail: { number: row.number } });
        return { phone: row.requesterPhoneSealed ? secrets.open(row.requesterPhoneSealed, phoneContext(id)) : null };
      });
    },

    /** The ticket's timeline, oldest first. */
    async events(actor: Actor, id: string, query: Pick<PageQuery, 'page' | 'pageSize'>): Promise<TicketEventPage> {
      const row = await namedRow(db, actor, id, READ);
      const q = db.selectFrom('ticketEvents').where('ticketId', '=', row.id);
      const [count, rows] = await Promise.all([
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        q.select(['id', 'kind', 'at', 'actorName', 'details']).orderBy('id').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute(),
      ]);
      return { items: rows.map((r) => ({ id: r.id, kind: r.kind, at: r.at.toISOString(), actorName: r.actorName, details: r.details })), total: Number(count.n), page: query.page, pageSize: query.pageSize };
    },
  };
}

export type TicketService = ReturnType<typeof createTicketService>;
