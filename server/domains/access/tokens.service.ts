import type { Selectable } from 'kysely';
import type { ApiToken, ApiTokenCreateInput } from '../../../shared/schemas/access.ts';
import { assertInScope, can, inScope, requirePermission, scopeOf, type Actor } from '../../platform/actor.ts';
import { subjectOf } from '../../platform/audit.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Permission } from '../../../shared/permissions.ts';
import type { ApiTokensTable } from './access.tables.ts';
import type { RequestContext } from './auth.service.ts';

type Row = Selectable<ApiTokensTable>;
const TOKEN_PREFIX = 'yw_';

const present = (t: Row): ApiToken => ({
  id: t.id,
  orgId: t.orgId,
  name: t.name,
  prefix: t.prefix,
  permissions: t.permissions,
  orgIds: t.orgIds,
  createdBy: t.createdBy,
  createdAt: t.createdAt.toISOString(),
  expiresAt: t.expiresAt?.toISOString() ?? null,
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  revokedAt: t.revokedAt?.toISOString() ?? null,
});

/** API tokens for integrations: scoped to organisations and permissions, shown once, stored as an SM3 hash. */
export function createTokenService({ db, audit, crypto, clock }: PlatformDeps) {
  const hashOf = (secret: string) => crypto.sm3(secret).toString('hex');

  async function getRow(actor: Actor, id: string) {
    const row = await db.selectFrom('apiTokens').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('api_token', id);
    await assertInScope(db, actor, 'token.manage', row.orgId, 'api_token', id);
    return row;
  }

  return {
    async list(actor: Actor): Promise<ApiToken[]> {
      const scope = scopeOf(actor, 'token.manage');
      const rows = await db.selectFrom('apiTokens').selectAll().where(inScope(scope, 'api_tokens.org_id', actor)).orderBy('createdAt', 'desc').limit(1000).execute();
      return rows.map(present);
    },

    /** A token can carry only permissions its creator holds, on organisations the creator manages. */
    async create(actor: Actor, input: ApiTokenCreateInput) {
      requirePermission(actor, 'token.manage');
      if (actor.kind !== 'user') throw new AppError('forbidden', 'auth.session_only', 'Only a person can create tokens');
      for (const orgId of new Set([input.orgId, ...input.orgIds])) await assertInScope(db, actor, 'token.manage', orgId, 'organisation', orgId);
      const missing = input.permissions.filter((p) => !can(actor, p as Permission));
      if (missing.length) throw new AppError('forbidden', 'permission.denied', 'A token cannot carry permissions you do not hold', { permissions: missing });
      const secret = `${TOKEN_PREFIX}${crypto.randomBytes(32).toString('base64url')}`;
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('apiTokens')
          .values({
            orgId: input.orgId,
            name: input.name,
            prefix: secret.slice(0, 10),
            tokenHash: hashOf(secret),
            permissions: [...new Set(input.permissions)],
            orgIds: [...new Set(input.orgIds)],
            createdBy: actor.userId!,
            expiresAt: input.expiresAt ?? null,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await audit.record(trx, subjectOf(actor), { eventType: 'api_token.create', action: 'create', objectType: 'api_token', objectId: row.id, orgId: row.orgId, riskLevel: 'high', detail: { after: present(row) } });
        return { token: present(row), secret };
      });
    },

    async revoke(actor: Actor, id: string): Promise<ApiToken> {
      const before = await getRow(actor, id);
      if (before.revokedAt) return present(before);
      return db.transaction().execute(async (trx) => {
        const row = await trx.updateTable('apiTokens').set({ revokedAt: clock.now() }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
        await audit.record(trx, subjectOf(actor), { eventType: 'api_token.revoke', action: 'revoke', objectType: 'api_token', objectId: id, orgId: row.orgId, riskLevel: 'medium' });
        return present(row);
      });
    },

    /** The Actor behind a bearer token, or null when it is unknown, revoked or expired. */
    async authenticate(secret: string, ctx: RequestContext): Promise<Actor | null> {
      if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 200) return null;
      const row = await db.selectFrom('apiTokens').selectAll().where('tokenHash', '=', hashOf(secret)).executeTakeFirst();
      const now = clock.now();
      if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now)) return null;
      if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
        await db.updateTable('apiTokens').set({ lastUsedAt: now }).where('id', '=', row.id).execute();
      }
      const permissions = new Set(row.permissions);
      return {
        kind: 'token',
        userId: row.createdBy,
        name: `token:${row.name}`,
        adminClass: null,
        roleKeys: [],
        grants: row.orgIds.map((orgId) => ({ roleKey: 'api_token', orgId, permissions })),
        sessionRef: null,
        tokenId: row.id,
        ip: ctx.ip,
        userAgent: ctx.userAgent,
        requestId: ctx.requestId,
      };
    },
  };
}

export type TokenService = ReturnType<typeof createTokenService>;
