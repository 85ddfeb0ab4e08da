import { z } from 'zod';
import { Page, PageQuery } from './common.ts';
import { PriorityMatrix, SlaClockKind, SlaEvaluation, SlaPolicy } from './sla.ts';

/**
 * Service desk contract: SLA policies stored per organisation (and attached to maintenance contracts), ticket
 * categories, assignment groups, tickets with their workflow, comments and work log. The SLA clock rules are in
 * shared/schemas/sla.ts and docs/sla-clocks.md; how the desk uses them is in docs/servicedesk.md.
 */

const iso = z.iso.datetime();
const key = z.string().regex(/^[a-z0-9_]{1,40}$/, 'lower-case letters, digits and _ only, up to 40');
const text = (max: number) => z.string().trim().max(max);
const localized = z.object({ 'zh-CN': z.string(), en: z.string() });

const CsvList = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(item).max(20));

/** A PATCH body: every field optional, and an absent field stays absent (no create defaults). */
type Undefaulted<S extends z.ZodRawShape> = { [K in keyof S]: z.ZodOptional<S[K] extends z.ZodDefault<infer I> ? I : S[K]> };
function patchOf<S extends z.ZodRawShape>(schema: z.ZodObject<S>): z.ZodObject<Undefaulted<S>> {
  const shape = Object.fromEntries(Object.entries(schema.shape).map(([k, v]) => [k, (v instanceof z.ZodDefault ? (v.unwrap() as z.ZodType) : (v as z.ZodType)).optional()]));
  return z.object(shape) as unknown as z.ZodObject<Undefaulted<S>>;
}

// ---- SLA policies ---------------------------------------------------------------------------------------------------

/** Where a ticket's policy came from: its asset's maintenance contract, an organisation's default, or the platform default. */
export const SlaPolicySource = z.enum(['contract', 'organisation_default', 'platform_default']);
export type SlaPolicySource = z.infer<typeof SlaPolicySource>;

export const SlaTemplateInfo = z.object({ key: z.string(), seed: z.string(), policy: SlaPolicy });
export type SlaTemplateInfo = z.infer<typeof SlaTemplateInfo>;
export const SlaTemplateList = z.object({ items: z.array(SlaTemplateInfo), platformDefault: z.string() });
export type SlaTemplateList = z.infer<typeof SlaTemplateList>;

export const SlaPolicyRecord = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  /** The template it was copied from, if any. */
  templateKey: z.string().nullable(),
  /** The organisation's default: tickets of the organisation (and its subtree) without a contract policy get it. */
  isDefault: z.boolean(),
  /** Goes up by one on every change of the definition; tickets remember the version they carry. */
  version: z.number().int(),
  policy: SlaPolicy,
  contractCount: z.number().int(),
  createdAt: iso,
  updatedAt: iso,
});
export type SlaPolicyRecord = z.infer<typeof SlaPolicyRecord>;
export const SlaPolicyPage = Page(SlaPolicyRecord);
export type SlaPolicyPage = z.infer<typeof SlaPolicyPage>;

export const SlaPolicyListQuery = PageQuery.extend({ orgId: z.uuid().optional() });
export type SlaPolicyListQuery = z.infer<typeof SlaPolicyListQuery>;

/** Create from a template (optionally renamed) or from a full definition. */
export const SlaPolicyCreateInput = z
  .object({
    orgId: z.uuid(),
    templateKey: z.string().max(60).optional(),
    policy: SlaPolicy.optional(),
    /** Overrides the template's name (names are unique per organisation). */
    name: z.string().trim().min(1).max(60).optional(),
    isDefault: z.boolean().default(false),
  })
  .refine((v) => (v.templateKey === undefined) !== (v.policy === undefined), { message: 'give either templateKey or policy', path: ['templateKey'] });
export type SlaPolicyCreateInput = z.input<typeof SlaPolicyCreateInput>;

/** A changed definition (levels, targets, calendar, pause reasons, matrix) replaces the old one as a whole. */
export const SlaPolicyUpdateInput = z
  .object({ policy: SlaPolicy.optional(), isDefault: z.boolean().optional() })
  .refine((v) => v.policy !== undefined || v.isDefault !== undefined, { message: 'nothing to change', path: ['policy'] });
export type SlaPolicyUpdateInput = z.input<typeof SlaPolicyUpdateInput>;

export const PriorityMatrixInput = z.object({ priorityMatrix: PriorityMatrix });
export type PriorityMatrixInput = z.infer<typeof PriorityMatrixInput>;

/** Which policy a ticket of an organisation (for an asset) gets, and why. */
export const SlaPolicyResolution = z.object({
  source: SlaPolicySource,
  policyId: z.uuid().nullable(),
  policyName: z.string(),
  templateKey: z.string().nullable(),
  contractId: z.uuid().nullable(),
  contractCode: z.string().nullable(),
  contractName: z.string().nullable(),
  assetId: z.uuid().nullable(),
  /** The organisation whose default applied (the ticket's own or its nearest ancestor with one). */
  defaultOfOrgId: z.uuid().nullable(),
  defaultOfOrgName: z.string().nullable(),
  why: localized,
});
export type SlaPolicyResolution = z.infer<typeof SlaPolicyResolution>;

export const SlaPolicyResolveQuery = z.object({ orgId: z.uuid(), assetId: z.uuid().optional() });
export type SlaPolicyResolveQuery = z.infer<typeof SlaPolicyResolveQuery>;

export const ContractSlaPolicyInput = z.object({ policyId: z.uuid().nullable() });
export type ContractSlaPolicyInput = z.infer<typeof ContractSlaPolicyInput>;
export const ContractSlaPolicy = z.object({ contractId: z.uuid(), policyId: z.uuid().nullable(), policyName: z.string().nullable() });
export type ContractSlaPolicy = z.infer<typeof ContractSlaPolicy>;

export const RecomputeResult = z.object({ checked: z.number().int(), updated: z.number().int(), policyRefreshed: z.number().int() });
export type RecomputeResult = z.infer<typeof RecomputeResult>;

// ---- categories and assignment groups -------------------------------------------------------------------------------

export const TicketCategory = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  parentId: z.uuid().nullable(),
  name: z.string(),
  /** Names from the root down, e.g. 硬件 / 打印机. */
  path: z.string(),
  depth: z.number().int(),
  isActive: z.boolean(),
  createdAt: iso,
  updatedAt: iso,
});
export type TicketCategory = z.infer<typeof TicketCategory>;
export const TicketCategoryPage = Page(TicketCategory);
export type TicketCategoryPage = z.infer<typeof TicketCategoryPage>;
export const TicketCategoryListQuery = PageQuery.extend({ orgId: z.uuid().optional(), includeInactive: z.stringbool().default(false) });
export type TicketCategoryListQuery = z.infer<typeof TicketCategoryListQuery>;
export const TicketCategoryCreateInput = z.object({ orgId: z.uuid(), parentId: z.uuid().nullable().default(null), name: z.string().trim().min(1).max(60) });
export type TicketCategoryCreateInput = z.input<typeof TicketCategoryCreateInput>;
export const TicketCategoryUpdateInput = z
  .object({ name: z.string().trim().min(1).max(60).optional(), isActive: z.boolean().optional() })
  .refine((v) => v.name !== undefined || v.isActive !== undefined, { message: 'nothing to change', path: ['name'] });
export type TicketCategoryUpdateInput = z.infer<typeof TicketCategoryUpdateInput>;

export const GroupMember = z.object({ userId: z.uuid(), displayName: z.string() });
export const AssignmentGroup = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  name: z.string(),
  description: z.string(),
  members: z.array(GroupMember),
  createdAt: iso,
  updatedAt: iso,
});
export type AssignmentGroup = z.infer<typeof AssignmentGroup>;
export const AssignmentGroupPage = Page(AssignmentGroup);
export type AssignmentGroupPage = z.infer<typeof AssignmentGroupPage>;
export const AssignmentGroupListQuery = PageQuery.extend({ orgId: z.uuid().optional() });
export type AssignmentGroupListQuery = z.infer<typeof AssignmentGroupListQuery>;
export const AssignmentGroupCreateInput = z.object({
  orgId: z.uuid(),
  name: z.string().trim().min(1).max(60),
  description: text(500).default(''),
  memberIds: z.array(z.uuid()).max(200).default([]),
});
export type AssignmentGroupCreateInput = z.input<typeof AssignmentGroupCreateInput>;
export const AssignmentGroupUpdateInput = patchOf(AssignmentGroupCreateInput.omit({ orgId: true }));
export type AssignmentGroupUpdateInput = z.infer<typeof AssignmentGroupUpdateInput>;

// ---- tickets --------------------------------------------------------------------------------------------------------

export const TicketType = z.enum(['incident', 'service_request', 'consultation', 'complaint']);
export type TicketType = z.infer<typeof TicketType>;
/** Number prefix per type: INC-2026-000123. */
export const TICKET_NUMBER_PREFIX: Record<TicketType, string> = { incident: 'INC', service_request: 'REQ', consultation: 'CON', complaint: 'CMP' };

export const TicketChannel = z.enum(['phone', 'wecom', 'portal', 'qr', 'alert', 'email', 'walk_in']);
export type TicketChannel = z.infer<typeof TicketChannel>;

export const TicketStatus = z.enum(['new', 'responded', 'on_site', 'in_progress', 'pending', 'resolved', 'closed']);
export type TicketStatus = z.infer<typeof TicketStatus>;
/** Statuses in which someone still has to act. */
export const OPEN_TICKET_STATUSES: readonly TicketStatus[] = ['new', 'responded', 'on_site', 'in_progress', 'pending'];

export const TicketResolutionCode = z.enum(['fixed', 'workaround', 'replaced', 'configuration', 'user_guidance', 'no_fault_found', 'vendor_handled', 'cancelled']);
export type TicketResolutionCode = z.infer<typeof TicketResolutionCode>;

/** Digits with an optional leading +, spaces and dashes; stored SM4-sealed, answered masked (138****1234). */
const phone = z.string().trim().regex(/^\+?[0-9][0-9 -]{4,19}$/, 'a phone number');

const ticketBase = {
  orgId: z.uuid(),
  title: z.string().trim().min(1).max(200),
  description: text(10_000).default(''),
  assetIds: z.array(z.uuid()).max(20).default([]),
  categoryId: z.uuid().optional(),
  /** With urgency: the level from the policy's impact × urgency matrix. */
  impact: key.optional(),
  urgency: key.optional(),
};

export const TicketCreateInput = z
  .object({
    ...ticketBase,
    type: TicketType.default('incident'),
    channel: TicketChannel.exclude(['alert']),
    requesterName: z.string().trim().min(1).max(60),
    requesterPhone: phone.optional(),
    /** A level key of the policy; overrides the matrix. */
    level: key.optional(),
    assignmentGroupId: z.uuid().optional(),
    assigneeId: z.uuid().optional(),
  })
  .refine((v) => (v.impact === undefined) === (v.urgency === undefined), { message: 'give impact and urgency together', path: ['urgency'] });
export type TicketCreateInput = z.input<typeof TicketCreateInput>;

/** A fault report by clinical staff (portal or the asset's QR label): the requester is the caller. */
export const MyTicketCreateInput = z
  .object({
    ...ticketBase,
    type: z.enum(['incident', 'service_request', 'consultation', 'complaint']).default('incident'),
    channel: z.enum(['portal', 'qr']).default('portal'),
    requesterPhone: phone.optional(),
  })
  .refine((v) => (v.impact === undefined) === (v.urgency === undefined), { message: 'give impact and urgency together', path: ['urgency'] });
export type MyTicketCreateInput = z.input<typeof MyTicketCreateInput>;

export const TicketUpdateInput = z
  .object({
    title: z.string().trim().min(1).max(200).optional(),
    description: text(10_000).optional(),
    categoryId: z.uuid().nullable().optional(),
    assetIds: z.array(z.uuid()).max(20).optional(),
    requesterName: z.string().trim().min(1).max(60).optional(),
    requesterPhone: phone.nullable().optional(),
    rootCause: text(5000).nullable().optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: 'nothing to change', path: ['title'] });
export type TicketUpdateInput = z.infer<typeof TicketUpdateInput>;

const note = text(2000).optional();
export const TicketNoteInput = z.object({ note });
export type TicketNoteInput = z.infer<typeof TicketNoteInput>;
/** Arrival on site; `arrivedAt` defaults to now (an engineer may record it a little later, never in the future). */
export const TicketArriveInput = z.object({ arrivedAt: z.iso.datetime({ offset: true }).optional(), note });
export type TicketArriveInput = z.infer<typeof TicketArriveInput>;
/** Pending: the reason must be one of the policy's pause reasons; it decides which clocks stop. */
export const TicketPauseInput = z.object({ reason: key, note });
export type TicketPauseInput = z.infer<typeof TicketPauseInput>;
export const TicketResolveInput = z.object({ resolutionCode: TicketResolutionCode, resolutionNote: text(5000).optional(), rootCause: text(5000).optional() });
export type TicketResolveInput = z.infer<typeof TicketResolveInput>;
export const TicketReopenInput = z.object({ reason: z.string().trim().min(1).max(2000) });
export type TicketReopenInput = z.infer<typeof TicketReopenInput>;
export const TicketReassignInput = z
  .object({ assignmentGroupId: z.uuid().nullable().optional(), assigneeId: z.uuid().nullable().optional(), note })
  .refine((v) => v.assignmentGroupId !== undefined || v.assigneeId !== undefined, { message: 'give a group or an assignee', path: ['assigneeId'] });
export type TicketReassignInput = z.infer<typeof TicketReassignInput>;
export const TicketLevelInput = z
  .object({ level: key.optional(), impact: key.optional(), urgency: key.optional(), reason: text(2000).optional() })
  .refine((v) => (v.level !== undefined) !== (v.impact !== undefined && v.urgency !== undefined), { message: 'give a level, or impact and urgency', path: ['level'] })
  .refine((v) => (v.impact === undefined) === (v.urgency === undefined), { message: 'give impact and urgency together', path: ['urgency'] });
export type TicketLevelInput = z.infer<typeof TicketLevelInput>;
export const TicketMergeInput = z.object({ intoTicketId: z.uuid(), note });
export type TicketMergeInput = z.infer<typeof TicketMergeInput>;
export const TicketSatisfactionInput = z.object({ score: z.number().int().min(1).max(5), comment: text(1000).optional() });
export type TicketSatisfactionInput = z.infer<typeof TicketSatisfactionInput>;

export const CommentVisibility = z.enum(['internal', 'external']);
export type CommentVisibility = z.infer<typeof CommentVisibility>;
export const TicketCommentInput = z.object({ visibility: CommentVisibility.default('internal'), body: z.string().trim().min(1).max(5000) });
export type TicketCommentInput = z.input<typeof TicketCommentInput>;
export const MyTicketCommentInput = z.object({ body: z.string().trim().min(1).max(5000) });
export type MyTicketCommentInput = z.infer<typeof MyTicketCommentInput>;
export const TicketComment = z.object({ id: z.number().int(), visibility: CommentVisibility, body: z.string(), authorName: z.string(), createdAt: iso });
export type TicketComment = z.infer<typeof TicketComment>;
export const TicketCommentPage = Page(TicketComment);
export type TicketCommentPage = z.infer<typeof TicketCommentPage>;
export const TicketCommentListQuery = PageQuery.extend({ visibility: CommentVisibility.optional() });
export type TicketCommentListQuery = z.infer<typeof TicketCommentListQuery>;

export const TicketWorkLogInput = z.object({ minutes: z.number().int().min(1).max(1440), note: text(2000).default(''), workedAt: z.iso.datetime({ offset: true }).optional() });
export type TicketWorkLogInput = z.input<typeof TicketWorkLogInput>;
export const TicketWorkLog = z.object({ id: z.number().int(), minutes: z.number().int(), note: z.string(), workedAt: iso, authorName: z.string(), createdAt: iso });
export type TicketWorkLog = z.infer<typeof TicketWorkLog>;
export const TicketWorkLogPage = Page(TicketWorkLog).extend({ totalMinutes: z.number().int() });
export type TicketWorkLogPage = z.infer<typeof TicketWorkLogPage>;

export const TicketEvent = z.object({
  id: z.number().int(),
  kind: z.string(),
  at: iso,
  actorName: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export type TicketEvent = z.infer<typeof TicketEvent>;
export const TicketEventPage = Page(TicketEvent);
export type TicketEventPage = z.infer<typeof TicketEventPage>;

/** The stored (denormalised) SLA state of a ticket, as of its last change; the detail view recomputes it. */
export const TicketSlaSummary = z.object({
  policyId: z.uuid().nullable(),
  policyName: z.string(),
  policyVersion: z.number().int().nullable(),
  source: SlaPolicySource,
  contractId: z.uuid().nullable(),
  contractName: z.string().nullable(),
  why: localized,
  band: z.enum(['in_hours', 'off_hours']),
  responseDueAt: iso.nullable(),
  onSiteDueAt: iso.nullable(),
  diagnosisDueAt: iso.nullable(),
  resolutionDueAt: iso.nullable(),
  /** The earliest due of a running clock (overdue ones included); null when no clock is running. */
  nextBreachAt: iso.nullable(),
  nextBreachClock: SlaClockKind.nullable(),
  /** Wall-clock minutes from now to nextBreachAt; negative when overdue. */
  remainingMinutes: z.number().int().nullable(),
  isBreached: z.boolean(),
  breachedClocks: z.array(SlaClockKind),
  autoCloseAt: iso.nullable(),
  computedAt: iso,
});
export type TicketSlaSummary = z.infer<typeof TicketSlaSummary>;

const ref = z.object({ id: z.uuid(), name: z.string() });

export const TicketListItem = z.object({
  id: z.uuid(),
  number: z.string(),
  orgId: z.uuid(),
  orgName: z.string(),
  type: TicketType,
  channel: TicketChannel,
  status: TicketStatus,
  title: z.string(),
  requesterName: z.string(),
  levelKey: z.string(),
  levelName: z.string(),
  assignmentGroup: ref.nullable(),
  assignee: ref.nullable(),
  nextBreachAt: iso.nullable(),
  nextBreachClock: SlaClockKind.nullable(),
  remainingMinutes: z.number().int().nullable(),
  isBreached: z.boolean(),
  openedAt: iso,
  updatedAt: iso,
});
export type TicketListItem = z.infer<typeof TicketListItem>;
export const TicketPage = Page(TicketListItem);
export type TicketPage = z.infer<typeof TicketPage>;

export const WorkbenchItem = TicketListItem.extend({ queue: z.enum(['mine', 'group']) });
export type WorkbenchItem = z.infer<typeof WorkbenchItem>;
export const WorkbenchPage = Page(WorkbenchItem);
export type WorkbenchPage = z.infer<typeof WorkbenchPage>;

export const Ticket = z.object({
  id: z.uuid(),
  number: z.string(),
  orgId: z.uuid(),
  orgName: z.string(),
  type: TicketType,
  channel: TicketChannel,
  status: TicketStatus,
  title: z.string(),
  description: z.string(),
  requesterName: z.string(),
  /** Masked, e.g. 138****1234; the full number only through the audited reveal. */
  requesterPhone: z.string().nullable(),
  requesterUserId: z.uuid().nullable(),
  assets: z.array(z.object({ id: z.uuid(), code: z.string(), name: z.string() })),
  category: z.object({ id: z.uuid(), path: z.string() }).nullable(),
  impact: z.string().nullable(),
  urgency: z.string().nullable(),
  levelKey: z.string(),
  levelName: z.string(),
  assignmentGroup: ref.nullable(),
  assignee: ref.nullable(),
  pause: z.object({ reason: z.string(), reasonName: z.string(), since: iso }).nullable(),
  resolutionCode: TicketResolutionCode.nullable(),
  resolutionNote: z.string().nullable(),
  rootCause: z.string().nullable(),
  satisfaction: z.object({ score: z.number().int(), comment: z.string().nullable(), ratedAt: iso }).nullable(),
  mergedInto: z.object({ id: z.uuid(), number: z.string() }).nullable(),
  alertIds: z.array(z.uuid()),
  workMinutes: z.number().int(),
  reopenCount: z.number().int(),
  sla: TicketSlaSummary,
  openedAt: iso,
  respondedAt: iso.nullable(),
  onSiteAt: iso.nullable(),
  resolvedAt: iso.nullable(),
  closedAt: iso.nullable(),
  createdAt: iso,
  updatedAt: iso,
});
export type Ticket = z.infer<typeof Ticket>;

/** One ticket with its SLA clocks computed from its events at the time of the request, each with its explanation. */
export const TicketDetail = Ticket.extend({ clocks: SlaEvaluation });
export type TicketDetail = z.infer<typeof TicketDetail>;

export const TicketListQuery = PageQuery.extend({
  /** Statuses, comma-separated; 'open' stands for every status before resolved. */
  status: CsvList(z.union([TicketStatus, z.literal('open')])).optional(),
  type: CsvList(TicketType).optional(),
  level: CsvList(key).optional(),
  channel: CsvList(TicketChannel).optional(),
  orgId: z.uuid().optional(),
  /** 'me', 'none' (unassigned) or a user id. */
  assignee: z.union([z.literal('me'), z.literal('none'), z.uuid()]).optional(),
  groupId: z.uuid().optional(),
  breached: z.stringbool().optional(),
  assetId: z.uuid().optional(),
  sort: z.enum(['nearestBreach', 'createdAt', '-createdAt']).default('nearestBreach'),
});
export type TicketListQuery = z.infer<typeof TicketListQuery>;

export const WorkbenchQuery = z.object({ page: PageQuery.shape.page, pageSize: PageQuery.shape.pageSize });
export type WorkbenchQuery = z.infer<typeof WorkbenchQuery>;

export const RevealedPhone = z.object({ phone: z.string().nullable() });
export type RevealedPhone = z.infer<typeof RevealedPhone>;

/** What a reporter sees of their own ticket: progress, not the desk's internals. */
export const MyTicket = z.object({
  id: z.uuid(),
  number: z.string(),
  orgId: z.uuid(),
  orgName: z.string(),
  type: TicketType,
  channel: TicketChannel,
  status: TicketStatus,
  title: z.string(),
  description: z.string(),
  requesterPhone: z.string().nullable(),
  assets: z.array(z.object({ id: z.uuid(), code: z.string(), name: z.string() })),
  levelName: z.string(),
  assigneeName: z.string().nullable(),
  resolutionCode: TicketResolutionCode.nullable(),
  resolutionNote: z.string().nullable(),
  satisfaction: z.object({ score: z.number().int(), comment: z.string().nullable(), ratedAt: iso }).nullable(),
  openedAt: iso,
  respondedAt: iso.nullable(),
  onSiteAt: iso.nullable(),
  resolvedAt: iso.nullable(),
  closedAt: iso.nullable(),
});
export type MyTicket = z.infer<typeof MyTicket>;
export const MyTicketPage = Page(MyTicket);
export type MyTicketPage = z.infer<typeof MyTicketPage>;
export const MyTicketListQuery = z.object({ page: PageQuery.shape.page, pageSize: PageQuery.shape.pageSize, status: CsvList(z.union([TicketStatus, z.literal('open')])).optional() });
export type MyTicketListQuery = z.infer<typeof MyTicketListQuery>;
