/**
 * The rules of the four change classes (seed 004 变更管理: 预授权 / 标准 / 紧急 / 评审), pure:
 * - pre_authorised and standard need no approval: submitting approves them (a standard change follows its template);
 * - reviewed needs every named approver (and the clinical department, when asked for); one rejection rejects;
 * - emergency names its approvers too, but may be scheduled and implemented before they decide: it is flagged
 *   (`awaitingRetroApproval`) until approved, and cannot close while the decision is pending.
 */
import { CHANGE_CLASSES_WITHOUT_APPROVAL, type ChangeClass, type ChangeStatus } from '../../../../shared/schemas/servicedesk-itil.ts';
import { conflict } from '../../../platform/errors.ts';
import type { Problem } from '../references.ts';

export type ChangeAction = 'update' | 'submit' | 'decide' | 'schedule' | 'start' | 'complete' | 'close' | 'cancel';

const NORMAL: Record<ChangeAction, readonly ChangeStatus[]> = {
  update: ['draft', 'rejected'],
  submit: ['draft', 'rejected'],
  decide: ['submitted'],
  schedule: ['approved'],
  start: ['scheduled'],
  complete: ['implementing'],
  close: ['completed'],
  cancel: ['draft', 'submitted', 'approved', 'rejected', 'scheduled'],
};

const EMERGENCY: Record<ChangeAction, readonly ChangeStatus[]> = {
  ...NORMAL,
  // approval after the fact: the decision may come while it is scheduled, running or done
  decide: ['submitted', 'scheduled', 'implementing', 'completed'],
  schedule: ['submitted', 'approved'],
  start: ['submitted', 'approved', 'scheduled'],
};

/** The statuses an action may start from, for a class. */
export function allowedFrom(action: ChangeAction, cls: ChangeClass): readonly ChangeStatus[] {
  return (cls === 'emergency' ? EMERGENCY : NORMAL)[action];
}

/** 409 change.invalid_transition unless the class allows the action from the status. */
export function assertAllowed(action: ChangeAction, change: { class: ChangeClass; status: ChangeStatus; number: string }): void {
  const allowed = allowedFrom(action, change.class);
  if (!allowed.includes(change.status)) {
    throw conflict('change.invalid_transition', `Cannot ${action} change ${change.number}: it is ${change.status}`, { action, status: change.status, class: change.class, allowedFrom: allowed });
  }
}

export const needsApproval = (cls: ChangeClass) => !CHANGE_CLASSES_WITHOUT_APPROVAL.includes(cls);

export interface SubmittedPlan {
  class: ChangeClass;
  steps: ReadonlyArray<{ title: string }>;
  windowStart: Date | null;
  windowEnd: Date | null;
  rollbackPlan: string;
  verificationPlan: string;
  templateId: string | null;
  approverIds: readonly string[];
  requiresClinicalSignoff: boolean;
  clinicalApproverId: string | null;
}

/** What a change lacks before it can be submitted (each with its body path, so a form can mark the field). */
export function submitProblems(plan: SubmittedPlan, requesterIds: ReadonlyArray<string | null>): Problem[] {
  const problems: Problem[] = [];
  const need = (field: string, message: string, code = 'required') => problems.push({ path: ['body', field], message, code, id: field });
  if (plan.steps.length === 0) need('steps', 'at least one step');
  if (!plan.windowStart || !plan.windowEnd) need('windowStart', 'the implementation window');
  if (plan.rollbackPlan.trim() === '') need('rollbackPlan', 'a rollback plan');
  if (plan.verificationPlan.trim() === '') need('verificationPlan', 'how the result is verified');
  if (plan.class === 'standard' && !plan.templateId) need('templateId', 'a standard change follows a template');
  if (needsApproval(plan.class) && plan.approverIds.length === 0) need('approverIds', `a ${plan.class} change names its approvers`);
  if (plan.requiresClinicalSignoff && !plan.clinicalApproverId) need('clinicalApproverId', 'the clinical department\'s approver');
  const self = new Set(requesterIds.filter((x): x is string => x !== null));
  if ([...plan.approverIds, ...(plan.requiresClinicalSignoff && plan.clinicalApproverId ? [plan.clinicalApproverId] : [])].some((id) => self.has(id))) {
    need('approverIds', 'the requester cannot approve their own change', 'self_approval');
  }
  return problems;
}

/** The approval rows a submission opens: every approver, and the clinical sign-off when asked for. */
export function approvalRows(plan: Pick<SubmittedPlan, 'class' | 'approverIds' | 'requiresClinicalSignoff' | 'clinicalApproverId'>): Array<{ approverId: string; role: 'approver' | 'clinical' }> {
  if (!needsApproval(plan.class)) return [];
  return [
    ...[...new Set(plan.approverIds)].map((approverId) => ({ approverId, role: 'approver' as const })),
    ...(plan.requiresClinicalSignoff && plan.clinicalApproverId ? [{ approverId: plan.clinicalApproverId, role: 'clinical' as const }] : []),
  ];
}

/** On time (变更按时完成): started no earlier than the window's start and completed no later than its end. */
export function onTime(window: { windowStart: Date | null; windowEnd: Date | null }, startedAt: Date | null, completedAt: Date): boolean {
  if (!window.windowStart || !window.windowEnd) return false;
  return (startedAt ?? completedAt) >= window.windowStart && completedAt <= window.windowEnd;
}

/** The flag an emergency change carries while it ran (or runs) without its approval. */
export const awaitingRetroApproval = (c: { implementedBeforeApproval: boolean; approvalState: string }) => c.implementedBeforeApproval && c.approvalState !== 'approved';
