import { z } from 'zod';
import { Page, PageQuery } from './common.ts';

/** Longest single occurrence: a week. Longer "maintenance" is a paused probe, not a window. */
export const MAINTENANCE_MAX_OCCURRENCE_MINUTES = 7 * 24 * 60;

/** What a window silences: one probe, every probe on an asset, or every probe of an organisation subtree. */
export const MaintenanceScope = z.enum(['probe', 'asset', 'organisation']);
export type MaintenanceScope = z.infer<typeof MaintenanceScope>;

function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

const recurrenceTiming = {
  /** local wall-clock start of each occurrence in `timeZone` */
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time must be HH:mm (00:00–23:59)'),
  /** real elapsed minutes, so an occurrence across a DST change still lasts exactly this long */
  durationMinutes: z.number().int().min(1).max(MAINTENANCE_MAX_OCCURRENCE_MINUTES),
  timeZone: z.string().trim().min(1).max(60).refine(isTimeZone, 'unknown time zone').default('Asia/Shanghai'),
};

/**
 * A repeating window inside the series' validity [startsAt, endsAt): each occurrence starting inside it
 * counts, cut at endsAt. Monthly on a day a month lacks (31st in April) falls on that month's last day.
 */
export const Recurrence = z.discriminatedUnion('freq', [
  z.object({ freq: z.literal('daily'), ...recurrenceTiming }),
  z.object({
    freq: z.literal('weekly'),
    /** ISO weekdays: 1 = Monday … 7 = Sunday */
    weekdays: z
      .array(z.number().int().min(1).max(7))
      .min(1)
      .max(7)
      .refine((ws) => new Set(ws).size === ws.length, 'weekdays must not repeat'),
    ...recurrenceTiming,
  }),
  z.object({ freq: z.literal('monthly'), monthDay: z.number().int().min(1).max(31), ...recurrenceTiming }),
]);
export type Recurrence = z.infer<typeof Recurrence>;

/**
 * Series-level status: `active` while now lies in [startsAt, endsAt) — a recurring window may still be
 * between occurrences (see isActiveNow); `upcoming` before, `past` after, `cancelled` once cancelled.
 */
export const MaintenanceWindowStatus = z.enum(['active', 'upcoming', 'past', 'cancelled']);
export type MaintenanceWindowStatus = z.infer<typeof MaintenanceWindowStatus>;

/** One occurrence of a window, [start, end). */
export const MaintenanceOccurrence = z.object({ start: z.iso.datetime(), end: z.iso.datetime() });

/** A maintenance window as the API shows it. */
export const MaintenanceWindow = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  scope: MaintenanceScope,
  probeId: z.uuid().nullable(),
  probeName: z.string().nullable(),
  assetId: z.uuid().nullable(),
  assetName: z.string().nullable(),
  title: z.string(),
  reason: z.string().nullable(),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  recurrence: Recurrence.nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.iso.datetime(),
  cancelledAt: z.iso.datetime().nullable(),
  status: MaintenanceWindowStatus,
  /** true while an occurrence covers now: the window's probes show 'maintenance' */
  isActiveNow: z.boolean(),
  /** the occurrence in progress, else the next one; null when none is left */
  nextOccurrence: MaintenanceOccurrence.nullable(),
});
export type MaintenanceWindow = z.infer<typeof MaintenanceWindow>;

const SCOPE_ID = { probe: 'probeId', asset: 'assetId', organisation: 'orgId' } as const;

/** A new window: exactly the id its scope names; one-off up to 7 days, or a recurrence inside [startsAt, endsAt). */
export const MaintenanceWindowCreateInput = z
  .object({
    scope: MaintenanceScope,
    /** scope 'probe' only */
    probeId: z.uuid().optional(),
    /** scope 'asset' only: every probe on the asset */
    assetId: z.uuid().optional(),
    /** scope 'organisation' only: every probe of the organisation and its sub-organisations */
    orgId: z.uuid().optional(),
    title: z.string().trim().min(1).max(120),
    reason: z.string().trim().max(1000).nullable().optional(),
    /** one-off: the window itself; recurring: when the series is in force */
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    recurrence: Recurrence.nullable().default(null),
  })
  .superRefine((input, ctx) => {
    for (const [scope, key] of Object.entries(SCOPE_ID)) {
      const isGiven = input[key] !== undefined;
      if (scope === input.scope && !isGiven) ctx.addIssue({ code: 'custom', path: [key], message: `${key} is required for scope '${scope}'` });
      if (scope !== input.scope && isGiven) ctx.addIssue({ code: 'custom', path: [key], message: `${key} is only for scope '${scope}'` });
    }
    const startsMs = Date.parse(input.startsAt);
    const endsMs = Date.parse(input.endsAt);
    if (endsMs <= startsMs) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'endsAt must be after startsAt' });
    else if (!input.recurrence && endsMs - startsMs > MAINTENANCE_MAX_OCCURRENCE_MINUTES * 60_000) {
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'a one-off window lasts at most 7 days' });
    }
    // A daily window longer than a day would never end; say so instead of merging it into one.
    if (input.recurrence?.freq === 'daily' && input.recurrence.durationMinutes > 24 * 60) {
      ctx.addIssue({ code: 'custom', path: ['recurrence', 'durationMinutes'], message: 'a daily window lasts at most 1440 minutes' });
    }
  });
export type MaintenanceWindowCreateInput = z.infer<typeof MaintenanceWindowCreateInput>;

/** Filters of the window list; all combine with AND. */
export const MaintenanceWindowListQuery = PageQuery.extend({
  /** windows of this organisation and its subtree */
  orgId: z.uuid().optional(),
  /** windows that apply to this probe, whatever their scope */
  probeId: z.uuid().optional(),
  /** windows that apply to this asset or its probes, whatever their scope */
  assetId: z.uuid().optional(),
  status: MaintenanceWindowStatus.optional(),
});
export type MaintenanceWindowListQuery = z.infer<typeof MaintenanceWindowListQuery>;

/** A page of windows, newest start first. */
export const MaintenanceWindowPage = Page(MaintenanceWindow);
export type MaintenanceWindowPage = z.infer<typeof MaintenanceWindowPage>;
