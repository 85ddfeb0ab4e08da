/** Rows → API shapes (explicit object literals: a new column never leaks). The requester's phone leaves only masked. */
import type { MyTicket, Ticket, TicketDetail, TicketListItem, TicketSlaSummary } from '../../../../shared/schemas/servicedesk.ts';
import type { SlaClockKind, SlaEvaluation } from '../../../../shared/schemas/sla.ts';
import type { SecretBox } from '../../../platform/crypto/index.ts';
import { maskPhone } from '../../../platform/mask.ts';
import { phoneContext } from './open.ts';
import type { SlaColumns } from './sla-state.ts';
import type { NamedTicketRow, TicketExtras, TicketRow } from './tickets.repository.ts';

const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

/** Wall-clock minutes from now to the next breach (negative when overdue); what the countdown shows. */
export function remainingMinutes(nextBreachAt: Date | null, now: Date): number | null {
  if (!nextBreachAt) return null;
  return Math.round((nextBreachAt.getTime() - now.getTime()) / 60_000) || 0;
}

export function maskedPhone(secrets: SecretBox, row: Pick<TicketRow, 'id' | 'requesterPhoneSealed'>): string | null {
  return row.requesterPhoneSealed ? maskPhone(secrets.open(row.requesterPhoneSealed, phoneContext(row.id))) : null;
}

type SlaFields = Pick<TicketRow, 'slaBand' | 'responseDueAt' | 'onSiteDueAt' | 'diagnosisDueAt' | 'resolutionDueAt' | 'breachedClocks' | 'isBreached' | 'nextBreachAt' | 'nextBreachClock' | 'autoCloseAt' | 'slaComputedAt'>;

function slaSummary(row: TicketRow, sla: SlaFields, now: Date): TicketSlaSummary {
  const why = row.policyWhy;
  return {
    policyId: row.policyId,
    policyName: why.policyName,
    policyVersion: row.policyVersion,
    source: row.policySource,
    contractId: why.contractId,
    contractName: why.contractName,
    why: { 'zh-CN': why['zh-CN'], en: why.en },
    band: sla.slaBand,
    responseDueAt: isoOrNull(sla.responseDueAt),
    onSiteDueAt: isoOrNull(sla.onSiteDueAt),
    diagnosisDueAt: isoOrNull(sla.diagnosisDueAt),
    resolutionDueAt: isoOrNull(sla.resolutionDueAt),
    nextBreachAt: isoOrNull(sla.nextBreachAt),
    nextBreachClock: sla.nextBreachClock as SlaClockKind | null,
    remainingMinutes: remainingMinutes(sla.nextBreachAt, now),
    isBreached: sla.isBreached || (sla.nextBreachAt !== null && sla.nextBreachAt <= now),
    breachedClocks: sla.breachedClocks as SlaClockKind[],
    autoCloseAt: isoOrNull(sla.autoCloseAt),
    computedAt: sla.slaComputedAt.toISOString(),
  };
}

export function presentListItem(r: NamedTicketRow, now: Date): TicketListItem {
  return {
    id: r.id,
    number: r.number,
    orgId: r.orgId,
    orgName: r.orgName,
    type: r.type,
    channel: r.channel,
    status: r.status,
    title: r.title,
    requesterName: r.requesterName,
    levelKey: r.levelKey,
    levelName: r.levelName,
    assignmentGroup: r.assignmentGroupId ? { id: r.assignmentGroupId, name: r.groupName ?? '' } : null,
    assignee: r.assigneeId ? { id: r.assigneeId, name: r.assigneeName ?? '' } : null,
    nextBreachAt: isoOrNull(r.nextBreachAt),
    nextBreachClock: r.nextBreachClock as SlaClockKind | null,
    remainingMinutes: remainingMinutes(r.nextBreachAt, now),
    isBreached: r.isBreached || (r.nextBreachAt !== null && r.nextBreachAt <= now),
    openedAt: r.openedAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** The full ticket; `sla` overrides the stored SLA columns with freshly computed ones (the detail view). */
export function presentTicket(r: NamedTicketRow, extras: TicketExtras, secrets: SecretBox, now: Date, sla?: SlaColumns): Ticket {
  const reason = r.pauseReason ? r.policySnapshot.pauseReasons.find((p) => p.key === r.pauseReason) : undefined;
  return {
    id: r.id,
    number: r.number,
    orgId: r.orgId,
    orgName: r.orgName,
    type: r.type,
    channel: r.channel,
    status: r.status,
    title: r.title,
    description: r.description,
    requesterName: r.requesterName,
    requesterPhone: maskedPhone(secrets, r),
    requesterUserId: r.requesterUserId,
    assets: extras.assets,
    category: extras.category,
    impact: r.impact,
    urgency: r.urgency,
    levelKey: r.levelKey,
    levelName: r.levelName,
    assignmentGroup: r.assignmentGroupId ? { id: r.assignmentGroupId, name: r.groupName ?? '' } : null,
    assignee: r.assigneeId ? { id: r.assigneeId, name: r.assigneeName ?? '' } : null,
    pause: r.pauseReason && r.pausedAt ? { reason: r.pauseReason, reasonName: reason?.name ?? r.pauseReason, since: r.pausedAt.toISOString() } : null,
    resolutionCode: r.resolutionCode,
    resolutionNote: r.resolutionNote,
    rootCause: r.rootCause,
    satisfaction: r.satisfactionScore !== null && r.ratedAt ? { score: r.satisfactionScore, comment: r.satisfactionComment, ratedAt: r.ratedAt.toISOString() } : null,
    mergedInto: extras.mergedInto,
    alertIds: extras.alertIds,
    workMinutes: r.workMinutes,
    reopenCount: r.reopenCount,
    sla: slaSummary(r, sla ?? r, now),
    openedAt: r.openedAt.toISOString(),
    respondedAt: isoOrNull(r.respondedAt),
    onSiteAt: isoOrNull(r.onSiteAt),
    resolvedAt: isoOrNull(r.resolvedAt),
    closedAt: isoOrNull(r.closedAt),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export function presentDetail(r: NamedTicketRow, extras: TicketExtras, secrets: SecretBox, now: Date, ev: SlaEvaluation, sla: SlaColumns): TicketDetail {
  return { ...presentTicket(r, extras, secrets, now, sla), clocks: ev };
}

/** The reporter's view of their own ticket. */
export function presentMine(r: NamedTicketRow, assets: TicketExtras['assets'], secrets: SecretBox): MyTicket {
  return {
    id: r.id,
    number: r.number,
    orgId: r.orgId,
    orgName: r.orgName,
    type: r.type,
    channel: r.channel,
    status: r.status,
    title: r.title,
    description: r.description,
    requesterPhone: maskedPhone(secrets, r),
    assets,
    levelName: r.levelName,
    assigneeName: r.assigneeId ? (r.assigneeName ?? null) : null,
    resolutionCode: r.resolutionCode,
    resolutionNote: r.resolutionNote,
    satisfaction: r.satisfactionScore !== null && r.ratedAt ? { score: r.satisfactionScore, comment: r.satisfactionComment, ratedAt: r.ratedAt.toISOString() } : null,
    openedAt: r.openedAt.toISOString(),
    respondedAt: isoOrNull(r.respondedAt),
    onSiteAt: isoOrNull(r.onSiteAt),
    resolvedAt: isoOrNull(r.resolvedAt),
    closedAt: isoOrNull(r.closedAt),
  };
}
