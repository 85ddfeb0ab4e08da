import type { TenancyFixture } from '../../../test/tenancy-fixtures.ts';

/** The tenancy harness's alert: a firing one, so acknowledge, resolve and comment would all change it. */
export const alertTenancyFixture: TenancyFixture = {
  async create(app, orgId) {
    const now = app.platform.clock.now();
    const row = await app.platform.db
      .insertInto('alerts')
      .values({ orgId, source: 'webhook', dedupKey: `tenancy-${globalThis.crypto.randomUUID()}`, severity: 'P2', title: 'tenancy alert', labels: '{}', assetId: null, probeId: null, groupKey: `${orgId}:webhook`, suppression: null, causeAlertId: null, silenceId: null, routeId: null, escalationPolicyId: null, nextEscalationAt: null, url: null, firstFiredAt: now, lastFiredAt: now, acknowledgedAt: null, acknowledgedBy: null, resolvedAt: null, resolvedBy: null, ticketRef: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },
  snapshot: async (app, id) => ({
    alert: await app.platform.db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst(),
    events: await app.platform.db.selectFrom('alertEvents').select(['id', 'kind']).where('alertId', '=', id).orderBy('id').execute(),
  }),
};
