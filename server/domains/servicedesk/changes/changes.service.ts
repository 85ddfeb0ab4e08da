/**
 * Changes (变更): the plan (steps, window, affected assets, rollback, verification, approvers), the list, the detail
 * with its live conflicts and freezes, links to tickets and problems, the change calendar and the KPIs of seed 004
 * (变更按时完成率 ≥ 90 %, 变更异常回退时长 ≤ 30 分钟). The workflow steps are in workflow.ts.
 */
import { sql } from 'kysely';
import {
  ACTIVE_CHANGE_STATUSES,
  CHANGE_ON_TIME_TARGET,
  CHANGE_ROLLBACK_TARGET_MINUTES,
  ChangeCreateInput as CreateSchema,
  type ChangeCalendar,
  type ChangeCalendarQuery,
  type ChangeConflictQuery,
  type ChangeConflictReport,
  type ChangeCreateInput,
  type ChangeDetail,
  type ChangeKpiQuery,
  type ChangeKpis,
  type ChangeListQuery,
  type ChangePage,
  type ChangeStatus,
  type ChangeStep,
  type ChangeUpdateInput,
  type ItilEventPage,
  type ItilEventQuery,
  type MyApprovalsQuery,
} from '../../../../shared/schemas/servicedesk-itil.ts';
import { assertInScope, can, type Actor } from '../../../platform/actor.ts';
import { subjectOf } from '../../../platform/audit.ts';
import type { Db } from '../../../platform/db.ts';
import type { PlatformDeps } from '../../../platform/deps.ts';
import { conflict, invalid, notFound } from '../../../platform/errors.ts';
import { atOrAbove, likePattern, linkedTickets, linkTicket, nextNumber, onSameLine, problemRefs, READ, timelinePage, toProblemRef, unlinkTicket, whoOf, WORK, type Who } from '../itil.ts';
import { throwProblems, ticketReferenceProblems, usableUserIds, type Problem } from '../references.ts';
import { assetBriefs, findConflicts, freezesApplying, freezesVisible } from './conflicts.ts';
import { lockChange, presentChangeListItem, readableChanges, scopedChanges, withNames, type ChangeRow, type NamedChangeRow } from './changes.repository.ts';
import { assertAllowed } from './rules.ts';

/** Statuses whose window still matters: the detail shows conflicts for them. */
const PLANNED: readonly ChangeStatus[] = ['draft', 'submitted', 'approved', 'rejected', 'scheduled', 'implementing'];
/** Statuses the calendar shows. */
const ON_CALENDAR: readonly ChangeStatus[] = ['submitted', 'approved', 'scheduled', 'implementing', 'completed', 'closed'];
const CALENDAR_LIMIT = 1000;
const NO_USER = '00000000-0000-0000-0000-000000000000';

const snapshot = (r: ChangeRow, assetIds: readonly string[]) => ({
  title: r.title,
  class: r.class,
  status: r.status,
  templateId: r.templateId,
  windowStart: r.windowStart?.toISOString() ?? null,
  windowEnd: r.windowEnd?.toISOString() ?? null,
  steps: r.steps.length,
  assetIds,
  implementerId: r.implementerId,
  approverIds: r.approverIds,
  requiresClinicalSignoff: r.requiresClinicalSignoff,
  clinicalApproverId: r.clinicalApproverId,
});

interface PlanRefs {
  assetIds?: readonly string[];
  implementerId?: string | null;
  approverIds?: readonly string[];
  clinicalApproverId?: string | null;
}

/** Change events, written by the service and the workflow. */
export async function changeEvent(trx: Db, row: Pick<ChangeRow, 'id' | 'orgId'>, kind: string, who: Who, now: Date, details: Record<string, unknown> = {}) {
  await trx.insertInto('changeEvents').values({ changeId: row.id, orgId: row.orgId, kind, at: now, ...who, details: JSON.stringify(details) }).execute();
}

/** The problems with the people and assets a change of `orgId` names. */
export async function planReferenceProblems(d: Db, orgId: string, refs: PlanRefs, now: Date): Promise<Problem[]> {
  const problems = await ticketReferenceProblems(d, orgId, { assetIds: refs.assetIds }, now);
  const people = [
    ...(refs.implementerId ? [{ id: refs.implementerId, path: ['body', 'implementerId'] }] : []),
    ...(refs.approverIds ?? []).map((id, i) => ({ id, path: ['body', 'approverIds', i] })),
    ...(refs.clinicalApproverId ? [{ id: refs.clinicalApproverId, path: ['body', 'clinicalApproverId'] }] : []),
  ];
  const ok = await usableUserIds(d, orgId, people.map((p) => p.id), now);
  for (const p of people) if (!ok.has(p.id)) problems.push({ path: p.path, message: 'no such active user in this organisation, above or below it', code: 'unknown_user', id: p.id });
  return problems;
}

export function createChangeService({ db, audit, clock }: Pick<PlatformDeps, 'db' | 'audit' | 'clock'>) {
  async function setAssets(trx: Db, changeId: string, orgId: string, assetIds: readonly string[]) {
    await trx.deleteFrom('changeAssets').where('changeId', '=', changeId).execute();
    const ids = [...new Set(assetIds)];
    if (ids.length === 0) return;
    const orgOf = new Map((await trx.selectFrom('assets').select(['id', 'orgId']).where('id', 'in', ids).execute()).map((a) => [a.id, a.orgId]));
    await trx.insertInto('changeAssets').values(ids.map((assetId, position) => ({ changeId, assetId, orgId: orgOf.get(assetId) ?? orgId, position }))).execute();
  }

  const assetIdsOf = async (d: Db, changeId: string) => (await d.selectFrom('changeAssets').select('assetId').where('changeId', '=', changeId).orderBy('position').execute()).map((a) => a.assetId);

  /** A standard change's template: active, of the change's organisation or above it. */
  async function usableTemplate(d: Db, orgId: string, templateId: string) {
    const t = await d.selectFrom('changeTemplates').selectAll().where('id', '=', templateId).where('deletedAt', 'is', null).where(atOrAbove('org_id', orgId)).executeTakeFirst();
    if (!t) throwProblems('change.bad_reference', [{ path: ['body', 'templateId'], message: 'no such change template for this organisation', code: 'unknown_template', id: templateId }]);
    return t!;
  }

  /** One change with everything the detail view shows, conflicts and freezes computed now. */
  async function detail(actor: Actor, id: string): Promise<ChangeDetail> {
    const row = (await withNames(readableChanges(db, actor))
      .leftJoin('users as cb', 'cb.id', 'c.createdBy')
      .leftJoin('users as ca', 'ca.id', 'c.clinicalApproverId')
      .leftJoin('changeTemplates as tpl', 'tpl.id', 'c.templateId')
      .select(['cb.displayName as createdByName', 'ca.displayName as clinicalApproverName', 'tpl.name as templateName'])
      .where('c.id', '=', id)
      .executeTakeFirst()) as (NamedChangeRow & { createdByName: string | null; clinicalApproverName: string | null; templateName: string | null }) | undefined;
    if (!row) throw notFound('change', id);
    const assetIds = await assetIdsOf(db, id);
    const brief = await assetBriefs(db, assetIds);
    const approvals = await db
      .selectFrom('changeApprovals as ap')
      .innerJoin('users as u', 'u.id', 'ap.approverId')
      .select(['ap.approverId', 'u.displayName', 'ap.role', 'ap.decision', 'ap.comment', 'ap.decidedAt'])
      .where('ap.changeId', '=', id)
      .orderBy('ap.role')
      .orderBy(sql`array_position(${sql.val(row.approverIds)}::uuid[], ap.approver_id)`)
      .orderBy('u.displayName')
      .execute();
    // an approver holding change.approve alone sees the change itself, not what is linked to it
    const reads = can(actor, READ);
    const tickets = reads ? await linkedTickets(db, actor, 'change', id) : [];
    const problems = reads ? await problemRefs(db, actor).innerJoin('problemChanges as pc', 'pc.problemId', 'p.id').where('pc.changeId', '=', id).orderBy('p.createdAt').execute() : [];
    const planned = PLANNED.includes(row.status) && row.windowStart && row.windowEnd;
    const conflicts = planned && reads ? await findConflicts(db, actor, { start: row.windowStart!, end: row.windowEnd!, assetIds, excludeChangeId: id }) : [];
    const freezes = planned ? await freezesApplying(db, row.orgId, row.windowStart!, row.windowEnd!) : [];
    return {
      ...presentChangeListItem(row),
      description: row.description,
      reason: row.reason,
      template: row.templateId ? { id: row.templateId, name: row.templateName ?? '' } : null,
      steps: row.steps.map((s) => ({ title: s.title, detail: s.detail ?? '' })),
      assets: assetIds.map(brief),
      rollbackPlan: row.rollbackPlan,
      verificationPlan: row.verificationPlan,
      approverIds: row.approverIds,
      requiresClinicalSignoff: row.requiresClinicalSignoff,
      clinicalApprover: row.clinicalApproverId ? { id: row.clinicalApproverId, name: row.clinicalApproverName ?? '' } : null,
      approvals: approvals.map((a) => ({ approver: { id: a.approverId, name: a.displayName }, role: a.role, decision: a.decision, comment: a.comment, decidedAt: a.decidedAt?.toISOString() ?? null })),
      implementedBeforeApproval: row.implementedBeforeApproval,
      requestedBy: row.createdBy ? { id: row.createdBy, name: row.createdByName ?? '' } : null,
      submittedAt: row.submittedAt?.toISOString() ?? null,
      approvedAt: row.approvedAt?.toISOString() ?? null,
      scheduledAt: row.scheduledAt?.toISOString() ?? null,
      startedAt: row.startedAt?.toISOString() ?? null,
      completedAt: row.completedAt?.toISOString() ?? null,
      closedAt: row.closedAt?.toISOString() ?? null,
      cancelledAt: row.cancelledAt?.toISOString() ?? null,
      cancelReason: row.cancelReason,
      outcomeNote: row.outcomeNote,
      rollbackMinutes: row.rollbackMinutes,
      onTime: row.onTime,
      tickets,
      problems: problems.map(toProblemRef),
      conflicts,
      freezes,
    };
  }

  /** Links and unlinks: lock the change, act, note it on the change's timeline, audit. */
  async function onLinks(actor: Actor, id: string, eventType: string, act: (trx: Db, row: ChangeRow, who: Who, now: Date) => Promise<Record<string, unknown>>): Promise<ChangeDetail> {
    await db.transaction().execute(async (trx) => {
      const row = await lockChange(trx, actor, id);
      const now = clock.now();
      const who = await whoOf(trx, actor);
      const details = await act(trx, row, who, now);
      await trx.updateTable('changes').set({ updatedAt: now }).where('id', '=', id).execute();
      await audit.record(trx, subjectOf(actor), { eventType, action: 'update', objectType: 'change', objectId: id, orgId: row.orgId, detail: { number: row.number, ...details } });
    });
    return detail(actor, id);
  }

  async function problemToLink(trx: Db, actor: Actor, row: ChangeRow, problemId: string) {
    const problem = await scopedProblem(trx, actor, problemId);
    if (!problem) throw invalid('change.bad_problem', 'No such problem to link', [{ path: ['body', 'problemId'], message: 'no such problem', code: 'unknown_problem' }]);
    if (!(await onSameLine(trx, problem.orgId, row.orgId))) throw invalid('change.bad_problem', `Problem ${problem.number} belongs to another branch of the organisation tree`, [{ path: ['body', 'problemId'], message: 'another branch of the organisation tree', code: 'other_org' }]);
    return problem;
  }

  return {
    detail,

    /** Changes in scope, filtered and paged; newest first by default. */
    async list(actor: Actor, query: ChangeListQuery): Promise<ChangePage> {
      let q = scopedChanges(db, actor, READ, query.orgId);
      if (query.status?.length) q = q.where('c.status', 'in', [...new Set(query.status.flatMap((s): readonly ChangeStatus[] => (s === 'active' ? ACTIVE_CHANGE_STATUSES : [s])))]);
      if (query.class?.length) q = q.where('c.class', 'in', query.class);
      if (query.assetId) q = q.where('c.id', 'in', (eb) => eb.selectFrom('changeAssets').select('changeId').where('assetId', '=', query.assetId!));
      if (query.awaitingRetroApproval === true) q = q.where('c.implementedBeforeApproval', '=', true).where('c.approvalState', '<>', 'approved');
      if (query.awaitingRetroApproval === false) q = q.where((eb) => eb.or([eb('c.implementedBeforeApproval', '=', false), eb('c.approvalState', '=', 'approved')]));
      if (query.ticketId) q = q.where('c.id', 'in', (eb) => eb.selectFrom('ticketLinks').select('targetId').where('ticketId', '=', query.ticketId!).where('kind', '=', 'change'));
      if (query.problemId) q = q.where('c.id', 'in', (eb) => eb.selectFrom('problemChanges').select('changeId').where('problemId', '=', query.problemId!));
      if (query.q) q = q.where('c.searchText', 'like', likePattern(query.q));
      let rows = withNames(q);
      rows = query.sort === 'windowStart' ? rows.orderBy(sql`c.window_start asc nulls last`) : rows.orderBy('c.createdAt', query.sort === 'createdAt' ? 'asc' : 'desc');
      const [count, items] = await Promise.all([
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        rows.orderBy('c.id').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute(),
      ]);
      return { items: items.map(presentChangeListItem), total: Number(count.n), page: query.page, pageSize: query.pageSize };
    },

    /** The changes waiting for the caller's decision, oldest submission first. */
    async myApprovals(actor: Actor, query: MyApprovalsQuery): Promise<ChangePage> {
      const q = db
        .selectFrom('changes as c')
        .where('c.approvalState', '=', 'pending')
        .where('c.status', 'not in', ['cancelled', 'closed'])
        .where('c.id', 'in', (eb) => eb.selectFrom('changeApprovals').select('changeId').where('approverId', '=', actor.userId ?? NO_USER).where('decision', '=', 'pending'));
      const [count, items] = await Promise.all([
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        withNames(q).orderBy('c.submittedAt').orderBy('c.id').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute(),
      ]);
      return { items: items.map(presentChangeListItem), total: Number(count.n), page: query.page, pageSize: query.pageSize };
    },

    /** A draft change (CHG-YYYY-NNNNNN); a standard change takes what it leaves out from its template. */
    async create(actor: Actor, input: ChangeCreateInput): Promise<ChangeDetail> {
      const body = CreateSchema.parse(input);
      await assertInScope(db, actor, WORK, body.orgId, 'organisation', body.orgId);
      const now = clock.now();
      throwProblems('change.bad_reference', await planReferenceProblems(db, body.orgId, body, now));
      const template = body.templateId ? await usableTemplate(db, body.orgId, body.templateId) : null;
      const steps: ChangeStep[] = body.steps.length ? body.steps : (template?.steps ?? []);
      const id = await db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('changes')
          .values({
            orgId: body.orgId,
            number: await nextNumber(trx, body.orgId, 'CHG', now),
            class: body.class,
            title: body.title,
            description: body.description,
            reason: body.reason,
            templateId: template?.id ?? null,
            steps: JSON.stringify(steps),
            windowStart: body.windowStart ? new Date(body.windowStart) : null,
            windowEnd: body.windowEnd ? new Date(body.windowEnd) : null,
            rollbackPlan: body.rollbackPlan || template?.rollbackPlan || '',
            verificationPlan: body.verificationPlan || template?.verificationPlan || '',
            implementerId: body.implementerId ?? null,
            approverIds: [...new Set(body.approverIds)],
            requiresClinicalSignoff: body.requiresClinicalSignoff,
            clinicalApproverId: body.clinicalApproverId ?? null,
            submittedAt: null,
            approvedAt: null,
            scheduledAt: null,
            startedAt: null,
            completedAt: null,
            closedAt: null,
            cancelledAt: null,
            cancelReason: null,
            outcome: null,
            outcomeNote: null,
            rollbackMinutes: null,
            onTime: null,
            createdBy: actor.userId,
            createdAt: now,
            updatedAt: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await setAssets(trx, row.id, row.orgId, body.assetIds);
        await changeEvent(trx, row, 'created', await whoOf(trx, actor), now, { class: row.class });
        await audit.record(trx, subjectOf(actor), { eventType: 'change.create', action: 'create', objectType: 'change', objectId: row.id, orgId: row.orgId, detail: { number: row.number, after: snapshot(row, body.assetIds) } });
        return row.id;
      });
      return detail(actor, id);
    },

    /** Changes the plan while the change is a draft or was rejected (a rejected change is revised and submitted again). */
    async update(actor: Actor, id: string, input: ChangeUpdateInput): Promise<ChangeDetail> {
      await db.transaction().execute(async (trx) => {
        const before = await lockChange(trx, actor, id);
        assertAllowed('update', before);
        const now = clock.now();
        throwProblems('change.bad_reference', await planReferenceProblems(trx, before.orgId, { assetIds: input.assetIds, implementerId: input.implementerId, approverIds: input.approverIds, clinicalApproverId: input.clinicalApproverId }, now));
        const assetsBefore = await assetIdsOf(trx, id);
        const set = {
          ...(input.title !== undefined ? { title: input.title } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
          ...(input.reason !== undefined ? { reason: input.reason } : {}),
          ...(input.steps !== undefined ? { steps: JSON.stringify(input.steps) } : {}),
          ...(input.windowStart !== undefined ? { windowStart: input.windowStart ? new Date(input.windowStart) : null } : {}),
          ...(input.windowEnd !== undefined ? { windowEnd: input.windowEnd ? new Date(input.windowEnd) : null } : {}),
          ...(input.rollbackPlan !== undefined ? { rollbackPlan: input.rollbackPlan } : {}),
          ...(input.verificationPlan !== undefined ? { verificationPlan: input.verificationPlan } : {}),
          ...(input.implementerId !== undefined ? { implementerId: input.implementerId } : {}),
          ...(input.approverIds !== undefined ? { approverIds: [...new Set(input.approverIds)] } : {}),
          ...(input.requiresClinicalSignoff !== undefined ? { requiresClinicalSignoff: input.requiresClinicalSignoff } : {}),
          ...(input.clinicalApproverId !== undefined ? { clinicalApproverId: input.clinicalApproverId } : {}),
        };
        const after = await trx.updateTable('changes').set({ ...set, updatedAt: now }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
        if (input.assetIds !== undefined) await setAssets(trx, id, before.orgId, input.assetIds);
        await changeEvent(trx, before, 'updated', await whoOf(trx, actor), now, { fields: Object.keys(input).filter((k) => input[k as keyof ChangeUpdateInput] !== undefined) });
        await audit.record(trx, subjectOf(actor), {
          eventType: 'change.update',
          action: 'update',
          objectType: 'change',
          objectId: id,
          orgId: before.orgId,
          detail: { number: before.number, before: snapshot(before, assetsBefore), after: snapshot(after, input.assetIds ?? assetsBefore) },
        });
      });
      return detail(actor, id);
    },

    linkTicket: (actor: Actor, id: string, ticketId: string) =>
      onLinks(actor, id, 'change.link_ticket', async (trx, row, who, now) => {
        const ticket = await linkTicket(trx, actor, ticketId, { kind: 'change', id: row.id, number: row.number, orgId: row.orgId }, who, now);
        await changeEvent(trx, row, 'ticket_linked', who, now, { ticketId: ticket.id, ticketNumber: ticket.number });
        return { ticketId: ticket.id, ticketNumber: ticket.number };
      }),

    unlinkTicket: (actor: Actor, id: string, ticketId: string) =>
      onLinks(actor, id, 'change.unlink_ticket', async (trx, row, who, now) => {
        const ticket = await unlinkTicket(trx, actor, ticketId, { kind: 'change', id: row.id, number: row.number, orgId: row.orgId }, who, now);
        await changeEvent(trx, row, 'ticket_unlinked', who, now, { ticketId: ticket.id, ticketNumber: ticket.number });
        return { ticketId: ticket.id, ticketNumber: ticket.number };
      }),

    /** Links a problem the change addresses (same organisation line); both timelines note it. */
    linkProblem: (actor: Actor, id: string, problemId: string) =>
      onLinks(actor, id, 'change.link_problem', async (trx, row, who, now) => {
        const problem = await problemToLink(trx, actor, row, problemId);
        const inserted = await trx.insertInto('problemChanges').values({ problemId: problem.id, changeId: row.id, createdAt: now, createdBy: actor.userId }).onConflict((oc) => oc.doNothing()).returning('problemId').executeTakeFirst();
        if (!inserted) throw conflict('link.exists', `Problem ${problem.number} is already linked to ${row.number}`);
        await changeEvent(trx, row, 'problem_linked', who, now, { problemId: problem.id, problemNumber: problem.number });
        await trx.insertInto('problemEvents').values({ problemId: problem.id, orgId: problem.orgId, kind: 'change_linked', at: now, ...who, details: JSON.stringify({ changeId: row.id, changeNumber: row.number }) }).execute();
        return { problemId: problem.id, problemNumber: problem.number };
      }),

    unlinkProblem: (actor: Actor, id: string, problemId: string) =>
      onLinks(actor, id, 'change.unlink_problem', async (trx, row, who, now) => {
        const problem = await scopedProblem(trx, actor, problemId);
        const removed = problem ? await trx.deleteFrom('problemChanges').where('problemId', '=', problemId).where('changeId', '=', row.id).returning('problemId').executeTakeFirst() : undefined;
        if (!problem || !removed) throw notFound('problem_link', problemId);
        await changeEvent(trx, row, 'problem_unlinked', who, now, { problemId, problemNumber: problem.number });
        await trx.insertInto('problemEvents').values({ problemId, orgId: problem.orgId, kind: 'change_unlinked', at: now, ...who, details: JSON.stringify({ changeId: row.id, changeNumber: row.number }) }).execute();
        return { problemId, problemNumber: problem.number };
      }),

    /** Conflicts and freezes for a window being planned (before a change exists, or while editing one). */
    async conflicts(actor: Actor, query: ChangeConflictQuery): Promise<ChangeConflictReport> {
      const start = new Date(query.start);
      const end = query.end ? new Date(query.end) : new Date(start.getTime() + query.minutes! * 60_000);
      return {
        conflicts: await findConflicts(db, actor, { start, end, assetIds: query.assetIds, excludeChangeId: query.excludeChangeId }),
        freezes: await freezesVisible(db, actor, start, end, query.orgId),
      };
    },

    /** The change calendar: windows overlapping [from, to), and the freezes in it. */
    async calendar(actor: Actor, query: ChangeCalendarQuery): Promise<ChangeCalendar> {
      const from = new Date(query.from);
      const to = new Date(query.to);
      const rows = await withNames(scopedChanges(db, actor, READ, query.orgId))
        .where('c.status', 'in', [...ON_CALENDAR])
        .where('c.windowStart', 'is not', null)
        .where(sql<boolean>`tstzrange(c.window_start, c.window_end) && tstzrange(${from}::timestamptz, ${to}::timestamptz)`)
        .orderBy('c.windowStart')
        .orderBy('c.id')
        .limit(CALENDAR_LIMIT + 1)
        .execute();
      return { items: rows.slice(0, CALENDAR_LIMIT).map(presentChangeListItem), freezes: await freezesVisible(db, actor, from, to, query.orgId), truncated: rows.length > CALENDAR_LIMIT };
    },

    /** KPIs over the changes completed in [from, to): by class, on time, success, rollbacks, emergency share. */
    async kpis(actor: Actor, query: ChangeKpiQuery): Promise<ChangeKpis> {
      const from = new Date(query.from);
      const to = new Date(query.to);
      const r = await scopedChanges(db, actor, READ, query.orgId)
        .where('c.completedAt', '>=', from)
        .where('c.completedAt', '<', to)
        .select([
          sql<number>`count(*)`.as('completed'),
          sql<number>`count(*) filter (where c.class = 'pre_authorised')`.as('preAuthorised'),
          sql<number>`count(*) filter (where c.class = 'standard')`.as('standard'),
          sql<number>`count(*) filter (where c.class = 'emergency')`.as('emergency'),
          sql<number>`count(*) filter (where c.class = 'reviewed')`.as('reviewed'),
          sql<number>`count(*) filter (where c.on_time)`.as('onTime'),
          sql<number>`count(*) filter (where c.outcome = 'success')`.as('succeeded'),
          sql<number>`count(*) filter (where c.outcome = 'failed')`.as('failed'),
          sql<number>`count(*) filter (where c.outcome = 'rolled_back')`.as('rolledBack'),
          sql<number | null>`avg(c.rollback_minutes) filter (where c.outcome = 'rolled_back')`.as('meanRollback'),
          sql<number | null>`max(c.rollback_minutes) filter (where c.outcome = 'rolled_back')`.as('maxRollback'),
          sql<number>`count(*) filter (where c.outcome = 'rolled_back' and c.rollback_minutes > ${CHANGE_ROLLBACK_TARGET_MINUTES})`.as('overTarget'),
          sql<number>`count(*) filter (where c.implemented_before_approval)`.as('beforeApproval'),
          sql<number>`count(*) filter (where c.implemented_before_approval and c.approval_state <> 'approved')`.as('awaiting'),
        ])
        .executeTakeFirstOrThrow();
      const n = (v: unknown) => Number(v ?? 0);
      const completed = n(r.completed);
      const ratio = (x: number) => (completed === 0 ? null : Math.round((x / completed) * 10_000) / 10_000);
      const onTimeRate = ratio(n(r.onTime));
      return {
        from: from.toISOString(),
        to: to.toISOString(),
        completed,
        byClass: { pre_authorised: n(r.preAuthorised), standard: n(r.standard), emergency: n(r.emergency), reviewed: n(r.reviewed) },
        onTime: n(r.onTime),
        onTimeRate,
        onTimeTarget: CHANGE_ON_TIME_TARGET,
        onTimeMet: onTimeRate === null ? null : onTimeRate >= CHANGE_ON_TIME_TARGET,
        succeeded: n(r.succeeded),
        successRate: ratio(n(r.succeeded)),
        failed: n(r.failed),
        rolledBack: n(r.rolledBack),
        meanRollbackMinutes: r.meanRollback === null ? null : Math.round(Number(r.meanRollback) * 10) / 10,
        maxRollbackMinutes: r.maxRollback === null ? null : Number(r.maxRollback),
        rollbackTargetMinutes: CHANGE_ROLLBACK_TARGET_MINUTES,
        rollbacksOverTarget: n(r.overTarget),
        emergencyShare: ratio(n(r.emergency)),
        implementedBeforeApproval: n(r.beforeApproval),
        awaitingRetroApproval: n(r.awaiting),
      };
    },

    /** The change's timeline, oldest first. */
    async events(actor: Actor, id: string, query: ItilEventQuery): Promise<ItilEventPage> {
      const row = await readableChanges(db, actor).select('c.id').where('c.id', '=', id).executeTakeFirst();
      if (!row) throw notFound('change', id);
      const q = db.selectFrom('changeEvents').where('changeId', '=', id);
      const [count, rows] = await Promise.all([
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        q.select(['id', 'kind', 'at', 'actorName', 'details']).orderBy('id').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute(),
      ]);
      return timelinePage(rows, Number(count.n), query.page, query.pageSize);
    },
  };
}

/** A problem the actor works on (undefined when there is none in scope), for linking it to a change or unlinking it. */
async function scopedProblem(trx: Db, actor: Actor, problemId: string) {
  const problem = await trx.selectFrom('problems').select(['id', 'orgId', 'number']).where('id', '=', problemId).executeTakeFirst();
  if (!problem) return undefined;
  return assertInScope(trx, actor, WORK, problem.orgId, 'problem', problemId).then(
    () => problem,
    () => undefined,
  );
}

export type ChangeService = ReturnType<typeof createChangeService>;
