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
