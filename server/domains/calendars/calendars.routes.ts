import { z } from 'zod';
import { IdParam } from '../../../shared/schemas/common.ts';
import {
  BusinessTimeQuery,
  BusinessTimeResult,
  CalendarCoverage,
  CalendarDay,
  CalendarDayInput,
  CalendarDayParams,
  CalendarDaysQuery,
  CalendarYearImportInput,
  CalendarYearImportResult,
  WorkCalendar,
  WorkCalendarCreateInput,
  WorkCalendarUpdateInput,
} from '../../../shared/schemas/calendars.ts';
import { defineRoutes } from '../../platform/api.ts';
import type { CalendarService } from './calendars.service.ts';


const MON_FRI_8_TO_17 = [[[480, 720], [810, 1020]], [[480, 720], [810, 1020]], [[480, 720], [810, 1020]], [[480, 720], [810, 1020]], [[480, 720], [810, 1020]], [], []];

export function calendarRoutes(calendars: CalendarService) {
  return defineRoutes('calendars')
    .get('/calendars', { summary: 'List the platform calendars and those of organisations in scope', permission: 'calendar.read', response: z.object({ items: z.array(WorkCalendar) }), tenancy: { list: 'calendar' } }, async ({ actor }) => ({
      items: await calendars.list(actor),
    }))
    // Before /calendars/:id, or "coverage" would be read as an id.
    .get('/calendars/coverage', { summary: 'Calendars in scope that still lack the coming year\'s holidays', permission: 'calendar.read', response: CalendarCoverage, tenancy: { list: 'calendar' } }, ({ actor }) =>
      calendars.coverage(actor),
    )
    .post(
      '/calendars',
      {
        summary: 'Create a work calendar (orgId null: a platform calendar, root administrators only)',
        permission: 'calendar.manage',
        body: WorkCalendarCreateInput,
        response: WorkCalendar,
        status: 201,
        tenancy: { none: 'the orgId in the body is checked like an :id (an organisation outside the scope is 404)' },
        example: { orgId: '00000000-0000-4000-8000-000000000000', name: '门诊 5×8', timeZone: 'Asia/Shanghai', weekly: MON_FRI_8_TO_17, followsNationalHolidays: true },
      },
      ({ actor, body }) => calendars.create(actor, body),
    )
    .get('/calendars/:id', { summary: 'Get a work calendar', permission: 'calendar.read', params: IdParam, response: WorkCalendar, tenancy: { object: 'calendar' } }, ({ actor, params }) =>
      calendars.get(actor, params.id),
    )
    .patch(
      '/calendars/:id',
      { summary: 'Change a work calendar', permission: 'calendar.manage', params: IdParam, body: WorkCalendarUpdateInput, response: WorkCalendar, tenancy: { object: 'calendar' }, example: { name: '门诊 5×8（改）' } },
      ({ actor, params, body }) => calendars.update(actor, params.id, body),
    )
    .delete('/calendars/:id', { summary: 'Delete a work calendar and its days', permission: 'calendar.manage', params: IdParam, status: 204, tenancy: { object: 'calendar' } }, async ({ actor, params }) => {
      await calendars.remove(actor, params.id);
      return null;
    })
    .get(
      '/calendars/:id/days',
      { summary: 'Holidays and make-up workdays of one year', permission: 'calendar.read', params: IdParam, query: CalendarDaysQuery, response: z.object({ items: z.array(CalendarDay) }), tenancy: { object: 'calendar' } },
      async ({ actor, params, query }) => ({ items: await calendars.days(actor, params.id, query.year) }),
    )
    .put(
      '/calendars/:id/days/:date',
      { summary: 'Set one day by hand (imports never overwrite it)', permission: 'calendar.manage', params: CalendarDayParams, body: CalendarDayInput, response: CalendarDay, tenancy: { object: 'calendar' }, example: { kind: 'holiday', name: '院庆' } },
      ({ actor, params, body }) => calendars.setDay(actor, params.id, params.date, body),
    )
    .delete('/calendars/:id/days/:date', { summary: 'Remove one dated day (the weekly rule applies again)', permission: 'calendar.manage', params: CalendarDayParams, status: 204, tenancy: { object: 'calendar' } }, async ({ actor, params }) => {
      await calendars.clearDay(actor, params.id, params.date);
      return null;
    })
    .post(
      '/calendars/:id/years',
      {
        summary: 'Import a year of national holidays from days or the pasted State Council notice (all or nothing)',
        permission: 'calendar.manage',
        params: IdParam,
        body: CalendarYearImportInput,
        response: CalendarYearImportResult,
        tenancy: { object: 'calendar' },
        example: { year: 2026, noticeText: '一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。', replace: true },
      },
      ({ actor, params, body }) => calendars.importYear(actor, params.id, body),
    )
    .get(
      '/calendars/:id/business-time',
      { summary: 'Add business minutes to a start (minutes) or count them up to an end (end)', permission: 'calendar.read', params: IdParam, query: BusinessTimeQuery, response: BusinessTimeResult, tenancy: { object: 'calendar' } },
      ({ actor, params, query }) => calendars.businessTime(actor, params.id, query),
    );
}
