import type { App } from '../../../app.ts';
import type { TenancyFixture } from '../../../test/tenancy-fixtures.ts';
import { policyFromTemplate } from '../sla/index.ts';

/** An SLA policy row written directly (test scaffolding): the seed 001 template under a unique name. */
export async function insertPolicy(app: App, orgId: string, opts: { name?: string; templateKey?: string; isDefault?: boolean } = {}): Promise<string> {
  const definition = { ...policyFromTemplate(opts.templateKey ?? 'seed001_resident')!, name: opts.name ?? `tenancy policy ${globalThis.crypto.randomUUID().slice(0, 8)}` };
  const row = await app.platform.db
    .insertInto('slaPolicies')
    .values({ orgId, name: definition.name, templateKey: opts.templateKey ?? 'seed001_resident', definition: JSON.stringify(definition), isDefault: opts.isDefault ?? false, createdBy: null, deletedAt: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The tenancy harness's sla_policy. */
export const slaPolicyTenancyFixture: TenancyFixture = {
  create: (app, orgId) => insertPolicy(app, orgId),
  snapshot: async (app, id) => ({
    policy: await app.platform.db.selectFrom('slaPolicies').selectAll().where('id', '=', id).executeTakeFirst(),
    contracts: await app.platform.db.selectFrom('slaContractPolicies').selectAll().where('policyId', '=', id).execute(),
  }),
};
