import type { Selectable } from 'kysely';
import { PERMISSIONS, type Permission } from '../../../shared/permissions.ts';
import type { Grant, GrantCreateInput, Role, RoleCreateInput, RoleUpdateInput } from '../../../shared/schemas/access.ts';
import { assertInScope, requirePermission, type Actor } from '../../platform/actor.ts';
import { subjectOf } from '../../platform/audit.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { AppError, conflict, notFound } from '../../platform/errors.ts';
import type { RolesTable } from './access.tables.ts';
import { revokeUserSessions } from './sessions.ts';
import type { UserService } from './users.service.ts';

type Row = Selectable<RolesTable>;

export const presentRole = (r: Row): Role => ({
  id: r.id,
  key: r.key,
  name: r.name,
  nameEn: r.nameEn,
  description: r.description,
  adminClass: r.adminClass,
  isBuiltin: r.isBuiltin,
  permissions: r.permissions,
});

function assertBusinessOnly(permissions: string[]) {
  const admin = permissions.filter((p) => PERMISSIONS[p as Permission] !== 'business');
  if (admin.length > 0) throw new AppError('invalid', 'role.admin_permission', 'Custom roles can only hold business permissions', { permissions: admin });
}

/** Roles (platform-wide definitions) and their grants to users on organisation subtrees; 安全管理员's job. */
export function createRoleService({ db, audit, clock }: PlatformDeps, users: UserService) {
  async function getRole(id: string): Promise<Row> {
    const row = await db.selectFrom('roles').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('role', id);
    return row;
  }

  return {
    async list(actor: Actor): Promise<Role[]> {
      requirePermission(actor, 'role.read');
      const rows = await db.selectFrom('roles').selectAll().orderBy('isBuiltin', 'desc').orderBy('key').execute();
      return rows.map(presentRole);
    },

    async create(actor: Actor, input: RoleCreateInput): Promise<Role> {
      requirePermission(actor, 'role.manage');
      assertBusinessOnly(input.permissions);
      return db.transaction().execute(async (trx) => {
        const exists = await trx.selectFrom('roles').select('id').where('key', '=', input.key).executeTakeFirst();
        if (exists) throw conflict('role.key_taken', 'The role key is taken');
        const row = await trx
          .insertInto('roles')
          .values({ key: input.key, name: input.name, nameEn: input.nameEn, description: input.description ?? null, adminClass: null, isBuiltin: false, permissions: [...new Set(input.permissions)] })
          .returningAll()
          .executeTakeFirstOrThrow();
        await audit.record(trx, subjectOf(actor), { eventType: 'role.create', action: 'create', objectType: 'role', objectId: row.id, riskLevel: 'medium', detail: { after: presentRole(row) } });
        return presentRole(row);
      });
    },

    async update(actor: Actor, id: string, input: RoleUpdateInput): Promise<Role> {
      requirePermission(actor, 'role.manage');
      const before = await getRole(id);
      if (before.isBuiltin) throw new AppError('invalid', 'role.builtin', 'Built-in roles cannot be changed');
      if (input.permissions) assertBusinessOnly(input.permissions);
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable('roles')
          .set({
            ...(input.name !== undefined ? { name: input.name } : {}),
            ...(input.nameEn !== undefined ? { nameEn: input.nameEn } : {}),
            ...(input.description !== undefined ? { description: input.description } : {}),
            ...(input.permissions !== undefined ? { permissions: [...new Set(input.permissions)] } : {}),
            updatedAt: clock.now(),
          })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
        if (input.permissions) {
          // Changing what a role grants changes every holder's rights: their sessions restart.
          const holders = await trx.selectFrom('roleGrants').select('userId').distinct().where('roleId', '=', id).execute();
          for (const h of holders) await revokeUserSessions(trx, h.userId, 'role_change', clock.now());
        }
        await audit.record(trx, subjectOf(actor), { eventType: 'role.update', action: 'update', objectType: 'role', objectId: id, riskLevel: 'medium', detail: { before: presentRole(before), after: presentRole(row) } });
        return presentRole(row);
      });
    },

    async remove(actor: Actor, id: string): Promise<void> {
      requirePermission(actor, 'role.manage');
      const before = await getRole(id);
      if (before.isBuiltin) throw new AppError('invalid', 'role.builtin', 'Built-in roles cannot be deleted');
      const used = await db.selectFrom('roleGrants').select('id').where('roleId', '=', id).limit(1).executeTakeFirst();
      if (used) throw conflict('role.in_use', 'The role is still granted to users');
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('roles').where('id', '=', id).execute();
        await audit.record(trx, subjectOf(actor), { eventType: 'role.delete', action: 'delete', objectType: 'role', objectId: id, riskLevel: 'medium', detail: { before: presentRole(before) } });
      });
    },

    async listGrants(actor: Actor, userId: string): Promise<Grant[]> {
      await users.getRow(db, actor, userId, 'user.read');
      const rows = await db
        .selectFrom('roleGrants as g')
        .innerJoin('roles as r', 'r.id', 'g.roleId')
        .innerJoin('organisations as o', 'o.id', 'g.orgId')
        .select(['g.id', 'g.roleId', 'r.key as roleKey', 'r.name as roleName', 'r.nameEn as roleNameEn', 'g.orgId', 'o.name as orgName'])
        .where('g.userId', '=', userId)
        .orderBy('r.key')
        .execute();
      return rows;
    },

    /**
     * Grants a role on an organisation subtree. 三权分立: an account holds at most one of the three
     * admin roles, and nobody grants roles to themselves.
     */
    async grant(actor: Actor, userId: string, input: GrantCreateInput): Promise<Grant[]> {
      requirePermission(actor, 'grant.manage');
      await assertInScope(db, actor, 'grant.manage', input.orgId, 'organisation', input.orgId);
      const role = await getRole(input.roleId);
      await db.transaction().execute(async (trx) => {
        const user = await users.getRow(trx, actor, userId, 'grant.manage');
        if (user.id === actor.userId) throw new AppError('invalid', 'user.self', 'You cannot change your own roles');
        if (role.adminClass && user.adminClass && user.adminClass !== role.adminClass) {
          throw conflict('role.admin_exclusive', 'One account can hold only one of the three administrator roles', { has: user.adminClass, requested: role.adminClass });
        }
        const inserted = await trx
          .insertInto('roleGrants')
          .values({ userId, roleId: role.id, orgId: input.orgId, grantedBy: actor.userId })
          .onConflict((oc) => oc.columns(['userId', 'roleId', 'orgId']).doNothing())
          .returning('id')
          .executeTakeFirst();
        if (!inserted) return;
        if (role.adminClass) await trx.updateTable('users').set({ adminClass: role.adminClass }).where('id', '=', userId).execute();
        await revokeUserSessions(trx, userId, 'role_change', clock.now());
        await audit.record(trx, subjectOf(actor), { eventType: 'grant.create', action: 'create', objectType: 'user', objectId: userId, orgId: user.orgId, riskLevel: 'high', detail: { role: role.key, orgId: input.orgId } });
      });
      return this.listGrants(actor, userId);
    },

    async revoke(actor: Actor, userId: string, grantId: string): Promise<void> {
      requirePermission(actor, 'grant.manage');
      await db.transaction().execute(async (trx) => {
        const user = await users.getRow(trx, actor, userId, 'grant.manage');
        if (user.id === actor.userId) throw new AppError('invalid', 'user.self', 'You cannot change your own roles');
        const grant = await trx.selectFrom('roleGrants as g').innerJoin('roles as r', 'r.id', 'g.roleId').select(['g.id', 'g.orgId', 'r.key', 'r.adminClass']).where('g.id', '=', grantId).where('g.userId', '=', userId).executeTakeFirst();
        if (!grant) throw notFound('grant', grantId);
        await assertInScope(trx, actor, 'grant.manage', grant.orgId, 'grant', grantId);
        await trx.deleteFrom('roleGrants').where('id', '=', grantId).execute();
        if (grant.adminClass) {
          const stillAdmin = await trx.selectFrom('roleGrants as g').innerJoin('roles as r', 'r.id', 'g.roleId').select('g.id').where('g.userId', '=', userId).where('r.adminClass', 'is not', null).executeTakeFirst();
          if (!stillAdmin) await trx.updateTable('users').set({ adminClass: null }).where('id', '=', userId).execute();
        }
        await revokeUserSessions(trx, userId, 'role_change', clock.now());
        await audit.record(trx, subjectOf(actor), { eventType: 'grant.delete', action: 'delete', objectType: 'user', objectId: userId, orgId: user.orgId, riskLevel: 'high', detail: { role: grant.key, orgId: grant.orgId } });
      });
    },
  };
}

export type RoleService = ReturnType<typeof createRoleService>;
