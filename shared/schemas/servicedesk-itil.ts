import { z } from 'zod';
import { Page, PageQuery } from './common.ts';
import { TicketStatus } from './servicedesk.ts';

/**
 * Problems, changes and the knowledge base of the service desk (docs/servicedesk-itil.md). Problems gather incidents
 * and hold the root cause, workaround and prevention actions; changes run in the four classes of seed 004 变更管理
 * (预授权 / 标准 / 紧急 / 评审), each with its approval flow, against freeze periods and other changes on the same or
 * related assets; articles answer what tickets ask again and again.
 */

const iso = z.iso.datetime();
const instant = z.iso.datetime({ offset: true });
const text = (max: number) => z.string().trim().max(max);
const required = (max: number) => z.string().trim().min(1).max(max);
const ref = z.object({ id: z.uuid(), name: z.string() });

const CsvList = <T extends z.ZodType>(item: T, max = 20) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(item).max(max));

/** A PATCH body: every field optional, and an absent field stays absent (no create defaults). */
type Undefaulted<S extends z.ZodRawShape> = { [K in keyof S]: z.ZodOptional<S[K] extends z.ZodDefault<infer I> ? I : S[K]> };
function patchOf<S extends z.ZodRawShape>(schema: z.ZodObject<S>): z.ZodObject<Undefaulted<S>> {
  const shape = Object.fromEntries(Object.entries(schema.shape).map(([k, v]) => [k, (v instanceof z.ZodDefault ? (v.unwrap() as z.ZodType) : (v as z.ZodType)).optional()]));
  return z.object(shape) as unknown as z.ZodObject<Undefaulted<S>>;
}
const somethingToChange = (v: Record<string, unknown>) => Object.values(v).some((x) => x !== undefined);

/** A timeline entry of a problem or a change. */
export const ItilEvent = z.object({ id: z.number().int(), kind: z.string(), at: iso, actorName: z.string(), details: z.record(z.string(), z.unknown()) });
export type ItilEvent = z.infer<typeof ItilEvent>;
export const ItilEventPage = Page(ItilEvent);
export type ItilEventPage = z.infer<typeof ItilEventPage>;
export const ItilEventQuery = z.object({ page: PageQuery.shape.page, pageSize: PageQuery.shape.pageSize });
export type ItilEventQuery = z.infer<typeof ItilEventQuery>;

export const LinkTicketInput = z.object({ ticketId: z.uuid() });
export type LinkTicketInput = z.infer<typeof LinkTicketInput>;
export const LinkProblemInput = z.object({ problemId: z.uuid() });
export type LinkProblemInput = z.infer<typeof LinkProblemInput>;
export const TicketLinkParam = z.object({ id: z.uuid(), ticketId: z.uuid() });
export type TicketLinkParam = z.infer<typeof TicketLinkParam>;
export const ProblemLinkParam = z.object({ id: z.uuid(), problemId: z.uuid() });
export type ProblemLinkParam = z.infer<typeof ProblemLinkParam>;

export const TicketRef = z.object({ id: z.uuid(), number: z.string(), title: z.string(), status: TicketStatus, orgId: z.uuid() });
export type TicketRef = z.infer<typeof TicketRef>;
export const AssetBrief = z.object({ id: z.uuid(), code: z.string(), name: z.string() });
export type AssetBrief = z.infer<typeof AssetBrief>;

// ---- problems -------------------------------------------------------------------------------------------------------

/** new → investigating → known_error → resolved → closed (and back from resolved to investigating). */
export const ProblemStatus = z.enum(['new', 'investigating', 'known_error', 'resolved', 'closed']);
export type ProblemStatus = z.infer<typeof ProblemStatus>;
export const ProblemRef = z.object({ id: z.uuid(), number: z.string(), title: z.string(), status: ProblemStatus, isKnownError: z.boolean() });
export type ProblemRef = z.infer<typeof ProblemRef>;

export const ProblemCreateInput = z.object({
  orgId: z.uuid(),
  title: required(200),
  description: text(10_000).default(''),
  assigneeId: z.uuid().optional(),
  rootCause: text(10_000).optional(),
  workaround: text(10_000).optional(),
  /** Incidents (tickets) to link right away. */
  ticketIds: z.array(z.uuid()).max(50).default([]),
});
export type ProblemCreateInput = z.input<typeof ProblemCreateInput>;

export const ProblemUpdateInput = z
  .object({
    title: required(200).optional(),
    description: text(10_000).optional(),
    assigneeId: z.uuid().nullable().optional(),
    /** The root-cause analysis (RCA). */
    rootCause: text(10_000).nullable().optional(),
    workaround: text(10_000).nullable().optional(),
  })
  .refine(somethingToChange, { message: 'nothing to change', path: ['title'] });
export type ProblemUpdateInput = z.infer<typeof ProblemUpdateInput>;

const note = text(2000).optional();
export const ProblemNoteInput = z.object({ note });
export type ProblemNoteInput = z.infer<typeof ProblemNoteInput>;
/** A known error has its root cause and a workaround documented (given here, or already on the problem). */
export const ProblemKnownErrorInput = z.object({ rootCause: text(10_000).optional(), workaround: text(10_000).optional(), note });
export type ProblemKnownErrorInput = z.infer<typeof ProblemKnownErrorInput>;
/** Resolved: the fix, and the root cause (given here, or already on the problem). */
export const ProblemResolveInput = z.object({ resolution: required(5000), rootCause: text(10_000).optional(), note });
export type ProblemResolveInput = z.infer<typeof ProblemResolveInput>;
export const ProblemReopenInput = z.object({ reason: required(2000) });
export type ProblemReopenInput = z.infer<typeof ProblemReopenInput>;

/** A prevention action (整改措施): what, who, by when, done or not. */
export const ProblemAction = z.object({
  id: z.uuid(),
  title: z.string(),
  owner: ref.nullable(),
  dueOn: z.iso.date().nullable(),
  doneAt: iso.nullable(),
  /** Not done and its due date (Beijing) has passed. */
  isOverdue: z.boolean(),
  createdAt: iso,
  updatedAt: iso,
});
export type ProblemAction = z.infer<typeof ProblemAction>;
export const ProblemActionInput = z.object({ title: required(500), ownerId: z.uuid().optional(), dueOn: z.iso.date().optional() });
export type ProblemActionInput = z.infer<typeof ProblemActionInput>;
export const ProblemActionUpdateInput = z
  .object({ title: required(500).optional(), ownerId: z.uuid().nullable().optional(), dueOn: z.iso.date().nullable().optional(), done: z.boolean().optional() })
  .refine(somethingToChange, { message: 'nothing to change', path: ['title'] });
export type ProblemActionUpdateInput = z.infer<typeof ProblemActionUpdateInput>;
export const ProblemActionParam = z.object({ id: z.uuid(), actionId: z.uuid() });
export type ProblemActionParam = z.infer<typeof ProblemActionParam>;

export const ProblemListItem = z.object({
  id: z.uuid(),
  number: z.string(),
  orgId: z.uuid(),
  orgName: z.string(),
  title: z.string(),
  status: ProblemStatus,
  isKnownError: z.boolean(),
  assignee: ref.nullable(),
  incidentCount: z.number().int(),
  openActionCount: z.number().int(),
  createdAt: iso,
  updatedAt: iso,
});
export type ProblemListItem = z.infer<typeof ProblemListItem>;
export const ProblemPage = Page(ProblemListItem);
export type ProblemPage = z.infer<typeof ProblemPage>;

export const ChangeClass = z.enum(['pre_authorised', 'standard', 'emergency', 'reviewed']);
export type ChangeClass = z.infer<typeof ChangeClass>;
export const ChangeStatus = z.enum(['draft', 'submitted', 'approved', 'rejected', 'scheduled', 'implementing', 'completed', 'closed', 'cancelled']);
export type ChangeStatus = z.infer<typeof ChangeStatus>;
export const ChangeRef = z.object({ id: z.uuid(), number: z.string(), title: z.string(), class: ChangeClass, status: ChangeStatus });
export type ChangeRef = z.infer<typeof ChangeRef>;
export const ArticleStatus = z.enum(['draft', 'published']);
export type ArticleStatus = z.infer<typeof ArticleStatus>;
export const ArticleRef = z.object({ id: z.uuid(), title: z.string(), status: ArticleStatus });
export type ArticleRef = z.infer<typeof ArticleRef>;

export const ProblemDetail = ProblemListItem.extend({
  description: z.string(),
  rootCause: z.string().nullable(),
  workaround: z.string().nullable(),
  resolution: z.string().nullable(),
  knownErrorAt: iso.nullable(),
  resolvedAt: iso.nullable(),
  closedAt: iso.nullable(),
  createdBy: ref.nullable(),
  incidents: z.array(TicketRef),
  actions: z.array(ProblemAction),
  changes: z.array(ChangeRef),
  articles: z.array(ArticleRef),
});
export type ProblemDetail = z.infer<typeof ProblemDetail>;

export const ProblemListQuery = PageQuery.extend({
  status: CsvList(z.union([ProblemStatus, z.literal('open')])).optional(),
  orgId: z.uuid().optional(),
  knownError: z.stringbool().optional(),
  /** 'me', 'none' (unassigned) or a user id. */
  assignee: z.union([z.literal('me'), z.literal('none'), z.uuid()]).optional(),
  /** Problems with an open prevention action of this owner ('me' or a user id). */
  actionOwner: z.union([z.literal('me'), z.uuid()]).optional(),
  /** Problems linked to this ticket. */
  ticketId: z.uuid().optional(),
  sort: z.enum(['-createdAt', 'createdAt', '-updatedAt']).default('-createdAt'),
});
export type ProblemListQuery = z.infer<typeof ProblemListQuery>;
/** Statuses in which a problem is still being worked on. */
export const OPEN_PROBLEM_STATUSES: readonly ProblemStatus[] = ['new', 'investigating', 'known_error'];

// ---- changes --------------------------------------------------------------------------------------------------------

/** Classes that need no approval: 预授权 (covered by the contract) and 标准 (follows an approved template). */
export const CHANGE_CLASSES_WITHOUT_APPROVAL: readonly ChangeClass[] = ['pre_authorised', 'standard'];
/** Active changes: they hold their window and count for conflicts. */
export const ACTIVE_CHANGE_STATUSES: readonly ChangeStatus[] = ['submitted', 'approved', 'scheduled', 'implementing'];
export const ChangeApprovalState = z.enum(['not_required', 'pending', 'approved', 'rejected']);
export type ChangeApprovalState = z.infer<typeof ChangeApprovalState>;
export const ChangeOutcome = z.enum(['success', 'failed', 'rolled_back']);
export type ChangeOutcome = z.infer<typeof ChangeOutcome>;
/** Seed 004 服务考核: 变更按时完成率 ≥ 90 %, 变更异常回退时长 ≤ 30 分钟. */
export const CHANGE_ON_TIME_TARGET = 0.9;
export const CHANGE_ROLLBACK_TARGET_MINUTES = 30;

export const ChangeStep = z.object({ title: required(200), detail: text(2000).default('') });
export type ChangeStep = z.infer<typeof ChangeStep>;

const MAX_WINDOW_MS = 14 * 86_400_000;
const windowRule = <T extends { windowStart?: string | null; windowEnd?: string | null }>(v: T) =>
  (v.windowStart == null) === (v.windowEnd == null) && (v.windowStart == null || Date.parse(v.windowEnd!) > Date.parse(v.windowStart));
const windowLength = <T extends { windowStart?: string | null; windowEnd?: string | null }>(v: T) => v.windowStart == null || v.windowEnd == null || Date.parse(v.windowEnd) - Date.parse(v.windowStart) <= MAX_WINDOW_MS;

const changePlan = {
  title: required(200),
  description: text(10_000).default(''),
  /** Why the change is needed (变更原因). */
  reason: text(5000).default(''),
  steps: z.array(ChangeStep).max(50).default([]),
  windowStart: instant.nullable().optional(),
  windowEnd: instant.nullable().optional(),
  assetIds: z.array(z.uuid()).max(50).default([]),
  rollbackPlan: text(10_000).default(''),
  verificationPlan: text(10_000).default(''),
  implementerId: z.uuid().nullable().optional(),
  /** Reviewed and emergency changes: everyone listed must approve; one rejection rejects. */
  approverIds: z.array(z.uuid()).max(20).default([]),
  /** A clinical department signs off as well (临床科室确认), by this person. */
  requiresClinicalSignoff: z.boolean().default(false),
  clinicalApproverId: z.uuid().nullable().optional(),
};

export const ChangeCreateInput = z
  .object({
    orgId: z.uuid(),
    class: ChangeClass,
    /** Standard changes follow a template; its steps, rollback and verification fill what is not given. */
    templateId: z.uuid().optional(),
    ...changePlan,
  })
  .refine(windowRule, { message: 'give windowStart and windowEnd together, the end after the start', path: ['windowEnd'] })
  .refine(windowLength, { message: 'a window lasts at most 14 days', path: ['windowEnd'] })
  .refine((v) => (v.class === 'standard') === (v.templateId !== undefined), { message: 'a standard change names its template, and only a standard change does', path: ['templateId'] });
export type ChangeCreateInput = z.input<typeof ChangeCreateInput>;

export const ChangeUpdateInput = patchOf(z.object(changePlan))
  .refine(somethingToChange, { message: 'nothing to change', path: ['title'] })
  .refine(windowRule, { message: 'give windowStart and windowEnd together, the end after the start', path: ['windowEnd'] })
  .refine(windowLength, { message: 'a window lasts at most 14 days', path: ['windowEnd'] });
export type ChangeUpdateInput = z.infer<typeof ChangeUpdateInput>;

export const ChangeNoteInput = z.object({ note });
export type ChangeNoteInput = z.infer<typeof ChangeNoteInput>;
/** Schedule in the planned window, or in a new one given here. */
export const ChangeScheduleInput = z
  .object({ windowStart: instant.optional(), windowEnd: instant.optional(), note })
  .refine(windowRule, { message: 'give windowStart and windowEnd together, the end after the start', path: ['windowEnd'] })
  .refine(windowLength, { message: 'a window lasts at most 14 days', path: ['windowEnd'] });
export type ChangeScheduleInput = z.infer<typeof ChangeScheduleInput>;
export const ChangeApproveInput = z.object({ comment: text(2000).optional() });
export type ChangeApproveInput = z.infer<typeof ChangeApproveInput>;
export const ChangeRejectInput = z.object({ comment: required(2000) });
export type ChangeRejectInput = z.infer<typeof ChangeRejectInput>;
export const ChangeCompleteInput = z
  .object({ outcome: ChangeOutcome, rollbackMinutes: z.number().int().min(0).max(10_080).optional(), note })
  .refine((v) => (v.outcome === 'rolled_back') === (v.rollbackMinutes !== undefined), { message: 'a rolled-back change gives its rollback duration in minutes, and only it', path: ['rollbackMinutes'] });
export type ChangeCompleteInput = z.infer<typeof ChangeCompleteInput>;
export const ChangeCancelInput = z.object({ reason: required(2000) });
export type ChangeCancelInput = z.infer<typeof ChangeCancelInput>;

export const ChangeApproval = z.object({
  approver: ref,
  /** 'approver' (change board) or 'clinical' (clinical department sign-off). */
  role: z.enum(['approver', 'clinical']),
  decision: z.enum(['pending', 'approved', 'rejected']),
  comment: z.string().nullable(),
  decidedAt: iso.nullable(),
});
export type ChangeApproval = z.infer<typeof ChangeApproval>;

export const FreezePeriod = z.object({ id: z.uuid(), orgId: z.uuid(), orgName: z.string(), startsAt: iso, endsAt: iso, reason: z.string(), createdAt: iso, updatedAt: iso });
export type FreezePeriod = z.infer<typeof FreezePeriod>;
export const FreezePeriodPage = Page(FreezePeriod);
export type FreezePeriodPage = z.infer<typeof FreezePeriodPage>;
const freezeRule = <T extends { startsAt?: string; endsAt?: string }>(v: T) => v.startsAt === undefined || v.endsAt === undefined || Date.parse(v.endsAt) > Date.parse(v.startsAt);
const freezeLength = <T extends { startsAt?: string; endsAt?: string }>(v: T) => v.startsAt === undefined || v.endsAt === undefined || Date.parse(v.endsAt) - Date.parse(v.startsAt) <= 366 * 86_400_000;
/** A freeze period (封网期): no change of the organisation or its subtree may be scheduled into it, except an emergency one. */
export const FreezePeriodInput = z
  .object({ orgId: z.uuid(), startsAt: instant, endsAt: instant, reason: required(500) })
  .refine(freezeRule, { message: 'the end lies after the start', path: ['endsAt'] })
  .refine(freezeLength, { message: 'a freeze lasts at most a year', path: ['endsAt'] });
export type FreezePeriodInput = z.infer<typeof FreezePeriodInput>;
export const FreezePeriodUpdateInput = z
  .object({ startsAt: instant.optional(), endsAt: instant.optional(), reason: required(500).optional() })
  .refine(somethingToChange, { message: 'nothing to change', path: ['reason'] });
export type FreezePeriodUpdateInput = z.infer<typeof FreezePeriodUpdateInput>;
export const FreezePeriodListQuery = z.object({
  page: PageQuery.shape.page,
  pageSize: PageQuery.shape.pageSize,
  orgId: z.uuid().optional(),
  /** Only freezes overlapping [from, to). */
  from: instant.optional(),
  to: instant.optional(),
});
export type FreezePeriodListQuery = z.infer<typeof FreezePeriodListQuery>;

/** Another active change whose window overlaps, on one of the same assets or on an asset related to one of them. */
export const ChangeConflict = z.object({
  change: ChangeRef.extend({ orgId: z.uuid(), orgName: z.string(), windowStart: iso, windowEnd: iso }),
  kind: z.enum(['same_asset', 'related_asset']),
  sharedAssets: z.array(AssetBrief),
  /** Its assets related to ours: `relatedTo` is ours; upstream = ours depends on it, downstream = it depends on ours. */
  relatedAssets: z.array(z.object({ asset: AssetBrief, relatedTo: AssetBrief, direction: z.enum(['upstream', 'downstream']), depth: z.number().int() })),
});
export type ChangeConflict = z.infer<typeof ChangeConflict>;
export const ChangeConflictReport = z.object({ conflicts: z.array(ChangeConflict), freezes: z.array(FreezePeriod) });
export type ChangeConflictReport = z.infer<typeof ChangeConflictReport>;
export const ChangeConflictQuery = z
  .object({
    start: instant,
    /** The end of the window; or give its length in minutes. */
    end: instant.optional(),
    minutes: z.coerce.number().int().min(1).max(20_160).optional(),
    assetIds: CsvList(z.uuid(), 50).default([]),
    /** The organisation whose freezes apply (default: every freeze in scope). */
    orgId: z.uuid().optional(),
    /** Leave this change out (the one being planned). */
    excludeChangeId: z.uuid().optional(),
  })
  .refine((v) => (v.end === undefined) !== (v.minutes === undefined), { message: 'give end or minutes', path: ['end'] })
  .refine((v) => v.end === undefined || Date.parse(v.end) > Date.parse(v.start), { message: 'the end lies after the start', path: ['end'] });
export type ChangeConflictQuery = z.infer<typeof ChangeConflictQuery>;

export const ChangeListItem = z.object({
  id: z.uuid(),
  number: z.string(),
  orgId: z.uuid(),
  orgName: z.string(),
  class: ChangeClass,
  status: ChangeStatus,
  approvalState: ChangeApprovalState,
  title: z.string(),
  windowStart: iso.nullable(),
  windowEnd: iso.nullable(),
  implementer: ref.nullable(),
  /** An emergency change implemented before its approval, flagged until the approval comes. */
  awaitingRetroApproval: z.boolean(),
  outcome: ChangeOutcome.nullable(),
  createdAt: iso,
  updatedAt: iso,
});
export type ChangeListItem = z.infer<typeof ChangeListItem>;
export const ChangePage = Page(ChangeListItem);
export type ChangePage = z.infer<typeof ChangePage>;

export const ChangeDetail = ChangeListItem.extend({
  description: z.string(),
  reason: z.string(),
  template: ref.nullable(),
  steps: z.array(z.object({ title: z.string(), detail: z.string() })),
  assets: z.array(AssetBrief),
  rollbackPlan: z.string(),
  verificationPlan: z.string(),
  approverIds: z.array(z.uuid()),
  requiresClinicalSignoff: z.boolean(),
  clinicalApprover: ref.nullable(),
  approvals: z.array(ChangeApproval),
  implementedBeforeApproval: z.boolean(),
  requestedBy: ref.nullable(),
  submittedAt: iso.nullable(),
  approvedAt: iso.nullable(),
  scheduledAt: iso.nullable(),
  startedAt: iso.nullable(),
  completedAt: iso.nullable(),
  closedAt: iso.nullable(),
  cancelledAt: iso.nullable(),
  cancelReason: z.string().nullable(),
  outcomeNote: z.string().nullable(),
  rollbackMinutes: z.number().int().nullable(),
  /** Started and completed inside the window; null until completed. */
  onTime: z.boolean().nullable(),
  tickets: z.array(TicketRef),
  problems: z.array(ProblemRef),
  /** Computed at the time of the request while the change is not finished: overlapping active changes (warnings). */
  conflicts: z.array(ChangeConflict),
  /** Freeze periods that apply to the change and overlap its window. */
  freezes: z.array(FreezePeriod),
});
export type ChangeDetail = z.infer<typeof ChangeDetail>;

export const ChangeListQuery = PageQuery.extend({
  status: CsvList(z.union([ChangeStatus, z.literal('active')])).optional(),
  class: CsvList(ChangeClass).optional(),
  orgId: z.uuid().optional(),
  assetId: z.uuid().optional(),
  /** Emergency changes implemented and still waiting for their approval. */
  awaitingRetroApproval: z.stringbool().optional(),
  ticketId: z.uuid().optional(),
  problemId: z.uuid().optional(),
  sort: z.enum(['-createdAt', 'createdAt', 'windowStart']).default('-createdAt'),
});
export type ChangeListQuery = z.infer<typeof ChangeListQuery>;

/** The changes an approver still has to decide. */
export const MyApprovalsQuery = z.object({ page: PageQuery.shape.page, pageSize: PageQuery.shape.pageSize });
export type MyApprovalsQuery = z.infer<typeof MyApprovalsQuery>;

const period = (maxDays: number) =>
  z
    .object({ from: instant, to: instant, orgId: z.uuid().optional() })
    .refine((q) => Date.parse(q.from) < Date.parse(q.to), { path: ['to'], message: 'to must be after from' })
    .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= maxDays * 86_400_000, { path: ['to'], message: `at most ${maxDays} days` });

/** The change calendar: windows overlapping [from, to) (at most 62 days), and the freezes in it. */
export const ChangeCalendarQuery = period(62);
export type ChangeCalendarQuery = z.infer<typeof ChangeCalendarQuery>;
export const ChangeCalendar = z.object({ items: z.array(ChangeListItem), freezes: z.array(FreezePeriod), truncated: z.boolean() });
export type ChangeCalendar = z.infer<typeof ChangeCalendar>;

/** KPIs over the changes completed in [from, to) (at most 400 days). */
export const ChangeKpiQuery = period(400);
export type ChangeKpiQuery = z.infer<typeof ChangeKpiQuery>;
const rate = z.number().min(0).max(1).nullable();
export const ChangeKpis = z.object({
  from: iso,
  to: iso,
  /** Changes completed in the period (whatever the outcome); the base of every rate. */
  completed: z.number().int(),
  byClass: z.object({ pre_authorised: z.number().int(), standard: z.number().int(), emergency: z.number().int(), reviewed: z.number().int() }),
  onTime: z.number().int(),
  /** onTime / completed (变更按时完成率); target ≥ 90 %. */
  onTimeRate: rate,
  onTimeTarget: z.number(),
  onTimeMet: z.boolean().nullable(),
  succeeded: z.number().int(),
  successRate: rate,
  failed: z.number().int(),
  rolledBack: z.number().int(),
  /** Mean and longest rollback of rolled-back changes (变更异常回退时长); target ≤ 30 min. */
  meanRollbackMinutes: z.number().nullable(),
  maxRollbackMinutes: z.number().int().nullable(),
  rollbackTargetMinutes: z.number().int(),
  rollbacksOverTarget: z.number().int(),
  emergencyShare: rate,
  /** Emergency changes implemented before their approval, and those of them still without it. */
  implementedBeforeApproval: z.number().int(),
  awaitingRetroApproval: z.number().int(),
});
export type ChangeKpis = z.infer<typeof ChangeKpis>;

/** A standard change's template (标准变更模板), approved once by the change board. */
export const ChangeTemplate = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  name: z.string(),
  description: z.string(),
  steps: z.array(z.object({ title: z.string(), detail: z.string() })),
  rollbackPlan: z.string(),
  verificationPlan: z.string(),
  createdAt: iso,
  updatedAt: iso,
});
export type ChangeTemplate = z.infer<typeof ChangeTemplate>;
export const ChangeTemplatePage = Page(ChangeTemplate);
export type ChangeTemplatePage = z.infer<typeof ChangeTemplatePage>;
export const ChangeTemplateListQuery = PageQuery.extend({ orgId: z.uuid().optional() });
export type ChangeTemplateListQuery = z.infer<typeof ChangeTemplateListQuery>;
export const ChangeTemplateInput = z.object({
  orgId: z.uuid(),
  name: required(100),
  description: text(5000).default(''),
  steps: z.array(ChangeStep).min(1).max(50),
  rollbackPlan: required(10_000),
  verificationPlan: required(10_000),
});
export type ChangeTemplateInput = z.input<typeof ChangeTemplateInput>;
export const ChangeTemplateUpdateInput = patchOf(ChangeTemplateInput.omit({ orgId: true })).refine(somethingToChange, { message: 'nothing to change', path: ['name'] });
export type ChangeTemplateUpdateInput = z.infer<typeof ChangeTemplateUpdateInput>;

// ---- knowledge base -------------------------------------------------------------------------------------------------

const tag = z.string().trim().min(1).max(30);
export const ArticleInput = z.object({
  orgId: z.uuid(),
  title: required(200),
  /** Markdown. */
  body: text(100_000).default(''),
  /** e.g. 网络 / 打印机 / HIS. */
  category: text(60).default(''),
  tags: z.array(tag).max(20).default([]),
});
export type ArticleInput = z.input<typeof ArticleInput>;
export const ArticleUpdateInput = patchOf(ArticleInput.omit({ orgId: true })).refine(somethingToChange, { message: 'nothing to change', path: ['title'] });
export type ArticleUpdateInput = z.infer<typeof ArticleUpdateInput>;

export const ArticleListItem = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  title: z.string(),
  category: z.string(),
  tags: z.array(z.string()),
  status: ArticleStatus,
  author: ref.nullable(),
  /** The body's first characters, Markdown marks removed. */
  excerpt: z.string(),
  publishedAt: iso.nullable(),
  createdAt: iso,
  updatedAt: iso,
});
export type ArticleListItem = z.infer<typeof ArticleListItem>;
export const ArticlePage = Page(ArticleListItem);
export type ArticlePage = z.infer<typeof ArticlePage>;
export const ArticleDetail = ArticleListItem.extend({ body: z.string(), tickets: z.array(TicketRef), problems: z.array(ProblemRef) });
export type ArticleDetail = z.infer<typeof ArticleDetail>;

export const ArticleListQuery = PageQuery.extend({
  status: ArticleStatus.optional(),
  category: z.string().trim().max(60).optional(),
  tag: z.string().trim().max(30).optional(),
  orgId: z.uuid().optional(),
  ticketId: z.uuid().optional(),
  problemId: z.uuid().optional(),
});
export type ArticleListQuery = z.infer<typeof ArticleListQuery>;

/** The text being written in a ticket (title and description); answers the five best published articles. */
export const ArticleSuggestQuery = z.object({ q: z.string().trim().max(500).default(''), orgId: z.uuid().optional() });
export type ArticleSuggestQuery = z.infer<typeof ArticleSuggestQuery>;
export const ArticleSuggestion = z.object({ id: z.uuid(), title: z.string(), category: z.string(), tags: z.array(z.string()), excerpt: z.string(), score: z.number(), matched: z.array(z.string()) });
export type ArticleSuggestion = z.infer<typeof ArticleSuggestion>;
export const ArticleSuggestions = z.object({ items: z.array(ArticleSuggestion) });
export type ArticleSuggestions = z.infer<typeof ArticleSuggestions>;

/** What a ticket is linked to besides alerts and duplicates. */
export const TicketRelated = z.object({ problems: z.array(ProblemRef), changes: z.array(ChangeRef), articles: z.array(ArticleRef) });
export type TicketRelated = z.infer<typeof TicketRelated>;
