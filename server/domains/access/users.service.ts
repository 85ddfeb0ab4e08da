import { sql, type Selectable } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { User, UserCreateInput, UserListQuery, UserUpdateInput } from '../../../shared/schemas/access.ts';
import { assertInScope, inScope, requirePermission, scopeOf, type Actor } from '../../platform/actor.ts';
import { subjectOf } from '../../platform/audit.ts';
import { hashPassword } from '../../platform/crypto/index.ts';
import type { Db } from '../../platform/db.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { AppError, conflict, notFound } from '../../platform/errors.ts';
import { maskPhone } from '../../platform/mask.ts';
import type { UsersTable } from './access.tables.ts';
import { generatePassword } from './password-policy.ts';
import { revokeUserSessions } from './sessions.ts';

type Row = Selectable<UsersTable>;
/** Sealing context of a user's phone number; the notifier opens it to text the person on call. */
export const PHONE_CONTEXT = 'users.phone';

/** Accounts: created and disabled by 系统管理员; credentials reset and accounts unlocked by 安全管理员. */
export function createUserService({ db, audit, crypto, secrets, clock, config }: PlatformDeps) {
  const snapshot = (u: Row) => ({
    username: u.username,
    displayName: u.displayName,
    orgId: u.orgId,
    email: u.email,
    phone: u.phoneSealed ? '***' : null,
    status: u.status,
    expiresAt: u.expiresAt?.toISOString() ?? null,
  });

  type DetailedRow = Row & { orgName: string; roles: Array<{ key: string; name: string; orgId: string }> };

  /** Users with their organisation name and role grants, in one query. */
  function detailed(trx: Db) {
    return trx
      .selectFrom('users')
      .innerJoin('organisations as o', 'o.id', 'users.orgId')
      .selectAll('users')
      .select('o.name as orgName')
      .select((eb) =>
        jsonArrayFrom(eb.selectFrom('roleGrants as g').innerJoin('roles as r', 'r.id', 'g.roleId').select(['r.key', 'r.name', 'g.orgId']).whereRef('g.userId', '=', 'users.id').orderBy('r.key')).as('roles'),
      );
  }

  function present(u: DetailedRow): User {
    const now = clock.now();
    return {
      id: u.id,
      orgId: u.orgId,
      orgName: u.orgName,
      username: u.username,
      displayName: u.displayName,
      email: u.email,
      phone: u.phoneSealed ? maskPhone(secrets.open(u.phoneSealed, PHONE_CONTEXT)) : null,
      status: u.status,
      adminClass: u.adminClass,
      isLocked: u.lockedUntil !== null && u.lockedUntil > now,
      totpEnabled: u.totpEnabledAt !== null,
      mustChangePassword: u.mustChangePassword,
      // jsonb turns timestamps into strings; new Date() reads both forms.
      expiresAt: u.expiresAt ? new Date(u.expiresAt).toISOString() : null,
      lastLoginAt: u.lastLoginAt ? new Date(u.lastLoginAt).toISOString() : null,
      createdAt: new Date(u.createdAt).toISOString(),
      roles: u.roles.map((g) => ({ key: g.key, name: g.name, orgId: g.orgId })),
    };
  }
  const presentOne = async (row: Row) => present((await detailed(db).where('users.id', '=', row.id).executeTakeFirstOrThrow()) as DetailedRow);

  /** Loads a user the actor may act on with `permission` in one query; another tenant's user is 404. */
  async function getRow(trx: Db, actor: Actor, id: string, permission: 'user.read' | 'user.manage' | 'user.secure' | 'grant.manage'): Promise<Row> {
    const row = await trx.selectFrom('users').selectAll().where('id', '=', id).where(inScope(scopeOf(actor, permission), 'users.org_id', actor)).executeTakeFirst();
    if (!row) throw notFound('user', id);
    return row;
  }

  async function newInitialPassword() {
    const password = generatePassword((n) => crypto.randomBytes(n));
    return { password, hash: await hashPassword(crypto, password, config.passwordIterations) };
  }

  async function change(actor: Actor, id: string, permission: 'user.manage' | 'user.secure', eventType: string, set: (row: Row) => Partial<Record<string, unknown>>, opts: { revoke?: string; risk?: 'low' | 'medium' | 'high'; notSelf?: boolean } = {}) {
    return db.transaction().execute(async (trx) => {
      const before = await getRow(trx, actor, id, permission);
      if (opts.notSelf && before.id === actor.userId) throw new AppError('invalid', 'user.self', 'You cannot do this to your own account');
      const now = clock.now();
      const after = await trx.updateTable('users').set({ ...set(before), updatedAt: now }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
      if (opts.revoke) await revokeUserSessions(trx, id, opts.revoke, now);
      await audit.record(trx, subjectOf(actor), { eventType, action: 'update', objectType: 'user', objectId: id, orgId: before.orgId, riskLevel: opts.risk ?? 'medium', detail: { before: snapshot(before), after: snapshot(after) } });
      return after;
    });
  }

  return {
    getRow,
    presentOne,

    async list(actor: Actor, query: UserListQuery) {
      const scope = scopeOf(actor, 'user.read');
      let q = db.selectFrom('users').where(inScope(scope, 'users.org_id', actor, query.orgId && query.subtree !== 'false' ? query.orgId : undefined));
      if (query.orgId && query.subtree === 'false') q = q.where('orgId', '=', query.orgId);
      if (query.status) q = q.where('status', '=', query.status);
      if (query.q) q = q.where((eb) => eb.or([eb('username', 'ilike', `%${query.q}%`), eb('displayName', 'ilike', `%${query.q}%`)]));
      const [ids, count] = await Promise.all([
        q.select('id').orderBy('username').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      const rows = ids.length ? ((await detailed(db).where('users.id', 'in', ids.map((r) => r.id)).orderBy('users.username').execute()) as DetailedRow[]) : [];
      return { items: rows.map(present), total: Number(count.n), page: query.page, pageSize: query.pageSize };
    },

    async get(actor: Actor, id: string) {
      const row = await detailed(db).where('users.id', '=', id).where(inScope(scopeOf(actor, 'user.read'), 'users.org_id', actor)).executeTakeFirst();
      if (!row) throw notFound('user', id);
      return present(row as DetailedRow);
    },

    async create(actor: Actor, input: UserCreateInput) {
      requirePermission(actor, 'user.manage');
      await assertInScope(db, actor, 'user.manage', input.orgId, 'organisation', input.orgId);
      const initial = await newInitialPassword();
      const row = await db.transaction().execute(async (trx) => {
        const now = clock.now();
        const taken = await trx.selectFrom('users').select('id').where(sql<boolean>`lower(username) = ${input.username.toLowerCase()}`).executeTakeFirst();
        if (taken) throw conflict('user.username_taken', 'The user name is taken');
        const row = await trx
          .insertInto('users')
          .values({
            orgId: input.orgId,
            username: input.username,
            displayName: input.displayName,
            email: input.email ?? null,
            phoneSealed: input.phone ? secrets.seal(input.phone, PHONE_CONTEXT) : null,
            adminClass: null,
            passwordHash: initial.hash,
            mustChangePassword: true,
            totpSecretSealed: null,
            expiresAt: input.expiresAt ?? null,
            createdAt: now,
            updatedAt: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await audit.record(trx, subjectOf(actor), { eventType: 'user.create', action: 'create', objectType: 'user', objectId: row.id, orgId: row.orgId, detail: { after: snapshot(row) } });
        return row;
      });
      // Presenting reads through `db`: on PGlite's single connection that must wait for the commit.
      return { user: await presentOne(row), initialPassword: initial.password };
    },

    async update(actor: Actor, id: string, input: UserUpdateInput) {
      if (input.orgId) await assertInScope(db, actor, 'user.manage', input.orgId, 'organisation', input.orgId);
      const row = await change(actor, id, 'user.manage', 'user.update', () => ({
        ...(input.orgId !== undefined ? { orgId: input.orgId } : {}),
        ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
        ...(input.email !== undefined ? { email: input.email } : {}),
        ...(input.phone !== undefined ? { phoneSealed: input.phone ? secrets.seal(input.phone, PHONE_CONTEXT) : null } : {}),
        ...(input.expiresAt !== undefined ? { expiresAt: input.expiresAt } : {}),
      }), { risk: 'low' });
      return presentOne(row);
    },

    async disable(actor: Actor, id: string) {
      return presentOne(await change(actor, id, 'user.manage', 'user.disable', () => ({ status: 'disabled' }), { revoke: 'disabled', notSelf: true }));
    },
    async enable(actor: Actor, id: string) {
      return presentOne(await change(actor, id, 'user.manage', 'user.enable', () => ({ status: 'active' })));
    },
    async unlock(actor: Actor, id: string) {
      return presentOne(await change(actor, id, 'user.secure', 'user.unlock', () => ({ lockedUntil: null, failedLoginCount: 0 })));
    },
    async resetTotp(actor: Actor, id: string) {
      const row = await change(actor, id, 'user.secure', 'user.reset_totp', () => ({ totpSecretSealed: null, totpEnabledAt: null, totpLastStep: null }), { revoke: 'mfa_reset', risk: 'high', notSelf: true });
      await db.deleteFrom('recoveryCodes').where('userId', '=', id).execute();
      return presentOne(row);
    },
    async resetPassword(actor: Actor, id: string) {
      const initial = await newInitialPassword();
      const row = await change(actor, id, 'user.secure', 'user.reset_password', () => ({ passwordHash: initial.hash, mustChangePassword: true, passwordChangedAt: clock.now(), lockedUntil: null, failedLoginCount: 0 }), { revoke: 'password_reset', risk: 'high', notSelf: true });
      return { user: await presentOne(row), initialPassword: initial.password };
    },

    async remove(actor: Actor, id: string) {
      await db.transaction().execute(async (trx) => {
        const before = await getRow(trx, actor, id, 'user.manage');
        if (before.id === actor.userId) throw new AppError('invalid', 'user.self', 'You cannot delete your own account');
        const tokens = await trx.selectFrom('apiTokens').select('id').where('createdBy', '=', id).limit(1).executeTakeFirst();
        if (tokens) throw conflict('user.has_tokens', 'The user created API tokens; disable the account instead');
        // Residual information (等保 8.1.4.10): overwrite credentials before the row goes.
        await trx.updateTable('users').set({ passwordHash: '', totpSecretSealed: null, phoneSealed: null }).where('id', '=', id).execute();
        await trx.deleteFrom('sessions').where('userId', '=', id).execute();
        await trx.deleteFrom('users').where('id', '=', id).execute();
        await audit.record(trx, subjectOf(actor), { eventType: 'user.delete', action: 'delete', objectType: 'user', objectId: id, orgId: before.orgId, riskLevel: 'high', detail: { before: snapshot(before) } });
      });
    },
  };
}

export type UserService = ReturnType<typeof createUserService>;
