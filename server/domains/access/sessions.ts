import type { CryptoProvider } from '../../platform/crypto/index.ts';
import type { Db } from '../../platform/db.ts';

export const SESSION_COOKIE = 'yiwei_session';

/** The database keeps only the SM3 hash of a session id, so a leaked table holds no live sessions. */
export function sessionKey(crypto: CryptoProvider, rawId: string): string {
  return crypto.sm3(rawId).toString('hex');
}

/** Short, non-secret reference to a session for audit records. */
export function sessionRef(key: string): string {
  return key.slice(0, 16);
}

export interface NewSession {
  rawId: string;
  key: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function createSession(
  db: Db,
  crypto: CryptoProvider,
  input: { userId: string; mfaVerified: boolean; idleTimeoutSeconds: number; absoluteHours: number; ip: string | null; userAgent: string | null; now: Date },
): Promise<NewSession> {
  const rawId = crypto.randomBytes(32).toString('base64url');
  const key = sessionKey(crypto, rawId);
  const csrfToken = crypto.randomBytes(24).toString('base64url');
  const expiresAt = new Date(input.now.getTime() + input.absoluteHours * 3_600_000);
  await db
    .insertInto('sessions')
    .values({
      id: key,
      userId: input.userId,
      csrfToken,
      createdAt: input.now,
      lastSeenAt: input.now,
      expiresAt,
      idleTimeoutSeconds: input.idleTimeoutSeconds,
      mfaVerified: input.mfaVerified,
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { rawId, key, csrfToken, expiresAt };
}

/** Ends every live session of a user (password, role or MFA change, disable, delete). */
export async function revokeUserSessions(db: Db, userId: string, reason: string, now: Date, exceptKey?: string): Promise<number> {
  let q = db.updateTable('sessions').set({ revokedAt: now, revokeReason: reason }).where('userId', '=', userId).where('revokedAt', 'is', null);
  if (exceptKey) q = q.where('id', '!=', exceptKey);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}
