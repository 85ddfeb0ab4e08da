/**
 * The ticket workflow: new → responded → on_site → in_progress → pending ⇄ (resume) → resolved → closed, reopen,
 * reassign, level change, merge. Each step is one transaction: the ticket row (status and SLA columns recomputed from
 * all its events), its ticket_events row(s) and an audit event. A step the current status does not allow is 409
 * `ticket.invalid_transition`, naming the status and the statuses that would allow it.
 */
import type { Updateable } from 'kysely';
import {
  OPEN_TICKET_STATUSES,
  type TicketArriveInput,
  type TicketDetail,
  type TicketLevelInput,
  type TicketMergeInput,
  type TicketNoteInput,
  type TicketPauseInput,
  type TicketReassignInput,
  type TicketReopenInput,
  type TicketResolveInput,
  type TicketStatus,
} from '../../../../shared/schemas/servicedesk.ts';
import type { SlaPolicy } from '../../../../shared/schemas/sla.ts';
import type { Actor } from '../../../platform/actor.ts';
import { subjectOf } from '../../../platform/audit.ts';
import type { Db } from '../../../platform/db.ts';
import type { PlatformDeps } from '../../../platform/deps.ts';
import { conflict, invalid } from '../../../platform/errors.ts';
import { assertTicketReferences } from '../references.ts';
import type { TicketsTable } from '../servicedesk.tables.ts';
import { levelName, levelOfMatrix } from './open.ts';
import { evaluateTicket, loadClockEvents, slaColumns } from './sla-state.ts';
import { actorDisplayName, lockTicket, type TicketRow } from './tickets.repository.ts';
import type { TicketService } from './tickets.service.ts';

const WORK = 'ticket.work';
const OPEN = OPEN_TICKET_STATUSES;

/** The statuses each step may start from. */
export const ALLOWED_FROM = {
  respond: ['new'],
  arrive: ['new', 'responded', 'in_progress'],
  start: ['responded', 'on_site'],
  pause: ['responded', 'on_site', 'in_progress'],
  resume: ['pending'],
  // a consultation answered on the spot is resolved straight from new (resolving implies the response)
  resolve: ['new', 'responded', 'on_site', 'in_progress', 'pending'],
  close: ['resolved'],
  reopen: ['resolved'],
  reassign: OPEN,
  change_level: OPEN,
  merge: OPEN,
} as const satisfies Record<string, readonly TicketStatus[]>;
export type TicketAction = keyof typeof ALLOWED_FROM;

function assertAllowed(action: TicketAction, row: Pick<TicketRow, 'status' | 'number'>): void {
  const allowed: readonly TicketStatus[] = ALLOWED_FROM[action];
  if (!allowed.includes(row.status)) {
    throw conflict('ticket.invalid_transition', `Cannot ${action.replace('_', ' ')} ticket ${row.number}: it is ${row.status.replace('_', ' ')}`, { action, status: row.status, allowedFrom: allowed });
  }
}

interface NewEvent {
  kind: string;
  at?: Date;
  details?: Record<string, unknown>;
}

interface Plan {
  set: Updateable<TicketsTable>;
  events: NewEvent[];
  /** Extra audit detail beside number and from/to status. */
  detail?: Record<string, unknown>;
}

/** Appends events and recomputes the SLA columns from every clock event of the ticket; answers the columns. */
export async function appendAndRecompute(trx: Db, row: TicketRow, events: NewEvent[], actor: { actorId: string | null; actorName: string }, now: Date, policy: SlaPolicy = row.policySnapshot) {
  if (events.length) {
    await trx
      .insertInto('ticketEvents')
      .values(events.map((e) => ({ ticketId: row.id, orgId: row.orgId, kind: e.kind, at: e.at ?? now, recordedAt: now, actorId: actor.actorId, actorName: actor.actorName, details: JSON.stringify(e.details ?? {}) })))
      .execute();
  }
  const ev = evaluateTicket({ type: row.type, policySnapshot: policy, calendarSnapshot: row.calendarSnapshot }, await loadClockEvents(trx, row.id), now);
  return slaColumns(ev, now);
}

/** The workflow steps; each answers the ticket as the detail view shows it. */
export function createTicketWorkflow({ db, audit, clock }: Pick<PlatformDeps, 'db' | 'audit' | 'clock'>, tickets: Pick<TicketService, 'detail'>) {
  /** One step: lock, check the status, plan, write row + events + audit, in one transaction. */
  async function step(actor: Actor, id: string, action: TicketAction, plan: (row: TicketRow, now: Date, trx: Db) => Promise<Plan> | Plan): Promise<TicketDetail> {
    await db.transaction().execute(async (trx) => {
      const row = await lockTicket(trx, actor, id, WORK);
      assertAllowed(action, row);
      const now = clock.now();
      const p = await plan(row, now, trx);
      const sla = await appendAndRecompute(trx, row, p.events, { actorId: actor.userId, actorName: await actorDisplayName(trx, actor) }, now);
      await trx.updateTable('tickets').set({ ...p.set, ...sla, updatedAt: now }).where('id', '=', id).execute();
      await audit.record(trx, subjectOf(actor), {
        eventType: `ticket.${action}`,
        action: 'update',
        objectType: 'ticket',
        objectId: id,
        orgId: row.orgId,
        detail: { number: row.number, from: row.status, to: p.set.status ?? row.status, ...p.detail },
      });
    });
    return tickets.detail(actor, id, WORK);
  }

  const note = (n: string | undefined) => (n ? { note: n } : {});

  return {
    /** Someone answered (phone call back, message): stops the response clock. */
    respond: (actor: Actor, id: string, input: TicketNoteInput) =>
      step(actor, id, 'respond', (_row, now) => ({ set: { status: 'responded', respondedAt: now }, events: [{ kind: 'responded', details: note(input.note) }] })),

    /** Arrived on site at `arrivedAt` (default now): stops the on-site clock (and the response clock, if still running). */
    arrive: (actor: Actor, id: string, input: TicketArriveInput) =>
      step(actor, id, 'arrive', (row, now) => {
        if (row.onSiteAt) throw conflict('ticket.already_on_site', `Ticket ${row.number} already recorded an arrival`);
        const at = input.arrivedAt ? new Date(input.arrivedAt) : now;
        if (at > now) throw invalid('ticket.arrival_in_future', 'The arrival time lies in the future', [{ path: ['body', 'arrivedAt'], message: 'in the future', code: 'in_future' }]);
        if (at < row.openedAt) throw invalid('ticket.arrival_before_open', 'The arrival time lies before the ticket was opened', [{ path: ['body', 'arrivedAt'], message: 'before the ticket was opened', code: 'before_open' }]);
        return { set: { status: 'on_site', onSiteAt: at, respondedAt: row.respondedAt ?? at }, events: [{ kind: 'on_site', at, details: note(input.note) }], detail: { arrivedAt: at.toISOString() } };
      }),

    /** Work has started (after the response or the arrival). */
    start: (actor: Actor, id: string, input: TicketNoteInput) => step(actor, id, 'start', () => ({ set: { status: 'in_progress' }, events: [{ kind: 'in_progress', details: note(input.note) }] })),

    /** Pending for one of the policy's pause reasons, which decides the clocks that stop; the response clock never does. */
    pause: (actor: Actor, id: string, input: TicketPauseInput) =>
      step(actor, id, 'pause', (row, now) => {
        const reason = row.policySnapshot.pauseReasons.find((r) => r.key === input.reason);
        if (!reason) {
          throw invalid('ticket.pause_reason_unknown', `The policy has no pause reason ${input.reason}`, [
            { path: ['body', 'reason'], message: `one of: ${row.policySnapshot.pauseReasons.map((r) => r.key).join(', ') || '(the policy has none)'}`, code: 'unknown_reason' },
          ]);
        }
        return {
          set: { status: 'pending', pauseReason: reason.key, pausedAt: now, resumeStatus: row.status },
          events: [{ kind: 'paused', details: { reason: reason.key, reasonName: reason.name, stops: reason.stops, ...note(input.note) } }],
          detail: { reason: reason.key },
        };
      }),

    /** Back to the status the ticket had before the pause; the stopped clocks run again. */
    resume: (actor: Actor, id: string, input: TicketNoteInput) =>
      step(actor, id, 'resume', (row) => ({
        set: { status: row.resumeStatus ?? 'in_progress', pauseReason: null, pausedAt: null, resumeStatus: null },
        events: [{ kind: 'resumed', details: { reason: row.pauseReason, ...note(input.note) } }],
      })),

    /** Fixed (or answered): stops every clock still running; a pause ends with it. */
    resolve: (actor: Actor, id: string, input: TicketResolveInput) =>
      step(actor, id, 'resolve', (row, now) => ({
        set: {
          status: 'resolved',
          resolvedAt: now,
          respondedAt: row.respondedAt ?? now,
          resolutionCode: input.resolutionCode,
          resolutionNote: input.resolutionNote ?? null,
          ...(input.rootCause !== undefined ? { rootCause: input.rootCause } : {}),
          pauseReason: null,
          pausedAt: null,
          resumeStatus: null,
        },
        events: [{ kind: 'resolved', details: { resolutionCode: input.resolutionCode } }],
        detail: { resolutionCode: input.resolutionCode },
      })),

    /** The requester (or the desk) confirms; auto-close does the same after the policy's days. */
    close: (actor: Actor, id: string, input: TicketNoteInput) => step(actor, id, 'close', (_row, now) => ({ set: { status: 'closed', closedAt: now }, events: [{ kind: 'closed', details: note(input.note) }] })),

    /** Not fixed after all: the resolution clock resumes where it stopped (the resolved span is not counted). */
    reopen: (actor: Actor, id: string, input: TicketReopenInput) =>
      step(actor, id, 'reopen', (row) => ({
        set: { status: 'in_progress', resolvedAt: null, reopenCount: row.reopenCount + 1 },
        events: [{ kind: 'reopened', details: { reason: input.reason } }],
        detail: { reason: input.reason },
      })),

    /** Another group and/or person; the clocks belong to the ticket and do not change. */
    reassign: (actor: Actor, id: string, input: TicketReassignInput) =>
      step(actor, id, 'reassign', async (row, now, trx) => {
        const groupId = input.assignmentGroupId !== undefined ? input.assignmentGroupId : row.assignmentGroupId;
        const assigneeId = input.assigneeId !== undefined ? input.assigneeId : row.assigneeId;
        await assertTicketReferences(trx, row.orgId, { assignmentGroupId: groupId, assigneeId }, now);
        const change = { fromGroupId: row.assignmentGroupId, toGroupId: groupId, fromAssigneeId: row.assigneeId, toAssigneeId: assigneeId };
        return { set: { assignmentGroupId: groupId, assigneeId }, events: [{ kind: 'reassigned', details: { ...change, ...note(input.note) } }], detail: change };
      }),

    /** A new level, given or from impact × urgency: targets replaced, time used kept, breaches stay (docs/sla-clocks.md). */
    changeLevel: (actor: Actor, id: string, input: TicketLevelInput) =>
      step(actor, id, 'change_level', (row) => {
        const policy = row.policySnapshot;
        let to: string;
        if (input.level !== undefined) {
          if (!policy.levels.some((l) => l.key === input.level)) throw invalid('ticket.unknown_level', `The policy has no level ${input.level}`, [{ path: ['body', 'level'], message: 'no such level in the policy', code: 'unknown_level' }]);
          to = input.level;
        } else to = levelOfMatrix(policy, input.impact!, input.urgency!);
        if (to === row.levelKey) throw conflict('ticket.level_unchanged', `Ticket ${row.number} is already at level ${row.levelName}`);
        const change = { from: row.levelKey, to, toName: levelName(policy, to), impact: input.impact ?? null, urgency: input.urgency ?? null };
        return {
          set: { levelKey: to, levelName: levelName(policy, to), impact: input.impact ?? null, urgency: input.urgency ?? null },
          events: [{ kind: 'level_changed', details: { ...change, ...(input.reason ? { reason: input.reason } : {}) } }],
          detail: change,
        };
      }),

    /**
     * Closes this ticket as a duplicate of another open ticket of the same organisation and links the two; its alerts
     * and assets are carried over to the survivor, whose clocks stay its own.
     */
    async merge(actor: Actor, id: string, input: TicketMergeInput): Promise<TicketDetail> {
      if (input.intoTicketId === id) throw invalid('ticket.merge_self', 'A ticket cannot be merged into itself', [{ path: ['body', 'intoTicketId'], message: 'the same ticket', code: 'self' }]);
      await db.transaction().execute(async (trx) => {
        const dup = await lockTicket(trx, actor, id, WORK);
        assertAllowed('merge', dup);
        const into = await lockTicket(trx, actor, input.intoTicketId, WORK).catch(() => {
          throw invalid('ticket.merge_target_unknown', 'No such ticket to merge into', [{ path: ['body', 'intoTicketId'], message: 'no such ticket', code: 'unknown_ticket' }]);
        });
        if (into.orgId !== dup.orgId) throw invalid('ticket.merge_other_org', 'Only tickets of the same organisation can be merged', [{ path: ['body', 'intoTicketId'], message: 'another organisation', code: 'other_org' }]);
        if (!OPEN.includes(into.status)) throw conflict('ticket.merge_target_closed', `Ticket ${into.number} is ${into.status} and cannot take a duplicate`);
        const now = clock.now();
        const who = { actorId: actor.userId, actorName: await actorDisplayName(trx, actor) };
        const dupSla = await appendAndRecompute(trx, dup, [{ kind: 'closed', details: { mergedInto: into.id, mergedIntoNumber: into.number, ...note(input.note) } }], who, now);
        await trx.updateTable('tickets').set({ status: 'closed', closedAt: now, mergedIntoId: into.id, pauseReason: null, pausedAt: null, resumeStatus: null, ...dupSla, updatedAt: now }).where('id', '=', dup.id).execute();
        await trx.insertInto('ticketLinks').values({ ticketId: into.id, kind: 'duplicate', targetId: dup.id, createdAt: now, createdBy: actor.userId }).onConflict((oc) => oc.doNothing()).execute();
        const alerts = await trx.selectFrom('ticketLinks').select('targetId').where('ticketId', '=', dup.id).where('kind', '=', 'alert').execute();
        if (alerts.length) await trx.insertInto('ticketLinks').values(alerts.map((a) => ({ ticketId: into.id, kind: 'alert' as const, targetId: a.targetId, createdAt: now, createdBy: actor.userId }))).onConflict((oc) => oc.doNothing()).execute();
        const assets = await trx.selectFrom('ticketAssets').select(['assetId', 'orgId']).where('ticketId', '=', dup.id).orderBy('position').execute();
        if (assets.length) {
          const last = await trx.selectFrom('ticketAssets').select((eb) => eb.fn.max('position').as('p')).where('ticketId', '=', into.id).executeTakeFirst();
          const base = (last?.p ?? -1) + 1;
          await trx.insertInto('ticketAssets').values(assets.map((a, i) => ({ ticketId: into.id, assetId: a.assetId, orgId: a.orgId, position: base + i }))).onConflict((oc) => oc.doNothing()).execute();
        }
        const intoSla = await appendAndRecompute(trx, into, [{ kind: 'merged', details: { duplicateId: dup.id, duplicateNumber: dup.number } }], who, now);
        await trx.updateTable('tickets').set({ ...intoSla, updatedAt: now }).where('id', '=', into.id).execute();
        await audit.record(trx, subjectOf(actor), { eventType: 'ticket.merge', action: 'update', objectType: 'ticket', objectId: dup.id, orgId: dup.orgId, detail: { number: dup.number, from: dup.status, to: 'closed', mergedInto: into.id, mergedIntoNumber: into.number } });
        await audit.record(trx, subjectOf(actor), { eventType: 'ticket.merge_into', action: 'update', objectType: 'ticket', objectId: into.id, orgId: into.orgId, detail: { number: into.number, duplicateId: dup.id, duplicateNumber: dup.number } });
      });
      return tickets.detail(actor, id, WORK);
    },
  };
}

export type TicketWorkflow = ReturnType<typeof createTicketWorkflow>;
