/**
 * The change workflow: draft → submitted → approved / rejected → scheduled → implementing → completed → closed, and
 * cancel. What each class allows is in rules.ts. Each step is one transaction: the change row, its change_events
 * row(s) and an audit event. Submitting and scheduling answer the change with its conflicts (warnings); scheduling
 * into a freeze period is refused (409) except for an emergency change.
 */
import type { Updateable } from 'kysely';
import type { ChangeApproveInput, ChangeCancelInput, ChangeCompleteInput, ChangeDetail, ChangeNoteInput, ChangeRejectInput, ChangeScheduleInput } from '../../../../shared/schemas/servicedesk-itil.ts';
import type { Actor } from '../../../platform/actor.ts';
import { subjectOf } from '../../../platform/audit.ts';
import type { Db } from '../../../platform/db.ts';
import type { PlatformDeps } from '../../../platform/deps.ts';
import { conflict, forbidden } from '../../../platform/errors.ts';
import type { ChangesTable } from '../itil.tables.ts';
import { whoOf, type Who } from '../itil.ts';
import { throwProblems } from '../references.ts';
import { changeEvent, planReferenceProblems, type ChangeService } from './changes.service.ts';
import { lockChange, lockDecidable, type ChangeRow } from './changes.repository.ts';
import { findConflicts, freezesApplying } from './conflicts.ts';
import { approvalRows, assertAllowed, needsApproval, onTime, submitProblems, type ChangeAction } from './rules.ts';

interface NewEvent {
  kind: string;
  details?: Record<string, unknown>;
}

interface Plan {
  set: Updateable<ChangesTable>;
  events: NewEvent[];
  /** Extra audit detail beside number and from/to status. */
  detail?: Record<string, unknown>;
  riskLevel?: 'low' | 'medium' | 'high';
}

const note = (n: string | undefined) => (n ? { note: n } : {});

export function createChangeWorkflow({ db, audit, clock }: Pick<PlatformDeps, 'db' | 'audit' | 'clock'>, changes: Pick<ChangeService, 'detail'>) {
  /** One step: lock, check the status, plan, write row + events + audit, in one transaction. */
  async function step(actor: Actor, id: string, action: ChangeAction, plan: (row: ChangeRow, now: Date, trx: Db, who: Who) => Promise<Plan> | Plan, lock = lockChange): Promise<ChangeDetail> {
    await db.transaction().execute(async (trx) => {
      const row = await lock(trx, actor, id);
      assertAllowed(action, row);
      const now = clock.now();
      const who = await whoOf(trx, actor);
      const p = await plan(row, now, trx, who);
      await trx.updateTable('changes').set({ ...p.set, updatedAt: now }).where('id', '=', id).execute();
      for (const e of p.events) await changeEvent(trx, row, e.kind, who, now, e.details);
      await audit.record(trx, subjectOf(actor), {
        eventType: `change.${action === 'decide' ? (p.set.approvalState === 'rejected' ? 'reject' : 'approve') : action}`,
        action: 'update',
        objectType: 'change',
        objectId: id,
        orgId: row.orgId,
        riskLevel: p.riskLevel,
        detail: { number: row.number, class: row.class, from: row.status, to: p.set.status ?? row.status, ...p.detail },
      });
    });
    return changes.detail(actor, id);
  }

  const assetIdsOf = async (d: Db, changeId: string) => (await d.selectFrom('changeAssets').select('assetId').where('changeId', '=', changeId).orderBy('position').execute()).map((a) => a.assetId);

  /** Approve or reject as one of the named approvers. */
  function decide(actor: Actor, id: string, decision: 'approved' | 'rejected', comment: string | undefined) {
    return step(
      actor,
      id,
      'decide',
      async (row, now, trx) => {
        if (row.approvalState !== 'pending') throw conflict('change.not_awaiting_approval', `Change ${row.number} is not waiting for approval`, { approvalState: row.approvalState });
        const mine = await trx.selectFrom('changeApprovals').select(['role', 'decision']).where('changeId', '=', id).where('approverId', '=', actor.userId ?? '00000000-0000-0000-0000-000000000000').execute();
        const pending = mine.filter((m) => m.decision === 'pending');
        if (pending.length === 0) {
          if (mine.length) throw conflict('change.already_decided', `You have decided on change ${row.number} already`);
          throw forbidden('change.not_an_approver', `You are not an approver of change ${row.number}`);
        }
        const roles = pending.map((p) => p.role);
        await trx
          .updateTable('changeApprovals')
          .set({ decision, comment: comment ?? null, decidedAt: now })
          .where('changeId', '=', id)
          .where('approverId', '=', actor.userId!)
          .where('decision', '=', 'pending')
          .execute();
        const events: NewEvent[] = [{ kind: decision === 'approved' ? 'approval_given' : 'approval_refused', details: { roles, ...(comment ? { comment } : {}) } }];
        if (decision === 'rejected') {
          events.push({ kind: 'rejected', details: {} });
          return { set: { approvalState: 'rejected', ...(row.status === 'submitted' ? { status: 'rejected' as const } : {}) }, events, detail: { roles, afterTheFact: row.status !== 'submitted' } };
        }
        const left = await trx.selectFrom('changeApprovals').select((eb) => eb.fn.countAll<number>().as('n')).where('changeId', '=', id).where('decision', '<>', 'approved').executeTakeFirstOrThrow();
        if (Number(left.n) > 0) return { set: {}, events, detail: { roles, waitingFor: Number(left.n) } };
        events.push({ kind: 'approved', details: { afterTheFact: row.status !== 'submitted' } });
        return { set: { approvalState: 'approved', approvedAt: now, ...(row.status === 'submitted' ? { status: 'approved' as const } : {}) }, events, detail: { roles, afterTheFact: row.status !== 'submitted' } };
      },
      lockDecidable,
    );
  }

  return {
    /**
     * Submit: checks the plan is complete; a pre-authorised or standard change is approved at once, a reviewed or
     * emergency one waits for every named approver (and the clinical sign-off). Conflicts come back as warnings.
     */
    submit: (actor: Actor, id: string, input: ChangeNoteInput) =>
      step(actor, id, 'submit', async (row, now, trx) => {
        throwProblems('change.incomplete', submitProblems(row, [row.createdBy, actor.userId]));
        throwProblems('change.bad_reference', await planReferenceProblems(trx, row.orgId, { implementerId: row.implementerId, approverIds: row.approverIds, clinicalApproverId: row.requiresClinicalSignoff ? row.clinicalApproverId : null }, now));
        const conflicts = await findConflicts(trx, actor, { start: row.windowStart!, end: row.windowEnd!, assetIds: await assetIdsOf(trx, id), excludeChangeId: id });
        const warnings = { conflicts: conflicts.map((c) => c.change.number) };
        if (!needsApproval(row.class)) {
          return {
            set: { status: 'approved', approvalState: 'not_required', submittedAt: now, approvedAt: now },
            events: [
              { kind: 'submitted', details: { ...warnings, ...note(input.note) } },
              { kind: 'approved', details: { automatic: true, reason: `${row.class} change` } },
            ],
            detail: { approval: 'not_required', ...warnings },
          };
        }
        const rows = approvalRows(row);
        await trx.deleteFrom('changeApprovals').where('changeId', '=', id).execute();
        await trx.insertInto('changeApprovals').values(rows.map((r) => ({ changeId: id, approverId: r.approverId, role: r.role, comment: null, decidedAt: null }))).execute();
        return {
          set: { status: 'submitted', approvalState: 'pending', submittedAt: now, approvedAt: null },
          events: [{ kind: 'submitted', details: { approvers: rows, ...warnings, ...note(input.note) } }],
          detail: { approvers: rows, ...warnings },
        };
      }),

    approve: (actor: Actor, id: string, input: ChangeApproveInput) => decide(actor, id, 'approved', input.comment),
    reject: (actor: Actor, id: string, input: ChangeRejectInput) => decide(actor, id, 'rejected', input.comment),

    /** Scheduled in its window (or a new one): refused inside a freeze period unless it is an emergency change. */
    schedule: (actor: Actor, id: string, input: ChangeScheduleInput) =>
      step(actor, id, 'schedule', async (row, now, trx) => {
        const start = input.windowStart ? new Date(input.windowStart) : row.windowStart;
        const end = input.windowEnd ? new Date(input.windowEnd) : row.windowEnd;
        if (!start || !end) throwProblems('change.incomplete', [{ path: ['body', 'windowStart'], message: 'the implementation window', code: 'required', id: 'windowStart' }]);
        const freezes = await freezesApplying(trx, row.orgId, start!, end!);
        if (freezes.length && row.class !== 'emergency') {
          throw conflict('change.in_freeze', `The window of change ${row.number} falls into a freeze period: ${freezes.map((f) => f.reason).join('; ')}`, { freezes });
        }
        const conflicts = await findConflicts(trx, actor, { start: start!, end: end!, assetIds: await assetIdsOf(trx, id), excludeChangeId: id });
        const details = {
          windowStart: start!.toISOString(),
          windowEnd: end!.toISOString(),
          conflicts: conflicts.map((c) => c.change.number),
          ...(freezes.length ? { freezeOverride: freezes.map((f) => f.id) } : {}),
        };
        return { set: { status: 'scheduled', scheduledAt: now, windowStart: start, windowEnd: end }, events: [{ kind: 'scheduled', details: { ...details, ...note(input.note) } }], detail: details, riskLevel: freezes.length ? 'medium' : undefined };
      }),

    /** Implementation starts; an emergency change may start before its approval and is flagged until approved. */
    start: (actor: Actor, id: string, input: ChangeNoteInput) =>
      step(actor, id, 'start', (row) => {
        const early = row.class === 'emergency' && row.approvalState !== 'approved';
        return {
          set: { status: 'implementing', startedAt: clock.now(), ...(early ? { implementedBeforeApproval: true } : {}) },
          events: [{ kind: 'started', details: { beforeApproval: early, ...note(input.note) } }],
          detail: { beforeApproval: early },
          riskLevel: early ? 'medium' : undefined,
        };
      }),

    /** Done, with its outcome: success, failed, or rolled back (with the rollback's duration in minutes). */
    complete: (actor: Actor, id: string, input: ChangeCompleteInput) =>
      step(actor, id, 'complete', (row, now) => {
        const inWindow = onTime(row, row.startedAt, now);
        const details = { outcome: input.outcome, rollbackMinutes: input.rollbackMinutes ?? null, onTime: inWindow };
        return {
          set: { status: 'completed', completedAt: now, outcome: input.outcome, rollbackMinutes: input.rollbackMinutes ?? null, outcomeNote: input.note ?? null, onTime: inWindow },
          events: [{ kind: 'completed', details: { ...details, ...note(input.note) } }],
          detail: details,
        };
      }),

    /** Closed after review; an emergency change still waiting for its approval cannot close. */
    close: (actor: Actor, id: string, input: ChangeNoteInput) =>
      step(actor, id, 'close', (row, now) => {
        if (row.approvalState === 'pending') throw conflict('change.approval_pending', `Change ${row.number} still waits for its approval`);
        return { set: { status: 'closed', closedAt: now }, events: [{ kind: 'closed', details: note(input.note) }] };
      }),

    /** Cancelled before implementation, with a reason. */
    cancel: (actor: Actor, id: string, input: ChangeCancelInput) =>
      step(actor, id, 'cancel', (_row, now) => ({ set: { status: 'cancelled', cancelledAt: now, cancelReason: input.reason }, events: [{ kind: 'cancelled', details: { reason: input.reason } }], detail: { reason: input.reason } })),
  };
}

export type ChangeWorkflow = ReturnType<typeof createChangeWorkflow>;
