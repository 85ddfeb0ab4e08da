// Public surface of the service desk: SLA policies and their contracts, categories, assignment groups, tickets with
// their workflow and SLA clocks, the alert → ticket bridge, the batch jobs (recompute, auto-close), and problems,
// changes and the knowledge base.
import type { PlatformDeps } from '../../platform/deps.ts';
import { assignmentGroupRoutes, ticketCategoryRoutes } from './catalog/catalog.routes.ts';
import { createTicketCategoryService } from './catalog/categories.service.ts';
import { createAssignmentGroupService } from './catalog/groups.service.ts';
import { slaPolicyRoutes } from './policies/policies.routes.ts';
import { createSlaPolicyService } from './policies/policies.service.ts';
import { createTicketNoteService } from './tickets/notes.service.ts';
import { myTicketRoutes, ticketRoutes } from './tickets/tickets.routes.ts';
import { createTicketService } from './tickets/tickets.service.ts';
import { createTicketWorkflow } from './tickets/workflow.ts';
import { changeRoutes, changeSetupRoutes } from './changes/changes.routes.ts';
import { createChangeService } from './changes/changes.service.ts';
import { createChangeTemplateService, createFreezePeriodService } from './changes/setup.service.ts';
import { createChangeWorkflow } from './changes/workflow.ts';
import { ITIL_MESSAGES } from './itil.messages.ts';
import { knowledgeRoutes } from './knowledge/knowledge.routes.ts';
import { createKnowledgeService } from './knowledge/knowledge.service.ts';
import { problemRoutes } from './problems/problems.routes.ts';
import { createProblemService } from './problems/problems.service.ts';
import { createTicketRelatedService, ticketRelatedRoutes } from './related.ts';

export type { ServiceDeskTables } from './servicedesk.tables.ts';
export type { ServiceDeskItilTables } from './itil.tables.ts';
export type { ProblemService } from './problems/problems.service.ts';
export type { ChangeService } from './changes/changes.service.ts';
export type { ChangeWorkflow } from './changes/workflow.ts';
export type { KnowledgeService } from './knowledge/knowledge.service.ts';
export { createAlertTicketBridge } from './tickets/alert-bridge.ts';
export { autoCloseResolved, recomputeOpenTickets } from './tickets/recompute.ts';
export { PLATFORM_DEFAULT_TEMPLATE, resolvePolicy } from './policies/resolve.ts';
export type { SlaPolicyService } from './policies/policies.service.ts';
export type { TicketService } from './tickets/tickets.service.ts';
export type { TicketWorkflow } from './tickets/workflow.ts';
export type { TicketNoteService } from './tickets/notes.service.ts';

/** Every service of the desk, built from the platform deps each one uses. */
export function createServiceDesk(platform: Pick<PlatformDeps, 'db' | 'audit' | 'secrets' | 'clock'>) {
  const tickets = createTicketService(platform);
  const changes = createChangeService(platform);
  return {
    policies: createSlaPolicyService(platform),
    categories: createTicketCategoryService(platform),
    groups: createAssignmentGroupService(platform),
    tickets,
    workflow: createTicketWorkflow(platform, tickets),
    notes: createTicketNoteService(platform, tickets),
    related: createTicketRelatedService(platform),
    problems: createProblemService(platform),
    changes,
    changeWorkflow: createChangeWorkflow(platform, changes),
    freezes: createFreezePeriodService(platform),
    changeTemplates: createChangeTemplateService(platform),
    knowledge: createKnowledgeService(platform),
  };
}
export type ServiceDesk = ReturnType<typeof createServiceDesk>;

/** The route groups of the desk, for app.ts. */
export function serviceDeskRoutes(desk: ServiceDesk) {
  return [
    slaPolicyRoutes(desk.policies),
    ticketCategoryRoutes(desk.categories),
    assignmentGroupRoutes(desk.groups),
    ticketRoutes(desk.tickets, desk.workflow, desk.notes),
    myTicketRoutes(desk.tickets, desk.notes),
    ticketRelatedRoutes(desk.related),
    problemRoutes(desk.problems),
    changeRoutes(desk.changes, desk.changeWorkflow),
    changeSetupRoutes(desk.freezes, desk.changeTemplates),
    knowledgeRoutes(desk.knowledge),
  ];
}

/** Error texts of the desk; app.ts registers them with registerMessages. */
export const SERVICEDESK_MESSAGES: Record<string, { 'zh-CN': string; en: string }> = {
  'ticket.invalid_transition': { 'zh-CN': '工单当前状态不允许此操作', en: 'The ticket\'s status does not allow this step' },
  'ticket.already_on_site': { 'zh-CN': '该工单已记录到场', en: 'An arrival is already recorded' },
  'ticket.arrival_in_future': { 'zh-CN': '到场时间不能晚于当前时间', en: 'The arrival time lies in the future' },
  'ticket.arrival_before_open': { 'zh-CN': '到场时间不能早于报修时间', en: 'The arrival time lies before the ticket was opened' },
  'ticket.pause_reason_unknown': { 'zh-CN': '挂起原因不在 SLA 策略允许的范围内', en: 'The SLA policy has no such pause reason' },
  'ticket.unknown_level': { 'zh-CN': 'SLA 策略中没有该级别', en: 'The SLA policy has no such level' },
  'ticket.no_priority_matrix': { 'zh-CN': '该 SLA 策略未配置优先级矩阵，请直接选择级别', en: 'The SLA policy has no priority matrix; choose a level' },
  'ticket.unknown_priority': { 'zh-CN': '优先级矩阵中没有该影响范围与紧急程度的组合', en: 'No matrix cell for this impact and urgency' },
  'ticket.level_unchanged': { 'zh-CN': '工单已是该级别', en: 'The ticket is already at this level' },
  'ticket.bad_reference': { 'zh-CN': '分类、处理组、处理人或资产不可用', en: 'A category, group, assignee or asset cannot be used' },
  'ticket.merge_self': { 'zh-CN': '不能与自身合并', en: 'A ticket cannot be merged into itself' },
  'ticket.merge_target_unknown': { 'zh-CN': '要合并到的工单不存在', en: 'No such ticket to merge into' },
  'ticket.merge_other_org': { 'zh-CN': '只能合并同一机构的工单', en: 'Only tickets of the same organisation can be merged' },
  'ticket.merge_target_closed': { 'zh-CN': '目标工单已解决或关闭，不能再合并', en: 'The target ticket is resolved or closed' },
  'ticket.not_resolved': { 'zh-CN': '工单尚未解决，暂不能评价', en: 'The ticket is not resolved yet' },
  'ticket.already_rated': { 'zh-CN': '该工单已评价', en: 'The ticket has been rated' },
  'ticket.work_in_future': { 'zh-CN': '工时的日期不能晚于当前时间', en: 'The work time lies in the future' },
  'sla_policy.name_taken': { 'zh-CN': '本机构已有同名 SLA 策略', en: 'A policy of this name exists in the organisation' },
  'sla_policy.unknown_template': { 'zh-CN': 'SLA 模板不存在', en: 'No such SLA template' },
  'sla_policy.bad_reference': { 'zh-CN': '所选日历或 SLA 策略不可用', en: 'The calendar or SLA policy cannot be used' },
  'sla_policy.bad_matrix': { 'zh-CN': '优先级矩阵不完整或引用了不存在的级别', en: 'The priority matrix is incomplete or names unknown levels' },
  'sla_policy.level_in_use': { 'zh-CN': '仍有未解决的工单使用该级别，不能删除', en: 'Open tickets still use the level' },
  'sla_policy.pause_reason_in_use': { 'zh-CN': '仍有工单因该原因挂起，不能删除', en: 'Tickets are pending for this reason' },
  'sla_policy.in_use': { 'zh-CN': '该 SLA 策略仍关联维保合同，不能删除', en: 'The policy is attached to contracts' },
  'ticket_category.name_taken': { 'zh-CN': '同级已有同名分类', en: 'A category of this name exists here' },
  'ticket_category.bad_parent': { 'zh-CN': '上级分类不存在', en: 'No such parent category' },
  'ticket_category.too_deep': { 'zh-CN': '分类最多五级', en: 'At most five levels of categories' },
  'ticket_category.has_children': { 'zh-CN': '该分类下还有子分类', en: 'The category has sub-categories' },
  'ticket_category.in_use': { 'zh-CN': '已有工单使用该分类，请改为停用', en: 'Tickets use this category; deactivate it instead' },
  'assignment_group.name_taken': { 'zh-CN': '本机构已有同名处理组', en: 'A group of this name exists in the organisation' },
  'assignment_group.bad_member': { 'zh-CN': '成员不可用', en: 'A member cannot be used' },
  'assignment_group.in_use': { 'zh-CN': '仍有未解决的工单分派给该组', en: 'Open tickets are assigned to this group' },
  ...ITIL_MESSAGES,
};
