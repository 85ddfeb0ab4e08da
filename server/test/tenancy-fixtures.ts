import type { App } from '../app.ts';
import { maintenanceWindowTenancyFixture } from '../domains/monitoring/maintenance/tenancy-fixture.ts';
import { probeTenancyFixture } from '../domains/monitoring/tenancy-fixture.ts';
import { agentTenancyFixture } from '../domains/monitoring/agents/tenancy-fixture.ts';
import { notificationChannelTenancyFixture, notificationTenancyFixture } from '../domains/alerts/notifications/tenancy-fixture.ts';
import { alertTenancyFixture } from '../domains/alerts/store/tenancy-fixture.ts';
import { alertIntegrationTenancyFixture, alertRouteTenancyFixture, alertRuleTenancyFixture, escalationPolicyTenancyFixture, onCallScheduleTenancyFixture, silenceTenancyFixture } from '../domains/alerts/config/tenancy-fixture.ts';
import { slaPolicyTenancyFixture } from '../domains/servicedesk/policies/tenancy-fixture.ts';
import { assignmentGroupTenancyFixture, ticketCategoryTenancyFixture } from '../domains/servicedesk/catalog/tenancy-fixture.ts';
import { ticketTenancyFixture } from '../domains/servicedesk/tickets/tenancy-fixture.ts';
import { problemTenancyFixture } from '../domains/servicedesk/problems/tenancy-fixture.ts';
import { changeFreezeTenancyFixture, changeTemplateTenancyFixture, changeTenancyFixture } from '../domains/servicedesk/changes/tenancy-fixture.ts';
import { knowledgeArticleTenancyFixture } from '../domains/servicedesk/knowledge/tenancy-fixture.ts';

/** An asset row written directly (test scaffolding), with a history row so the snapshot sees any new one. */
async function insertAsset(app: App, orgId: string, name = 'tenancy asset') {
  const db = app.platform.db;
  const kind = await db.selectFrom('assetKinds').select('id').where('key', '=', 'server').executeTakeFirstOrThrow();
  const row = await db
    .insertInto('assets')
    .values({ orgId, kindId: kind.id, code: `T-${globalThis.crypto.randomUUID().slice(0, 8)}`, name, brand: null, model: null, serialNumber: null, locationId: null, rackUnitStart: null, rackUnitSize: null, ownerDepartmentId: null, ownerPerson: null, engineerId: null, purchaseMonth: '2018-04-01', warrantyYears: 3, warrantyEndsOn: '2021-04-30', vendorId: null, contractId: null, endOfServiceOn: '2026-12-01', cpu: null, os: null, database: null, middleware: null, attributes: '{}', notes: null, createdBy: null, updatedBy: null })
    .returning(['id', 'orgId'])
    .executeTakeFirstOrThrow();
  await db.insertInto('assetHistory').values({ assetId: row.id, orgId, changedAt: app.platform.clock.now(), actorId: null, actorName: 'tenancy', action: 'create', changes: '{}', importId: null }).execute();
  return row.id;
}

const assetSnapshot = async (app: App, id: string) => ({
  asset: await app.platform.db.selectFrom('assets').selectAll().where('id', '=', id).executeTakeFirst(),
  history: await app.platform.db.selectFrom('assetHistory').select(['id', 'action']).where('assetId', '=', id).orderBy('id').execute(),
  relations: await app.platform.db.selectFrom('assetRelations').selectAll().where((eb) => eb.or([eb('fromAssetId', '=', id), eb('toAssetId', '=', id)])).orderBy('id').execute(),
});

/** One object of a resource, created inside a given organisation, and a way to read it back unchanged. */
export interface TenancyFixture {
  create(app: App, orgId: string): Promise<string>;
  snapshot(app: App, id: string): Promise<unknown>;
}

/**
 * Every resource a route declares in `tenancy` needs an entry here; the harness fails for a route whose
 * resource has none. A new domain adds its resources in the same change as its routes.
 */
export const tenancyFixtures: Record<string, TenancyFixture> = {
  probe: probeTenancyFixture,
  maintenance_window: maintenanceWindowTenancyFixture,
  agent: agentTenancyFixture,
  notification_channel: notificationChannelTenancyFixture,
  notification: notificationTenancyFixture,
  alert: alertTenancyFixture,
  alert_silence: silenceTenancyFixture,
  oncall_schedule: onCallScheduleTenancyFixture,
  escalation_policy: escalationPolicyTenancyFixture,
  alert_route: alertRouteTenancyFixture,
  alert_integration: alertIntegrationTenancyFixture,
  alert_rule: alertRuleTenancyFixture,
  sla_policy: slaPolicyTenancyFixture,
  ticket_category: ticketCategoryTenancyFixture,
  assignment_group: assignmentGroupTenancyFixture,
  ticket: ticketTenancyFixture,
  problem: problemTenancyFixture,
  change: changeTenancyFixture,
  change_freeze: changeFreezeTenancyFixture,
  change_template: changeTemplateTenancyFixture,
  knowledge_article: knowledgeArticleTenancyFixture,
  organisation: {
    async create(app, orgId) {
      const parent = await app.platform.db.selectFrom('organisations').select('ancestorIds').where('id', '=', orgId).executeTakeFirstOrThrow();
      const id = globalThis.crypto.randomUUID();
      await app.platform.db.insertInto('organisations').values({ id, parentId: orgId, ancestorIds: [...parent.ancestorIds, id], kind: 'department', code: `T-${id.slice(0, 8)}`, name: 'tenancy dept', level: null, contactName: null, contactPhoneSealed: null, address: null }).execute();
      return id;
    },
    snapshot: (app, id) => app.platform.db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst(),
  },
  user: {
    async create(app, orgId) {
      const row = await app.platform.db
        .insertInto('users')
        .values({ orgId, username: `t-${globalThis.crypto.randomUUID().slice(0, 8)}`, displayName: 'tenancy user', email: null, phoneSealed: null, adminClass: null, passwordHash: 'x', totpSecretSealed: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      const role = await app.platform.db.selectFrom('roles').select('id').where('key', '=', 'viewer').executeTakeFirstOrThrow();
      await app.platform.db.insertInto('roleGrants').values({ userId: row.id, roleId: role.id, orgId, grantedBy: null }).execute();
      return row.id;
    },
    snapshot: async (app, id) => ({
      user: await app.platform.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst(),
      grants: await app.platform.db.selectFrom('roleGrants').select(['roleId', 'orgId']).where('userId', '=', id).execute(),
    }),
  },
  api_token: {
    async create(app, orgId) {
      const creator = await tenancyFixtures.user!.create(app, orgId);
      const row = await app.platform.db
        .insertInto('apiTokens')
        .values({ orgId, name: 'tenancy token', prefix: 'yw_xxxxxxx', tokenHash: globalThis.crypto.randomUUID(), permissions: ['org.read'], orgIds: [orgId], createdBy: creator })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    snapshot: (app, id) => app.platform.db.selectFrom('apiTokens').selectAll().where('id', '=', id).executeTakeFirst(),
  },
  calendar: {
    async create(app, orgId) {
      const row = await app.platform.db
        .insertInto('workCalendars')
        .values({ orgId, name: 'tenancy calendar', description: null, weekly: JSON.stringify([[[480, 1020]], [[480, 1020]], [[480, 1020]], [[480, 1020]], [[480, 1020]], [], []]), makeupRanges: JSON.stringify([[480, 1020]]) })
        .returning('id')
        .executeTakeFirstOrThrow();
      await app.platform.db.insertInto('calendarDays').values({ calendarId: row.id, date: '2026-01-01', kind: 'holiday', name: '元旦', ranges: null, source: 'test' }).execute();
      return row.id;
    },
    snapshot: async (app, id) => ({
      calendar: await app.platform.db.selectFrom('workCalendars').selectAll().where('id', '=', id).executeTakeFirst(),
      days: await app.platform.db.selectFrom('calendarDays').selectAll().where('calendarId', '=', id).execute(),
    }),
  },
  asset: {
    create: (app, orgId) => insertAsset(app, orgId),
    snapshot: assetSnapshot,
  },
  asset_import: {
    async create(app, orgId) {
      const sheet = { name: 'S', headerRow: 1, headers: ['设备名称'], mapping: [{ index: 0, header: '设备名称', field: 'name' }], rowCount: 1, isIncluded: true };
      const source = [{ name: 'S', headerRow: 1, headers: ['设备名称'], rows: [{ rowNumber: 2, cells: ['tenancy server'] }], warnings: [] }];
      const summary = { total: 1, create: 1, update: 0, skip: 0, error: 0, duplicates: 0, warnings: 0, unchanged: 0 };
      const row = await app.platform.db
        .insertInto('assetImports')
        .values({ orgId, createdBy: null, createdByName: 'tenancy', fileName: 'tenancy.xlsx', fileSizeBytes: 1, fileSha: '00', status: 'preview', defaultKindKey: 'server', duplicateAction: 'skip', sheets: JSON.stringify([sheet]), source: JSON.stringify(source), rows: '[]', decisions: '{}', summary: JSON.stringify(summary), expiresAt: new Date(Date.now() + 86_400_000) })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    snapshot: async (app, id) => ({
      import: await app.platform.db.selectFrom('assetImports').selectAll().where('id', '=', id).executeTakeFirst(),
      assets: await app.platform.db.selectFrom('assets').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
    }),
  },
  asset_relation: {
    async create(app, orgId) {
      const from = await insertAsset(app, orgId, 'tenancy system');
      const to = await insertAsset(app, orgId, 'tenancy server');
      const row = await app.platform.db.insertInto('assetRelations').values({ orgId, fromAssetId: from, toAssetId: to, kind: 'runs_on', attributes: '{}', createdBy: null }).returning('id').executeTakeFirstOrThrow();
      return row.id;
    },
    snapshot: (app, id) => app.platform.db.selectFrom('assetRelations').selectAll().where('id', '=', id).executeTakeFirst(),
  },
  location: {
    async create(app, orgId) {
      const id = globalThis.crypto.randomUUID();
      await app.platform.db.insertInto('locations').values({ id, orgId, parentId: null, ancestorIds: [id], kind: 'rack', name: 'tenancy rack', code: null, rackUnits: 42, notes: null }).execute();
      return id;
    },
    snapshot: (app, id) => app.platform.db.selectFrom('locations').selectAll().where('id', '=', id).executeTakeFirst(),
  },
  vendor: {
    async create(app, orgId) {
      const row = await app.platform.db
        .insertInto('vendors')
        .values({ orgId, name: `tenancy vendor ${globalThis.crypto.randomUUID().slice(0, 8)}`, contactName: null, contactPhoneSealed: null, email: null, address: null, notes: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    snapshot: (app, id) => app.platform.db.selectFrom('vendors').selectAll().where('id', '=', id).executeTakeFirst(),
  },
  maintenance_contract: {
    async create(app, orgId) {
      const db = app.platform.db;
      const row = await db
        .insertInto('maintenanceContracts')
        .values({ orgId, vendorId: null, code: `T-${globalThis.crypto.randomUUID().slice(0, 8)}`, name: 'tenancy contract', startsOn: '2026-01-01', endsOn: '2026-12-31', costFen: 100, notes: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      const content = new TextEncoder().encode('%PDF-1.4 tenancy');
      await db.insertInto('maintenanceContractDocuments').values({ contractId: row.id, orgId, fileName: 'tenancy.pdf', contentType: 'application/pdf', sizeBytes: content.byteLength, sm3: 'x', content, uploadedAt: new Date(), uploadedBy: null }).execute();
      return row.id;
    },
    snapshot: async (app, id) => ({
      contract: await app.platform.db.selectFrom('maintenanceContracts').selectAll().where('id', '=', id).executeTakeFirst(),
      document: await app.platform.db.selectFrom('maintenanceContractDocuments').select(['fileName', 'sizeBytes', 'uploadedAt']).where('contractId', '=', id).executeTakeFirst(),
    }),
  },
  saved_filter: {
    async create(app, orgId) {
      const userId = await tenancyFixtures.user!.create(app, orgId);
      const row = await app.platform.db
        .insertInto('savedFilters')
        .values({ userId, orgId, page: 'assets', name: 'tenancy filter', query: JSON.stringify({ status: 'in_use' }) })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    snapshot: (app, id) => app.platform.db.selectFrom('savedFilters').selectAll().where('id', '=', id).executeTakeFirst(),
  },
  audit_event: {
    async create(app, orgId) {
      const objectId = globalThis.crypto.randomUUID();
      await app.platform.db.transaction().execute((trx) =>
        app.platform.audit.record(trx, { userId: null, name: 'tenancy', roleKeys: [], ip: null, userAgent: null, sessionRef: null, requestId: null }, { eventType: 'tenancy.probe', action: 'create', objectType: 'probe', objectId, orgId }),
      );
      return objectId;
    },
    snapshot: async () => null,
  },
};
