import type { ActorGrant } from '../../platform/actor.ts';
import type { Db } from '../../platform/db.ts';

/** A user's role grants with the roles' permissions, ready to build an Actor. */
export async function loadGrants(db: Db, userId: string): Promise<{ grants: ActorGrant[]; roleKeys: string[] }> {
  const rows = await db
    .selectFrom('roleGrants as g')
    .innerJoin('roles as r', 'r.id', 'g.roleId')
    .innerJoin('organisations as o', 'o.id', 'g.orgId')
    .select(['r.key', 'r.permissions', 'g.orgId'])
    .where('g.userId', '=', userId)
    .where('o.isActive', '=', true)
    .execute();
  return {
    grants: rows.map((r) => ({ roleKey: r.key, orgId: r.orgId, permissions: new Set(r.permissions) })),
    roleKeys: [...new Set(rows.map((r) => r.key))],
  };
}

/**
 * loadGrants with a few seconds of memory per user. Safe because every grant or role change also
 * revokes the user's sessions, and session validity itself is never cached.
 */
export function createGrantCache(ttlMs = 5_000, now: () => number = Date.now) {
  const cache = new Map<string, { at: number; value: Promise<{ grants: ActorGrant[]; roleKeys: string[] }> }>();
  return (db: Db, userId: string) => {
    const t = now();
    const hit = cache.get(userId);
    if (hit && t - hit.at < ttlMs) return hit.value;
    if (cache.size > 10_000) cache.clear();
    const value = loadGrants(db, userId);
    value.catch(() => cache.delete(userId));
    cache.set(userId, { at: t, value });
    return value;
  };
}
