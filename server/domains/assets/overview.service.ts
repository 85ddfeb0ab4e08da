import { sql } from 'kysely';
import type { AssetOverview, ReminderList, ReminderQuery } from '../../../shared/schemas/assets.ts';
import { assertInScope, inScope, scopeOf, type Actor } from '../../platform/actor.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { addDays, daysBetween, localDate } from './warranty.ts';

/** Statuses that no longer count: a scrapped server's lapsed warranty is not news. */
const GONE = ['retired', 'scrapped'] as const;
const REMINDER_LIMIT = 1000;

type Counts = { domestic: number; foreign: number; unknown: number };
/** Share of domestic among the assets whose product is known (blank or unrecognised text is left out). */
const withShare = (c: Counts) => ({ ...c, share: c.domestic + c.foreign > 0 ? Math.round((c.domestic / (c.domestic + c.foreign)) * 1000) / 1000 : null });
const n = (v: unknown) => Number(v ?? 0);

/** The ledger at a glance (counts, warranty, end of service, contracts, 信创 share) and the due reminders. */
export function createAssetOverviewService({ db, clock }: PlatformDeps) {
  const xcCounts = (dim: 'cpu' | 'os' | 'database') => {
    const col = sql.ref(`a.xc_${dim}`);
    return [
      sql<number>`count(*) filter (where ${col} = 'domestic')::int`.as(`${dim}Domestic`),
      sql<number>`count(*) filter (where ${col} = 'foreign')::int`.as(`${dim}Foreign`),
      sql<number>`count(*) filter (where ${col} = 'unknown')::int`.as(`${dim}Unknown`),
    ];
  };
  const pickXc = (r: Record<string, unknown>) => ({
    cpu: withShare({ domestic: n(r.cpuDomestic), foreign: n(r.cpuForeign), unknown: n(r.cpuUnknown) }),
    os: withShare({ domestic: n(r.osDomestic), foreign: n(r.osForeign), unknown: n(r.osUnknown) }),
    database: withShare({ domestic: n(r.databaseDomestic), foreign: n(r.databaseForeign), unknown: n(r.databaseUnknown) }),
  });

  return {
    async overview(actor: Actor, orgId?: string): Promise<AssetOverview> {
      const scope = scopeOf(actor, 'asset.read');
      if (orgId) await assertInScope(db, actor, 'asset.read', orgId, 'organisation', orgId);
      const today = localDate(clock.now());
      const in30 = addDays(today, 30);
      const in90 = addDays(today, 90);
      const all = db.selectFrom('assets as a').where(inScope(scope, 'a.org_id', actor, orgId));
      const live = all.where('a.status', 'not in', [...GONE]);
      const [byStatus, byKind, byOrg, totals, contracts] = await Promise.all([
        all.select(['a.status', (eb) => eb.fn.countAll<number>().as('count')]).groupBy('a.status').orderBy('a.status').execute(),
        live
          .innerJoin('assetKinds as k', 'k.id', 'a.kindId')
          .select(['k.key as kindKey', 'k.name as kindName', 'k.nameEn as kindNameEn', (eb) => eb.fn.countAll<number>().as('count'), sql<number>`sum(a.quantity)::int`.as('quantity')])
          .groupBy(['k.key', 'k.name', 'k.nameEn'])
          .orderBy('count', 'desc')
          .execute(),
        live
          .innerJoin('organisations as o', 'o.id', 'a.orgId')
          .select(['o.id as orgId', 'o.name as orgName', (eb) => eb.fn.countAll<number>().as('count'), sql<number>`sum(a.quantity)::int`.as('quantity'), ...xcCounts('cpu'), ...xcCounts('os'), ...xcCounts('database')])
          .groupBy(['o.id', 'o.name'])
          .orderBy('o.name')
          .execute(),
        live
          .select([
            (eb) => eb.fn.countAll<number>().as('total'),
            sql<number>`coalesce(sum(a.quantity), 0)::int`.as('quantity'),
            sql<number>`count(*) filter (where a.warranty_ends_on >= ${today})::int`.as('warrantyIn'),
            sql<number>`count(*) filter (where a.warranty_ends_on < ${today})::int`.as('warrantyOut'),
            sql<number>`count(*) filter (where a.warranty_ends_on is null)::int`.as('warrantyUnknown'),
            sql<number>`count(*) filter (where a.warranty_ends_on between ${today} and ${in30})::int`.as('expiring30'),
            sql<number>`count(*) filter (where a.warranty_ends_on between ${today} and ${in90})::int`.as('expiring90'),
            sql<number>`count(*) filter (where a.end_of_service_on < ${today})::int`.as('eosPast'),
            sql<number>`count(*) filter (where a.end_of_service_on between ${today} and ${in90})::int`.as('eosWithin90'),
            ...xcCounts('cpu'),
            ...xcCounts('os'),
            ...xcCounts('database'),
          ])
          .executeTakeFirstOrThrow(),
        db
          .selectFrom('maintenanceContracts as c')
          .where(inScope(scope, 'c.org_id', actor, orgId))
          .select([
            sql<number>`count(*) filter (where c.ends_on >= ${today})::int`.as('active'),
            sql<number>`count(*) filter (where c.ends_on < ${today})::int`.as('expired'),
            sql<number>`count(*) filter (where c.ends_on between ${today} and ${in90})::int`.as('expiring90'),
          ])
          .executeTakeFirstOrThrow(),
      ]);
      return {
        today,
        total: n(totals.total),
        quantity: n(totals.quantity),
        byStatus: byStatus.map((r) => ({ status: r.status, count: n(r.count) })),
        byKind: byKind.map((r) => ({ kindKey: r.kindKey, kindName: r.kindName, kindNameEn: r.kindNameEn, count: n(r.count), quantity: n(r.quantity) })),
        byOrganisation: byOrg.map((r) => ({ orgId: r.orgId, orgName: r.orgName, count: n(r.count), quantity: n(r.quantity), xinchuang: pickXc(r) })),
        warranty: { in: n(totals.warrantyIn), out: n(totals.warrantyOut), unknown: n(totals.warrantyUnknown), expiring30: n(totals.expiring30), expiring90: n(totals.expiring90) },
        endOfService: { past: n(totals.eosPast), within90: n(totals.eosWithin90) },
        contracts: { active: n(contracts.active), expired: n(contracts.expired), expiring90: n(contracts.expiring90) },
        xinchuang: pickXc(totals),
      };
    },

    /** Warranty ends, ends of service and contract ends due within `days`, soonest first (computed on the fly). */
    async reminders(actor: Actor, query: ReminderQuery): Promise<ReminderList> {
      const scope = scopeOf(actor, 'asset.read');
      if (query.orgId) await assertInScope(db, actor, 'asset.read', query.orgId, 'organisation', query.orgId);
      const today = localDate(clock.now());
      const until = addDays(today, query.days);
      const live = db
        .selectFrom('assets as a')
        .innerJoin('organisations as o', 'o.id', 'a.orgId')
        .where(inScope(scope, 'a.org_id', actor, query.orgId))
        .where('a.status', 'not in', [...GONE]);
      const [warranty, eos, contracts] = await Promise.all([
        live.select(['a.id', 'a.code', 'a.name', 'a.orgId', 'o.name as orgName', 'a.warrantyEndsOn as dueOn']).where('a.warrantyEndsOn', '>=', today).where('a.warrantyEndsOn', '<=', until).orderBy('a.warrantyEndsOn').limit(REMINDER_LIMIT).execute(),
        live.select(['a.id', 'a.code', 'a.name', 'a.orgId', 'o.name as orgName', 'a.endOfServiceOn as dueOn']).where('a.endOfServiceOn', '>=', today).where('a.endOfServiceOn', '<=', until).orderBy('a.endOfServiceOn').limit(REMINDER_LIMIT).execute(),
        db
          .selectFrom('maintenanceContracts as c')
          .innerJoin('organisations as o', 'o.id', 'c.orgId')
          .where(inScope(scope, 'c.org_id', actor, query.orgId))
          .select(['c.id', 'c.code', 'c.name', 'c.orgId', 'o.name as orgName', 'c.endsOn as dueOn'])
          .where('c.endsOn', '>=', today)
          .where('c.endsOn', '<=', until)
          .orderBy('c.endsOn')
          .limit(REMINDER_LIMIT)
          .execute(),
      ]);
      const item = (type: 'warranty' | 'end_of_service' | 'contract', r: { id: string; code: string; name: string; orgId: string; orgName: string; dueOn: string | null }) => ({
        type,
        dueOn: r.dueOn!,
        daysLeft: daysBetween(today, r.dueOn!),
        assetId: type === 'contract' ? null : r.id,
        contractId: type === 'contract' ? r.id : null,
        code: r.code,
        name: r.name,
        orgId: r.orgId,
        orgName: r.orgName,
      });
      const items = [...warranty.map((r) => item('warranty', r)), ...eos.map((r) => item('end_of_service', r)), ...contracts.map((r) => item('contract', r))]
        .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.code.localeCompare(b.code))
        .slice(0, REMINDER_LIMIT);
      return { today, days: query.days, items };
    },
  };
}

export type AssetOverviewService = ReturnType<typeof createAssetOverviewService>;
