/**
 * What people add to a ticket besides workflow steps: comments (internal to the desk, or external — the requester sees
 * them), the work log with minutes spent, and the requester's satisfaction rating.
 */
import {
  TicketCommentInput as CommentSchema,
  TicketWorkLogInput as WorkLogSchema,
  type CommentVisibility,
  type MyTicket,
  type TicketComment,
  type TicketCommentInput,
  type TicketCommentListQuery,
  type TicketCommentPage,
  type TicketDetail,
  type TicketSatisfactionInput,
  type TicketWorkLog,
  type TicketWorkLogInput,
  type TicketWorkLogPage,
} from '../../../../shared/schemas/servicedesk.ts';
import type { PageQuery } from '../../../../shared/schemas/common.ts';
import type { Actor } from '../../../platform/actor.ts';
import { subjectOf } from '../../../platform/audit.ts';
import type { PlatformDeps } from '../../../platform/deps.ts';
import { conflict, invalid, notFound } from '../../../platform/errors.ts';
import { actorDisplayName, lockTicket, scopedTickets, type TicketPermission } from './tickets.repository.ts';
import type { TicketService } from './tickets.service.ts';

const READ = 'ticket.read';
const WORK = 'ticket.work';
const REPORT = 'ticket.report';

type Paging = Pick<PageQuery, 'page' | 'pageSize'>;

/** Comments, work log and satisfaction of tickets. */
export function createTicketNoteService({ db, audit, clock }: Pick<PlatformDeps, 'db' | 'audit' | 'clock'>, tickets: Pick<TicketService, 'detail' | 'mine'>) {
  async function visibleTicket(actor: Actor, id: string, permission: TicketPermission) {
    const row = await scopedTickets(db, actor, permission).select(['t.id', 't.orgId']).where('t.id', '=', id).executeTakeFirst();
    if (!row) throw notFound('ticket', id);
    return row;
  }

  async function addComment(actor: Actor, id: string, visibility: CommentVisibility, body: string, permission: TicketPermission): Promise<TicketComment> {
    return db.transaction().execute(async (trx) => {
      const ticket = await lockTicket(trx, actor, id, permission);
      const now = clock.now();
      const row = await trx.insertInto('ticketComments').values({ ticketId: id, orgId: ticket.orgId, visibility, body, authorId: actor.userId, authorName: await actorDisplayName(trx, actor), createdAt: now }).returningAll().executeTakeFirstOrThrow();
      await trx.updateTable('tickets').set({ updatedAt: now }).where('id', '=', id).execute();
      // The audit trail records that a comment was made, not its text (it may describe patients' data).
      await audit.record(trx, subjectOf(actor), { eventType: 'ticket.comment', action: 'create', objectType: 'ticket', objectId: id, orgId: ticket.orgId, detail: { number: ticket.number, commentId: row.id, visibility } });
      return { id: row.id, visibility: row.visibility, body: row.body, authorName: row.authorName, createdAt: row.createdAt.toISOString() };
    });
  }

  async function listComments(actor: Actor, id: string, query: Paging, visibility: CommentVisibility | undefined, permission: TicketPermission): Promise<TicketCommentPage> {
    await visibleTicket(actor, id, permission);
    let q = db.selectFrom('ticketComments').where('ticketId', '=', id);
    if (visibility) q = q.where('visibility', '=', visibility);
    const [count, rows] = await Promise.all([
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      q.select(['id', 'visibility', 'body', 'authorName', 'createdAt']).orderBy('id').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute(),
    ]);
    return { items: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })), total: Number(count.n), page: query.page, pageSize: query.pageSize };
  }

  async function rate(actor: Actor, id: string, input: TicketSatisfactionInput, permission: TicketPermission): Promise<void> {
    await db.transaction().execute(async (trx) => {
      const row = await lockTicket(trx, actor, id, permission);
      if (row.status !== 'resolved' && row.status !== 'closed') throw conflict('ticket.not_resolved', `Ticket ${row.number} is not resolved yet`, { status: row.status });
      if (row.ratedAt) throw conflict('ticket.already_rated', `Ticket ${row.number} has been rated`);
      const now = clock.now();
      await trx.updateTable('tickets').set({ satisfactionScore: input.score, satisfactionComment: input.comment ?? null, ratedAt: now, updatedAt: now }).where('id', '=', id).execute();
      await trx
        .insertInto('ticketEvents')
        .values({ ticketId: id, orgId: row.orgId, kind: 'rated', at: now, recordedAt: now, actorId: actor.userId, actorName: await actorDisplayName(trx, actor), details: JSON.stringify({ score: input.score, byRequester: permission === REPORT }) })
        .execute();
      await audit.record(trx, subjectOf(actor), { eventType: 'ticket.rate', action: 'update', objectType: 'ticket', objectId: id, orgId: row.orgId, detail: { number: row.number, score: input.score, byRequester: permission === REPORT } });
    });
  }

  return {
    /** Internal (desk only) or external (the requester sees it) comment. */
    comment: (actor: Actor, id: string, input: TicketCommentInput) => {
      const body = CommentSchema.parse(input);
      return addComment(actor, id, body.visibility, body.body, WORK);
    },
    comments: (actor: Actor, id: string, query: TicketCommentListQuery) => listComments(actor, id, query, query.visibility, READ),
    /** A reporter's comments are always external, and a reporter sees only external ones. */
    commentAsRequester: (actor: Actor, id: string, body: string) => addComment(actor, id, 'external', body, REPORT),
    commentsForRequester: (actor: Actor, id: string, query: Paging) => listComments(actor, id, query, 'external', REPORT),

    /** Minutes spent, when (default now, never in the future); the ticket keeps the running total. */
    async logWork(actor: Actor, id: string, input: TicketWorkLogInput): Promise<TicketWorkLog> {
      const body = WorkLogSchema.parse(input);
      return db.transaction().execute(async (trx) => {
        const ticket = await lockTicket(trx, actor, id, WORK);
        const now = clock.now();
        const workedAt = body.workedAt ? new Date(body.workedAt) : now;
        if (workedAt > now) throw invalid('ticket.work_in_future', 'The work time lies in the future', [{ path: ['body', 'workedAt'], message: 'in the future', code: 'in_future' }]);
        const row = await trx.insertInto('ticketWorkLogs').values({ ticketId: id, orgId: ticket.orgId, minutes: body.minutes, note: body.note, workedAt, authorId: actor.userId, authorName: await actorDisplayName(trx, actor), createdAt: now }).returningAll().executeTakeFirstOrThrow();
        await trx.updateTable('tickets').set({ workMinutes: ticket.workMinutes + body.minutes, updatedAt: now }).where('id', '=', id).execute();
        await audit.record(trx, subjectOf(actor), { eventType: 'ticket.work_log', action: 'create', objectType: 'ticket', objectId: id, orgId: ticket.orgId, detail: { number: ticket.number, workLogId: row.id, minutes: body.minutes } });
        return { id: row.id, minutes: row.minutes, note: row.note, workedAt: row.workedAt.toISOString(), authorName: row.authorName, createdAt: row.createdAt.toISOString() };
      });
    },

    async workLogs(actor: Actor, id: string, query: Paging): Promise<TicketWorkLogPage> {
      await visibleTicket(actor, id, READ);
      const q = db.selectFrom('ticketWorkLogs').where('ticketId', '=', id);
      const [count, rows] = await Promise.all([
        q.select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.coalesce(eb.fn.sum<number>('minutes'), eb.lit(0)).as('minutes')]).executeTakeFirstOrThrow(),
        q.select(['id', 'minutes', 'note', 'workedAt', 'authorName', 'createdAt']).orderBy('workedAt').orderBy('id').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute(),
      ]);
      return {
        items: rows.map((r) => ({ ...r, workedAt: r.workedAt.toISOString(), createdAt: r.createdAt.toISOString() })),
        total: Number(count.n),
        totalMinutes: Number(count.minutes),
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    /** The desk records the rating the requester gave on the phone. */
    async rate(actor: Actor, id: string, input: TicketSatisfactionInput): Promise<TicketDetail> {
      await rate(actor, id, input, WORK);
      return tickets.detail(actor, id, WORK);
    },

    /** The requester rates their own resolved ticket (1–5 and a comment), once. */
    async rateAsRequester(actor: Actor, id: string, input: TicketSatisfactionInput): Promise<MyTicket> {
      await rate(actor, id, input, REPORT);
      return tickets.mine(actor, id);
    },
  };
}

export type TicketNoteService = ReturnType<typeof createTicketNoteService>;
