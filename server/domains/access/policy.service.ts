import type { SecurityPolicy } from '../../../shared/schemas/access.ts';
import { SecurityPolicy as SecurityPolicySchema } from '../../../shared/schemas/access.ts';
import { requirePermission, type Actor } from '../../platform/actor.ts';
import { subjectOf } from '../../platform/audit.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { getSecurityPolicy, putSetting } from './settings.repository.ts';

/** The password / lockout / session policy; only 安全管理员 may change it. */
export function createPolicyService({ db, audit, clock }: PlatformDeps) {
  return {
    async get(actor: Actor): Promise<SecurityPolicy> {
      requirePermission(actor, 'policy.manage');
      return getSecurityPolicy(db);
    },
    async update(actor: Actor, input: Partial<SecurityPolicy>): Promise<SecurityPolicy> {
      requirePermission(actor, 'policy.manage');
      return db.transaction().execute(async (trx) => {
        const before = await getSecurityPolicy(trx);
        const after = SecurityPolicySchema.parse({
          password: { ...before.password, ...input.password },
          lockout: { ...before.lockout, ...input.lockout },
          session: { ...before.session, ...input.session },
        });
        await putSetting(trx, 'security_policy', after, actor.userId, clock.now());
        await audit.record(trx, subjectOf(actor), { eventType: 'policy.update', action: 'update', objectType: 'security_policy', objectId: 'security_policy', riskLevel: 'high', detail: { before, after } });
        return after;
      });
    },
  };
}

export type PolicyService = ReturnType<typeof createPolicyService>;
