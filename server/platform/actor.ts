import { sql, type Expression, type SqlBool } from 'kysely';
import type { Permission } from '../../shared/permissions.ts';
import type { Db } from './db.ts';
import { forbidden, notFound } from './errors.ts';

export interface ActorGrant {
  roleKey: string;
  orgId: string;
  permissions: ReadonlySet<string>;
}

/** Who is acting, from where. Every service call takes one; there is no ambient user. */
export interface Actor {
  kind: 'user' | 'token' | 'system';
  userId: string | null;
  name: string;
  adminClass: string | null;
  roleKeys: string[];
  grants: ActorGrant[];
  sessionRef: string | null;
  tokenId: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

/** The organisations whose subtrees a permission reaches. */
export interface OrgScope {
  roots: string[];
}

export function can(actor: Actor, permission: Permission): boolean {
  return actor.kind === 'system' || actor.grants.some((g) => g.permissions.has(permission));
}

/** Throws 403 unless the actor holds the permission somewhere. */
export function requirePermission(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw forbidden('permission.denied', `Missing permission ${permission}`);
}

/** The subtrees where the actor holds the permission; 403 when none. */
export function scopeOf(actor: Actor, permission: Permission): OrgScope {
  requirePermission(actor, permission);
  if (actor.kind === 'system') return { roots: [] };
  return { roots: [...new Set(actor.grants.filter((g) => g.permissions.has(permission)).map((g) => g.orgId))] };
}

/**
 * SQL condition: `column` names an organisation inside the scope — and, with `within`, inside that
 * organisation's subtree too. One subquery, so the planner intersects the two sets before touching the
 * rows (two separate IN clauses made it walk every row). The system actor sees everything.
 */
export function inScope(scope: OrgScope, column: string, actor?: Actor, within?: string): Expression<SqlBool> {
  const subtree = within ? sql` and o.ancestor_ids @> array[${within}]::uuid[]` : sql``;
  if (actor?.kind === 'system') {
    return within ? sql<SqlBool>`${sql.ref(column)} in (select o.id from organisations o where true${subtree})` : sql<SqlBool>`true`;
  }
  if (scope.roots.length === 0) return sql<SqlBool>`false`;
  return sql<SqlBool>`${sql.ref(column)} in (select o.id from organisations o where o.ancestor_ids && ${sql.val(scope.roots)}::uuid[]${subtree})`;
}

/** Resolves to true when `orgId` lies inside the scope. */
export async function isInScope(db: Db, scope: OrgScope, orgId: string): Promise<boolean> {
  if (scope.roots.length === 0) return false;
  const row = await db
    .selectFrom('organisations')
    .select('id')
    .where('id', '=', orgId)
    .where(sql<SqlBool>`ancestor_ids && ${sql.val(scope.roots)}::uuid[]`)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Throws not-found (never forbidden) for an object outside the scope, so that another tenant's objects
 * cannot even be confirmed to exist.
 */
export async function assertInScope(db: Db, actor: Actor, permission: Permission, orgId: string | null, entity: string, id: string) {
  if (actor.kind === 'system') return;
  const scope = scopeOf(actor, permission);
  if (orgId === null || !(await isInScope(db, scope, orgId))) throw notFound(entity, id);
}

export const systemActor: Actor = {
  kind: 'system',
  userId: null,
  name: 'system',
  adminClass: null,
  roleKeys: [],
  grants: [],
  sessionRef: null,
  tokenId: null,
  ip: null,
  userAgent: null,
  requestId: null,
};
