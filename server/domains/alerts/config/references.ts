import { sql, type SqlBool } from 'kysely';
import { inScope, scopeOf, type Actor } from '../../../platform/actor.ts';
import type { Db } from '../../../platform/db.ts';
import { invalid } from '../../../platform/errors.ts';

// Checks the ids a configuration object points at (channels, schedules, policies, people, calendars). An object of
// organisation X may use what belongs to X or to one of X's ancestors (a region's WeCom group serves its hospitals),
// never a sibling's or a child's: that would send one hospital's alerts into another's group. Channels, schedules,
// policies and organisation calendars must also lie inside the caller's alert.manage scope, so a reference cannot
// confirm that an invisible object exists. People may sit above or below X (region duty staff, 信息科 staff).

export type ReferenceKind = 'channel' | 'schedule' | 'policy' | 'user' | 'calendar';

/** One id in a request body and where it sits, e.g. ['body', 'steps', 0, 'targets', 1, 'channelId']. */
export interface Reference {
  kind: ReferenceKind;
  id: string;
  path: Array<string | number>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const WHAT: Record<ReferenceKind, string> = {
  channel: 'no such notification channel for this organisation',
  schedule: 'no such on-call schedule for this organisation',
  policy: 'no such escalation policy for this organisation',
  user: 'no such active user in this organisation, above or below it',
  calendar: 'no such active work calendar for this organisation',
};

/** The organisations whose objects an object of `orgId` may use: `orgId` and its ancestors inside the caller's scope. */
async function usableOrgIds(db: Db, actor: Actor, orgId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('organisations as o')
    .select('o.id')
    .where(sql<SqlBool>`exists (select 1 from organisations a where a.id = ${orgId} and o.id = any(a.ancestor_ids))`)
    .where(inScope(scopeOf(actor, 'alert.manage'), 'o.id', actor))
    .execute();
  return rows.map((r) => r.id);
}

/** The ids of `kind` among `ids` that an object of `orgId` may not use. */
async function unusable(db: Db, actor: Actor, orgId: string, kind: ReferenceKind, ids: string[], now: Date): Promise<Set<string>> {
  const wellFormed = [...new Set(ids.filter((id) => UUID.test(id)))];
  const found = new Set<string>();
  if (wellFormed.length) {
    if (kind === 'user') {
      const rows = await db
        .selectFrom('users as u')
        .innerJoin('organisations as o', 'o.id', 'u.orgId')
        .select('u.id')
        .where('u.id', 'in', wellFormed)
        .where('u.status', '=', 'active')
        .where((eb) => eb.or([eb('u.expiresAt', 'is', null), eb('u.expiresAt', '>', now)]))
        .where(sql<SqlBool>`(o.ancestor_ids @> array[${orgId}]::uuid[] or exists (select 1 from organisations a where a.id = ${orgId} and o.id = any(a.ancestor_ids)))`)
        .execute();
      for (const r of rows) found.add(r.id);
    } else {
      const orgIds = await usableOrgIds(db, actor, orgId);
      if (kind === 'calendar') {
        const rows = await db
          .selectFrom('workCalendars')
          .select('id')
          .where('id', 'in', wellFormed)
          .where('isActive', '=', true)
          .where((eb) => eb.or([eb('orgId', 'is', null), ...(orgIds.length ? [eb('orgId', 'in', orgIds)] : [])]))
          .execute();
        for (const r of rows) found.add(r.id);
      } else if (orgIds.length) {
        const table = kind === 'channel' ? 'notificationChannels' : kind === 'schedule' ? 'oncallSchedules' : 'escalationPolicies';
        const rows = await db.selectFrom(table).select('id').where('id', 'in', wellFormed).where('deletedAt', 'is', null).where('orgId', 'in', orgIds).execute();
        for (const r of rows) found.add(r.id);
      }
    }
  }
  return new Set(ids.filter((id) => !found.has(id)));
}

/**
 * Throws `invalid(code)` listing every reference an object of `orgId` may not use, each with its path, so the form can
 * mark the fields; checks each kind with one query.
 */
export async function assertReferences(db: Db, actor: Actor, orgId: string, refs: readonly Reference[], code: string, now: Date): Promise<void> {
  const kinds = [...new Set(refs.map((r) => r.kind))];
  const bad = new Map<ReferenceKind, Set<string>>();
  for (const kind of kinds) {
    bad.set(kind, await unusable(db, actor, orgId, kind, refs.filter((r) => r.kind === kind).map((r) => r.id), now));
  }
  const problems = refs.filter((r) => bad.get(r.kind)!.has(r.id)).map((r) => ({ path: r.path, message: WHAT[r.kind], code: `unknown_${r.kind}`, id: r.id }));
  if (problems.length) throw invalid(code, `${problems.length} reference(s) cannot be used: ${problems.map((p) => p.path.slice(1).join('.')).join(', ')}`, problems);
}

/** Postgres unique violation → the given conflict; anything else is rethrown. */
export function uniqueViolation(e: unknown, toConflict: () => Error): never {
  if ((e as { code?: string }).code === '23505') throw toConflict();
  throw e;
}
