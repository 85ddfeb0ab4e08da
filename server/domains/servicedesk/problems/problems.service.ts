/**
 * Problems (问题管理): the cause behind one or more incidents. new → investigating → known_error → resolved → closed,
 * reopen from resolved. A known error has its root cause and workaround written down; a problem closes only when its
 * prevention actions are done. Every change is one transaction with its problem event and audit event; linking an
 * incident writes the ticket_links row and an event on both sides.
 */
import { sql, type Selectable, type Updateable } from 'kysely';
import {
  OPEN_PROBLEM_STATUSES,
  ProblemCreateInput as CreateSchema,
  type ItilEventPage,
  type ItilEventQuery,
  type ProblemAction,
  type ProblemActionInput,
  type ProblemActionUpdateInput,
  type ProblemCreateInput,
  type ProblemDetail,
  type ProblemKnownErrorInput,
  type ProblemListItem,
  type ProblemListQuery,
  type ProblemNoteInput,
  type ProblemPage,
  type ProblemReopenInput,
  type ProblemResolveInput,
  type ProblemStatus,
  type ProblemUpdateInput,
} from '../../../../shared/schemas/servicedesk-itil.ts';
import { assertInScope, inScope, scopeOf, type Actor } from '../../../platform/actor.ts';
import { subjectOf } from '../../../platform/audit.ts';
import type { Db } from '../../../platform/db.ts';
import type { PlatformDeps } from '../../../platform/deps.ts';
import { conflict, invalid, notFound } from '../../../platform/errors.ts';
import { localDate } from '../../assets/index.ts';
import type { ProblemActionsTable, ProblemsTable } from '../itil.tables.ts';
import { changeRefs, likePattern, linkedTickets, linkTicket, nextNumber, READ, readableArticles, timelinePage, toArticleRef, toChangeRef, unlinkTicket, whoOf, WORK, type Who } from '../itil.ts';
import { throwProblems, usableUserIds } from '../references.ts';

type Row = Selectable<ProblemsTable>;
type NamedRow = Row & { orgName: string; assigneeName: string | null; createdByName: string | null; incidentCount: number; openActionCount: number };
type StepPlan = { set: Updateable<ProblemsTable>; details?: Record<string, unknown> };
type ActionRow = Selectable<ProblemActionsTable> & { ownerName: string | null };

/** The statuses each step may start from. */
export const PROBLEM_ALLOWED_FROM = {
  investigate: ['new'],
  known_error: ['new', 'investigating'],
  resolve: ['investigating', 'known_error'],
  close: ['resolved'],
  reopen: ['resolved'],
} as const satisfies Record<string, readonly ProblemStatus[]>;
export type ProblemStep = keyof typeof PROBLEM_ALLOWED_FROM;
/** The timeline event each step writes. */
const EVENT_OF: Record<ProblemStep, string> = { investigate: 'investigating', known_error: 'known_error', resolve: 'resolved', close: 'closed', reopen: 'reopened' };

function assertAllowed(action: ProblemStep, row: Pick<Row, 'status' | 'number'>): void {
  const allowed: readonly ProblemStatus[] = PROBLEM_ALLOWED_FROM[action];
  if (!allowed.includes(row.status)) {
    throw conflict('problem.invalid_transition', `Cannot ${action.replace('_', ' ')} problem ${row.number}: it is ${row.status.replace('_', ' ')}`, { action, status: row.status, allowedFrom: allowed });
  }
}

const presentListItem = (r: NamedRow): ProblemListItem => ({
  id: r.id,
  number: r.number,
  orgId: r.orgId,
  orgName: r.orgName,
  title: r.title,
  status: r.status,
  isKnownError: r.isKnownError,
  assignee: r.assigneeId ? { id: r.assigneeId, name: r.assigneeName ?? '' } : null,
  incidentCount: Number(r.incidentCount),
  openActionCount: Number(r.openActionCount),
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

const presentAction = (a: ActionRow, today: string): ProblemAction => ({
  id: a.id,
  title: a.title,
  owner: a.ownerId ? { id: a.ownerId, name: a.ownerName ?? '' } : null,
  dueOn: a.dueOn,
  doneAt: a.doneAt?.toISOString() ?? null,
  isOverdue: a.doneAt === null && a.dueOn !== null && a.dueOn < today,
  createdAt: a.createdAt.toISOString(),
  updatedAt: a.updatedAt.toISOString(),
});

const snapshot = (r: Row) => ({ title: r.title, description: r.description, status: r.status, assigneeId: r.assigneeId, rootCause: r.rootCause, workaround: r.workaround, resolution: r.resolution, isKnownError: r.isKnownError });
const actionSnapshot = (a: Selectable<ProblemActionsTable>) => ({ title: a.title, ownerId: a.ownerId, dueOn: a.dueOn, done: a.doneAt !== null });
const blank = (s: string | null | undefined) => s === undefined || s === null || s.trim() === '';

export function createProblemService({ db, audit, clock }: Pick<PlatformDeps, 'db' | 'audit' | 'clock'>) {
  const scoped = (d: Db, actor: Actor, permission: typeof READ | typeof WORK, withinOrgId?: string) => d.selectFrom('problems as p').where(inScope(scopeOf(actor, permission), 'p.org_id', actor, withinOrgId));

  const withNames = <Q extends ReturnType<typeof scoped>>(q: Q) =>
    q
      .innerJoin('organisations as o', 'o.id', 'p.orgId')
      .leftJoin('users as u', 'u.id', 'p.assigneeId')
      .leftJoin('users as cb', 'cb.id', 'p.createdBy')
      .selectAll('p')
      .select([
        'o.name as orgName',
        'u.displayName as assigneeName',
        'cb.displayName as createdByName',
        sql<number>`(select count(*) from ticket_links l where l.kind = 'problem' and l.target_id = p.id)`.as('incidentCount'),
        sql<number>`(select count(*) from problem_actions a where a.problem_id = p.id and a.done_at is null)`.as('openActionCount'),
      ]);

  /** One problem under a row lock, for a change; 404 outside the scope. */
  async function lock(trx: Db, actor: Actor, id: string): Promise<Row> {
    const row = await scoped(trx, actor, WORK).selectAll('p').where('p.id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw notFound('problem', id);
    return row;
  }

  async function assertPeople(d: Db, orgId: string, ids: Array<{ id: string | null | undefined; path: Array<string | number> }>): Promise<void> {
    const wanted = ids.filter((x): x is { id: string; path: Array<string | number> } => typeof x.id === 'string');
    const ok = await usableUserIds(d, orgId, wanted.map((x) => x.id), clock.now());
    throwProblems(
      'problem.bad_reference',
      wanted.filter((x) => !ok.has(x.id)).map((x) => ({ path: x.path, message: 'no such active user in this organisation, above or below it', code: 'unknown_user', id: x.id })),
    );
  }

  async function event(trx: Db, row: Pick<Row, 'id' | 'orgId'>, kind: string, who: Who, now: Date, details: Record<string, unknown> = {}) {
    await trx.insertInto('problemEvents').values({ problemId: row.id, orgId: row.orgId, kind, at: now, ...who, details: JSON.stringify(details) }).execute();
  }

  async function detail(actor: Actor, id: string, permission: typeof READ | typeof WORK = READ): Promise<ProblemDetail> {
    const row = await withNames(scoped(db, actor, permission)).where('p.id', '=', id).executeTakeFirst();
    if (!row) throw notFound('problem', id);
    const today = localDate(clock.now());
    const incidents = await linkedTickets(db, actor, 'problem', id);
    const actions = await db.selectFrom('problemActions as a').leftJoin('users as u', 'u.id', 'a.ownerId').selectAll('a').select('u.displayName as ownerName').where('a.problemId', '=', id).orderBy(sql`a.due_on asc nulls last`).orderBy('a.createdAt').orderBy('a.id').execute();
    const changes = await changeRefs(db, actor).innerJoin('problemChanges as pc', 'pc.changeId', 'c.id').where('pc.problemId', '=', id).orderBy('c.createdAt').execute();
    const articles = await readableArticles(db, actor).innerJoin('knowledgeArticleLinks as l', 'l.articleId', 'k.id').select(['k.id', 'k.title', 'k.status']).where('l.kind', '=', 'problem').where('l.targetId', '=', id).orderBy('k.title').execute();
    return {
      ...presentListItem(row),
      description: row.description,
      rootCause: row.rootCause,
      workaround: row.workaround,
      resolution: row.resolution,
      knownErrorAt: row.knownErrorAt?.toISOString() ?? null,
      resolvedAt: row.resolvedAt?.toISOString() ?? null,
      closedAt: row.closedAt?.toISOString() ?? null,
      createdBy: row.createdBy ? { id: row.createdBy, name: row.createdByName ?? '' } : null,
      incidents,
      actions: actions.map((a) => presentAction(a, today)),
      changes: changes.map(toChangeRef),
      articles: articles.map(toArticleRef),
    };
  }

  /** One workflow step: lock, check the status, write row + event + audit. */
  async function step(actor: Actor, id: string, action: ProblemStep, plan: (row: Row, now: Date, trx: Db) => Promise<StepPlan> | StepPlan): Promise<ProblemDetail> {
    await db.transaction().execute(async (trx) => {
      const row = await lock(trx, actor, id);
      assertAllowed(action, row);
      const now = clock.now();
      const p = await plan(row, now, trx);
      const after = await trx.updateTable('problems').set({ ...p.set, updatedAt: now }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
      await event(trx, row, EVENT_OF[action], await whoOf(trx, actor), now, { from: row.status, to: after.status, ...p.details });
      await audit.record(trx, subjectOf(actor), { eventType: `problem.${action}`, action: 'update', objectType: 'problem', objectId: id, orgId: row.orgId, detail: { number: row.number, from: row.status, to: after.status, ...p.details } });
    });
    return detail(actor, id, WORK);
  }

  const note = (n: string | undefined) => (n ? { note: n } : {});

  /** One prevention action of a problem the actor can read. */
  async function action(actor: Actor, id: string, actionId: string): Promise<ProblemAction> {
    const problem = await scoped(db, actor, READ).select('p.id').where('p.id', '=', id).executeTakeFirst();
    if (!problem) throw notFound('problem', id);
    const a = await db.selectFrom('problemActions as a').leftJoin('users as u', 'u.id', 'a.ownerId').selectAll('a').select('u.displayName as ownerName').where('a.id', '=', actionId).where('a.problemId', '=', id).executeTakeFirst();
    if (!a) throw notFound('problem_action', actionId);
    return presentAction(a, localDate(clock.now()));
  }

  return {
    detail,

    /** Problems in scope, filtered and paged; newest first by default. */
    async list(actor: Actor, query: ProblemListQuery): Promise<ProblemPage> {
      let q = scoped(db, actor, READ, query.orgId);
      if (query.status?.length) q = q.where('p.status', 'in', [...new Set(query.status.flatMap((s): readonly ProblemStatus[] => (s === 'open' ? OPEN_PROBLEM_STATUSES : [s])))]);
      if (query.knownError !== undefined) q = q.where('p.isKnownError', '=', query.knownError);
      if (query.assignee === 'me') q = q.where('p.assigneeId', '=', actor.userId ?? '00000000-0000-0000-0000-000000000000');
      else if (query.assignee === 'none') q = q.where('p.assigneeId', 'is', null);
      else if (query.assignee) q = q.where('p.assigneeId', '=', query.assignee);
      if (query.actionOwner) {
        const owner = query.actionOwner === 'me' ? (actor.userId ?? '00000000-0000-0000-0000-000000000000') : query.actionOwner;
        q = q.where('p.id', 'in', (eb) => eb.selectFrom('problemActions').select('problemId').where('ownerId', '=', owner).where('doneAt', 'is', null));
      }
      if (query.ticketId) q = q.where('p.id', 'in', (eb) => eb.selectFrom('ticketLinks').select('targetId').where('ticketId', '=', query.ticketId!).where('kind', '=', 'problem'));
      if (query.q) q = q.where('p.searchText', 'like', likePattern(query.q));
      let rows = withNames(q);
      rows = query.sort === '-updatedAt' ? rows.orderBy('p.updatedAt', 'desc') : rows.orderBy('p.createdAt', query.sort === 'createdAt' ? 'asc' : 'desc');
      const [count, items] = await Promise.all([
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        rows.orderBy('p.id').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute(),
      ]);
      return { items: items.map(presentListItem), total: Number(count.n), page: query.page, pageSize: query.pageSize };
    },

    /** Opens a problem (number PRB-YYYY-NNNNNN per organisation), optionally with its first incidents linked. */
    async create(actor: Actor, input: ProblemCreateInput): Promise<ProblemDetail> {
      const body = CreateSchema.parse(input);
      await assertInScope(db, actor, WORK, body.orgId, 'organisation', body.orgId);
      await assertPeople(db, body.orgId, [{ id: body.assigneeId, path: ['body', 'assigneeId'] }]);
      const id = await db.transaction().execute(async (trx) => {
        const now = clock.now();
        const who = await whoOf(trx, actor);
        const row = await trx
          .insertInto('problems')
          .values({
            orgId: body.orgId,
            number: await nextNumber(trx, body.orgId, 'PRB', now),
            title: body.title,
            description: body.description,
            assigneeId: body.assigneeId ?? null,
            rootCause: blank(body.rootCause) ? null : body.rootCause!,
            workaround: blank(body.workaround) ? null : body.workaround!,
            resolution: null,
            knownErrorAt: null,
            resolvedAt: null,
            closedAt: null,
            createdBy: actor.userId,
            createdAt: now,
            updatedAt: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await event(trx, row, 'opened', who, now);
        const target = { kind: 'problem' as const, id: row.id, number: row.number, orgId: row.orgId };
        for (const ticketId of [...new Set(body.ticketIds)]) {
          const ticket = await linkTicket(trx, actor, ticketId, target, who, now);
          await event(trx, row, 'incident_linked', who, now, { ticketId: ticket.id, ticketNumber: ticket.number });
        }
        await audit.record(trx, subjectOf(actor), { eventType: 'problem.create', action: 'create', objectType: 'problem', objectId: row.id, orgId: row.orgId, detail: { number: row.number, after: snapshot(row), ticketIds: body.ticketIds } });
        return row.id;
      });
      return detail(actor, id, WORK);
    },

    /** Title, description, assignee, root-cause analysis, workaround; not once closed. */
    async update(actor: Actor, id: string, input: ProblemUpdateInput): Promise<ProblemDetail> {
      await db.transaction().execute(async (trx) => {
        const before = await lock(trx, actor, id);
        if (before.status === 'closed') throw conflict('problem.closed', `Problem ${before.number} is closed`);
        if (input.assigneeId) await assertPeople(trx, before.orgId, [{ id: input.assigneeId, path: ['body', 'assigneeId'] }]);
        const now = clock.now();
        const text = (v: string | null | undefined) => (v === undefined ? undefined : blank(v) ? null : v);
        const set = {
          ...(input.title !== undefined ? { title: input.title } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
          ...(input.assigneeId !== undefined ? { assigneeId: input.assigneeId } : {}),
          ...(input.rootCause !== undefined ? { rootCause: text(input.rootCause) } : {}),
          ...(input.workaround !== undefined ? { workaround: text(input.workaround) } : {}),
        };
        if (before.status === 'known_error' && (set.rootCause === null || set.workaround === null)) {
          throw invalid('problem.known_error_incomplete', 'A known error keeps its root cause and workaround', [{ path: ['body', set.rootCause === null ? 'rootCause' : 'workaround'], message: 'required for a known error', code: 'required' }]);
        }
        const after = await trx.updateTable('problems').set({ ...set, updatedAt: now }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
        await event(trx, before, 'updated', await whoOf(trx, actor), now, { fields: Object.keys(set) });
        await audit.record(trx, subjectOf(actor), { eventType: 'problem.update', action: 'update', objectType: 'problem', objectId: id, orgId: before.orgId, detail: { number: before.number, before: snapshot(before), after: snapshot(after) } });
      });
      return detail(actor, id, WORK);
    },

    investigate: (actor: Actor, id: string, input: ProblemNoteInput) => step(actor, id, 'investigate', () => ({ set: { status: 'investigating' }, details: note(input.note) })),

    /** Root cause and workaround documented (given now or before): the problem becomes a known error, and stays flagged as one. */
    knownError: (actor: Actor, id: string, input: ProblemKnownErrorInput) =>
      step(actor, id, 'known_error', (row, now) => {
        const rootCause = blank(input.rootCause) ? row.rootCause : input.rootCause!;
        const workaround = blank(input.workaround) ? row.workaround : input.workaround!;
        const missing = [...(blank(rootCause) ? ['rootCause'] : []), ...(blank(workaround) ? ['workaround'] : [])];
        if (missing.length) throw invalid('problem.known_error_incomplete', 'A known error needs its root cause and a workaround', missing.map((f) => ({ path: ['body', f], message: 'required for a known error', code: 'required' })));
        return { set: { status: 'known_error', isKnownError: true, knownErrorAt: now, rootCause, workaround }, details: note(input.note) };
      }),

    /** Fixed for good: the resolution, and the root cause (given now or before). */
    resolve: (actor: Actor, id: string, input: ProblemResolveInput) =>
      step(actor, id, 'resolve', (row, now) => {
        const rootCause = blank(input.rootCause) ? row.rootCause : input.rootCause!;
        if (blank(rootCause)) throw invalid('problem.root_cause_required', 'Write down the root cause before resolving', [{ path: ['body', 'rootCause'], message: 'required to resolve', code: 'required' }]);
        return { set: { status: 'resolved', resolvedAt: now, resolution: input.resolution, rootCause }, details: note(input.note) };
      }),

    /** Closed once every prevention action is done. */
    close: (actor: Actor, id: string, input: ProblemNoteInput) =>
      step(actor, id, 'close', async (row, now, trx) => {
        const open = await trx.selectFrom('problemActions').select((eb) => eb.fn.countAll<number>().as('n')).where('problemId', '=', row.id).where('doneAt', 'is', null).executeTakeFirstOrThrow();
        if (Number(open.n) > 0) throw conflict('problem.open_actions', `Problem ${row.number} has ${open.n} prevention action(s) not done`, { openActions: Number(open.n) });
        return { set: { status: 'closed', closedAt: now }, details: note(input.note) };
      }),

    /** Not fixed after all: back to investigating. */
    reopen: (actor: Actor, id: string, input: ProblemReopenInput) => step(actor, id, 'reopen', () => ({ set: { status: 'investigating', resolvedAt: null }, details: { reason: input.reason } })),

    /** Links an incident (a ticket of the problem's organisation line the actor works on), on both sides. */
    async linkIncident(actor: Actor, id: string, ticketId: string): Promise<ProblemDetail> {
      await db.transaction().execute(async (trx) => {
        const row = await lock(trx, actor, id);
        const now = clock.now();
        const who = await whoOf(trx, actor);
        const ticket = await linkTicket(trx, actor, ticketId, { kind: 'problem', id: row.id, number: row.number, orgId: row.orgId }, who, now);
        await event(trx, row, 'incident_linked', who, now, { ticketId: ticket.id, ticketNumber: ticket.number });
        await trx.updateTable('problems').set({ updatedAt: now }).where('id', '=', id).execute();
        await audit.record(trx, subjectOf(actor), { eventType: 'problem.link_ticket', action: 'update', objectType: 'problem', objectId: id, orgId: row.orgId, detail: { number: row.number, ticketId: ticket.id, ticketNumber: ticket.number } });
      });
      return detail(actor, id, WORK);
    },

    async unlinkIncident(actor: Actor, id: string, ticketId: string): Promise<ProblemDetail> {
      await db.transaction().execute(async (trx) => {
        const row = await lock(trx, actor, id);
        const now = clock.now();
        const who = await whoOf(trx, actor);
        const ticket = await unlinkTicket(trx, actor, ticketId, { kind: 'problem', id: row.id, number: row.number, orgId: row.orgId }, who, now);
        await event(trx, row, 'incident_unlinked', who, now, { ticketId: ticket.id, ticketNumber: ticket.number });
        await trx.updateTable('problems').set({ updatedAt: now }).where('id', '=', id).execute();
        await audit.record(trx, subjectOf(actor), { eventType: 'problem.unlink_ticket', action: 'update', objectType: 'problem', objectId: id, orgId: row.orgId, detail: { number: row.number, ticketId: ticket.id, ticketNumber: ticket.number } });
      });
      return detail(actor, id, WORK);
    },

    /** Adds a prevention action (owner of the organisation line, due date). */
    async addAction(actor: Actor, id: string, input: ProblemActionInput): Promise<ProblemAction> {
      const actionId = await db.transaction().execute(async (trx) => {
        const row = await lock(trx, actor, id);
        if (row.status === 'closed') throw conflict('problem.closed', `Problem ${row.number} is closed`);
        await assertPeople(trx, row.orgId, [{ id: input.ownerId, path: ['body', 'ownerId'] }]);
        const now = clock.now();
        const action = await trx
          .insertInto('problemActions')
          .values({ problemId: id, orgId: row.orgId, title: input.title, ownerId: input.ownerId ?? null, dueOn: input.dueOn ?? null, doneAt: null, doneBy: null, createdBy: actor.userId, createdAt: now, updatedAt: now })
          .returningAll()
          .executeTakeFirstOrThrow();
        await event(trx, row, 'action_added', await whoOf(trx, actor), now, { actionId: action.id, title: action.title });
        await trx.updateTable('problems').set({ updatedAt: now }).where('id', '=', id).execute();
        await audit.record(trx, subjectOf(actor), { eventType: 'problem.action_add', action: 'create', objectType: 'problem', objectId: id, orgId: row.orgId, detail: { number: row.number, actionId: action.id, after: actionSnapshot(action) } });
        return action.id;
      });
      return action(actor, id, actionId);
    },

    action,

    /** Changes an action: title, owner, due date, done or not. */
    async updateAction(actor: Actor, id: string, actionId: string, input: ProblemActionUpdateInput): Promise<ProblemAction> {
      await db.transaction().execute(async (trx) => {
        const row = await lock(trx, actor, id);
        if (row.status === 'closed') throw conflict('problem.closed', `Problem ${row.number} is closed`);
        const before = await trx.selectFrom('problemActions').selectAll().where('id', '=', actionId).where('problemId', '=', id).forUpdate().executeTakeFirst();
        if (!before) throw notFound('problem_action', actionId);
        if (input.ownerId) await assertPeople(trx, row.orgId, [{ id: input.ownerId, path: ['body', 'ownerId'] }]);
        const now = clock.now();
        const doneChange = input.done === undefined || input.done === (before.doneAt !== null) ? {} : input.done ? { doneAt: now, doneBy: actor.userId } : { doneAt: null, doneBy: null };
        const after = await trx
          .updateTable('problemActions')
          .set({
            ...(input.title !== undefined ? { title: input.title } : {}),
            ...(input.ownerId !== undefined ? { ownerId: input.ownerId } : {}),
            ...(input.dueOn !== undefined ? { dueOn: input.dueOn } : {}),
            ...doneChange,
            updatedAt: now,
          })
          .where('id', '=', actionId)
          .returningAll()
          .executeTakeFirstOrThrow();
        const kind = 'doneAt' in doneChange ? (doneChange.doneAt ? 'action_done' : 'action_reopened') : 'action_updated';
        await event(trx, row, kind, await whoOf(trx, actor), now, { actionId, title: after.title });
        await trx.updateTable('problems').set({ updatedAt: now }).where('id', '=', id).execute();
        await audit.record(trx, subjectOf(actor), { eventType: 'problem.action_update', action: 'update', objectType: 'problem', objectId: id, orgId: row.orgId, detail: { number: row.number, actionId, before: actionSnapshot(before), after: actionSnapshot(after) } });
      });
      return action(actor, id, actionId);
    },

    async removeAction(actor: Actor, id: string, actionId: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const row = await lock(trx, actor, id);
        if (row.status === 'closed') throw conflict('problem.closed', `Problem ${row.number} is closed`);
        const before = await trx.deleteFrom('problemActions').where('id', '=', actionId).where('problemId', '=', id).returningAll().executeTakeFirst();
        if (!before) throw notFound('problem_action', actionId);
        const now = clock.now();
        await event(trx, row, 'action_removed', await whoOf(trx, actor), now, { actionId, title: before.title });
        await trx.updateTable('problems').set({ updatedAt: now }).where('id', '=', id).execute();
        await audit.record(trx, subjectOf(actor), { eventType: 'problem.action_remove', action: 'delete', objectType: 'problem', objectId: id, orgId: row.orgId, detail: { number: row.number, actionId, before: actionSnapshot(before) } });
      });
    },

    /** The problem's timeline, oldest first. */
    async events(actor: Actor, id: string, query: ItilEventQuery): Promise<ItilEventPage> {
      const row = await scoped(db, actor, READ).select('p.id').where('p.id', '=', id).executeTakeFirst();
      if (!row) throw notFound('problem', id);
      const q = db.selectFrom('problemEvents').where('problemId', '=', id);
      const [count, rows] = await Promise.all([
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        q.select(['id', 'kind', 'at', 'actorName', 'details']).orderBy('id').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute(),
      ]);
      return timelinePage(rows, Number(count.n), query.page, query.pageSize);
    },
  };
}

export type ProblemService = ReturnType<typeof createProblemService>;
