import type { MyTicketCreateInput, TicketChannel, TicketCreateInput, TicketType } from '../../../shared/schemas/servicedesk.ts';

/** How the level of a new ticket is chosen: from the policy's impact × urgency matrix, or named directly. */
export type LevelMode = 'matrix' | 'level';

/** What the 新建工单 drawer holds; empty pickers are null or undefined, text is untrimmed. */
export type TicketFormValues = {
  type: TicketType;
  channel: Exclude<TicketChannel, 'alert'>;
  orgId: string;
  requesterName: string;
  requesterPhone?: string | null;
  assetIds: string[];
  categoryId?: string | null;
  levelMode: LevelMode;
  impact?: string | null;
  urgency?: string | null;
  level?: string | null;
  assignmentGroupId?: string | null;
  assigneeId?: string | null;
  title: string;
  description?: string | null;
};

/** A new phone ticket of the organisation, its level from the matrix. */
export function newTicketValues(orgId: string, assetIds: string[] = []): TicketFormValues {
  return { type: 'incident', channel: 'phone', orgId, requesterName: '', requesterPhone: null, assetIds, categoryId: null, levelMode: 'matrix', impact: null, urgency: null, level: null, assignmentGroupId: null, assigneeId: null, title: '', description: '' };
}

const present = (v: string | null | undefined): string | undefined => {
  const s = v?.trim();
  return s ? s : undefined;
};

/**
 * The create body. Only the chosen way of setting the level is sent: impact and urgency together (both or neither),
 * or a level; neither means the policy's least severe level. Empty optional fields are left out.
 */
export function toTicketCreateInput(v: TicketFormValues): TicketCreateInput {
  const impact = v.levelMode === 'matrix' ? present(v.impact) : undefined;
  const urgency = v.levelMode === 'matrix' ? present(v.urgency) : undefined;
  const hasPair = impact !== undefined && urgency !== undefined;
  return {
    orgId: v.orgId,
    type: v.type,
    channel: v.channel,
    title: v.title.trim(),
    description: v.description?.trim() ?? '',
    requesterName: v.requesterName.trim(),
    ...(present(v.requesterPhone) ? { requesterPhone: present(v.requesterPhone) } : {}),
    assetIds: [...new Set(v.assetIds ?? [])],
    ...(v.categoryId ? { categoryId: v.categoryId } : {}),
    ...(hasPair ? { impact, urgency } : {}),
    ...(v.levelMode === 'level' && present(v.level) ? { level: present(v.level) } : {}),
    ...(v.assignmentGroupId ? { assignmentGroupId: v.assignmentGroupId } : {}),
    ...(v.assigneeId ? { assigneeId: v.assigneeId } : {}),
  };
}

/** The form field of an API issue path: the server names body fields as ['body', field, …]. */
export function ticketFieldOf(path: readonly PropertyKey[]): (string | number)[] | null {
  const clean = path.filter((p): p is string | number => typeof p !== 'symbol');
  const rest = clean[0] === 'body' ? clean.slice(1) : clean;
  return rest.length ? rest : null;
}

/** What the 报修 page holds. */
export type ReportFormValues = {
  orgId: string;
  assetId?: string | null;
  title: string;
  description?: string | null;
  requesterPhone?: string | null;
  type: 'incident' | 'service_request' | 'consultation' | 'complaint';
};

/**
 * The reporter's body: a report reached from an asset's QR label is channel 'qr', the rest 'portal'; the requester
 * is the caller, so only a call-back phone is asked for.
 */
export function toReportInput(v: ReportFormValues, isFromQr: boolean): MyTicketCreateInput {
  return {
    orgId: v.orgId,
    type: v.type,
    channel: isFromQr ? 'qr' : 'portal',
    title: v.title.trim(),
    description: v.description?.trim() ?? '',
    assetIds: v.assetId ? [v.assetId] : [],
    ...(present(v.requesterPhone) ? { requesterPhone: present(v.requesterPhone) } : {}),
  };
}

/** A title for a report whose reporter wrote only a description: its first line, cut to the title's limit. */
export function titleFromDescription(description: string, max = 200): string {
  const first = description.trim().split('\n')[0]?.trim() ?? '';
  return first.length > max ? first.slice(0, max) : first;
}
