import type { Insertable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../platform/db.ts';
import { tenancyFixtures } from '../../../test/tenancy-fixtures.ts';
import { createTestApp, makeOrg, type TestApp } from '../../../test/test-app.ts';
import type { MaintenanceWindowsTable } from '../monitoring.tables.ts';
import { activeProbeIds, windowsForProbes, type Interval, type ProbeRef } from './index.ts';
import { insertProbe } from './tenancy-fixture.ts';

let app: TestApp;
let probes: { a: ProbeRef; a1: ProbeRef; b: ProbeRef };
let deletedProbe: string;

const d = (iso: string) => new Date(iso);
const iso = (list: Interval[] | undefined) => (list ?? []).map((i) => [i.start.toISOString(), i.end.toISOString()]);

/** Counts the statements a function sends, through a plugin on the same connection. */
function counting(db: Db) {
  let n = 0;
  const counted = db.withPlugin({ transformQuery: (a) => (n++, a.node), transformResult: async (a) => a.result });
  return { db: counted, count: () => n };
}

type WindowValues = Omit<Insertable<MaintenanceWindowsTable>, 'title' | 'reason' | 'createdBy' | 'cancelledAt' | 'probeId' | 'assetId' | 'recurrence'> & Partial<Insertable<MaintenanceWindowsTable>>;
const insertWindow = (v: WindowValues) => app.platform.db.insertInto('maintenanceWindows').values({ title: 't', reason: null, createdBy: null, cancelledAt: null, probeId: null, assetId: null, recurrence: null, ...v }).execute();

beforeAll(async () => {
  app = await createTestApp();
  const db = app.platform.db;
  const root = (await makeOrg(app)).id;
  const a = (await makeOrg(app, { parentId: root })).id;
  const a1 = (await makeOrg(app, { parentId: a, kind: 'department' })).id;
  const b = (await makeOrg(app, { parentId: root })).id;
  const assetA = await tenancyFixtures.asset!.create(app, a);
  probes = {
    a: { id: await insertProbe(db, a, { assetId: assetA }), orgId: a, assetId: assetA },
    a1: { id: await insertProbe(db, a1), orgId: a1, assetId: null },
    // B monitors A's asset: A's asset window must still not silence B's probe.
    b: { id: await insertProbe(db, b, { assetId: assetA }), orgId: b, assetId: assetA },
  };
  deletedProbe = await insertProbe(db, a, { deletedAt: d('2026-11-01T00:00:00Z') });
  await insertWindow({ orgId: a, scope: 'organisation', startsAt: d('2026-12-01T00:00:00Z'), endsAt: d('2026-12-01T02:00:00Z') });
  await insertWindow({ orgId: a, scope: 'asset', assetId: assetA, startsAt: d('2026-12-01T00:00:00Z'), endsAt: d('2026-12-03T00:00:00Z'), recurrence: JSON.stringify({ freq: 'daily', time: '03:00', durationMinutes: 60, timeZone: 'Asia/Shanghai' }) });
  await insertWindow({ orgId: a1, scope: 'probe', probeId: probes.a1.id, startsAt: d('2026-12-01T01:00:00Z'), endsAt: d('2026-12-01T04:00:00Z') });
  await insertWindow({ orgId: b, scope: 'organisation', startsAt: d('2026-12-01T00:00:00Z'), endsAt: d('2026-12-01T02:00:00Z'), cancelledAt: d('2026-12-01T00:30:00Z') });
  // Another subtree's window, and one that ended before the range: neither may show up.
  await insertWindow({ orgId: root, scope: 'probe', probeId: deletedProbe, startsAt: d('2026-12-01T00:00:00Z'), endsAt: d('2026-12-01T02:00:00Z') });
  await insertWindow({ orgId: a, scope: 'organisation', startsAt: d('2026-11-01T00:00:00Z'), endsAt: d('2026-11-02T00:00:00Z') });
});
afterAll(() => app.close());

describe('windowsForProbes', () => {
  it('gives each probe its merged intervals through probe, asset and organisation-subtree windows, in two queries', async () => {
    const c = counting(app.platform.db);
    const map = await windowsForProbes(c.db, [probes.a, probes.a1, probes.b], d('2026-12-01T00:00:00Z'), d('2026-12-03T00:00:00Z'));
    expect(c.count()).toBe(2);
    expect(iso(map.get(probes.a.id))).toEqual([
      ['2026-12-01T00:00:00.000Z', '2026-12-01T02:00:00.000Z'],
      // 03:00 in Beijing, the first two nights of the series
      ['2026-12-01T19:00:00.000Z', '2026-12-01T20:00:00.000Z'],
      ['2026-12-02T19:00:00.000Z', '2026-12-02T20:00:00.000Z'],
    ]);
    // the parent organisation's window and the probe's own, overlapping, as one interval
    expect(iso(map.get(probes.a1.id))).toEqual([['2026-12-01T00:00:00.000Z', '2026-12-01T04:00:00.000Z']]);
    // only its own organisation's window, cut at cancellation; not A's asset window
    expect(iso(map.get(probes.b.id))).toEqual([['2026-12-01T00:00:00.000Z', '2026-12-01T00:30:00.000Z']]);
  });

  it('clips to the range and answers every probe asked about', async () => {
    const map = await windowsForProbes(app.platform.db, [probes.a, { id: globalThis.crypto.randomUUID(), orgId: probes.a.orgId, assetId: null }], d('2026-12-01T01:00:00Z'), d('2026-12-01T12:00:00Z'));
    expect(iso(map.get(probes.a.id))).toEqual([['2026-12-01T01:00:00.000Z', '2026-12-01T02:00:00.000Z']]);
    expect(map.size).toBe(2);
    expect((await windowsForProbes(app.platform.db, [], d('2026-12-01T00:00:00Z'), d('2026-12-02T00:00:00Z'))).size).toBe(0);
  });
});

describe('activeProbeIds', () => {
  const active = async (at: string) => [...(await activeProbeIds(app.platform.db, d(at)))].sort();

  it('names the live probes inside an occurrence now, never deleted ones', async () => {
    expect(await active('2026-12-01T00:15:00Z')).toEqual([probes.a.id, probes.a1.id, probes.b.id].sort());
    expect(await active('2026-12-01T01:00:00Z')).toEqual([probes.a.id, probes.a1.id].sort());
    expect(await active('2026-12-01T03:00:00Z')).toEqual([probes.a1.id]);
    expect(await active('2026-12-01T04:00:00Z')).toEqual([]);
    expect(await active('2026-12-01T19:30:00Z')).toEqual([probes.a.id]);
  });

  it('costs one query while a recurring series is between occurrences', async () => {
    const c = counting(app.platform.db);
    expect((await activeProbeIds(c.db, d('2026-12-01T12:00:00Z'))).size).toBe(0);
    expect(c.count()).toBe(1);
  });
});
