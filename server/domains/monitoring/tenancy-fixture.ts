import type { App } from '../../app.ts';
import type { TenancyFixture } from '../../test/tenancy-fixtures.ts';

/** The tenancy harness's probe: a TCP probe of the given organisation, with its state history. */
export const probeTenancyFixture: TenancyFixture = {
  async create(app: App, orgId: string) {
    const row = await app.platform.db
      .insertInto('probes')
      .values({ orgId, assetId: null, name: 'tenancy probe', kind: 'tcp', config: JSON.stringify({ host: '127.0.0.1', port: 9 }), intervalS: 60, timeoutMs: 5000, retryIntervalS: 20 })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },
  snapshot: async (app: App, id: string) => ({
    probe: await app.platform.db.selectFrom('probes').selectAll().where('id', '=', id).executeTakeFirst(),
    changes: await app.platform.db.selectFrom('probeStateChanges').select(['id', 'toState']).where('probeId', '=', id).orderBy('id').execute(),
  }),
};
