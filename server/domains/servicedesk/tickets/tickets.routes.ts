import { z } from 'zod';
import { IdParam, PageQuery } from '../../../../shared/schemas/common.ts';
import {
  MyTicket,
  MyTicketCommentInput,
  MyTicketCreateInput,
  MyTicketListQuery,
  MyTicketPage,
  RevealedPhone,
  TicketArriveInput,
  TicketComment,
  TicketCommentInput,
  TicketCommentListQuery,
  TicketCommentPage,
  TicketCreateInput,
  TicketDetail,
  TicketEventPage,
  TicketLevelInput,
  TicketListQuery,
  TicketMergeInput,
  TicketNoteInput,
  TicketPage,
  TicketPauseInput,
  TicketReassignInput,
  TicketReopenInput,
  TicketResolveInput,
  TicketSatisfactionInput,
  TicketUpdateInput,
  TicketWorkLog,
  TicketWorkLogInput,
  TicketWorkLogPage,
  WorkbenchPage,
  WorkbenchQuery,
} from '../../../../shared/schemas/servicedesk.ts';
import type { Actor } from '../../../platform/actor.ts';
import { defineRoutes } from '../../../platform/api.ts';
import type { TicketNoteService } from './notes.service.ts';
import type { TicketService } from './tickets.service.ts';
import type { TicketWorkflow } from './workflow.ts';

const SOME_ORG = '00000000-0000-4000-8000-000000000000';
const SOME_ID = '00000000-0000-4000-8000-000000000001';
const Paging = z.object({ page: PageQuery.shape.page, pageSize: PageQuery.shape.pageSize });
const ticket = { object: 'ticket' } as const;

/** Tickets for the desk and engineers: open, list, workbench, detail with live SLA clocks, every workflow step, notes. */
export function ticketRoutes(tickets: TicketService, workflow: TicketWorkflow, notes: TicketNoteService) {
  /** One workflow step: POST /tickets/:id/<step>, ticket.work, answers the ticket with its clocks. */
  const step = <B>(path: string, summary: string, body: z.ZodType<B>, example: B, run: (actor: Actor, id: string, body: B) => Promise<TicketDetail>) =>
    [path, { summary, permission: 'ticket.work' as const, params: IdParam, body, response: TicketDetail, tenancy: ticket, example }, ({ actor, params, body: b }: { actor: Actor; params: IdParam; body: B }) => run(actor, params.id, b)] as const;

  return (
    defineRoutes('servicedesk')
      // before /tickets/:id: the fixed path must win
      .get('/tickets/workbench', { summary: 'My queue: my open tickets and my groups\' unassigned ones, nearest SLA breach first, with countdowns', permission: 'ticket.work', query: WorkbenchQuery, response: WorkbenchPage, tenancy: { list: 'ticket' } }, ({ actor, query }) =>
        tickets.workbench(actor, query),
      )
      .get('/tickets', { summary: 'List tickets in scope (filters; nearest SLA breach first by default)', permission: 'ticket.read', query: TicketListQuery, response: TicketPage, tenancy: { list: 'ticket' } }, ({ actor, query }) => tickets.list(actor, query))
      .post(
        '/tickets',
        {
          summary: 'Open a ticket; its SLA policy comes from the asset\'s contract, the organisation\'s default or the platform default, and the ticket says which',
          permission: 'ticket.work',
          body: TicketCreateInput,
          response: TicketDetail,
          status: 201,
          tenancy: { none: 'the orgId in the body is checked like an :id (one outside the scope is 404)' },
          example: { orgId: SOME_ORG, type: 'incident', channel: 'phone', title: '门诊收费窗口打印机无法打印', requesterName: '王护士', requesterPhone: '13812341234', impact: 'department', urgency: 'impaired' },
        },
        ({ actor, body }) => tickets.create(actor, body),
      )
      .get('/tickets/:id', { summary: 'Get a ticket with its SLA clocks computed now, each explained', permission: 'ticket.read', params: IdParam, response: TicketDetail, tenancy: ticket }, ({ actor, params }) => tickets.detail(actor, params.id))
      .patch(
        '/tickets/:id',
        { summary: 'Change what was reported (title, description, category, assets, requester, root cause)', permission: 'ticket.work', params: IdParam, body: TicketUpdateInput, response: TicketDetail, tenancy: ticket, example: { title: '门诊收费处打印机卡纸' } },
        ({ actor, params, body }) => tickets.update(actor, params.id, body),
      )
      .post('/tickets/:id/requester-phone', { summary: 'Reveal the requester\'s full phone number (audited)', permission: 'ticket.work', params: IdParam, response: RevealedPhone, tenancy: ticket }, ({ actor, params }) => tickets.revealPhone(actor, params.id))
      .post(...step('/tickets/:id/respond', 'Responded: stops the response clock', TicketNoteInput, { note: '已电话联系报修人' }, workflow.respond))
      .post(...step('/tickets/:id/arrive', 'Arrived on site (at the given time, default now): stops the on-site clock', TicketArriveInput, { note: '已到现场' }, workflow.arrive))
      .post(...step('/tickets/:id/start', 'Work in progress', TicketNoteInput, {}, workflow.start))
      .post(...step('/tickets/:id/pause', 'Pending for one of the policy\'s pause reasons (required); the reason\'s clocks stop', TicketPauseInput, { reason: 'awaiting_parts', note: '等待厂商寄送硬盘' }, workflow.pause))
      .post(...step('/tickets/:id/resume', 'Resume after a pause', TicketNoteInput, {}, workflow.resume))
      .post(...step('/tickets/:id/resolve', 'Resolved, with a resolution code: stops every clock', TicketResolveInput, { resolutionCode: 'fixed', resolutionNote: '更换硒鼓' }, workflow.resolve))
      .post(...step('/tickets/:id/close', 'Close a resolved ticket', TicketNoteInput, {}, workflow.close))
      .post(...step('/tickets/:id/reopen', 'Reopen a resolved ticket: the resolution clock resumes', TicketReopenInput, { reason: '故障复现' }, workflow.reopen))
      .post(...step('/tickets/:id/reassign', 'Assign to another group and/or person', TicketReassignInput, { assigneeId: SOME_ID }, workflow.reassign))
      .post(...step('/tickets/:id/level', 'Change the level (given, or from impact × urgency)', TicketLevelInput, { level: 'level1', reason: '影响范围扩大' }, workflow.changeLevel))
      .post(...step('/tickets/:id/merge', 'Close this ticket as a duplicate of another and link them', TicketMergeInput, { intoTicketId: SOME_ID }, workflow.merge))
      .post(...step('/tickets/:id/satisfaction', 'Record the requester\'s satisfaction (1–5) given to the desk', TicketSatisfactionInput, { score: 5, comment: '响应及时' }, notes.rate))
      .get('/tickets/:id/events', { summary: 'The ticket\'s timeline', permission: 'ticket.read', params: IdParam, query: Paging, response: TicketEventPage, tenancy: ticket }, ({ actor, params, query }) => tickets.events(actor, params.id, query))
      .get('/tickets/:id/comments', { summary: 'Comments on the ticket (internal and external)', permission: 'ticket.read', params: IdParam, query: TicketCommentListQuery, response: TicketCommentPage, tenancy: ticket }, ({ actor, params, query }) =>
        notes.comments(actor, params.id, query),
      )
      .post(
        '/tickets/:id/comments',
        { summary: 'Comment on the ticket: internal (desk only) or external (the requester sees it)', permission: 'ticket.work', params: IdParam, body: TicketCommentInput, response: TicketComment, status: 201, tenancy: ticket, example: { visibility: 'internal', body: '已联系厂商' } },
        ({ actor, params, body }) => notes.comment(actor, params.id, body),
      )
      .get('/tickets/:id/work-logs', { summary: 'The ticket\'s work log with the total minutes', permission: 'ticket.read', params: IdParam, query: Paging, response: TicketWorkLogPage, tenancy: ticket }, ({ actor, params, query }) => notes.workLogs(actor, params.id, query))
      .post(
        '/tickets/:id/work-logs',
        { summary: 'Log time spent on the ticket', permission: 'ticket.work', params: IdParam, body: TicketWorkLogInput, response: TicketWorkLog, status: 201, tenancy: ticket, example: { minutes: 45, note: '现场更换网线' } },
        ({ actor, params, body }) => notes.logWork(actor, params.id, body),
      )
  );
}

/** The reporter's side (ticket.report): report a fault, follow one's own tickets, talk to the desk, rate the service. */
export function myTicketRoutes(tickets: TicketService, notes: TicketNoteService) {
  const mine = { object: 'ticket' } as const;
  return defineRoutes('servicedesk')
    .get('/my-tickets', { summary: 'The tickets I reported', permission: 'ticket.report', query: MyTicketListQuery, response: MyTicketPage, tenancy: { list: 'ticket' } }, ({ actor, query }) => tickets.listMine(actor, query))
    .post(
      '/my-tickets',
      {
        summary: 'Report a fault (portal or the asset\'s QR label); the ticket gets the asset\'s SLA',
        permission: 'ticket.report',
        body: MyTicketCreateInput,
        response: MyTicket,
        status: 201,
        tenancy: { none: 'the orgId in the body is checked like an :id (one outside the scope is 404)' },
        example: { orgId: SOME_ORG, channel: 'qr', title: '检验科血球仪联机中断', description: '结果无法回传 LIS', assetIds: [] },
      },
      ({ actor, body }) => tickets.report(actor, body),
    )
    .get('/my-tickets/:id', { summary: 'One of my tickets', permission: 'ticket.report', params: IdParam, response: MyTicket, tenancy: mine }, ({ actor, params }) => tickets.mine(actor, params.id))
    .get('/my-tickets/:id/comments', { summary: 'The external comments on one of my tickets', permission: 'ticket.report', params: IdParam, query: Paging, response: TicketCommentPage, tenancy: mine }, ({ actor, params, query }) =>
      notes.commentsForRequester(actor, params.id, query),
    )
    .post(
      '/my-tickets/:id/comments',
      { summary: 'Add a comment to one of my tickets', permission: 'ticket.report', params: IdParam, body: MyTicketCommentInput, response: TicketComment, status: 201, tenancy: mine, example: { body: '下午两点后科室有人' } },
      ({ actor, params, body }) => notes.commentAsRequester(actor, params.id, body.body),
    )
    .post(
      '/my-tickets/:id/rate',
      { summary: 'Rate the service on one of my resolved tickets (1–5 and a comment), once', permission: 'ticket.report', params: IdParam, body: TicketSatisfactionInput, response: MyTicket, tenancy: mine, example: { score: 5, comment: '工程师很快到场' } },
      ({ actor, params, body }) => notes.rateAsRequester(actor, params.id, body),
    );
}
