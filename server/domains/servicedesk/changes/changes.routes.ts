import type { z } from 'zod';
import { IdParam } from '../../../../shared/schemas/common.ts';
import {
  ChangeApproveInput,
  ChangeCalendar,
  ChangeCalendarQuery,
  ChangeCancelInput,
  ChangeCompleteInput,
  ChangeConflictQuery,
  ChangeConflictReport,
  ChangeCreateInput,
  ChangeDetail,
  ChangeKpiQuery,
  ChangeKpis,
  ChangeListQuery,
  ChangeNoteInput,
  ChangePage,
  ChangeRejectInput,
  ChangeScheduleInput,
  ChangeTemplate,
  ChangeTemplateInput,
  ChangeTemplateListQuery,
  ChangeTemplatePage,
  ChangeTemplateUpdateInput,
  ChangeUpdateInput,
  FreezePeriod,
  FreezePeriodInput,
  FreezePeriodListQuery,
  FreezePeriodPage,
  FreezePeriodUpdateInput,
  ItilEventPage,
  ItilEventQuery,
  LinkProblemInput,
  LinkTicketInput,
  MyApprovalsQuery,
  ProblemLinkParam,
  TicketLinkParam,
} from '../../../../shared/schemas/servicedesk-itil.ts';
import type { Permission } from '../../../../shared/permissions.ts';
import type { Actor } from '../../../platform/actor.ts';
import { defineRoutes } from '../../../platform/api.ts';
import type { ChangeService } from './changes.service.ts';
import type { ChangeTemplateService, FreezePeriodService } from './setup.service.ts';
import type { ChangeWorkflow } from './workflow.ts';

const SOME_ORG = '00000000-0000-4000-8000-000000000000';
const SOME_ID = '00000000-0000-4000-8000-000000000001';
const change = { object: 'change' } as const;

/** Changes: plan, list, calendar, conflicts, KPIs, every workflow step, approvals, links, timeline. */
export function changeRoutes(changes: ChangeService, workflow: ChangeWorkflow) {
  /** One workflow step: POST /changes/:id/<step>, answers the change with its conflicts. */
  const step = <B>(path: string, summary: string, permission: Permission, body: z.ZodType<B>, example: B, run: (actor: Actor, id: string, body: B) => Promise<ChangeDetail>) =>
    [path, { summary, permission, params: IdParam, body, response: ChangeDetail, tenancy: change, example }, ({ actor, params, body: b }: { actor: Actor; params: IdParam; body: B }) => run(actor, params.id, b)] as const;

  return (
    defineRoutes('servicedesk')
      // before /changes/:id: the fixed paths must win
      .get('/changes/calendar', { summary: 'The change calendar: windows overlapping [from, to) (at most 62 days) and the freeze periods in it', permission: 'ticket.read', query: ChangeCalendarQuery, response: ChangeCalendar, tenancy: { list: 'change' } }, ({ actor, query }) =>
        changes.calendar(actor, query),
      )
      .get(
        '/changes/conflicts',
        { summary: 'Active changes overlapping a window on the same or related assets, and the freeze periods in it', permission: 'ticket.read', query: ChangeConflictQuery, response: ChangeConflictReport, tenancy: { list: 'change' } },
        ({ actor, query }) => changes.conflicts(actor, query),
      )
      .get('/changes/kpis', { summary: 'Change KPIs over the changes completed in [from, to): by class, on time (≥ 90 %), success, rollbacks (≤ 30 min), emergency share', permission: 'ticket.read', query: ChangeKpiQuery, response: ChangeKpis, tenancy: { list: 'change' } }, ({ actor, query }) =>
        changes.kpis(actor, query),
      )
      .get('/changes', { summary: 'List changes in scope (status incl. active, class, asset, retro-approval flag, linked ticket or problem, search)', permission: 'ticket.read', query: ChangeListQuery, response: ChangePage, tenancy: { list: 'change' } }, ({ actor, query }) =>
        changes.list(actor, query),
      )
      .post(
        '/changes',
        {
          summary: 'Plan a change (a draft, CHG-YYYY-NNNNNN) in one of the four classes',
          permission: 'ticket.work',
          body: ChangeCreateInput,
          response: ChangeDetail,
          status: 201,
          tenancy: { none: 'the orgId in the body is checked like an :id (one outside the scope is 404)' },
          example: {
            orgId: SOME_ORG,
            class: 'reviewed',
            title: 'HIS 数据库补丁升级',
            steps: [{ title: '备份数据库', detail: '' }, { title: '安装补丁', detail: '' }],
            windowStart: '2026-12-05T22:00:00+08:00',
            windowEnd: '2026-12-06T02:00:00+08:00',
            rollbackPlan: '恢复备份，回退补丁',
            verificationPlan: '门诊挂号、收费抽检',
            approverIds: [],
          },
        },
        ({ actor, body }) => changes.create(actor, body),
      )
      .get('/changes/:id', { summary: 'Get a change with its plan, approvals, links, and its conflicts and freezes computed now', permission: 'ticket.read', params: IdParam, response: ChangeDetail, tenancy: change }, ({ actor, params }) => changes.detail(actor, params.id))
      .patch(
        '/changes/:id',
        { summary: 'Change the plan of a draft or rejected change', permission: 'ticket.work', params: IdParam, body: ChangeUpdateInput, response: ChangeDetail, tenancy: change, example: { rollbackPlan: '回滚至快照' } },
        ({ actor, params, body }) => changes.update(actor, params.id, body),
      )
      .post(...step('/changes/:id/submit', 'Submit: pre-authorised and standard changes are approved at once; reviewed and emergency ones wait for their approvers', 'ticket.work', ChangeNoteInput, {}, workflow.submit))
      .post(...step('/changes/:id/approve', 'Approve as a named approver (all must approve; an emergency change may be approved after the fact)', 'change.approve', ChangeApproveInput, { comment: '同意' }, workflow.approve))
      .post(...step('/changes/:id/reject', 'Reject as a named approver (one rejection rejects)', 'change.approve', ChangeRejectInput, { comment: '回退方案不完整' }, workflow.reject))
      .post(...step('/changes/:id/schedule', 'Schedule in the window (or a new one); refused in a freeze period unless emergency', 'ticket.work', ChangeScheduleInput, {}, workflow.schedule))
      .post(...step('/changes/:id/start', 'Implementation starts (an emergency change may start before its approval, and is flagged)', 'ticket.work', ChangeNoteInput, {}, workflow.start))
      .post(...step('/changes/:id/complete', 'Completed with its outcome: success, failed, or rolled back with the rollback minutes', 'ticket.work', ChangeCompleteInput, { outcome: 'success' }, workflow.complete))
      .post(...step('/changes/:id/close', 'Close a completed change (not while its approval is pending)', 'ticket.work', ChangeNoteInput, {}, workflow.close))
      .post(...step('/changes/:id/cancel', 'Cancel a change before implementation', 'ticket.work', ChangeCancelInput, { reason: '需求取消' }, workflow.cancel))
      .post(
        '/changes/:id/tickets',
        { summary: 'Link a ticket to the change; both timelines note it', permission: 'ticket.work', params: IdParam, body: LinkTicketInput, response: ChangeDetail, tenancy: change, example: { ticketId: SOME_ID } },
        ({ actor, params, body }) => changes.linkTicket(actor, params.id, body.ticketId),
      )
      .delete('/changes/:id/tickets/:ticketId', { summary: 'Unlink a ticket from the change', permission: 'ticket.work', params: TicketLinkParam, response: ChangeDetail, tenancy: change }, ({ actor, params }) =>
        changes.unlinkTicket(actor, params.id, params.ticketId),
      )
      .post(
        '/changes/:id/problems',
        { summary: 'Link a problem the change addresses; both timelines note it', permission: 'ticket.work', params: IdParam, body: LinkProblemInput, response: ChangeDetail, tenancy: change, example: { problemId: SOME_ID } },
        ({ actor, params, body }) => changes.linkProblem(actor, params.id, body.problemId),
      )
      .delete('/changes/:id/problems/:problemId', { summary: 'Unlink a problem from the change', permission: 'ticket.work', params: ProblemLinkParam, response: ChangeDetail, tenancy: change }, ({ actor, params }) =>
        changes.unlinkProblem(actor, params.id, params.problemId),
      )
      .get('/changes/:id/events', { summary: 'The change\'s timeline', permission: 'ticket.read', params: IdParam, query: ItilEventQuery, response: ItilEventPage, tenancy: change }, ({ actor, params, query }) => changes.events(actor, params.id, query))
      .get('/change-approvals', { summary: 'The changes waiting for my decision', permission: 'change.approve', query: MyApprovalsQuery, response: ChangePage, tenancy: { list: 'change' } }, ({ actor, query }) => changes.myApprovals(actor, query))
  );
}

/** Freeze periods and standard change templates (the change board's setup). */
export function changeSetupRoutes(freezes: FreezePeriodService, templates: ChangeTemplateService) {
  return defineRoutes('servicedesk')
    .get('/change-freezes', { summary: 'Freeze periods in scope and above it (optionally overlapping [from, to))', permission: 'ticket.read', query: FreezePeriodListQuery, response: FreezePeriodPage, tenancy: { list: 'change_freeze' } }, ({ actor, query }) =>
      freezes.list(actor, query),
    )
    .post(
      '/change-freezes',
      {
        summary: 'Add a freeze period for an organisation and its subtree',
        permission: 'change.approve',
        body: FreezePeriodInput,
        response: FreezePeriod,
        status: 201,
        tenancy: { none: 'the orgId in the body is checked like an :id (one outside the scope is 404)' },
        example: { orgId: SOME_ORG, startsAt: '2027-02-10T00:00:00+08:00', endsAt: '2027-02-18T00:00:00+08:00', reason: '春节封网' },
      },
      ({ actor, body }) => freezes.create(actor, body),
    )
    .patch(
      '/change-freezes/:id',
      { summary: 'Change a freeze period', permission: 'change.approve', params: IdParam, body: FreezePeriodUpdateInput, response: FreezePeriod, tenancy: { object: 'change_freeze' }, example: { reason: '春节及元宵封网' } },
      ({ actor, params, body }) => freezes.update(actor, params.id, body),
    )
    .delete('/change-freezes/:id', { summary: 'Remove a freeze period', permission: 'change.approve', params: IdParam, status: 204, tenancy: { object: 'change_freeze' } }, async ({ actor, params }) => {
      await freezes.remove(actor, params.id);
      return null;
    })
    .get('/change-templates', { summary: 'Standard change templates in scope and above it', permission: 'ticket.read', query: ChangeTemplateListQuery, response: ChangeTemplatePage, tenancy: { list: 'change_template' } }, ({ actor, query }) =>
      templates.list(actor, query),
    )
    .post(
      '/change-templates',
      {
        summary: 'Add a standard change template (approved once by the change board)',
        permission: 'change.approve',
        body: ChangeTemplateInput,
        response: ChangeTemplate,
        status: 201,
        tenancy: { none: 'the orgId in the body is checked like an :id (one outside the scope is 404)' },
        example: { orgId: SOME_ORG, name: '新增打印机', steps: [{ title: '安装驱动', detail: '' }], rollbackPlan: '卸载驱动', verificationPlan: '打印测试页' },
      },
      ({ actor, body }) => templates.create(actor, body),
    )
    .get('/change-templates/:id', { summary: 'Get a standard change template', permission: 'ticket.read', params: IdParam, response: ChangeTemplate, tenancy: { object: 'change_template' } }, ({ actor, params }) => templates.get(actor, params.id))
    .patch(
      '/change-templates/:id',
      { summary: 'Change a standard change template', permission: 'change.approve', params: IdParam, body: ChangeTemplateUpdateInput, response: ChangeTemplate, tenancy: { object: 'change_template' }, example: { description: '适用于门诊各窗口' } },
      ({ actor, params, body }) => templates.update(actor, params.id, body),
    )
    .delete('/change-templates/:id', { summary: 'Retire a standard change template', permission: 'change.approve', params: IdParam, status: 204, tenancy: { object: 'change_template' } }, async ({ actor, params }) => {
      await templates.remove(actor, params.id);
      return null;
    });
}
