import type { Selectable } from 'kysely';
import { SilenceInput as InputSchema, type Silence, type SilenceInput, type SilenceListQuery, type SilencePage, type SilenceUpdateInput } from '../../../../shared/schemas/alerts.ts';
import { assertInScope, inScope, scopeOf, type Actor } from '../../../platform/actor.ts';
import { subjectOf } from '../../../platform/audit.ts';
import type { Db } from '../../../platform/db.ts';
import type { PlatformDeps } from '../../../platform/deps.ts';
import { conflict, invalid, notFound } from '../../../platform/errors.ts';
import type { AlertSilencesTable } from '../alerts.tables.ts';

// Reading silences needs alert.read; creating, changing or expiring them, alert.manage.
const READ = 'alert.read';
const MANAGE = 'alert.manage';
const YEAR_MS = 366 * 86_400_000;

type Row = Selectable<AlertSilencesTable>;
type ListedRow = Row & { orgName: string; createdByName: string | null };

/** pending before it starts, active until it ends, expired from then on (also after an early expire). */
export function silenceState(r: Pick<Row, 'startsAt' | 'endsAt'>, now: Date): Silence['state'] {
  if (r.endsAt <= now) return 'expired';
  return r.startsAt > now ? 'pending' : 'active';
}

const present = (r: ListedRow, now: Date): Silence => ({
  id: r.id,
  orgId: r.orgId,
  orgName: r.orgName,
  matchers: r.matchers,
  startsAt: r.startsAt.toISOString(),
  endsAt: r.endsAt.toISOString(),
  reason: r.reason,
  createdBy: r.createdBy,
  createdByName: r.createdByName,
  createdAt: r.createdAt.toISOString(),
  state: silenceState(r, now),
});

const snapshot = (r: Row) => ({ matchers: r.matchers, startsAt: r.startsAt.toISOString(), endsAt: r.endsAt.toISOString(), reason: r.reason });

function listed(d: Db) {
  return d.selectFrom('alertSilences as s').innerJoin('organisations as o', 'o.id', 's.orgId').leftJoin('users as u', 'u.id', 's.createdBy');
}
const withNames = ['o.name as orgName', 'u.displayName as createdByName'] as const;

const endsInPast = () => invalid('alert_silence.ends_in_past', 'The silence would end in the past; expire it instead', [{ path: ['body', 'endsAt'], message: 'in the past' }]);

/** Silences: label matchers that mute notifications of matching alerts for a while (the alerts still show, marked). */
export function createSilenceService({ db, audit, clock }: Pick<PlatformDeps, 'db' | 'audit' | 'clock'>) {
  async function getRow(d: Db, actor: Actor, id: string, permission: typeof READ | typeof MANAGE): Promise<ListedRow> {
    const row = await listed(d).selectAll('s').select(withNames).where('s.id', '=', id).where(inScope(scopeOf(actor, permission), 's.org_id', actor)).executeTakeFirst();
    if (!row) throw notFound('alert_silence', id);
    return row;
  }

  return {
    /** Silences of the caller's organisations, newest first; the state filter is read at the clock's now. */
    async list(actor: Actor, query: SilenceListQuery): Promise<SilencePage> {
      const now = clock.now();
      let q = listed(db).where(inScope(scopeOf(actor, READ), 's.org_id', actor, query.orgId));
      if (query.state === 'expired') q = q.where('s.endsAt', '<=', now);
      if (query.state === 'active') q = q.where('s.startsAt', '<=', now).where('s.endsAt', '>', now);
      if (query.state === 'pending') q = q.where('s.startsAt', '>', now).where('s.endsAt', '>', now);
      if (query.q) q = q.where('s.reason', 'ilike', `%${query.q}%`);
      const [count, rows] = await Promise.all([
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        q.selectAll('s').select(withNames).orderBy('s.createdAt', 'desc').orderBy('s.id', 'desc').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute(),
      ]);
      return { items: rows.map((r) => present(r, now)), total: Number(count.n), page: query.page, pageSize: query.pageSize };
    },

    /** One silence in the caller's scope; any other is 404. */
    async get(actor: Actor, id: string): Promise<Silence> {
      return present(await getRow(db, actor, id, READ), clock.now());
    },

    /** Adds a silence; one that would already be over is refused. */
    async create(actor: Actor, input: SilenceInput): Promise<Silence> {
      const body = InputSchema.parse(input);
      await assertInScope(db, actor, MANAGE, body.orgId, 'organisation', body.orgId);
      const now = clock.now();
      const endsAt = new Date(body.endsAt);
      if (endsAt <= now) throw endsInPast();
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('alertSilences')
          .values({ orgId: body.orgId, matchers: JSON.stringify(body.matchers), startsAt: new Date(body.startsAt), endsAt, reason: body.reason, createdBy: actor.userId, createdAt: now, updatedAt: now })
          .returningAll()
          .executeTakeFirstOrThrow();
        await audit.record(trx, subjectOf(actor), { eventType: 'alert_silence.create', action: 'create', objectType: 'alert_silence', objectId: row.id, orgId: body.orgId, detail: { after: snapshot(row) } });
        return present(await getRow(trx, actor, row.id, MANAGE), now);
      });
    },

    /** Changes matchers, end or reason of a pending or active silence; an expired one is history (409). */
    async update(actor: Actor, id: string, input: SilenceUpdateInput): Promise<Silence> {
      const before = await getRow(db, actor, id, MANAGE);
      const now = clock.now();
      if (silenceState(before, now) === 'expired') throw conflict('alert_silence.expired', 'The silence has expired and can no longer be changed');
      const endsAt = input.endsAt !== undefined ? new Date(input.endsAt) : before.endsAt;
      if (endsAt <= before.startsAt) throw invalid('validation', 'A silence must end after it starts', [{ path: ['body', 'endsAt'], message: 'a silence must end after it starts' }]);
      if (endsAt.getTime() - before.startsAt.getTime() > YEAR_MS) throw invalid('validation', 'A silence lasts at most a year', [{ path: ['body', 'endsAt'], message: 'a silence lasts at most a year' }]);
      if (endsAt <= now) throw endsInPast();
      return db.transaction().execute(async (trx) => {
        const after = await trx
          .updateTable('alertSilences')
          .set({
            ...(input.matchers !== undefined ? { matchers: JSON.stringify(input.matchers) } : {}),
            ...(input.reason !== undefined ? { reason: input.reason } : {}),
            endsAt,
            updatedAt: now,
          })
          .where('id', '=', id)
          // Guarded like expire: a silence that ended meanwhile is not revived.
          .where('endsAt', '>', now)
          .returningAll()
          .executeTakeFirst();
        if (!after) throw conflict('alert_silence.expired', 'The silence has expired and can no longer be changed');
        await audit.record(trx, subjectOf(actor), { eventType: 'alert_silence.update', action: 'update', objectType: 'alert_silence', objectId: id, orgId: before.orgId, detail: { before: snapshot(before), after: snapshot(after) } });
        return present({ ...before, ...after }, now);
      });
    },

    /** Ends a silence now; a pending one also "starts" now, so it never mutes anything. */
    async expire(actor: Actor, id: string): Promise<Silence> {
      const before = await getRow(db, actor, id, MANAGE);
      const now = clock.now();
      if (silenceState(before, now) === 'expired') throw conflict('alert_silence.expired', 'The silence has already expired');
      return db.transaction().execute(async (trx) => {
        // Guarded by ends_at > now, so of two concurrent expires only one writes and audits.
        const after = await trx
          .updateTable('alertSilences')
          .set({ endsAt: now, updatedAt: now, ...(before.startsAt > now ? { startsAt: now } : {}) })
          .where('id', '=', id)
          .where('endsAt', '>', now)
          .returningAll()
          .executeTakeFirst();
        if (!after) throw conflict('alert_silence.expired', 'The silence has already expired');
        await audit.record(trx, subjectOf(actor), { eventType: 'alert_silence.expire', action: 'expire', objectType: 'alert_silence', objectId: id, orgId: before.orgId, detail: { before: snapshot(before), after: snapshot(after) } });
        return present({ ...before, ...after }, now);
      });
    },
  };
}

export type SilenceService = ReturnType<typeof createSilenceService>;
