import { sql, type Selectable } from 'kysely';
import {
  OnCallScheduleInput as InputSchema,
  OnCallScheduleUpdateInput as UpdateSchema,
  type OnCallNow,
  type OnCallScheduleInput,
  type OnCallScheduleListQuery,
  type OnCallSchedulePage,
  type OnCallScheduleRecord,
  type OnCallScheduleUpdateInput,
  type OnCallShiftList,
} from '../../../../shared/schemas/alerts.ts';
import type { OnCallSchedule } from '../../../../shared/schemas/oncall.ts';
import { assertInScope, inScope, scopeOf, type Actor } from '../../../platform/actor.ts';
import { subjectOf } from '../../../platform/audit.ts';
import type { Db } from '../../../platform/db.ts';
import type { PlatformDeps } from '../../../platform/deps.ts';
import { conflict, invalid, notFound } from '../../../platform/errors.ts';
import { loadBusinessCalendar } from '../../calendars/index.ts';
import { businessTimePredicate, shiftsBetween, whoIsOnCall, type BusinessTimePredicate } from '../oncall/index.ts';
import type { OnCallSchedulesTable } from '../alerts.tables.ts';
import { assertReferences, uniqueViolation, type Reference } from './references.ts';

// Reading schedules and their shifts needs alert.read; changing them, alert.manage.
const READ = 'alert.read';
const MANAGE = 'alert.manage';

type Row = Selectable<OnCallSchedulesTable>;
type ListedRow = Row & { orgName: string };

const present = (r: ListedRow): OnCallScheduleRecord => ({
  id: r.id,
  orgId: r.orgId,
  orgName: r.orgName,
  name: r.name,
  description: r.description,
  calendarId: r.calendarId,
  rules: r.rules,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

const snapshot = (r: Row) => ({ name: r.name, description: r.description, calendarId: r.calendarId, rules: r.rules, deletedAt: r.deletedAt?.toISOString() ?? null });

const nameTaken = () => conflict('oncall_schedule.name_taken', 'A schedule of this name exists in the organisation');

/** Every user id the rules name, with its place in the body. */
function userReferences(rules: OnCallSchedule): Reference[] {
  return [
    ...rules.layers.flatMap((l, i) => l.participants.map((id, j): Reference => ({ kind: 'user', id, path: ['body', 'rules', 'layers', i, 'participants', j] }))),
    ...rules.overrides.map((o, i): Reference => ({ kind: 'user', id: o.userId, path: ['body', 'rules', 'overrides', i, 'userId'] })),
  ];
}

/** A layer restricted to business or off hours reads a work calendar, so the schedule must name one. */
function assertCalendarFor(rules: OnCallSchedule, calendarId: string | null): void {
  if (calendarId) return;
  const problems = rules.layers
    .map((l, i) => ({ l, i }))
    .filter(({ l }) => l.restriction?.kind === 'business_hours' || l.restriction?.kind === 'off_hours')
    .map(({ i }) => ({ path: ['body', 'rules', 'layers', i, 'restriction'], message: 'business or off hours need the schedule\'s calendarId' }));
  if (problems.length) throw invalid('oncall_schedule.calendar_required', 'A layer restricted to business or off hours needs a work calendar (calendarId)', [{ path: ['body', 'calendarId'], message: 'required' }, ...problems]);
}

/** On-call schedules: rotations of people in layers, with overrides; escalation steps page "whoever is on call". */
export function createOnCallScheduleService({ db, audit, clock }: Pick<PlatformDeps, 'db' | 'audit' | 'clock'>) {
  function listed(d: Db) {
    return d.selectFrom('oncallSchedules as s').innerJoin('organisations as o', 'o.id', 's.orgId').where('s.deletedAt', 'is', null);
  }

  async function getRow(d: Db, actor: Actor, id: string, permission: typeof READ | typeof MANAGE): Promise<ListedRow> {
    const row = await listed(d).selectAll('s').select('o.name as orgName').where('s.id', '=', id).where(inScope(scopeOf(actor, permission), 's.org_id', actor)).executeTakeFirst();
    if (!row) throw notFound('oncall_schedule', id);
    return row;
  }

  /** Users (and the calendar, when given) must be usable by a schedule of `orgId`; 400 naming each bad one. */
  async function validate(actor: Actor, orgId: string, rules: OnCallSchedule | undefined, calendarId: string | null | undefined) {
    const now = clock.now();
    if (rules) await assertReferences(db, actor, orgId, userReferences(rules), 'oncall_schedule.unknown_user', now);
    if (calendarId) await assertReferences(db, actor, orgId, [{ kind: 'calendar', id: calendarId, path: ['body', 'calendarId'] }], 'oncall_schedule.unknown_calendar', now);
  }

  async function calendarOf(row: Row): Promise<BusinessTimePredicate | undefined> {
    return row.calendarId ? businessTimePredicate(await loadBusinessCalendar(db, row.calendarId)) : undefined;
  }

  async function userNames(ids: string[]): Promise<Map<string, string>> {
    const uuids = [...new Set(ids)].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
    if (!uuids.length) return new Map();
    const rows = await db.selectFrom('users').select(['id', 'displayName']).where('id', 'in', uuids).execute();
    return new Map(rows.map((r) => [r.id, r.displayName]));
  }

  return {
    /** Schedules of the caller's organisations, by name, filtered and paged. */
    async list(actor: Actor, query: OnCallScheduleListQuery): Promise<OnCallSchedulePage> {
      let q = listed(db).where(inScope(scopeOf(actor, READ), 's.org_id', actor, query.orgId));
      if (query.q) q = q.where('s.name', 'ilike', `%${query.q}%`);
      const [count, rows] = await Promise.all([
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        q.selectAll('s').select('o.name as orgName').orderBy('s.name').orderBy('s.id').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute(),
      ]);
      return { items: rows.map(present), total: Number(count.n), page: query.page, pageSize: query.pageSize };
    },

    /** One schedule in the caller's scope; any other is 404. */
    async get(actor: Actor, id: string): Promise<OnCallScheduleRecord> {
      return present(await getRow(db, actor, id, READ));
    },

    /** Adds a schedule after checking its people and its calendar. */
    async create(actor: Actor, input: OnCallScheduleInput): Promise<OnCallScheduleRecord> {
      const body = InputSchema.parse(input);
      await assertInScope(db, actor, MANAGE, body.orgId, 'organisation', body.orgId);
      assertCalendarFor(body.rules, body.calendarId);
      await validate(actor, body.orgId, body.rules, body.calendarId);
      const now = clock.now();
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('oncallSchedules')
          .values({ orgId: body.orgId, name: body.name, description: body.description, calendarId: body.calendarId, rules: JSON.stringify(body.rules), createdAt: now, updatedAt: now, deletedAt: null })
          .returningAll()
          .executeTakeFirstOrThrow()
          .catch((e) => uniqueViolation(e, nameTaken));
        await audit.record(trx, subjectOf(actor), { eventType: 'oncall_schedule.create', action: 'create', objectType: 'oncall_schedule', objectId: row.id, orgId: body.orgId, detail: { after: snapshot(row) } });
        return present(await getRow(trx, actor, row.id, MANAGE));
      });
    },

    /** Changes a schedule; people are re-checked when the rules change, the calendar when it changes. */
    async update(actor: Actor, id: string, input: OnCallScheduleUpdateInput): Promise<OnCallScheduleRecord> {
      const before = await getRow(db, actor, id, MANAGE);
      const body = UpdateSchema.parse(input);
      const rules = body.rules ?? before.rules;
      const calendarId = body.calendarId !== undefined ? body.calendarId : before.calendarId;
      assertCalendarFor(rules, calendarId);
      await validate(actor, before.orgId, body.rules, body.calendarId !== before.calendarId ? body.calendarId : undefined);
      return db.transaction().execute(async (trx) => {
        const after = await trx
          .updateTable('oncallSchedules')
          .set({
            ...(body.name !== undefined ? { name: body.name } : {}),
            ...(body.description !== undefined ? { description: body.description } : {}),
            ...(body.rules !== undefined ? { rules: JSON.stringify(body.rules) } : {}),
            calendarId,
            updatedAt: clock.now(),
          })
          .where('id', '=', id)
          .where('deletedAt', 'is', null)
          .returningAll()
          .executeTakeFirst()
          .catch((e) => uniqueViolation(e, nameTaken));
        if (!after) throw notFound('oncall_schedule', id);
        await audit.record(trx, subjectOf(actor), { eventType: 'oncall_schedule.update', action: 'update', objectType: 'oncall_schedule', objectId: id, orgId: before.orgId, detail: { before: snapshot(before), after: snapshot(after) } });
        return present({ ...after, orgName: before.orgName });
      });
    },

    /** Soft delete; refused (409, naming them) while an escalation policy's step pages this schedule. */
    async remove(actor: Actor, id: string): Promise<void> {
      const before = await getRow(db, actor, id, MANAGE);
      await db.transaction().execute(async (trx) => {
        // jsonb containment: some step has some target with this scheduleId.
        const users = await trx
          .selectFrom('escalationPolicies')
          .select(['id', 'name'])
          .where('deletedAt', 'is', null)
          .where(sql<boolean>`steps @> ${JSON.stringify([{ targets: [{ kind: 'schedule', scheduleId: id }] }])}::jsonb`)
          .orderBy('name')
          .execute();
        if (users.length) throw conflict('oncall_schedule.in_use', `The schedule is used by ${users.length} escalation polic${users.length === 1 ? 'y' : 'ies'}`, { policies: users });
        const row = await trx.updateTable('oncallSchedules').set({ deletedAt: clock.now() }).where('id', '=', id).where('deletedAt', 'is', null).returning('id').executeTakeFirst();
        if (!row) throw notFound('oncall_schedule', id);
        await audit.record(trx, subjectOf(actor), { eventType: 'oncall_schedule.delete', action: 'delete', objectType: 'oncall_schedule', objectId: id, orgId: before.orgId, detail: { before: snapshot(before) } });
      });
    },

    /** The final shifts in [from, to) for the calendar view, holiday- and 调休-aware through the schedule's calendar. */
    async shifts(actor: Actor, id: string, from: Date, to: Date): Promise<OnCallShiftList> {
      const row = await getRow(db, actor, id, READ);
      const shifts = shiftsBetween(row.rules, from, to, await calendarOf(row));
      const names = await userNames(shifts.map((s) => s.userId));
      return { items: shifts.map((s) => ({ userId: s.userId, userName: names.get(s.userId) ?? s.userId, start: s.start.toISOString(), end: s.end.toISOString(), layer: s.layer })) };
    },

    /** Who is on call at `at` (default: the clock's now). */
    async now(actor: Actor, id: string, at?: Date): Promise<OnCallNow> {
      const row = await getRow(db, actor, id, READ);
      const answer = whoIsOnCall(row.rules, at ?? clock.now(), await calendarOf(row));
      if (!answer) return { userId: null, userName: null, layer: null };
      const names = await userNames([answer.userId]);
      return { userId: answer.userId, userName: names.get(answer.userId) ?? answer.userId, layer: answer.layer };
    },
  };
}

export type OnCallScheduleService = ReturnType<typeof createOnCallScheduleService>;
