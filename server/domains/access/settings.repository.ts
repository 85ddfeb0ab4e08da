import type { AuditPolicy } from '../../../shared/schemas/audit.ts';
import { SecurityPolicy } from '../../../shared/schemas/access.ts';
import type { Db } from '../../platform/db.ts';
import { DEFAULT_SECURITY_POLICY } from './password-policy.ts';

export const DEFAULT_AUDIT_POLICY: AuditPolicy = { retentionDays: 180 };

/** Reads a setting, falling back to the default for any missing part. */
export async function getSecurityPolicy(db: Db): Promise<SecurityPolicy> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', 'security_policy').executeTakeFirst();
  const stored = (row?.value ?? {}) as Partial<SecurityPolicy>;
  return SecurityPolicy.parse({
    password: { ...DEFAULT_SECURITY_POLICY.password, ...stored.password },
    lockout: { ...DEFAULT_SECURITY_POLICY.lockout, ...stored.lockout },
    session: { ...DEFAULT_SECURITY_POLICY.session, ...stored.session },
  });
}

export async function getAuditPolicy(db: Db): Promise<AuditPolicy> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', 'audit_policy').executeTakeFirst();
  return { ...DEFAULT_AUDIT_POLICY, ...((row?.value ?? {}) as Partial<AuditPolicy>) };
}

export async function putSetting(db: Db, key: string, value: unknown, userId: string | null, now: Date) {
  await db
    .insertInto('settings')
    .values({ key, value: JSON.stringify(value), updatedBy: userId, updatedAt: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updatedBy: userId, updatedAt: now }))
    .execute();
}
