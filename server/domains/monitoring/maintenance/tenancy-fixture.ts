import type { App } from '../../../app.ts';
import type { Db } from '../../../platform/db.ts';
import type { TenancyFixture } from '../../../test/tenancy-fixtures.ts';

/** A probe row written directly (test scaffolding until the probe service exists). */
export async function insertProbe(db: Db, orgId: string, opts: { assetId?: string | null; name?: string; deletedAt?: Date | null } = {}): Promise<string> {
  const row = await db
    .insertInto('probes')
    .values({ orgId, assetId: opts.assetId ?? null, name: opts.name ?? 'tenancy probe', kind: 'ping', config: '{}', intervalS: 60, timeoutMs: 5000, retries: 2, retryIntervalS: 20, availabilityTarget: 99.9, deletedAt: opts.deletedAt ?? null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The tenancy harness's maintenance_window: a weekly window on a probe of the given organisation. */
export const maintenanceWindowTenancyFixture: TenancyFixture = {
  async create(app: App, orgId: string) {
    const db = app.platform.db;
    const probeId = await insertProbe(db, orgId);
    const now = app.platform.clock.now();
    const row = await db
      .insertInto('maintenanceWindows')
      .values({
        orgId,
        scope: 'probe',
        probeId,
        assetId: null,
        title: 'tenancy window',
        reason: null,
        startsAt: now,
        endsAt: new Date(now.getTime() + 30 * 86_400_000),
        recurrence: JSON.stringify({ freq: 'weekly', weekdays: [7], time: '02:00', durationMinutes: 60, timeZone: 'Asia/Shanghai' }),
        createdBy: null,
        cancelledAt: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },
  snapshot: (app: App, id: string) => app.platform.db.selectFrom('maintenanceWindows').selectAll().where('id', '=', id).executeTakeFirst(),
};
