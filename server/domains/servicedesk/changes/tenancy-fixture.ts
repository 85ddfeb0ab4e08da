import type { Insertable } from 'kysely';
import type { App } from '../../../app.ts';
import type { TenancyFixture } from '../../../test/tenancy-fixtures.ts';
import type { ChangesTable } from '../itil.tables.ts';

let counter = 0;
const suffix = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

/** A change row written directly (test scaffolding: seeded KPIs, conflicts), with its assets. */
export async function insertChange(app: App, orgId: string, values: Partial<Insertable<ChangesTable>> & { assetIds?: string[] } = {}): Promise<string> {
  const { assetIds = [], ...rest } = values;
  const db = app.platform.db;
  const now = app.platform.clock.now();
  const row = await db
    .insertInto('changes')
    .values({
      orgId,
      number: `CHG-T-${suffix()}`,
      class: 'standard',
      title: 'tenancy change',
      templateId: null,
      steps: JSON.stringify([{ title: 'step', detail: '' }]),
      windowStart: null,
      windowEnd: null,
      implementerId: null,
      clinicalApproverId: null,
      submittedAt: null,
      approvedAt: null,
      scheduledAt: null,
      startedAt: null,
      completedAt: null,
      closedAt: null,
      cancelledAt: null,
      cancelReason: null,
      outcome: null,
      outcomeNote: null,
      rollbackMinutes: null,
      onTime: null,
      createdBy: null,
      createdAt: now,
      updatedAt: now,
      ...rest,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (assetIds.length) await db.insertInto('changeAssets').values(assetIds.map((assetId, position) => ({ changeId: row.id, assetId, orgId, position }))).execute();
  return row.id;
}

/** The harness's change: a reviewed change submitted and waiting for an approver of its organisation, with a window. */
export const changeTenancyFixture: TenancyFixture = {
  async create(app, orgId) {
    const db = app.platform.db;
    const approver = await db
      .insertInto('users')
      .values({ orgId, username: `t-${suffix()}`, displayName: 'tenancy approver', email: null, phoneSealed: null, adminClass: null, passwordHash: 'x', totpSecretSealed: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const now = app.platform.clock.now();
    const id = await insertChange(app, orgId, {
      class: 'reviewed',
      status: 'submitted',
      approvalState: 'pending',
      approverIds: [approver.id],
      windowStart: new Date('2026-01-10T14:00:00Z'),
      windowEnd: new Date('2026-01-10T16:00:00Z'),
      rollbackPlan: 'tenancy rollback',
      verificationPlan: 'tenancy verification',
      submittedAt: now,
    });
    await db.insertInto('changeApprovals').values({ changeId: id, approverId: approver.id, role: 'approver', comment: null, decidedAt: null }).execute();
    await db.insertInto('changeEvents').values({ changeId: id, orgId, kind: 'submitted', at: now, actorId: null, actorName: 'tenancy', details: '{}' }).execute();
    return id;
  },
  snapshot: async (app, id) => {
    const db = app.platform.db;
    return {
      change: await db.selectFrom('changes').selectAll().where('id', '=', id).executeTakeFirst(),
      approvals: await db.selectFrom('changeApprovals').selectAll().where('changeId', '=', id).orderBy('approverId').execute(),
      events: await db.selectFrom('changeEvents').select(['id', 'kind']).where('changeId', '=', id).orderBy('id').execute(),
      assets: await db.selectFrom('changeAssets').selectAll().where('changeId', '=', id).execute(),
      tickets: await db.selectFrom('ticketLinks').selectAll().where('kind', '=', 'change').where('targetId', '=', id).execute(),
      problems: await db.selectFrom('problemChanges').selectAll().where('changeId', '=', id).execute(),
    };
  },
};

export const changeFreezeTenancyFixture: TenancyFixture = {
  async create(app, orgId) {
    const now = app.platform.clock.now();
    const row = await app.platform.db
      .insertInto('changeFreezePeriods')
      .values({ orgId, startsAt: new Date('2026-01-15T00:00:00Z'), endsAt: new Date('2026-01-20T00:00:00Z'), reason: 'tenancy freeze', createdBy: null, createdAt: now, updatedAt: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },
  snapshot: (app, id) => app.platform.db.selectFrom('changeFreezePeriods').selectAll().where('id', '=', id).executeTakeFirst(),
};

export async function insertChangeTemplate(app: App, orgId: string, name = `tenancy template ${suffix()}`): Promise<string> {
  const now = app.platform.clock.now();
  const row = await app.platform.db
    .insertInto('changeTemplates')
    .values({ orgId, name, description: 'tenancy', steps: JSON.stringify([{ title: 'tenancy step', detail: '' }]), rollbackPlan: 'tenancy rollback', verificationPlan: 'tenancy verification', createdBy: null, createdAt: now, updatedAt: now, deletedAt: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export const changeTemplateTenancyFixture: TenancyFixture = {
  create: (app, orgId) => insertChangeTemplate(app, orgId),
  snapshot: (app, id) => app.platform.db.selectFrom('changeTemplates').selectAll().where('id', '=', id).executeTakeFirst(),
};
