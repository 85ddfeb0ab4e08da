/**
 * Opening a ticket, whoever opens it (the desk, a reporter, an alert): number, policy and why, level, frozen policy
 * and calendar, the `opened` event, the first SLA columns and the audit event — all in the caller's transaction.
 */
import { sql } from 'kysely';
import { TICKET_NUMBER_PREFIX, type TicketChannel, type TicketType } from '../../../../shared/schemas/servicedesk.ts';
import type { SlaPolicy } from '../../../../shared/schemas/sla.ts';
import type { AuditSubject } from '../../../platform/audit.ts';
import type { Db } from '../../../platform/db.ts';
import type { PlatformDeps } from '../../../platform/deps.ts';
import { invalid } from '../../../platform/errors.ts';
import { localDate } from '../../assets/index.ts';
import { levelFromMatrix } from '../sla/index.ts';
import { calendarSnapshotFor, resolvePolicy } from '../policies/resolve.ts';
import { assertTicketReferences } from '../references.ts';
import { evaluateTicket, slaColumns } from './sla-state.ts';

export interface OpenTicketInput {
  orgId: string;
  type: TicketType;
  channel: TicketChannel;
  title: string;
  description: string;
  requesterName: string;
  requesterPhone?: string | null;
  requesterUserId?: string | null;
  assetIds: readonly string[];
  categoryId?: string | null;
  impact?: string;
  urgency?: string;
  /** A level key of the resolved policy; wins over impact × urgency. */
  level?: string;
  /** Alert severity rank 0 (P1) … 3 (P4): the level at that position of the policy's list, most severe first. */
  severityRank?: number;
  assignmentGroupId?: string | null;
  assigneeId?: string | null;
  alertId?: string | null;
}

/** Who opens it: the audit subject plus the id and name the ticket's events carry. */
export interface Opener {
  subject: AuditSubject;
  actorId: string | null;
  actorName: string;
}

/** Context of the requester's phone number when sealed, bound to the ticket so a sealed value cannot be moved. */
export const phoneContext = (ticketId: string) => `tickets.requester_phone:${ticketId}`;

/** The next number of the organisation's sequence for the type and year (Beijing time): INC-2026-000123. */
export async function nextTicketNumber(trx: Db, orgId: string, type: TicketType, now: Date): Promise<string> {
  const prefix = TICKET_NUMBER_PREFIX[type];
  const year = Number(localDate(now).slice(0, 4));
  const row = await trx
    .insertInto('ticketNumberSequences')
    .values({ orgId, prefix, year, lastValue: 1 })
    .onConflict((oc) => oc.columns(['orgId', 'prefix', 'year']).doUpdateSet({ lastValue: sql<number>`ticket_number_sequences.last_value + 1` }))
    .returning('lastValue')
    .executeTakeFirstOrThrow();
  return `${prefix}-${year}-${String(row.lastValue).padStart(6, '0')}`;
}

/** The level a new ticket starts at: the given key, the matrix cell, the alert's rank, or the policy's least severe level. */
export function initialLevel(policy: SlaPolicy, input: Pick<OpenTicketInput, 'level' | 'impact' | 'urgency' | 'severityRank'>): string {
  if (input.level !== undefined) {
    if (!policy.levels.some((l) => l.key === input.level)) throw invalid('ticket.unknown_level', `The policy has no level ${input.level}`, [{ path: ['body', 'level'], message: 'no such level in the policy', code: 'unknown_level' }]);
    return input.level;
  }
  if (input.impact !== undefined && input.urgency !== undefined) return levelOfMatrix(policy, input.impact, input.urgency);
  if (input.severityRank !== undefined) return policy.levels[Math.min(Math.max(input.severityRank, 0), policy.levels.length - 1)]!.key;
  return policy.levels.at(-1)!.key;
}

/** impact × urgency → level on the policy's matrix; invalid when the policy has none or the pair is not on it. */
export function levelOfMatrix(policy: SlaPolicy, impact: string, urgency: string): string {
  if (!policy.priorityMatrix) throw invalid('ticket.no_priority_matrix', 'The policy has no priority matrix; give a level', [{ path: ['body', 'impact'], message: 'the policy has no priority matrix', code: 'no_matrix' }]);
  const level = levelFromMatrix(policy, impact, urgency);
  if (!level) throw invalid('ticket.unknown_priority', `No matrix cell for ${impact} × ${urgency}`, [{ path: ['body', 'impact'], message: 'no such impact × urgency on the matrix', code: 'unknown_priority' }]);
  return level;
}

export const levelName = (policy: SlaPolicy, key: string) => policy.levels.find((l) => l.key === key)?.name ?? key;

/** Opens a ticket inside `trx`; answers its id and number. */
export async function openTicket(trx: Db, deps: Pick<PlatformDeps, 'audit' | 'secrets' | 'clock'>, opener: Opener, input: OpenTicketInput): Promise<{ id: string; number: string }> {
  const now = deps.clock.now();
  const today = localDate(now);
  await assertTicketReferences(trx, input.orgId, { categoryId: input.categoryId, assignmentGroupId: input.assignmentGroupId, assigneeId: input.assigneeId, assetIds: input.assetIds }, now);
  const resolved = await resolvePolicy(trx, input.orgId, input.assetIds, today);
  const level = initialLevel(resolved.policy, input);
  const calendarSnapshot = await calendarSnapshotFor(trx, resolved.policy, today);
  const number = await nextTicketNumber(trx, input.orgId, input.type, now);
  const id = globalThis.crypto.randomUUID();
  const opened = { kind: 'opened', at: now, details: { level, levelName: levelName(resolved.policy, level), policySource: resolved.why.source, policyId: resolved.policyId } };
  const ev = evaluateTicket({ type: input.type, policySnapshot: resolved.policy, calendarSnapshot }, [opened], now);
  await trx
    .insertInto('tickets')
    .values({
      id,
      orgId: input.orgId,
      number,
      type: input.type,
      channel: input.channel,
      title: input.title,
      description: input.description,
      requesterName: input.requesterName,
      requesterPhoneSealed: input.requesterPhone ? deps.secrets.seal(input.requesterPhone, phoneContext(id)) : null,
      requesterUserId: input.requesterUserId ?? null,
      categoryId: input.categoryId ?? null,
      impact: input.level === undefined ? (input.impact ?? null) : null,
      urgency: input.level === undefined ? (input.urgency ?? null) : null,
      levelKey: level,
      levelName: levelName(resolved.policy, level),
      assignmentGroupId: input.assignmentGroupId ?? null,
      assigneeId: input.assigneeId ?? null,
      resolutionCode: null,
      resolutionNote: null,
      rootCause: null,
      satisfactionScore: null,
      satisfactionComment: null,
      ratedAt: null,
      pauseReason: null,
      pausedAt: null,
      resumeStatus: null,
      mergedIntoId: null,
      policyId: resolved.policyId,
      policyVersion: resolved.version,
      policySource: resolved.why.source,
      policyWhy: JSON.stringify(resolved.why),
      policySnapshot: JSON.stringify(resolved.policy),
      calendarSnapshot: JSON.stringify(calendarSnapshot),
      ...slaColumns(ev, now),
      openedAt: now,
      respondedAt: null,
      onSiteAt: null,
      resolvedAt: null,
      closedAt: null,
      createdBy: opener.actorId,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  if (input.assetIds.length) {
    const assets = await trx.selectFrom('assets').select(['id', 'orgId']).where('id', 'in', [...input.assetIds]).execute();
    const orgOf = new Map(assets.map((a) => [a.id, a.orgId]));
    await trx
      .insertInto('ticketAssets')
      .values([...new Set(input.assetIds)].map((assetId, position) => ({ ticketId: id, assetId, orgId: orgOf.get(assetId) ?? input.orgId, position })))
      .execute();
  }
  if (input.alertId) await trx.insertInto('ticketLinks').values({ ticketId: id, kind: 'alert', targetId: input.alertId, createdAt: now, createdBy: opener.actorId }).execute();
  await trx
    .insertInto('ticketEvents')
    .values({ ticketId: id, orgId: input.orgId, kind: 'opened', at: now, recordedAt: now, actorId: opener.actorId, actorName: opener.actorName, details: JSON.stringify({ ...opened.details, channel: input.channel, assignmentGroupId: input.assignmentGroupId ?? null, assigneeId: input.assigneeId ?? null, alertId: input.alertId ?? null }) })
    .execute();
  await deps.audit.record(trx, opener.subject, {
    eventType: 'ticket.open',
    action: 'create',
    objectType: 'ticket',
    objectId: id,
    orgId: input.orgId,
    detail: {
      after: { number, type: input.type, channel: input.channel, title: input.title, levelKey: level, policySource: resolved.why.source, policyId: resolved.policyId, contractId: resolved.why.contractId, assetIds: input.assetIds, assignmentGroupId: input.assignmentGroupId ?? null, assigneeId: input.assigneeId ?? null, alertId: input.alertId ?? null, hasRequesterPhone: Boolean(input.requesterPhone) },
    },
  });
  return { id, number };
}
