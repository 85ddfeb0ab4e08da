import type { App } from '../../../app.ts';
import type { TenancyFixture } from '../../../test/tenancy-fixtures.ts';

// Rows written directly (test scaffolding): no reference checks, no audit.

const db = (app: App) => app.platform.db;
const suffix = () => globalThis.crypto.randomUUID().slice(0, 8);

/** A daily rotation of two made-up people, so its shifts route has something to answer for January 2026. */
export async function insertSchedule(app: App, orgId: string, name = `tenancy schedule ${suffix()}`): Promise<string> {
  const rules = { timeZone: 'Asia/Shanghai', layers: [{ name: 'day', participants: ['p-1', 'p-2'], kind: 'daily', handoffTime: '08:30', startDate: '2025-12-01', restriction: null }], overrides: [] };
  const row = await db(app).insertInto('oncallSchedules').values({ orgId, name, calendarId: null, rules: JSON.stringify(rules), deletedAt: null }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** A one-step policy paging a schedule of the same organisation. */
export async function insertPolicy(app: App, orgId: string, name = `tenancy policy ${suffix()}`): Promise<string> {
  const scheduleId = await insertSchedule(app, orgId);
  const steps = [{ delayMinutes: 0, targets: [{ kind: 'schedule', scheduleId, via: [] }] }];
  const row = await db(app).insertInto('escalationPolicies').values({ orgId, name, steps: JSON.stringify(steps), deletedAt: null }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export const silenceTenancyFixture: TenancyFixture = {
  async create(app, orgId) {
    const row = await db(app)
      .insertInto('alertSilences')
      .values({ orgId, matchers: JSON.stringify([{ name: 'asset', op: '=', value: 'tenancy' }]), startsAt: new Date('2026-11-01T00:00:00Z'), endsAt: new Date('2027-01-01T00:00:00Z'), reason: 'tenancy silence', createdBy: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },
  snapshot: (app, id) => db(app).selectFrom('alertSilences').selectAll().where('id', '=', id).executeTakeFirst(),
};

export const onCallScheduleTenancyFixture: TenancyFixture = {
  create: (app, orgId) => insertSchedule(app, orgId),
  snapshot: (app, id) => db(app).selectFrom('oncallSchedules').selectAll().where('id', '=', id).executeTakeFirst(),
};

export const escalationPolicyTenancyFixture: TenancyFixture = {
  create: (app, orgId) => insertPolicy(app, orgId),
  snapshot: (app, id) => db(app).selectFrom('escalationPolicies').selectAll().where('id', '=', id).executeTakeFirst(),
};

export const alertRouteTenancyFixture: TenancyFixture = {
  async create(app, orgId) {
    const policyId = await insertPolicy(app, orgId);
    const conditions = { includeSubOrgs: true, severities: ['P1'], assetKinds: [], coreOnly: false, sources: [], matchers: [], time: 'any', calendarId: null };
    const row = await db(app)
      .insertInto('alertRoutes')
      .values({ orgId, name: 'tenancy route', position: 10, conditions: JSON.stringify(conditions), channelIds: [], escalationPolicyId: policyId, deletedAt: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },
  snapshot: (app, id) => db(app).selectFrom('alertRoutes').selectAll().where('id', '=', id).executeTakeFirst(),
};

export const alertIntegrationTenancyFixture: TenancyFixture = {
  async create(app, orgId) {
    const config = { kind: 'alertmanager', options: { severityLabel: 'severity', severityMap: {}, defaultSeverity: 'P3', orgLabels: ['org'], assetLabels: ['instance'] } };
    const row = await db(app)
      .insertInto('alertIntegrations')
      .values({ orgId, name: 'tenancy integration', kind: 'alertmanager', config: JSON.stringify(config), lastReceivedAt: null, deletedAt: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },
  snapshot: (app, id) => db(app).selectFrom('alertIntegrations').selectAll().where('id', '=', id).executeTakeFirst(),
};

/** The tenancy harness's alert_rule: a latency rule over every probe of the organisation. */
export const alertRuleTenancyFixture: TenancyFixture = {
  async create(app, orgId) {
    const row = await db(app)
      .insertInto('alertRules')
      .values({ orgId, name: 'tenancy rule', probeId: null, probeKind: null, metric: 'latency', measurementKey: null, aggregate: 'p95', op: '>', threshold: 800, windowMinutes: 5, severity: 'P3', deletedAt: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },
  snapshot: (app, id) => db(app).selectFrom('alertRules').selectAll().where('id', '=', id).executeTakeFirst(),
};
