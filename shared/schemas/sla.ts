import { z } from 'zod';

/**
 * SLA contract for the service desk: policies (levels × clocks × targets), the priority matrix, the ticket events the
 * clock engine reads, and the clock states it answers. Rules: server/domains/servicedesk/sla/clock.ts and docs/sla-clocks.md.
 */

/** The four clocks a contract can promise. Order is display order. */
export const SlaClockKind = z.enum(['response', 'onSite', 'diagnosis', 'resolution']);
export type SlaClockKind = z.infer<typeof SlaClockKind>;

/** A clock that a pause can stop; the response clock never pauses. */
export const SlaPausableClock = z.enum(['onSite', 'diagnosis', 'resolution']);
export type SlaPausableClock = z.infer<typeof SlaPausableClock>;

const key = z.string().regex(/^[a-z0-9_]{1,40}$/, 'lower-case letters, digits and _ only, up to 40');
const name = z.string().trim().min(1).max(60);
/** Whole minutes; at most one year. */
const minutes = z.number().int().min(1).max(525_600);

/**
 * Which calendar a policy's working hours come from: round the clock, the organisation's working calendar
 * (5×8 with holidays and 调休), or a named custom calendar. The ticket keeps a snapshot of it taken at open.
 */
export const SlaCalendarRef = z.union([z.literal('7x24'), z.literal('business'), z.object({ calendarId: z.uuid() })]);
export type SlaCalendarRef = z.infer<typeof SlaCalendarRef>;

/** Targets in minutes; a missing target means the contract promises nothing for that clock (not applicable). */
export const SlaTargets = z.object({
  response: minutes.optional(),
  onSite: minutes.optional(),
  diagnosis: minutes.optional(),
  resolution: minutes.optional(),
});
export type SlaTargets = z.infer<typeof SlaTargets>;

export const SlaLevel = z.object({
  key,
  /** As the contract names it: 一级故障, 紧急, 造成生产运行中断 … */
  name,
  nameEn: name,
  /** The contract's definition of the level, e.g. 全域平台、核心集群、主干网络瘫痪. */
  description: z.string().trim().max(500).optional(),
  /**
   * What the in-hours targets are measured on: 'calendar' = the policy's working calendar (business minutes),
   * '7x24' = wall-clock minutes. Off-hours targets are always wall-clock.
   */
  clock: z.enum(['calendar', '7x24']).default('calendar'),
  targets: SlaTargets,
  /**
   * Targets for tickets opened outside working hours (seed 001 服务方式, seed 004 三级故障), wall-clock.
   * A clock without an off-hours target falls back to the in-hours target on `clock`.
   */
  offHours: SlaTargets.optional(),
  /** 'on_site': the resolution clock starts at on-site arrival (seed 002 “到现场后4小时之内”), at the latest when on-site was due. */
  resolutionFrom: z.enum(['opened', 'on_site']).default('opened'),
});
export type SlaLevel = z.infer<typeof SlaLevel>;

export const SlaPauseReason = z.object({
  key,
  name,
  nameEn: name,
  /** The clocks this state stops; response is never stopped. */
  stops: z.array(SlaPausableClock).min(1).default(['resolution']),
});
export type SlaPauseReason = z.infer<typeof SlaPauseReason>;

const axisValue = z.object({ key, name, nameEn: name });

/** Impact × urgency → level key, one cell per pair; editable per policy. */
export const PriorityMatrix = z
  .object({
    impacts: z.array(axisValue).min(1).max(6),
    urgencies: z.array(axisValue).min(1).max(6),
    cells: z.array(z.object({ impact: key, urgency: key, level: key })),
  })
  .superRefine((m, ctx) => {
    const impacts = new Set(m.impacts.map((i) => i.key));
    const urgencies = new Set(m.urgencies.map((u) => u.key));
    if (impacts.size !== m.impacts.length) ctx.addIssue({ code: 'custom', message: 'impact keys must be unique', path: ['impacts'] });
    if (urgencies.size !== m.urgencies.length) ctx.addIssue({ code: 'custom', message: 'urgency keys must be unique', path: ['urgencies'] });
    const seen = new Set<string>();
    m.cells.forEach((c, i) => {
      if (!impacts.has(c.impact)) ctx.addIssue({ code: 'custom', message: `unknown impact ${c.impact}`, path: ['cells', i, 'impact'] });
      if (!urgencies.has(c.urgency)) ctx.addIssue({ code: 'custom', message: `unknown urgency ${c.urgency}`, path: ['cells', i, 'urgency'] });
      const pair = `${c.impact}×${c.urgency}`;
      if (seen.has(pair)) ctx.addIssue({ code: 'custom', message: `duplicate cell ${pair}`, path: ['cells', i] });
      seen.add(pair);
    });
    for (const i of impacts) {
      for (const u of urgencies) {
        if (!seen.has(`${i}×${u}`)) ctx.addIssue({ code: 'custom', message: `missing cell ${i}×${u}`, path: ['cells'] });
      }
    }
  });
export type PriorityMatrix = z.infer<typeof PriorityMatrix>;

export const SlaPolicy = z
  .object({
    name,
    nameEn: name,
    /** Where the numbers come from, e.g. '004 九、服务考核要求 2、量化考核指标 3）故障处置时效指标'. */
    source: z.string().trim().max(200).optional(),
    calendar: SlaCalendarRef,
    /** A running clock warns when this share of its target is used. */
    warnAtPercent: z.number().int().min(1).max(99).default(80),
    pauseReasons: z.array(SlaPauseReason).max(20).default([]),
    levels: z.array(SlaLevel).min(1).max(10),
    priorityMatrix: PriorityMatrix.optional(),
    /** A resolved ticket closes itself after this many days (wall clock); 0 = never. */
    autoCloseAfterDays: z.number().int().min(0).max(90).default(3),
  })
  .superRefine((p, ctx) => {
    const levels = new Set(p.levels.map((l) => l.key));
    if (levels.size !== p.levels.length) ctx.addIssue({ code: 'custom', message: 'level keys must be unique', path: ['levels'] });
    const reasons = new Set(p.pauseReasons.map((r) => r.key));
    if (reasons.size !== p.pauseReasons.length) ctx.addIssue({ code: 'custom', message: 'pause reason keys must be unique', path: ['pauseReasons'] });
    p.levels.forEach((l, i) => {
      if (l.offHours && p.calendar === '7x24') {
        ctx.addIssue({ code: 'custom', message: 'a 7×24 policy has no off hours', path: ['levels', i, 'offHours'] });
      }
      if (l.resolutionFrom === 'on_site' && l.targets.onSite === undefined) {
        ctx.addIssue({ code: 'custom', message: 'resolution from on-site needs an on-site target', path: ['levels', i, 'resolutionFrom'] });
      }
    });
    p.priorityMatrix?.cells.forEach((c, i) => {
      if (!levels.has(c.level)) ctx.addIssue({ code: 'custom', message: `unknown level ${c.level}`, path: ['priorityMatrix', 'cells', i, 'level'] });
    });
  });
export type SlaPolicy = z.infer<typeof SlaPolicy>;
export type SlaPolicyInput = z.input<typeof SlaPolicy>;

const at = z.iso.datetime({ offset: true });

/** What happened to a ticket, as far as its SLA clocks care. Merging a duplicate = 'closed' on the duplicate. */
export const TicketClockEvent = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('opened'), at, level: key }),
  z.object({ kind: z.literal('responded'), at }),
  z.object({ kind: z.literal('on_site'), at }),
  z.object({ kind: z.literal('diagnosed'), at }),
  z.object({ kind: z.literal('paused'), at, reason: key }),
  z.object({ kind: z.literal('resumed'), at }),
  z.object({ kind: z.literal('resolved'), at }),
  z.object({ kind: z.literal('reopened'), at }),
  z.object({ kind: z.literal('closed'), at }),
  z.object({ kind: z.literal('level_changed'), at, to: key }),
  /** Recorded for the timeline only: clocks belong to the ticket, not to the assignee. */
  z.object({ kind: z.literal('reassigned'), at }),
]);
export type TicketClockEvent = z.infer<typeof TicketClockEvent>;

const iso = z.iso.datetime();

/** A span the clock did not count: a pause, or the time a ticket sat resolved before it was reopened. */
export const SlaPauseSpan = z.object({
  reason: z.string() /* pause reason key, or 'resolved' for resolved → reopened */,
  from: iso,
  to: iso.nullable() /* null: still paused */,
  /** Minutes of the clock's own calendar inside the span (what moved the due time). */
  businessMinutes: z.number(),
  wallMinutes: z.number(),
});
export type SlaPauseSpan = z.infer<typeof SlaPauseSpan>;

export const SlaClockStatus = z.enum(['running', 'paused', 'met', 'breached', 'not_applicable']);
export type SlaClockStatus = z.infer<typeof SlaClockStatus>;

export const SlaClockState = z.object({
  kind: SlaClockKind,
  /** running/paused: still counting; met/breached: stopped for good (a running clock past due has isBreached). */
  status: SlaClockStatus,
  /** Level whose target this state is measured against (the current one, or the one in effect when the clock stopped). */
  levelKey: z.string(),
  targetMinutes: z.number().int().nullable(),
  /** What the target is counted on: the working calendar or the wall clock. */
  measuredOn: z.enum(['calendar', '7x24']),
  startedAt: iso.nullable(),
  /** While paused, the due time if the clock resumed now. */
  dueAt: iso.nullable(),
  warnAt: iso.nullable(),
  stoppedAt: iso.nullable(),
  stoppedBy: z.enum(['responded', 'on_site', 'diagnosed', 'resolved', 'closed']).nullable(),
  breachedAt: iso.nullable(),
  elapsedBusinessMinutes: z.number(),
  /** Negative when overdue. */
  remainingBusinessMinutes: z.number(),
  /** Minutes of the clock's calendar spent paused (or resolved before a reopen); these moved the due time. */
  pausedMinutes: z.number(),
  pausedWallMinutes: z.number(),
  pauses: z.array(SlaPauseSpan),
  percentUsed: z.number(),
  isWarning: z.boolean(),
  isBreached: z.boolean(),
  explanation: z.object({ 'zh-CN': z.string(), en: z.string() }),
});
export type SlaClockState = z.infer<typeof SlaClockState>;

export const SlaEvaluation = z.object({
  levelKey: z.string(),
  /** Decided once, at open: was the ticket opened inside the policy's working hours? */
  band: z.enum(['in_hours', 'off_hours']),
  openedAt: iso,
  evaluatedAt: iso,
  state: z.enum(['open', 'paused', 'resolved', 'closed']),
  pause: z.object({ reason: z.string(), since: iso }).nullable(),
  clocks: z.array(SlaClockState),
  autoCloseAt: iso.nullable(),
  /** Years the calculation crossed for which the calendar has no holiday data: results there follow the weekly rule only. */
  incompleteYears: z.array(z.number().int()),
  /** Events the engine ignored and why (e.g. 'resumed' without a pause). */
  issues: z.array(z.string()),
});
export type SlaEvaluation = z.infer<typeof SlaEvaluation>;

/** A frozen copy of the working calendar, stored on the ticket at open so later calendar edits do not move its clocks. */
export const SlaCalendarSnapshot = z.object({
  timeZone: z.string(),
  weekly: z.array(z.array(z.tuple([z.number().int(), z.number().int()]))).length(7),
  makeupRanges: z.array(z.tuple([z.number().int(), z.number().int()])),
  exceptions: z.array(
    z.object({
      date: z.iso.date(),
      kind: z.enum(['holiday', 'workday']),
      name: z.string().optional(),
      ranges: z.array(z.tuple([z.number().int(), z.number().int()])).optional(),
    }),
  ),
  coveredYears: z.array(z.number().int()),
});
export type SlaCalendarSnapshot = z.infer<typeof SlaCalendarSnapshot>;
