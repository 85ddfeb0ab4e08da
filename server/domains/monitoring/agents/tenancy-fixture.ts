import type { App } from '../../../app.ts';
import type { TenancyFixture } from '../../../test/tenancy-fixtures.ts';

/** The tenancy harness's agent: a row written directly in the given organisation, with a probe assigned to it. */
export const agentTenancyFixture: TenancyFixture = {
  async create(app: App, orgId: string) {
    const db = app.platform.db;
    const row = await db
      .insertInto('agents')
      .values({ orgId, name: `tenancy agent ${globalThis.crypto.randomUUID().slice(0, 8)}`, tokenHash: globalThis.crypto.randomUUID(), version: '0.1.0', hostname: 'tenancy-host', lastSeenAt: null, clockSkewMs: null, createdBy: null, revokedAt: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('probes').values({ orgId, assetId: null, name: 'tenancy agent probe', kind: 'tcp', config: JSON.stringify({ host: '127.0.0.1', port: 9 }), intervalS: 60, timeoutMs: 5000, retries: 2, retryIntervalS: 20, availabilityTarget: 99.9, agentId: row.id }).execute();
    return row.id;
  },
  snapshot: async (app: App, id: string) => ({
    agent: await app.platform.db.selectFrom('agents').selectAll().where('id', '=', id).executeTakeFirst(),
    probes: await app.platform.db.selectFrom('probes').select(['id', 'agentId', 'changeSeq']).where('agentId', '=', id).execute(),
  }),
};
