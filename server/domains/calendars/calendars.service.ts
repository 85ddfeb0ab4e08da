import { sql } from 'kysely';
import type { z } from 'zod';
import type {
  BusinessTimeQuery as BusinessTimeQuerySchema,
  BusinessTimeResult as BusinessTimeResultSchema,
  CalendarDay,
  CalendarDayInput as CalendarDayInputSchema,
  CalendarYearImportInput,
  CalendarYearImportResult as CalendarYearImportResultSchema,
  WorkCalendar,
  WorkCalendarCreateInput,
  WorkCalendarUpdateInput,
} from '../../../shared/schemas/calendars.ts';
import { assertInScope, inScope, requirePermission, scopeOf, type Actor } from '../../platform/actor.ts';
import { subjectOf } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { forbidden, invalid, notFound } from '../../platform/errors.ts';
import { MANUAL_SOURCE, toBusinessCalendar, type CalendarDayRow, type CalendarRow } from './business-calendar.ts';
import { addBusinessMinutes, businessMinutesBetween } from './business-time.ts';
import { chineseDaysSeed } from './chinese-days-seed.ts';
import { coverageWarnings, isMissingYear, nextYearAt, type CalendarCoverage } from './coverage.ts';
import { parseHolidayNotice, type NoticeDay } from './notice-parser.ts';

export type CalendarDayInput = z.infer<typeof CalendarDayInputSchema>;
export type BusinessTimeQuery = z.infer<typeof BusinessTimeQuerySchema>;
export type BusinessTimeResult = z.infer<typeof BusinessTimeResultSchema>;
export type CalendarYearImportResult = z.infer<typeof CalendarYearImportResultSchema>;

const IMPORT_SOURCE = 'import';
const INSERT_CHUNK = 500;

let seedCache: ReturnType<typeof chineseDaysSeed> | undefined;
// The package data never changes while the process runs; parse it once.
const nationalSeed = () => (seedCache ??= chineseDaysSeed());

/** Canonical IANA name of a zone, or invalid 'calendar.bad_time_zone'. */
function canonicalZone(timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    throw invalid('calendar.bad_time_zone', `Unknown time zone ${timeZone}`, { timeZone });
  }
}

const yearBounds = (year: number) => [`${year}-01-01`, `${year}-12-31`] as const;
const sortedYears = (years: Iterable<number>) => [...new Set(years)].sort((a, b) => a - b);

/** Inserts dated days in chunks; a date already present is left alone (manual and imported days win over a seed). */
async function insertDaysKeepingExisting(trx: Db, calendarId: string, days: ReadonlyArray<{ date: string; kind: 'holiday' | 'workday'; name: string }>, source: string) {
  for (let i = 0; i < days.length; i += INSERT_CHUNK) {
    await trx
      .insertInto('calendarDays')
      .values(days.slice(i, i + INSERT_CHUNK).map((d) => ({ calendarId, date: d.date, kind: d.kind, name: d.name, ranges: null, source })))
      .onConflict((oc) => oc.columns(['calendarId', 'date']).doNothing())
      .execute();
  }
}

/** Checks explicit import days: no duplicates, each within a year of `year` (a notice may reach into the years either side). */
function checkImportDays(year: number, days: NoticeDay[]): NoticeDay[] {
  const seen = new Set<string>();
  for (const d of days) {
    const y = Number(d.date.slice(0, 4));
    if (y < year - 1 || y > year + 1) throw invalid('calendar.day_outside_year', `${d.date} is not near ${year}`, { date: d.date });
    if (seen.has(d.date)) throw invalid('calendar.duplicate_day', `${d.date} is listed twice`, { date: d.date });
    seen.add(d.date);
  }
  return [...days].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** Work calendars: weekly hours, national holidays and 调休 days, and business-time arithmetic over them. */
export function createCalendarService({ db, audit, clock }: PlatformDeps) {
  const present = (row: CalendarRow, nextYear: number): WorkCalendar => ({
    id: row.id,
    orgId: row.orgId,
    name: row.name,
    description: row.description,
    timeZone: row.timeZone,
    weekly: row.weekly,
    makeupRanges: row.makeupRanges,
    followsNationalHolidays: row.followsNationalHolidays,
    coveredYears: sortedYears(row.coveredYears),
    isActive: row.isActive,
    missingNextYear: isMissingYear(row, nextYear),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  });
  const presentDay = (row: Pick<CalendarDayRow, 'date' | 'kind' | 'name' | 'ranges' | 'source'>): CalendarDay => ({
    date: row.date,
    kind: row.kind,
    name: row.name,
    ranges: row.ranges ?? null,
    source: row.source,
  });
  const nextYear = () => nextYearAt(clock.now());

  async function findRow(id: string): Promise<CalendarRow> {
    const row = await db.selectFrom('workCalendars').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('calendar', id);
    return row;
  }

  /** A platform calendar is readable with calendar.read anywhere; an organisation's only inside the scope (else 404). */
  async function readableRow(actor: Actor, id: string): Promise<CalendarRow> {
    const row = await findRow(id);
    if (row.orgId === null) requirePermission(actor, 'calendar.read');
    else await assertInScope(db, actor, 'calendar.read', row.orgId, 'calendar', id);
    return row;
  }

  /** Platform calendars are shared by every organisation, so only a manager of a root organisation may change them. */
  async function assertPlatformManager(actor: Actor): Promise<void> {
    requirePermission(actor, 'calendar.manage');
    if (actor.kind === 'system') return;
    const orgIds = actor.grants.filter((g) => g.permissions.has('calendar.manage')).map((g) => g.orgId);
    const root = await db.selectFrom('organisations').select('id').where('id', 'in', orgIds).where('parentId', 'is', null).executeTakeFirst();
    if (!root) throw forbidden('calendar.platform_forbidden', 'Only an administrator of a root organisation may change platform calendars');
  }

  async function manageableRow(actor: Actor, id: string): Promise<CalendarRow> {
    const row = await findRow(id);
    if (row.orgId === null) await assertPlatformManager(actor);
    else await assertInScope(db, actor, 'calendar.manage', row.orgId, 'calendar', id);
    return row;
  }

  /** Re-reads the row under a lock, so concurrent imports cannot lose each other's covered years. */
  async function lockRow(trx: Db, id: string): Promise<CalendarRow> {
    const row = await trx.selectFrom('workCalendars').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw notFound('calendar', id); // deleted since the access check
    return row;
  }

  async function visibleRows(actor: Actor, activeOnly: boolean): Promise<CalendarRow[]> {
    const scope = scopeOf(actor, 'calendar.read');
    let q = db
      .selectFrom('workCalendars')
      .selectAll()
      .where((eb) => eb.or([eb('orgId', 'is', null), inScope(scope, 'work_calendars.org_id', actor)]));
    if (activeOnly) q = q.where('isActive', '=', true);
    // Platform calendars first, then by name.
    return q.orderBy(sql`org_id is not null`).orderBy('name').limit(10_000).execute();
  }

  return {
    present,

    /** Platform calendars and the calendars of organisations in the caller's calendar.read scope. */
    async list(actor: Actor): Promise<WorkCalendar[]> {
      const year = nextYear();
      return (await visibleRows(actor, false)).map((r) => present(r, year));
    },

    async get(actor: Actor, id: string): Promise<WorkCalendar> {
      return present(await readableRow(actor, id), nextYear());
    },

    /** Creates a calendar; one that follows national holidays starts with every year chinese-days knows. */
    async create(actor: Actor, input: WorkCalendarCreateInput): Promise<WorkCalendar> {
      if (input.orgId === null) await assertPlatformManager(actor);
      else await assertInScope(db, actor, 'calendar.manage', input.orgId, 'organisation', input.orgId);
      const timeZone = canonicalZone(input.timeZone);
      const seed = input.followsNationalHolidays ? nationalSeed() : null;
      return db.transaction().execute(async (trx) => {
        const now = clock.now();
        const row = await trx
          .insertInto('workCalendars')
          .values({
            orgId: input.orgId,
            name: input.name,
            description: input.description ?? null,
            timeZone,
            weekly: JSON.stringify(input.weekly),
            // 调休 make-up days are "work as on a normal weekday" unless told otherwise.
            makeupRanges: JSON.stringify(input.makeupRanges ?? input.weekly[0]),
            followsNationalHolidays: input.followsNationalHolidays,
            coveredYears: seed ? seed.years : [],
            createdAt: now,
            updatedAt: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        if (seed) await insertDaysKeepingExisting(trx, row.id, seed.days, seed.source);
        await audit.record(trx, subjectOf(actor), {
          eventType: 'calendar.create',
          action: 'create',
          objectType: 'calendar',
          objectId: row.id,
          orgId: row.orgId,
          detail: { after: row, ...(seed ? { seeded: { source: seed.source, years: seed.years, days: seed.days.length } } : {}) },
        });
        return present(row, nextYear());
      });
    },

    /** Changes a calendar; turning national holidays on seeds the years it does not have yet. */
    async update(actor: Actor, id: string, input: WorkCalendarUpdateInput): Promise<WorkCalendar> {
      await manageableRow(actor, id);
      const timeZone = input.timeZone !== undefined ? canonicalZone(input.timeZone) : undefined;
      return db.transaction().execute(async (trx) => {
        const before = await lockRow(trx, id);
        const startsFollowing = input.followsNationalHolidays === true && !before.followsNationalHolidays;
        const seed = startsFollowing ? nationalSeed() : null;
        if (seed) await insertDaysKeepingExisting(trx, id, seed.days, seed.source);
        const row = await trx
          .updateTable('workCalendars')
          .set({
            ...(input.name !== undefined ? { name: input.name } : {}),
            ...(input.description !== undefined ? { description: input.description } : {}),
            ...(timeZone !== undefined ? { timeZone } : {}),
            ...(input.weekly !== undefined ? { weekly: JSON.stringify(input.weekly) } : {}),
            ...(input.makeupRanges !== undefined ? { makeupRanges: JSON.stringify(input.makeupRanges) } : {}),
            ...(input.followsNationalHolidays !== undefined ? { followsNationalHolidays: input.followsNationalHolidays } : {}),
            ...(input.isActive !== undefined ? { isActive: input.isActive } : {}),
            ...(seed ? { coveredYears: sortedYears([...before.coveredYears, ...seed.years]) } : {}),
            updatedAt: clock.now(),
          })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await audit.record(trx, subjectOf(actor), {
          eventType: 'calendar.update',
          action: 'update',
          objectType: 'calendar',
          objectId: id,
          orgId: row.orgId,
          detail: { before, after: row, ...(seed ? { seeded: { source: seed.source, years: seed.years } } : {}) },
        });
        return present(row, nextYear());
      });
    },

    async remove(actor: Actor, id: string): Promise<void> {
      const before = await manageableRow(actor, id);
      await db.transaction().execute(async (trx) => {
        // calendar_days go with it (on delete cascade); a calendar still used elsewhere fails on its foreign key → conflict.
        await trx.deleteFrom('workCalendars').where('id', '=', id).execute();
        await audit.record(trx, subjectOf(actor), {
          eventType: 'calendar.delete',
          action: 'delete',
          objectType: 'calendar',
          objectId: id,
          orgId: before.orgId,
          detail: { before },
          riskLevel: 'medium',
        });
      });
    },

    /** The dated holidays and make-up workdays of one year. */
    async days(actor: Actor, id: string, year: number): Promise<CalendarDay[]> {
      await readableRow(actor, id);
      const [from, to] = yearBounds(year);
      const rows = await db.selectFrom('calendarDays').selectAll().where('calendarId', '=', id).where('date', '>=', from).where('date', '<=', to).orderBy('date').execute();
      return rows.map(presentDay);
    },

    /** Sets one day by hand (e.g. 院庆 off, or a one-off working Saturday); imports never overwrite it. */
    async setDay(actor: Actor, id: string, date: string, input: CalendarDayInput): Promise<CalendarDay> {
      const cal = await manageableRow(actor, id);
      if (input.kind === 'holiday' && input.ranges && input.ranges.length > 0) {
        throw invalid('calendar.holiday_with_hours', 'A holiday has no working hours; make it a workday instead');
      }
      return db.transaction().execute(async (trx) => {
        const before = await trx.selectFrom('calendarDays').selectAll().where('calendarId', '=', id).where('date', '=', date).executeTakeFirst();
        const values = { kind: input.kind, name: input.name, ranges: input.ranges ? JSON.stringify(input.ranges) : null, source: MANUAL_SOURCE };
        const row = await trx
          .insertInto('calendarDays')
          .values({ calendarId: id, date, ...values })
          .onConflict((oc) => oc.columns(['calendarId', 'date']).doUpdateSet(values))
          .returningAll()
          .executeTakeFirstOrThrow();
        await trx.updateTable('workCalendars').set({ updatedAt: clock.now() }).where('id', '=', id).execute();
        await audit.record(trx, subjectOf(actor), {
          eventType: 'calendar.day_set',
          action: 'update',
          objectType: 'calendar',
          objectId: id,
          orgId: cal.orgId,
          detail: { date, before: before ?? null, after: row },
        });
        return presentDay(row);
      });
    },

    /** Removes one dated day, so the weekly rule applies again on that date. */
    async clearDay(actor: Actor, id: string, date: string): Promise<void> {
      const cal = await manageableRow(actor, id);
      await db.transaction().execute(async (trx) => {
        const before = await trx.deleteFrom('calendarDays').where('calendarId', '=', id).where('date', '=', date).returningAll().executeTakeFirst();
        if (!before) throw notFound('calendar_day', date);
        await trx.updateTable('workCalendars').set({ updatedAt: clock.now() }).where('id', '=', id).execute();
        await audit.record(trx, subjectOf(actor), {
          eventType: 'calendar.day_clear',
          action: 'delete',
          objectType: 'calendar',
          objectId: id,
          orgId: cal.orgId,
          detail: { date, before },
        });
      });
    },

    /**
     * Imports one year's national schedule, from explicit days or the pasted State Council notice. All or nothing:
     * the input is fully checked before anything is written. Days set by hand survive the import.
     */
    async importYear(actor: Actor, id: string, input: CalendarYearImportInput): Promise<CalendarYearImportResult> {
      const cal = await manageableRow(actor, id);
      const hasDays = input.days !== undefined;
      const hasText = input.noticeText !== undefined && input.noticeText.trim() !== '';
      if (hasDays === hasText) throw invalid('calendar.import_source', 'Give either days or noticeText');
      const days = checkImportDays(input.year, hasText ? parseHolidayNotice(input.year, input.noticeText!) : input.days!);
      const [from, to] = yearBounds(input.year);
      if (!days.some((d) => d.kind === 'holiday' && d.date >= from && d.date <= to)) {
        throw invalid('calendar.import_empty', `The import has no holiday in ${input.year}`);
      }
      return db.transaction().execute(async (trx) => {
        const before = await lockRow(trx, id);
        if (input.replace) {
          await trx.deleteFrom('calendarDays').where('calendarId', '=', id).where('date', '>=', from).where('date', '<=', to).where('source', '<>', MANUAL_SOURCE).execute();
        }
        await trx
          .insertInto('calendarDays')
          .values(days.map((d) => ({ calendarId: id, date: d.date, kind: d.kind, name: d.name, ranges: null, source: IMPORT_SOURCE })))
          .onConflict((oc) =>
            oc
              .columns(['calendarId', 'date'])
              .doUpdateSet((eb) => ({ kind: eb.ref('excluded.kind'), name: eb.ref('excluded.name'), ranges: null, source: eb.ref('excluded.source') }))
              .where('calendarDays.source', '<>', MANUAL_SOURCE),
          )
          .execute();
        const coveredYears = sortedYears([...before.coveredYears, input.year]);
        await trx.updateTable('workCalendars').set({ coveredYears, updatedAt: clock.now() }).where('id', '=', id).execute();
        const stored = await trx.selectFrom('calendarDays').selectAll().where('calendarId', '=', id).where('date', 'in', days.map((d) => d.date)).orderBy('date').execute();
        await audit.record(trx, subjectOf(actor), {
          eventType: 'calendar.year_import',
          action: 'import',
          objectType: 'calendar',
          objectId: id,
          orgId: cal.orgId,
          detail: {
            year: input.year,
            from: hasText ? 'notice' : 'days',
            replace: input.replace,
            before: { coveredYears: before.coveredYears },
            after: { coveredYears, days: stored.map(presentDay) },
          },
        });
        return {
          year: input.year,
          holidays: stored.filter((d) => d.kind === 'holiday').length,
          workdays: stored.filter((d) => d.kind === 'workday').length,
          days: stored.map(presentDay),
        };
      });
    },

    /** Adds business minutes to `start`, or counts the business minutes from `start` to `end`, on this calendar. */
    async businessTime(actor: Actor, id: string, query: BusinessTimeQuery): Promise<BusinessTimeResult> {
      if ((query.minutes === undefined) === (query.end === undefined)) {
        throw invalid('calendar.business_time_args', 'Give exactly one of minutes or end');
      }
      const row = await readableRow(actor, id);
      const days = await db.selectFrom('calendarDays').select(['date', 'kind', 'name', 'ranges', 'source']).where('calendarId', '=', id).execute();
      const cal = toBusinessCalendar(row, days);
      const start = new Date(query.start);
      try {
        if (query.minutes !== undefined) {
          const { at, incompleteYears } = addBusinessMinutes(cal, start, query.minutes);
          return { start: start.toISOString(), due: at.toISOString(), minutesBetween: null, incompleteYears };
        }
        const { minutes, incompleteYears } = businessMinutesBetween(cal, start, new Date(query.end!));
        return { start: start.toISOString(), due: null, minutesBetween: minutes, incompleteYears };
      } catch (e) {
        if (e instanceof Error && e.message === 'calendar.no_working_time') throw invalid('calendar.no_working_time', 'The calendar has no working time');
        if (e instanceof RangeError) throw invalid('calendar.business_time_out_of_range', e.message);
        throw e;
      }
    },

    /** Which calendars the caller can read still lack next year's holidays. */
    async coverage(actor: Actor): Promise<CalendarCoverage> {
      const year = nextYear();
      const rows = await visibleRows(actor, true);
      return { nextYear: year, missing: rows.filter((r) => isMissingYear(r, year)).map((r) => ({ id: r.id, name: r.name, orgId: r.orgId })) };
    },

    /** Every active calendar missing next year, with no actor: for the daily job and the start-up log. */
    coverageWarnings,
  };
}

export type CalendarService = ReturnType<typeof createCalendarService>;
