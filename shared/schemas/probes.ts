import { z } from 'zod';
import { Page, PageQuery } from './common.ts';

/** Every probe kind the engine runs; `heartbeat` is pushed to us rather than run. */
export const PROBE_KINDS = ['ping', 'tcp', 'http', 'tls', 'dns', 'snmp', 'postgres', 'mysql', 'sqlserver', 'dameng', 'heartbeat', 'hl7', 'dicom', 'fhir'] as const;
export const ProbeKindKey = z.enum(PROBE_KINDS);
export type ProbeKindKey = z.infer<typeof ProbeKindKey>;

/**
 * A probe's state. `unreachable`: failing while something it depends on (by asset relations) is down.
 * `maintenance`: inside a maintenance window; `paused`: switched off by a person; `unknown`: not measured (yet).
 */
export const PROBE_STATES = ['up', 'degraded', 'down', 'unreachable', 'paused', 'maintenance', 'unknown'] as const;
export const ProbeState = z.enum(PROBE_STATES);
export type ProbeState = z.infer<typeof ProbeState>;

/** What a single run saw (see CheckOutcome on the server); stored as a small integer. */
export const CHECK_STATUSES = ['up', 'degraded', 'down', 'unknown'] as const;
export const CheckStatus = z.enum(CHECK_STATUSES);
export type CheckStatus = z.infer<typeof CheckStatus>;

const ProbeConfig = z.record(z.string(), z.unknown());

/** Timing and placement shared by every kind. */
const ProbeSchedule = z.object({
  intervalS: z.number().int().min(10).max(86_400).default(60),
  timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
  /** failed runs in a row, after the first, before the probe is declared down */
  retries: z.number().int().min(0).max(10).default(2),
  retryIntervalS: z.number().int().min(5).max(86_400).default(20),
  /** null: the central workers run it; else the edge agent of that id */
  agentId: z.uuid().nullable().default(null),
  /** availability target in percent, e.g. 99.9 or 99.975 */
  availabilityTarget: z.number().gt(0).max(100).default(99.9),
});

export const ProbeCreateInput = ProbeSchedule.extend({
  orgId: z.uuid(),
  assetId: z.uuid().nullable().default(null),
  name: z.string().trim().min(1).max(120),
  kind: ProbeKindKey,
  /** the kind's own configuration, checked against that kind's schema */
  config: ProbeConfig.default({}),
  /** passwords, SNMP communities, keys: stored SM4-sealed, never returned */
  secrets: ProbeConfig.optional(),
});
export type ProbeCreateInput = z.input<typeof ProbeCreateInput>;

export const ProbeUpdateInput = ProbeSchedule.partial().extend({
  assetId: z.uuid().nullable().optional(),
  name: z.string().trim().min(1).max(120).optional(),
  config: ProbeConfig.optional(),
  /** replaces the stored secrets; null removes them; absent keeps them */
  secrets: ProbeConfig.nullable().optional(),
});
export type ProbeUpdateInput = z.infer<typeof ProbeUpdateInput>;

export const Probe = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  assetId: z.uuid().nullable(),
  assetName: z.string().nullable(),
  name: z.string(),
  kind: ProbeKindKey,
  config: ProbeConfig,
  hasSecrets: z.boolean(),
  intervalS: z.number().int(),
  timeoutMs: z.number().int(),
  retries: z.number().int(),
  retryIntervalS: z.number().int(),
  agentId: z.uuid().nullable(),
  agentName: z.string().nullable(),
  availabilityTarget: z.number(),
  /** the push URL path for heartbeat probes, e.g. /api/heartbeats/3f…; null for others */
  heartbeatPath: z.string().nullable(),
  isPaused: z.boolean(),
  state: ProbeState,
  stateSince: z.iso.datetime(),
  stateMessage: z.string().nullable(),
  isFlapping: z.boolean(),
  lastCheck: z
    .object({ checkedAt: z.iso.datetime(), status: CheckStatus, latencyMs: z.number().nullable(), message: z.string().nullable() })
    .nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Probe = z.infer<typeof Probe>;

export const ProbeListQuery = PageQuery.extend({
  orgId: z.uuid().optional(),
  assetId: z.uuid().optional(),
  agentId: z.uuid().optional(),
  kind: ProbeKindKey.optional(),
  state: ProbeState.optional(),
});
export type ProbeListQuery = z.infer<typeof ProbeListQuery>;
export const ProbePage = Page(Probe);
export type ProbePage = z.infer<typeof ProbePage>;

/** Bulk creation: many probes in one all-or-nothing request (e.g. ping every server with a management IP). */
export const ProbeBulkInput = z.object({ probes: z.array(ProbeCreateInput).min(1).max(10_000) });
export type ProbeBulkInput = z.input<typeof ProbeBulkInput>;
export const ProbeBulkResult = z.object({ created: z.number().int(), ids: z.array(z.uuid()) });

/** Counts by state for the summary bar of the probe list. */
export const ProbeStateCounts = z.record(ProbeState, z.number().int());

export const ProbeResult = z.object({
  checkedAt: z.iso.datetime(),
  status: CheckStatus,
  latencyMs: z.number().nullable(),
  code: z.string().nullable(),
  message: z.string().nullable(),
  measurements: z.record(z.string(), z.number()).nullable(),
  isMaintenance: z.boolean(),
});
export type ProbeResult = z.infer<typeof ProbeResult>;

export const ProbeStateChange = z.object({
  id: z.string(),
  probeId: z.uuid(),
  fromState: ProbeState,
  toState: ProbeState,
  changedAt: z.iso.datetime(),
  message: z.string().nullable(),
  causeProbeId: z.uuid().nullable(),
});
export type ProbeStateChange = z.infer<typeof ProbeStateChange>;

/** Heartbeat push: GET or POST /api/heartbeats/{key}?status=up|down&msg=… */
export const HeartbeatPush = z.object({
  status: z.enum(['up', 'down']).default('up'),
  msg: z.string().max(500).optional(),
  /** the job's own duration, if it reports one */
  durationMs: z.coerce.number().min(0).max(86_400_000).optional(),
});
export type HeartbeatPush = z.infer<typeof HeartbeatPush>;

// ---- availability, series, live ----

const MAX_PERIOD_MS = 400 * 86_400_000;

/** A period [from, to) of at most 400 days (a year of monthly reports fits). */
export const PeriodQuery = z
  .object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) })
  .refine((p) => Date.parse(p.from) < Date.parse(p.to), { message: 'from must be before to', path: ['to'] })
  .refine((p) => Date.parse(p.to) - Date.parse(p.from) <= MAX_PERIOD_MS, { message: 'at most 400 days', path: ['to'] });
export type PeriodQuery = z.infer<typeof PeriodQuery>;

export const Outage = z.object({
  probeId: z.uuid().optional(),
  start: z.iso.datetime(),
  /** null while it lasts */
  end: z.iso.datetime().nullable(),
  durationSeconds: z.number(),
  state: z.string(),
  cause: z.string().nullable(),
});
export type Outage = z.infer<typeof Outage>;

/** Availability over a period against the target, approved maintenance excluded. */
export const Availability = z.object({
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  periodSeconds: z.number(),
  maintenanceSeconds: z.number(),
  downtimeSeconds: z.number(),
  availabilityPct: z.number(),
  target: z.number(),
  meetsTarget: z.boolean(),
  /** downtime the target allows over the period */
  budgetSeconds: z.number(),
  /** budget − downtime so far; negative once spent */
  remainingBudgetSeconds: z.number(),
  outages: z.array(Outage),
});
export type Availability = z.infer<typeof Availability>;

export const MonthlyAvailabilityQuery = z.object({ months: z.coerce.number().int().min(1).max(36).default(12) });
export const MonthlyAvailability = z.object({ items: z.array(Availability.extend({ month: z.string().describe('YYYY-MM, Asia/Shanghai') })) });
export type MonthlyAvailability = z.infer<typeof MonthlyAvailability>;

export const SeriesPoint = z.object({
  at: z.iso.datetime(),
  latencyAvg: z.number().nullable(),
  latencyMax: z.number().nullable(),
  latencyP95: z.number().nullable(),
  total: z.number().int(),
  successes: z.number().int(),
});
export type SeriesPoint = z.infer<typeof SeriesPoint>;
/** Latency over a period; the grain (raw, 5m, 1h, 1d) follows the period's length. */
export const LatencySeries = z.object({ grain: z.enum(['raw', '5m', '1h', '1d']), points: z.array(SeriesPoint) });
export type LatencySeries = z.infer<typeof LatencySeries>;

/** Sparklines and uptime ratios for the probes on one list page. */
export const ProbeStatsQuery = z.object({
  ids: z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.uuid()).min(1).max(100)),
});
export const ProbeStats = z.object({
  items: z.array(
    z.object({
      probeId: z.uuid(),
      /** hourly average latency over the last 24 h, oldest first; null where nothing was measured */
      sparkline: z.array(z.number().nullable()),
      /** share of successful checks, 0–1 */
      uptime24h: z.number().nullable(),
      /** share of successful checks, 0–1 */
      uptime30d: z.number().nullable(),
    }),
  ),
});
export type ProbeStats = z.infer<typeof ProbeStats>;

/** A live update pushed to the console (server-sent events on /api/probes/live). */
export const ProbeLiveEvent = z.object({
  id: z.string(),
  probeId: z.uuid(),
  orgId: z.uuid(),
  fromState: ProbeState,
  toState: ProbeState,
  changedAt: z.iso.datetime(),
  message: z.string().nullable(),
});
export type ProbeLiveEvent = z.infer<typeof ProbeLiveEvent>;

/** Bulk creation from assets: one probe per matching asset, e.g. ping every server that has a management IP. */
export const ProbeFromAssetsInput = z.object({
  orgId: z.uuid().optional(),
  assetKind: z.string().min(1).max(60),
  /** ping/tcp use the asset's first management IP; http/fhir need the asset attribute `url` */
  kind: z.enum(['ping', 'tcp', 'http', 'tls', 'fhir']),
  port: z.number().int().min(1).max(65_535).optional(),
  intervalS: z.number().int().min(10).max(86_400).default(60),
  /** preview: list what would be created without creating it */
  isDryRun: z.boolean().default(false),
});
export type ProbeFromAssetsInput = z.input<typeof ProbeFromAssetsInput>;
export const ProbeFromAssetsResult = z.object({
  created: z.number().int(),
  /** assets that got no probe and why (no IP, already probed …) */
  skipped: z.array(z.object({ assetId: z.uuid(), assetName: z.string(), reason: z.string() })),
  planned: z.array(z.object({ assetId: z.uuid(), assetName: z.string(), name: z.string(), target: z.string() })),
});
export type ProbeFromAssetsResult = z.infer<typeof ProbeFromAssetsResult>;
