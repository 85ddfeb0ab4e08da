/**
 * A ticket's SLA clocks: its events (ticket_events rows) → the clock engine's events → computeClocks on the ticket's
 * own policy and calendar snapshots → the columns the queue sorts and filters on.
 */
import type { SlaClockKind, SlaEvaluation, SlaPolicy, TicketClockEvent } from '../../../../shared/schemas/sla.ts';
import type { TicketType } from '../../../../shared/schemas/servicedesk.ts';
import type { Db } from '../../../platform/db.ts';
import { calendarFromSnapshot, computeClocks } from '../sla/index.ts';

/** ticket_events kinds the clock engine reads; the others (comments, merges, alert updates …) are timeline only. */
export const CLOCK_EVENT_KINDS = ['opened', 'responded', 'on_site', 'diagnosed', 'paused', 'resumed', 'resolved', 'reopened', 'closed', 'level_changed', 'reassigned'] as const;
const CLOCK_KINDS = new Set<string>(CLOCK_EVENT_KINDS);

export interface EventRow {
  kind: string;
  at: Date;
  details: Record<string, unknown>;
}

/** The clock engine's view of a ticket's events, in stored order (the engine sorts by time, stably). */
export function toClockEvents(rows: readonly EventRow[]): TicketClockEvent[] {
  const out: TicketClockEvent[] = [];
  for (const r of rows) {
    if (!CLOCK_KINDS.has(r.kind)) continue;
    const at = r.at.toISOString();
    switch (r.kind) {
      case 'opened':
        out.push({ kind: 'opened', at, level: String(r.details.level) });
        break;
      case 'paused':
        out.push({ kind: 'paused', at, reason: String(r.details.reason) });
        break;
      case 'level_changed':
        out.push({ kind: 'level_changed', at, to: String(r.details.to) });
        break;
      default:
        out.push({ kind: r.kind as Exclude<TicketClockEvent['kind'], 'opened' | 'paused' | 'level_changed'>, at });
    }
  }
  return out;
}

/** Consultations and complaints never need anyone on site, so their on-site clock does not apply. */
export function notApplicableFor(type: TicketType): SlaClockKind[] {
  return type === 'consultation' || type === 'complaint' ? ['onSite'] : [];
}

export interface TicketSlaInput {
  type: TicketType;
  policySnapshot: SlaPolicy;
  calendarSnapshot: unknown;
}

/** Every clock of the ticket at `now`, computed from its events on its frozen policy and calendar. */
export function evaluateTicket(ticket: TicketSlaInput, events: readonly EventRow[], now: Date): SlaEvaluation {
  // The engine counts spans up to `now`, so a pause recorded at this very instant (a workflow step evaluates at the
  // time of its own event) would only show from the next read on. One millisecond later it shows at once; the
  // difference is far below the engine's resolution of a thousandth of a minute.
  const instant = new Date(now.getTime() + 1);
  return computeClocks(ticket.policySnapshot, toClockEvents(events), calendarFromSnapshot(ticket.calendarSnapshot), instant, { notApplicable: notApplicableFor(ticket.type) });
}

/** The stored SLA columns of a ticket, from an evaluation. */
export function slaColumns(ev: SlaEvaluation, now: Date) {
  const due = (k: SlaClockKind) => {
    const c = ev.clocks.find((x) => x.kind === k);
    return c?.dueAt ? new Date(c.dueAt) : null;
  };
  // The queue's “next breach”: the earliest due among clocks still running; an overdue one sorts first. Paused clocks
  // cannot breach while paused, and stopped ones never will.
  let next: { at: Date; kind: SlaClockKind } | null = null;
  let warn: Date | null = null;
  for (const c of ev.clocks) {
    if (c.status !== 'running' || !c.dueAt) continue;
    const at = new Date(c.dueAt);
    if (!next || at < next.at) next = { at, kind: c.kind };
    if (!c.isBreached && !c.isWarning && c.warnAt) {
      const w = new Date(c.warnAt);
      if (!warn || w < warn) warn = w;
    }
  }
  const breached = ev.clocks.filter((c) => c.isBreached).map((c) => c.kind);
  return {
    slaBand: ev.band,
    responseDueAt: due('response'),
    onSiteDueAt: due('onSite'),
    diagnosisDueAt: due('diagnosis'),
    resolutionDueAt: due('resolution'),
    breachedClocks: breached,
    isBreached: breached.length > 0,
    nextBreachAt: next?.at ?? null,
    nextBreachClock: next?.kind ?? null,
    nextWarnAt: warn,
    autoCloseAt: ev.autoCloseAt ? new Date(ev.autoCloseAt) : null,
    slaComputedAt: now,
  };
}
export type SlaColumns = ReturnType<typeof slaColumns>;

/** The events of one ticket the clocks need, oldest first. */
export async function loadClockEvents(db: Db, ticketId: string): Promise<EventRow[]> {
  return db.selectFrom('ticketEvents').select(['kind', 'at', 'details']).where('ticketId', '=', ticketId).where('kind', 'in', [...CLOCK_EVENT_KINDS]).orderBy('id').execute();
}

/** The clock events of many tickets in one query, by ticket. */
export async function loadClockEventsOf(db: Db, ticketIds: readonly string[]): Promise<Map<string, EventRow[]>> {
  const out = new Map<string, EventRow[]>(ticketIds.map((id) => [id, []]));
  if (ticketIds.length === 0) return out;
  const rows = await db
    .selectFrom('ticketEvents')
    .select(['ticketId', 'kind', 'at', 'details'])
    .where('ticketId', 'in', [...ticketIds])
    .where('kind', 'in', [...CLOCK_EVENT_KINDS])
    .orderBy('ticketId')
    .orderBy('id')
    .execute();
  for (const r of rows) out.get(r.ticketId)!.push(r);
  return out;
}
