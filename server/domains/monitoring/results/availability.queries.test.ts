import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../../platform/db.ts';
import { assetAvailability, loadOutages, monthlyAvailability, shanghaiMonthStart } from './availability.queries.ts';
import { makeAssetRow, makeOrgRow, makeProbeRow, openResultsDb } from './results.fixtures.ts';

let handle: DbHandle;
let orgId: string;

beforeAll(async () => {
  handle = await openResultsDb();
  orgId = await makeOrgRow(handle.db);
});
afterAll(() => handle.close());

const t = (iso: string) => new Date(`2026-11-10T${iso}Z`);
const november = { from: new Date('2026-10-31T16:00:00Z'), to: new Date('2026-11-30T16:00:00Z') };

async function addOutage(probeId: string, state: string, startedAt: Date, endedAt: Date | null) {
  await sql`insert into probe_outages (probe_id, org_id, state, started_at, ended_at) values (${probeId}, ${orgId}, ${state}, ${startedAt}, ${endedAt})`.execute(handle.db);
}

describe('loadOutages', () => {
  it('returns the down and unreachable outages overlapping the period, per probe', async () => {
    const p = await makeProbeRow(handle.db, orgId);
    const quiet = await makeProbeRow(handle.db, orgId);
    await addOutage(p, 'down', t('01:00:00'), t('01:10:00'));
    await addOutage(p, 'maintenance', t('02:00:00'), t('03:00:00')); // not an outage
    await addOutage(p, 'down', new Date('2026-10-01T00:00:00Z'), new Date('2026-10-31T16:00:00Z')); // ends as the period starts
    await addOutage(p, 'unreachable', t('04:00:00'), null);

    const outages = await loadOutages(handle.db, [p, quiet], november.from, november.to);

    expect(outages.get(p)).toEqual([
      { start: t('01:00:00'), end: t('01:10:00'), state: 'down', cause: null },
      { start: t('04:00:00'), end: null, state: 'unreachable', cause: null },
    ]);
    expect(outages.get(quiet)).toEqual([]);
  });
});

describe('assetAvailability', () => {
  it('combines the outages of the asset\'s probes and holds it to the strictest target', async () => {
    const assetId = await makeAssetRow(handle.db, orgId);
    const p = await makeProbeRow(handle.db, orgId, { assetId, target: 99.9 });
    const q = await makeProbeRow(handle.db, orgId, { assetId, target: 99.95 });
    const deleted = await makeProbeRow(handle.db, orgId, { assetId, target: 99.999 });
    await sql`update probes set deleted_at = now() where id = ${deleted}`.execute(handle.db);
    await addOutage(p, 'down', t('02:00:00'), t('02:10:00'));
    await addOutage(q, 'down', t('02:05:00'), t('02:20:00'));
    await addOutage(deleted, 'down', t('05:00:00'), t('06:00:00'));

    const a = await assetAvailability(handle.db, { assetId, ...november, now: new Date('2026-12-05T00:00:00Z'), maintenanceByProbe: new Map([[q, [{ start: t('02:15:00'), end: t('02:30:00') }]]]) });

    // 02:00–02:15 = 900 s; 99.95 % of 2,592,000 s allows 1,296 s
    expect(a).toMatchObject({ target: 99.95, downtimeSeconds: 900, availabilityPct: 99.9653, budgetSeconds: 1296, remainingBudgetSeconds: 396 });
    expect(a!.outages.map((o) => o.probeId)).toEqual([p, q]);
  });

  it('is null for an asset without probes', async () => {
    const assetId = await makeAssetRow(handle.db, orgId);
    expect(await assetAvailability(handle.db, { assetId, ...november, now: november.to, maintenanceByProbe: new Map() })).toBeNull();
  });
});

describe('monthlyAvailability', () => {
  it('splits at Asia/Shanghai month boundaries and stops at the current month', async () => {
    const p = await makeProbeRow(handle.db, orgId, { target: 99.9 });
    // 23:50 on 31 Oct to 00:10 on 1 Nov, Shanghai time: 600 s in each month
    await addOutage(p, 'down', new Date('2026-10-31T15:50:00Z'), new Date('2026-10-31T16:10:00Z'));
    const months = await monthlyAvailability(handle.db, {
      probeId: p,
      from: new Date('2026-09-30T16:00:00Z'),
      to: new Date('2026-12-31T16:00:00Z'),
      now: new Date('2026-11-20T16:00:00Z'), // 20 days of November elapsed (1 Nov 00:00 to 21 Nov 00:00)
      maintenance: [],
    });
    expect(months.map((m) => [m.month, m.periodSeconds, m.downtimeSeconds, m.availabilityPct, m.budgetSeconds])).toEqual([
      // 31 days = 2,678,400 s: 100 × (1 − 600 / 2,678,400) = 99.97759…
      ['2026-10', 2_678_400, 600, 99.9776, 2678.4],
      // so far 1,728,000 s: 100 × (1 − 600 / 1,728,000) = 99.96527…; the budget is for the whole month
      ['2026-11', 2_592_000, 600, 99.9653, 2592],
    ]);
    expect(months[1]!.from).toEqual(new Date('2026-10-31T16:00:00Z'));
  });

  it('finds the Shanghai month of an instant', () => {
    expect(shanghaiMonthStart(new Date('2026-11-30T16:30:00Z'))).toEqual(new Date('2026-11-30T16:00:00Z')); // already 1 Dec in Shanghai
    expect(shanghaiMonthStart(new Date('2026-11-30T15:30:00Z'))).toEqual(new Date('2026-10-31T16:00:00Z'));
  });
});
