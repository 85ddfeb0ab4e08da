import type { z } from 'zod';
import { IdParam } from '../../../../shared/schemas/common.ts';
import {
  ItilEventPage,
  ItilEventQuery,
  LinkTicketInput,
  ProblemAction,
  ProblemActionInput,
  ProblemActionParam,
  ProblemActionUpdateInput,
  ProblemCreateInput,
  ProblemDetail,
  ProblemKnownErrorInput,
  ProblemListQuery,
  ProblemNoteInput,
  ProblemPage,
  ProblemReopenInput,
  ProblemResolveInput,
  ProblemUpdateInput,
  TicketLinkParam,
} from '../../../../shared/schemas/servicedesk-itil.ts';
import type { Actor } from '../../../platform/actor.ts';
import { defineRoutes } from '../../../platform/api.ts';
import type { ProblemService } from './problems.service.ts';

const SOME_ORG = '00000000-0000-4000-8000-000000000000';
const SOME_ID = '00000000-0000-4000-8000-000000000001';
const problem = { object: 'problem' } as const;

/** Problems: list, open, detail, edit (RCA, workaround), workflow steps, linked incidents, prevention actions, timeline. */
export function problemRoutes(problems: ProblemService) {
  /** One workflow step: POST /problems/:id/<step>, ticket.work, answers the problem. */
  const step = <B>(path: string, summary: string, body: z.ZodType<B>, example: B, run: (actor: Actor, id: string, body: B) => Promise<ProblemDetail>) =>
    [path, { summary, permission: 'ticket.work' as const, params: IdParam, body, response: ProblemDetail, tenancy: problem, example }, ({ actor, params, body: b }: { actor: Actor; params: IdParam; body: B }) => run(actor, params.id, b)] as const;

  return defineRoutes('servicedesk')
    .get('/problems', { summary: 'List problems in scope (status incl. open, known errors, assignee, action owner, linked ticket, search)', permission: 'ticket.read', query: ProblemListQuery, response: ProblemPage, tenancy: { list: 'problem' } }, ({ actor, query }) =>
      problems.list(actor, query),
    )
    .post(
      '/problems',
      {
        summary: 'Open a problem (PRB-YYYY-NNNNNN), optionally linking its first incidents',
        permission: 'ticket.work',
        body: ProblemCreateInput,
        response: ProblemDetail,
        status: 201,
        tenancy: { none: 'the orgId in the body is checked like an :id (one outside the scope is 404)' },
        example: { orgId: SOME_ORG, title: '门诊收费打印机反复脱机', description: '近两周收费处打印机多次脱机', ticketIds: [] },
      },
      ({ actor, body }) => problems.create(actor, body),
    )
    .get('/problems/:id', { summary: 'Get a problem with its incidents, prevention actions, changes and articles', permission: 'ticket.read', params: IdParam, response: ProblemDetail, tenancy: problem }, ({ actor, params }) => problems.detail(actor, params.id))
    .patch(
      '/problems/:id',
      { summary: 'Change a problem: title, description, assignee, root-cause analysis, workaround', permission: 'ticket.work', params: IdParam, body: ProblemUpdateInput, response: ProblemDetail, tenancy: problem, example: { rootCause: '打印服务器驱动版本不一致' } },
      ({ actor, params, body }) => problems.update(actor, params.id, body),
    )
    .post(...step('/problems/:id/investigate', 'Start investigating', ProblemNoteInput, {}, problems.investigate))
    .post(...step('/problems/:id/known-error', 'Known error: root cause and workaround documented (required)', ProblemKnownErrorInput, { workaround: '重启打印服务' }, problems.knownError))
    .post(...step('/problems/:id/resolve', 'Resolved, with the resolution (the root cause is required)', ProblemResolveInput, { resolution: '统一驱动版本' }, problems.resolve))
    .post(...step('/problems/:id/close', 'Close a resolved problem whose prevention actions are all done', ProblemNoteInput, {}, problems.close))
    .post(...step('/problems/:id/reopen', 'Reopen a resolved problem (back to investigating)', ProblemReopenInput, { reason: '故障复现' }, problems.reopen))
    .post(
      '/problems/:id/incidents',
      { summary: 'Link an incident (ticket) to the problem; both timelines note it', permission: 'ticket.work', params: IdParam, body: LinkTicketInput, response: ProblemDetail, tenancy: problem, example: { ticketId: SOME_ID } },
      ({ actor, params, body }) => problems.linkIncident(actor, params.id, body.ticketId),
    )
    .delete('/problems/:id/incidents/:ticketId', { summary: 'Unlink an incident from the problem', permission: 'ticket.work', params: TicketLinkParam, response: ProblemDetail, tenancy: problem }, ({ actor, params }) =>
      problems.unlinkIncident(actor, params.id, params.ticketId),
    )
    .post(
      '/problems/:id/actions',
      { summary: 'Add a prevention action (owner, due date)', permission: 'ticket.work', params: IdParam, body: ProblemActionInput, response: ProblemAction, status: 201, tenancy: problem, example: { title: '统一全院打印驱动', dueOn: '2026-12-31' } },
      ({ actor, params, body }) => problems.addAction(actor, params.id, body),
    )
    .patch(
      '/problems/:id/actions/:actionId',
      { summary: 'Change a prevention action, or mark it done', permission: 'ticket.work', params: ProblemActionParam, body: ProblemActionUpdateInput, response: ProblemAction, tenancy: problem, example: { done: true } },
      ({ actor, params, body }) => problems.updateAction(actor, params.id, params.actionId, body),
    )
    .delete('/problems/:id/actions/:actionId', { summary: 'Remove a prevention action', permission: 'ticket.work', params: ProblemActionParam, status: 204, tenancy: problem }, async ({ actor, params }) => {
      await problems.removeAction(actor, params.id, params.actionId);
      return null;
    })
    .get('/problems/:id/events', { summary: 'The problem\'s timeline', permission: 'ticket.read', params: IdParam, query: ItilEventQuery, response: ItilEventPage, tenancy: problem }, ({ actor, params, query }) => problems.events(actor, params.id, query));
}
