import { z } from 'zod';
import { AlertSeverity } from './alert-channels.ts';
import { AlertmanagerSourceConfig, GenericWebhookMapping } from './alerts-inbound.ts';
import { Page, PageQuery } from './common.ts';
import { OnCallSchedule } from './oncall.ts';

// The alert store and everything that decides who hears about an alert: silences, routes, escalation policies and
// on-call schedules. One alert per (organisation, dedup key) while it is open; repeated firings bump its count.

/** Where an alert came from: a probe's state change, a threshold rule, an asset reminder, or an inbound webhook. */
export const AlertSource = z.enum(['probe', 'rule', 'asset', 'alertmanager', 'zabbix', 'webhook']);
export type AlertSource = z.infer<typeof AlertSource>;

/** firing → acknowledged → resolved; a resolved alert that fires again opens a new alert. */
export const AlertStatus = z.enum(['firing', 'acknowledged', 'resolved']);
export type AlertStatus = z.infer<typeof AlertStatus>;

/** Why nobody is notified although the alert fires: a silence matched, a maintenance window, or its cause is upstream. */
export const AlertSuppression = z.enum(['silence', 'maintenance', 'dependency']);
export type AlertSuppression = z.infer<typeof AlertSuppression>;

export const ALERT_LIMITS = { labels: 100, labelName: 100, labelValue: 1_000, title: 500, summary: 10_000, comment: 2_000 } as const;

const Labels = z
  .record(z.string().min(1).max(ALERT_LIMITS.labelName), z.string().max(ALERT_LIMITS.labelValue))
  .refine((l) => Object.keys(l).length <= ALERT_LIMITS.labels, `at most ${ALERT_LIMITS.labels} labels`);

export const Alert = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  source: AlertSource,
  dedupKey: z.string(),
  severity: AlertSeverity,
  status: AlertStatus,
  title: z.string(),
  summary: z.string(),
  labels: z.record(z.string(), z.string()),
  assetId: z.uuid().nullable(),
  assetName: z.string().nullable(),
  probeId: z.uuid().nullable(),
  /** org + system (asset) the alert is grouped and notified under */
  groupKey: z.string(),
  /** firings of the same key while open */
  count: z.number().int(),
  suppression: AlertSuppression.nullable(),
  /** the alert of the upstream cause when suppressed by dependency */
  causeAlertId: z.uuid().nullable(),
  silenceId: z.uuid().nullable(),
  routeId: z.uuid().nullable(),
  escalationPolicyId: z.uuid().nullable(),
  /** 0 before the first step; the last step taken */
  escalationStep: z.number().int(),
  nextEscalationAt: z.string().nullable(),
  url: z.string().nullable(),
  firstFiredAt: z.string(),
  lastFiredAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  /** null when the source recovered on its own */
  resolvedBy: z.string().nullable(),
  /** the ticket the service desk opened for it, once it exists */
  ticketRef: z.string().nullable(),
});
export type Alert = z.infer<typeof Alert>;

export const AlertEventKind = z.enum(['fired', 'refired', 'acknowledged', 'unacknowledged', 'resolved', 'reopened', 'notified', 'escalated', 'suppressed', 'unsuppressed', 'commented', 'severity_changed', 'ticket']);
export type AlertEventKind = z.infer<typeof AlertEventKind>;

/** One line of an alert's timeline. */
export const AlertEvent = z.object({
  id: z.number().int(),
  alertId: z.uuid(),
  kind: AlertEventKind,
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AlertEvent = z.infer<typeof AlertEvent>;

type Undefaulted<S extends z.ZodRawShape> = { [K in keyof S]: z.ZodOptional<S[K] extends z.ZodDefault<infer I> ? I : S[K]> };

/** A PATCH body: every field optional, and an absent field stays absent (`.partial()` would fill in the create defaults and reset it). */
function patchOf<S extends z.ZodRawShape>(schema: z.ZodObject<S>): z.ZodObject<Undefaulted<S>> {
  const shape = Object.fromEntries(Object.entries(schema.shape).map(([k, v]) => [k, (v instanceof z.ZodDefault ? (v.unwrap() as z.ZodType) : (v as z.ZodType)).optional()]));
  return z.object(shape) as unknown as z.ZodObject<Undefaulted<S>>;
}

const CsvList = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(item).max(50));

export const AlertListQuery = PageQuery.extend({
  /** active = firing + acknowledged (the default); history = resolved */
  view: z.enum(['active', 'history', 'all']).default('active'),
  status: CsvList(AlertStatus).optional(),
  severity: CsvList(AlertSeverity).optional(),
  source: CsvList(AlertSource).optional(),
  orgId: z.uuid().optional(),
  assetId: z.uuid().optional(),
  probeId: z.uuid().optional(),
  /** include alerts nobody is notified of (silenced, maintenance, behind a dead parent) */
  includeSuppressed: z.coerce.boolean().default(false),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  sort: z.enum(['lastFiredAt', 'firstFiredAt', 'severity']).default('lastFiredAt'),
});
export type AlertListQuery = z.infer<typeof AlertListQuery>;
export const AlertPage = Page(Alert).extend({
  /** how many matching alerts the filter hides because they are suppressed */
  suppressedCount: z.number().int(),
});
export type AlertPage = z.infer<typeof AlertPage>;

/** The group view: one row per organisation + system with its open alerts counted. */
export const AlertGroup = z.object({
  groupKey: z.string(),
  orgId: z.uuid(),
  orgName: z.string(),
  assetId: z.uuid().nullable(),
  assetName: z.string().nullable(),
  highestSeverity: AlertSeverity,
  firing: z.number().int(),
  acknowledged: z.number().int(),
  suppressed: z.number().int(),
  lastFiredAt: z.string(),
  titles: z.array(z.string()),
});
export type AlertGroup = z.infer<typeof AlertGroup>;
export const AlertGroupPage = Page(AlertGroup);
export type AlertGroupPage = z.infer<typeof AlertGroupPage>;

/** Counts for the header badge and the alert center's summary bar. */
export const AlertSummary = z.object({
  firing: z.record(AlertSeverity, z.number().int()),
  acknowledged: z.number().int(),
  suppressed: z.number().int(),
});
export type AlertSummary = z.infer<typeof AlertSummary>;

export const AlertBulkActionInput = z.object({
  ids: z.array(z.uuid()).min(1).max(1_000),
  comment: z.string().trim().max(ALERT_LIMITS.comment).optional(),
});
export type AlertBulkActionInput = z.infer<typeof AlertBulkActionInput>;
export const AlertBulkActionResult = z.object({ changed: z.number().int(), unchanged: z.number().int() });
export type AlertBulkActionResult = z.infer<typeof AlertBulkActionResult>;

export const AlertCommentInput = z.object({ text: z.string().trim().min(1).max(ALERT_LIMITS.comment) });
export type AlertCommentInput = z.infer<typeof AlertCommentInput>;

/** An alert raised by hand or by an API client that speaks our own format (Alertmanager/Zabbix have their own endpoints). */
export const AlertRaiseInput = z.object({
  orgId: z.uuid(),
  dedupKey: z.string().trim().min(1).max(255),
  status: z.enum(['firing', 'resolved']).default('firing'),
  severity: AlertSeverity,
  title: z.string().trim().min(1).max(ALERT_LIMITS.title),
  summary: z.string().max(ALERT_LIMITS.summary).default(''),
  labels: Labels.default({}),
  assetId: z.uuid().nullable().default(null),
  url: z.string().max(2_000).nullable().default(null),
});
export type AlertRaiseInput = z.input<typeof AlertRaiseInput>;

// ——— silences ———

/** Label matchers as Alertmanager has them: = != =~ !~ (regexes are anchored). Built-in labels: severity, source, org, asset, asset_kind, probe, probe_kind. */
export const LabelMatcher = z
  .object({
    name: z.string().trim().min(1).max(ALERT_LIMITS.labelName),
    op: z.enum(['=', '!=', '=~', '!~']),
    value: z.string().max(ALERT_LIMITS.labelValue),
  })
  .refine(
    (m) => {
      if (m.op !== '=~' && m.op !== '!~') return true;
      try {
        new RegExp(`^(?:${m.value})$`);
        return true;
      } catch {
        return false;
      }
    },
    { path: ['value'], message: 'not a valid regular expression' },
  );
export type LabelMatcher = z.infer<typeof LabelMatcher>;

export const Silence = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  matchers: z.array(LabelMatcher),
  startsAt: z.string(),
  endsAt: z.string(),
  reason: z.string(),
  createdBy: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  /** pending (starts later), active, expired (ended or expired early) */
  state: z.enum(['pending', 'active', 'expired']),
});
export type Silence = z.infer<typeof Silence>;

export const SilenceInput = z
  .object({
    orgId: z.uuid(),
    matchers: z.array(LabelMatcher).min(1).max(20),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    reason: z.string().trim().min(1).max(500),
  })
  .refine((s) => Date.parse(s.startsAt) < Date.parse(s.endsAt), { path: ['endsAt'], message: 'a silence must end after it starts' })
  .refine((s) => Date.parse(s.endsAt) - Date.parse(s.startsAt) <= 366 * 86_400_000, { path: ['endsAt'], message: 'a silence lasts at most a year' });
export type SilenceInput = z.infer<typeof SilenceInput>;

/** What a silence may change: matchers, end and reason (its start and organisation stay; expire ends it now). */
export const SilenceUpdateInput = z.object({
  matchers: z.array(LabelMatcher).min(1).max(20).optional(),
  endsAt: z.iso.datetime({ offset: true }).optional(),
  reason: z.string().trim().min(1).max(500).optional(),
});
export type SilenceUpdateInput = z.infer<typeof SilenceUpdateInput>;

export const SilenceListQuery = PageQuery.extend({ orgId: z.uuid().optional(), state: z.enum(['pending', 'active', 'expired']).optional() });
export type SilenceListQuery = z.infer<typeof SilenceListQuery>;
export const SilencePage = Page(Silence);
export type SilencePage = z.infer<typeof SilencePage>;

// ——— on-call schedules ———

export const OnCallScheduleRecord = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  name: z.string(),
  description: z.string(),
  /** work calendar for layers restricted to business / off hours (holiday- and 调休-aware) */
  calendarId: z.uuid().nullable(),
  rules: OnCallSchedule,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type OnCallScheduleRecord = z.infer<typeof OnCallScheduleRecord>;

export const OnCallScheduleInput = z.object({
  orgId: z.uuid(),
  name: z.string().trim().min(1).max(100),
  description: z.string().trim().max(500).default(''),
  calendarId: z.uuid().nullable().default(null),
  rules: OnCallSchedule,
});
export type OnCallScheduleInput = z.input<typeof OnCallScheduleInput>;
export const OnCallScheduleUpdateInput = patchOf(OnCallScheduleInput.omit({ orgId: true }));
export type OnCallScheduleUpdateInput = z.input<typeof OnCallScheduleUpdateInput>;
export const OnCallSchedulePage = Page(OnCallScheduleRecord);
export type OnCallSchedulePage = z.infer<typeof OnCallSchedulePage>;
export const OnCallScheduleListQuery = PageQuery.extend({ orgId: z.uuid().optional() });
export type OnCallScheduleListQuery = z.infer<typeof OnCallScheduleListQuery>;

/** The calendar view: final shifts between from and to (at most 62 days). */
export const OnCallShiftQuery = z
  .object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) })
  .refine((q) => Date.parse(q.from) < Date.parse(q.to), { path: ['to'], message: 'to must be after from' })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 62 * 86_400_000, { path: ['to'], message: 'at most 62 days' });
export const OnCallShiftView = z.object({ userId: z.string(), userName: z.string(), start: z.string(), end: z.string(), layer: z.union([z.number().int(), z.literal('override')]) });
export type OnCallShiftView = z.infer<typeof OnCallShiftView>;
export const OnCallShiftList = z.object({ items: z.array(OnCallShiftView) });
export type OnCallShiftList = z.infer<typeof OnCallShiftList>;
/** Who is on call at `at` (default: now). */
export const OnCallNowQuery = z.object({ at: z.iso.datetime({ offset: true }).optional() });
export type OnCallNowQuery = z.infer<typeof OnCallNowQuery>;
export const OnCallNow = z.object({ userId: z.string().nullable(), userName: z.string().nullable(), layer: z.union([z.number().int(), z.literal('override')]).nullable() });
export type OnCallNow = z.infer<typeof OnCallNow>;

// ——— escalation policies ———

/** Who a step notifies: a channel (a group robot), the person on call in a schedule, or a named user — people are reached through `via` channels (SMS, e-mail) at their own phone/e-mail, and always in-app. */
export const EscalationTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('channel'), channelId: z.uuid() }),
  z.object({ kind: z.literal('schedule'), scheduleId: z.uuid(), via: z.array(z.uuid()).max(5).default([]) }),
  z.object({ kind: z.literal('user'), userId: z.uuid(), via: z.array(z.uuid()).max(5).default([]) }),
]);
export type EscalationTarget = z.infer<typeof EscalationTarget>;

export const EscalationStep = z.object({
  /** minutes after the previous step (the first step: after the alert fires) without acknowledgement */
  delayMinutes: z.number().int().min(0).max(24 * 60),
  targets: z.array(EscalationTarget).min(1).max(10),
});
export type EscalationStep = z.infer<typeof EscalationStep>;

export const EscalationPolicy = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  name: z.string(),
  description: z.string(),
  steps: z.array(EscalationStep),
  /** times the whole list repeats after the last step while nobody acknowledges */
  repeat: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type EscalationPolicy = z.infer<typeof EscalationPolicy>;

export const EscalationPolicyInput = z.object({
  orgId: z.uuid(),
  name: z.string().trim().min(1).max(100),
  description: z.string().trim().max(500).default(''),
  steps: z.array(EscalationStep).min(1).max(10),
  repeat: z.number().int().min(0).max(10).default(0),
});
export type EscalationPolicyInput = z.input<typeof EscalationPolicyInput>;
export const EscalationPolicyUpdateInput = patchOf(EscalationPolicyInput.omit({ orgId: true }));
export type EscalationPolicyUpdateInput = z.input<typeof EscalationPolicyUpdateInput>;
export const EscalationPolicyPage = Page(EscalationPolicy);
export type EscalationPolicyPage = z.infer<typeof EscalationPolicyPage>;
export const EscalationPolicyListQuery = PageQuery.extend({ orgId: z.uuid().optional() });
export type EscalationPolicyListQuery = z.infer<typeof EscalationPolicyListQuery>;

// ——— routes ———

/** When a route applies: any time, or inside / outside the working hours of a work calendar (holidays and 调休 count). */
export const RouteTime = z.enum(['any', 'business_hours', 'off_hours']);
export type RouteTime = z.infer<typeof RouteTime>;

export const AlertRouteConditions = z.object({
  /** the route's organisation and those under it, or only its own */
  includeSubOrgs: z.boolean().default(true),
  severities: z.array(AlertSeverity).max(4).default([]),
  /** asset kind keys (server, switch, software_system …); empty = any */
  assetKinds: z.array(z.string().trim().min(1).max(60)).max(50).default([]),
  /** only alerts on core (核心) assets */
  coreOnly: z.boolean().default(false),
  sources: z.array(AlertSource).max(6).default([]),
  matchers: z.array(LabelMatcher).max(20).default([]),
  time: RouteTime.default('any'),
  /**
   * the calendar 'business_hours' / 'off_hours' read; null = the alert organisation's default calendar (its own or
   * its nearest ancestor's active calendar, else the platform's standard 5×8 calendar with holidays and 调休)
   */
  calendarId: z.uuid().nullable().default(null),
});
export type AlertRouteConditions = z.infer<typeof AlertRouteConditions>;

export const AlertRoute = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  name: z.string(),
  /** routes are tried in ascending position; the first match wins unless it says continue */
  position: z.number().int(),
  conditions: AlertRouteConditions,
  /** channels notified at once (group robots, webhooks) */
  channelIds: z.array(z.uuid()),
  escalationPolicyId: z.uuid().nullable(),
  /** notify the resolution too */
  notifyResolved: z.boolean(),
  isContinue: z.boolean(),
  isEnabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AlertRoute = z.infer<typeof AlertRoute>;

export const AlertRouteInput = z.object({
  orgId: z.uuid(),
  name: z.string().trim().min(1).max(100),
  position: z.number().int().min(0).max(100_000).default(100),
  conditions: AlertRouteConditions.default(AlertRouteConditions.parse({})),
  channelIds: z.array(z.uuid()).max(20).default([]),
  escalationPolicyId: z.uuid().nullable().default(null),
  notifyResolved: z.boolean().default(true),
  isContinue: z.boolean().default(false),
  isEnabled: z.boolean().default(true),
});
export type AlertRouteInput = z.input<typeof AlertRouteInput>;
export const AlertRouteUpdateInput = patchOf(AlertRouteInput.omit({ orgId: true }));
export type AlertRouteUpdateInput = z.input<typeof AlertRouteUpdateInput>;
export const AlertRoutePage = Page(AlertRoute);
export type AlertRoutePage = z.infer<typeof AlertRoutePage>;
export const AlertRouteListQuery = PageQuery.extend({ orgId: z.uuid().optional() });
export type AlertRouteListQuery = z.infer<typeof AlertRouteListQuery>;

/** "Which routes would this alert take now?" — the routes page's tester. */
export const RouteTestInput = z.object({
  orgId: z.uuid(),
  severity: AlertSeverity,
  source: AlertSource.default('probe'),
  assetId: z.uuid().nullable().default(null),
  labels: Labels.default({}),
  at: z.iso.datetime({ offset: true }).optional(),
});
export type RouteTestInput = z.input<typeof RouteTestInput>;
export const RouteTestResult = z.object({
  routes: z.array(z.object({ id: z.uuid(), name: z.string() })),
  isBusinessHours: z.boolean().nullable(),
});
export type RouteTestResult = z.infer<typeof RouteTestResult>;

// ——— in-app notifications ———

export const InboxItem = z.object({
  id: z.number().int(),
  alertId: z.uuid().nullable(),
  title: z.string(),
  text: z.string(),
  severity: AlertSeverity,
  url: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type InboxItem = z.infer<typeof InboxItem>;
export const InboxQuery = z.object({ page: PageQuery.shape.page, pageSize: PageQuery.shape.pageSize, unreadOnly: z.coerce.boolean().default(false) });
export type InboxQuery = z.infer<typeof InboxQuery>;
export const InboxPage = Page(InboxItem).extend({ unread: z.number().int() });
export type InboxPage = z.infer<typeof InboxPage>;
export const InboxReadInput = z.object({ ids: z.array(z.number().int().positive()).max(500).optional(), all: z.boolean().optional() });
export type InboxReadInput = z.infer<typeof InboxReadInput>;

// ——— inbound integrations ———

/** An inbound source an API token posts to: POST /api/alerts/inbound/<integration id> with `Authorization: Bearer <token>`. */
export const AlertIntegrationKind = z.enum(['alertmanager', 'zabbix', 'webhook']);
export type AlertIntegrationKind = z.infer<typeof AlertIntegrationKind>;

export const ZabbixIntegrationConfig = z.object({
  /** levels for Zabbix severities 0–5 */
  severities: z.array(AlertSeverity).length(6).default(['P4', 'P4', 'P3', 'P2', 'P1', 'P1']),
  orgTags: z.array(z.string().trim().min(1).max(100)).max(10).default(['org', 'organisation', 'hospital', 'tenant']),
});
export type ZabbixIntegrationConfig = z.infer<typeof ZabbixIntegrationConfig>;

export const AlertIntegrationConfig = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('alertmanager'), options: AlertmanagerSourceConfig.default(AlertmanagerSourceConfig.parse({})) }),
  z.object({ kind: z.literal('zabbix'), options: ZabbixIntegrationConfig.default(ZabbixIntegrationConfig.parse({})) }),
  z.object({ kind: z.literal('webhook'), options: GenericWebhookMapping }),
]);
export type AlertIntegrationConfig = z.infer<typeof AlertIntegrationConfig>;

export const AlertIntegration = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  name: z.string(),
  kind: AlertIntegrationKind,
  config: AlertIntegrationConfig,
  isEnabled: z.boolean(),
  /** path to post to, relative to the server */
  endpoint: z.string(),
  lastReceivedAt: z.string().nullable(),
  receivedCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AlertIntegration = z.infer<typeof AlertIntegration>;

export const AlertIntegrationInput = z.object({
  orgId: z.uuid(),
  name: z.string().trim().min(1).max(100),
  config: AlertIntegrationConfig,
  isEnabled: z.boolean().default(true),
});
export type AlertIntegrationInput = z.input<typeof AlertIntegrationInput>;
export const AlertIntegrationUpdateInput = patchOf(AlertIntegrationInput.omit({ orgId: true }));
export type AlertIntegrationUpdateInput = z.input<typeof AlertIntegrationUpdateInput>;
export const AlertIntegrationPage = Page(AlertIntegration);
export type AlertIntegrationPage = z.infer<typeof AlertIntegrationPage>;
export const AlertIntegrationListQuery = PageQuery.extend({ orgId: z.uuid().optional(), kind: AlertIntegrationKind.optional() });
export type AlertIntegrationListQuery = z.infer<typeof AlertIntegrationListQuery>;
export const InboundResult = z.object({ accepted: z.number().int(), alertIds: z.array(z.uuid()) });
export type InboundResult = z.infer<typeof InboundResult>;

// ——— threshold rules ———

/** What a rule measures over its window: latency, the share of failed checks, or a measurement a probe reports (SNMP temperature, UPS minutes left, TLS days left …). */
export const AlertRuleMetric = z.enum(['latency', 'failure_ratio', 'measurement']);
export type AlertRuleMetric = z.infer<typeof AlertRuleMetric>;
export const AlertRuleAggregate = z.enum(['p95', 'avg', 'max', 'min', 'last']);
export type AlertRuleAggregate = z.infer<typeof AlertRuleAggregate>;

const AlertRuleFields = {
  name: z.string().trim().min(1).max(100),
  /** one probe, or every probe (of `probeKind`, when set) in the organisation's subtree */
  probeId: z.uuid().nullable(),
  probeKind: z.string().trim().min(1).max(40).nullable(),
  metric: AlertRuleMetric,
  /** the measurement's name when metric is 'measurement' */
  measurementKey: z.string().trim().min(1).max(100).nullable(),
  aggregate: AlertRuleAggregate,
  op: z.enum(['>', '>=', '<', '<=']),
  threshold: z.number().finite(),
  /** the aggregate over the last N minutes must cross the threshold ("p95 latency > 800 ms for 5 minutes") */
  windowMinutes: z.number().int().min(1).max(1_440),
  /** fewer checks in the window than this decide nothing */
  minSamples: z.number().int().min(1).max(10_000),
  severity: AlertSeverity,
  isEnabled: z.boolean(),
};

export const AlertRule = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  ...AlertRuleFields,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AlertRule = z.infer<typeof AlertRule>;

const ruleChecks = <T extends { metric?: AlertRuleMetric; measurementKey?: string | null; threshold?: number; aggregate?: AlertRuleAggregate }>(r: T, ctx: z.RefinementCtx) => {
  if (r.metric === 'measurement' && !r.measurementKey) ctx.addIssue({ code: 'custom', path: ['measurementKey'], message: 'a measurement rule names the measurement' });
  if (r.metric === 'failure_ratio' && r.threshold !== undefined && (r.threshold < 0 || r.threshold > 1)) ctx.addIssue({ code: 'custom', path: ['threshold'], message: 'a failure ratio is between 0 and 1' });
};

export const AlertRuleInput = z
  .object({
    orgId: z.uuid(),
    ...AlertRuleFields,
    probeId: AlertRuleFields.probeId.default(null),
    probeKind: AlertRuleFields.probeKind.default(null),
    measurementKey: AlertRuleFields.measurementKey.default(null),
    aggregate: AlertRuleFields.aggregate.default('p95'),
    op: AlertRuleFields.op.default('>'),
    windowMinutes: AlertRuleFields.windowMinutes.default(5),
    minSamples: AlertRuleFields.minSamples.default(3),
    severity: AlertSeverity.default('P3'),
    isEnabled: z.boolean().default(true),
  })
  .superRefine(ruleChecks);
export type AlertRuleInput = z.input<typeof AlertRuleInput>;
export const AlertRuleUpdateInput = z.object(AlertRuleFields).partial().superRefine(ruleChecks);
export type AlertRuleUpdateInput = z.input<typeof AlertRuleUpdateInput>;
export const AlertRuleListQuery = PageQuery.extend({ orgId: z.uuid().optional(), probeId: z.uuid().optional() });
export type AlertRuleListQuery = z.infer<typeof AlertRuleListQuery>;
export const AlertRulePage = Page(AlertRule);
export type AlertRulePage = z.infer<typeof AlertRulePage>;
