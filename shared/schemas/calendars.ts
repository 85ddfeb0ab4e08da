import { z } from 'zod';

const minute = z.number().int().min(0).max(1440);
export const DayRanges = z
  .array(z.tuple([minute, minute]))
  .max(6)
  .refine((rs) => rs.every(([a, b]) => a < b), 'each range must start before it ends')
  .refine((rs) => rs.every((r, i) => i === 0 || r[0] >= rs[i - 1]![1]), 'ranges must be sorted and must not overlap');

export const WorkCalendar = z.object({
  id: z.uuid(),
  orgId: z.uuid().nullable(),
  name: z.string(),
  description: z.string().nullable(),
  timeZone: z.string(),
  /** Monday first; minutes since local midnight */
  weekly: z.array(z.array(z.tuple([z.number(), z.number()]))).length(7),
  makeupRanges: z.array(z.tuple([z.number(), z.number()])),
  followsNationalHolidays: z.boolean(),
  coveredYears: z.array(z.number().int()),
  isActive: z.boolean(),
  /** true when the coming year has no holiday data yet */
  missingNextYear: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type WorkCalendar = z.infer<typeof WorkCalendar>;

export const WorkCalendarCreateInput = z.object({
  orgId: z.uuid().nullable(),
  name: z.string().trim().min(1).max(60),
  description: z.string().trim().max(200).nullable().optional(),
  timeZone: z.string().trim().min(1).max(60).default('Asia/Shanghai'),
  weekly: z.array(DayRanges).length(7),
  makeupRanges: DayRanges.optional(),
  followsNationalHolidays: z.boolean().default(true),
});
export type WorkCalendarCreateInput = z.infer<typeof WorkCalendarCreateInput>;
// No defaults here: a PATCH of one field must not reset the others to their defaults.
export const WorkCalendarUpdateInput = z.object({
  name: z.string().trim().min(1).max(60).optional(),
  description: z.string().trim().max(200).nullable().optional(),
  timeZone: z.string().trim().min(1).max(60).optional(),
  weekly: z.array(DayRanges).length(7).optional(),
  makeupRanges: DayRanges.optional(),
  followsNationalHolidays: z.boolean().optional(),
  isActive: z.boolean().optional(),
});
export type WorkCalendarUpdateInput = z.infer<typeof WorkCalendarUpdateInput>;

const isoDate = z.iso.date();
export const CalendarDay = z.object({
  date: isoDate,
  kind: z.enum(['holiday', 'workday']),
  name: z.string(),
  ranges: DayRanges.nullable(),
  source: z.string(),
});
export type CalendarDay = z.infer<typeof CalendarDay>;

export const CalendarDaysQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
export const CalendarDayParams = z.object({ id: z.uuid(), date: isoDate });
export const CalendarDayInput = z.object({
  kind: z.enum(['holiday', 'workday']),
  name: z.string().trim().max(40).default(''),
  ranges: DayRanges.nullable().optional(),
});

/**
 * A year's schedule: either explicit days, or the 7-line text of the State Council notice pasted as-is
 * (e.g. "一、元旦：1月1日至3日放假调休，共3天。1月4日（周日）上班。").
 */
export const CalendarYearImportInput = z
  .object({
    year: z.number().int().min(2000).max(2100),
    days: z.array(CalendarDay.pick({ date: true, kind: true, name: true })).max(400).optional(),
    noticeText: z.string().max(10_000).optional(),
    replace: z.boolean().default(true),
  })
  .refine((v) => (v.days ? 1 : 0) + (v.noticeText ? 1 : 0) === 1, { message: 'give either days or noticeText', path: ['days'] });
export type CalendarYearImportInput = z.infer<typeof CalendarYearImportInput>;
export const CalendarYearImportResult = z.object({ year: z.number(), holidays: z.number(), workdays: z.number(), days: z.array(CalendarDay) });

export const BusinessTimeQuery = z.object({
  start: z.iso.datetime({ offset: true }),
  minutes: z.coerce.number().int().min(0).max(10_000_000).optional(),
  end: z.iso.datetime({ offset: true }).optional(),
});
export const BusinessTimeResult = z.object({
  start: z.iso.datetime(),
  due: z.iso.datetime().nullable(),
  minutesBetween: z.number().nullable(),
  incompleteYears: z.array(z.number()),
});

export const CalendarCoverage = z.object({
  nextYear: z.number().int(),
  missing: z.array(z.object({ id: z.uuid(), name: z.string(), orgId: z.uuid().nullable() })),
});
