import { z } from 'zod';

// On-call schedules: who answers an alert at a given moment. A schedule has layers, each a rotation of participants,
// optionally restricted to some hours; higher layers win where they have someone; overrides win over every layer.
// Layers are listed lowest first, so `layers[layers.length - 1]` is the top layer, as in PagerDuty's "Layer N wins".

/** Local wall-clock time, 00:00–23:59. */
export const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:mm, 00:00–23:59');
/** ISO weekday: 1 = Monday … 7 = Sunday. */
export const IsoWeekday = z.number().int().min(1).max(7);

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** A weekly window starting on each of `weekdays` at `start`; an `end` at or before `start` runs into the next day (nights). */
export const WeeklyTimeRange = z.object({
  weekdays: z.array(IsoWeekday).min(1).max(7),
  start: LocalTime,
  end: LocalTime,
});
export type WeeklyTimeRange = z.infer<typeof WeeklyTimeRange>;

/** When a layer is in force: fixed weekly windows, or business / non-business time of a work calendar (holiday-aware). */
export const LayerRestriction = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('weekly'), ranges: z.array(WeeklyTimeRange).min(1).max(50) }),
  z.object({ kind: z.literal('business_hours') }),
  z.object({ kind: z.literal('off_hours') }),
]);
export type LayerRestriction = z.infer<typeof LayerRestriction>;

/** One layer: a rotation of participants handing off at a local time, from a start date. */
export const OnCallLayer = z
  .object({
    name: z.string().trim().min(1).max(60),
    /** user ids in turn order; a user may appear more than once */
    participants: z.array(z.string().trim().min(1).max(64)).min(1).max(100),
    /** custom = every `everyHours` hours of elapsed time */
    kind: z.enum(['daily', 'weekly', 'custom']),
    handoffTime: LocalTime,
    /** weekly only: the day the turn passes on */
    handoffWeekday: IsoWeekday.optional(),
    /** custom only */
    everyHours: z.number().int().min(1).max(24 * 28).optional(),
    /** the first participant's turn starts on this local date at handoffTime */
    startDate: z.iso.date(),
    restriction: LayerRestriction.nullable().default(null),
  })
  .refine((l) => l.kind !== 'weekly' || l.handoffWeekday !== undefined, { path: ['handoffWeekday'], message: 'a weekly rotation needs a hand-off weekday' })
  .refine((l) => l.kind !== 'custom' || l.everyHours !== undefined, { path: ['everyHours'], message: 'a custom rotation needs everyHours' });
export type OnCallLayer = z.infer<typeof OnCallLayer>;

/** User X covers [start, end), whatever the layers say. A swap is two overrides. */
export const OnCallOverride = z
  .object({
    userId: z.string().trim().min(1).max(64),
    start: z.iso.datetime({ offset: true }),
    end: z.iso.datetime({ offset: true }),
    reason: z.string().trim().max(200).optional(),
  })
  .refine((o) => Date.parse(o.start) < Date.parse(o.end), { path: ['end'], message: 'an override must end after it starts' });
export type OnCallOverride = z.infer<typeof OnCallOverride>;

/** The rules of one schedule; the stored schedule adds id, name and organisation around these. */
export const OnCallSchedule = z.object({
  timeZone: z.string().trim().min(1).max(60).default('Asia/Shanghai').refine(isTimeZone, 'unknown IANA time zone'),
  layers: z.array(OnCallLayer).min(1).max(10),
  /** later overrides win where they overlap earlier ones */
  overrides: z.array(OnCallOverride).max(1_000).default([]),
});
export type OnCallSchedule = z.infer<typeof OnCallSchedule>;

/** A final shift as the calendar view shows it; `layer` is the index into `layers`, or 'override'. */
export const OnCallShift = z.object({
  userId: z.string(),
  start: z.iso.datetime(),
  end: z.iso.datetime(),
  layer: z.union([z.number().int().min(0), z.literal('override')]),
});
export type OnCallShift = z.infer<typeof OnCallShift>;
