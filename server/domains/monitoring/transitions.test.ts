import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, makeOrg, type TestApp } from '../../test/test-app.ts';
import { createTransitionWriter, type ProbeStateChangeEvent } from './transitions.ts';

let app: TestApp;
let orgId: string;
beforeAll(async () => {
  app = await createTestApp();
  orgId = (await makeOrg(app)).id;
});
afterAll(() => app.close());

async function probe(name: string) {
  const row = await app.platform.db.insertInto('probes').values({ orgId, name, kind: 'tcp', config: '{}', intervalS: 10, timeoutMs: 1000, retryIntervalS: 5 }).returning(['id', 'orgId', 'assetId']).executeTakeFirstOrThrow();
  return row;
}

describe('batched state changes', () => {
  it('writes many probes\' changes in one flush, in order per probe, with their outages, and announces them after commit', async () => {
    const events: ProbeStateChangeEvent[] = [];
    const writer = createTransitionWriter(app.platform.db, { emit: (e) => events.push(e) }, { error: () => undefined });
    const [a, b, c] = [await probe('a'), await probe('b'), await probe('c')];
    const t = Date.parse('2026-11-22T02:00:00Z');
    writer.push(a, { from: 'unknown', to: 'up', atMs: t, message: '', causeProbeId: null }, false);
    writer.push(b, { from: 'up', to: 'down', atMs: t, message: 'refused', causeProbeId: null }, false);
    writer.push(b, { from: 'down', to: 'unreachable', atMs: t + 1000, message: 'switch down', causeProbeId: a.id }, false);
    writer.push(c, { from: 'up', to: 'down', atMs: t, message: 'timeout', causeProbeId: null }, false);
    writer.push(c, { from: 'down', to: 'up', atMs: t + 5000, message: '', causeProbeId: null }, true);
    expect(events).toEqual([]);
    await writer.flush();

    const states = await app.platform.db.selectFrom('probes').select(['id', 'state', 'isFlapping']).where('id', 'in', [a.id, b.id, c.id]).execute();
    expect(Object.fromEntries(states.map((s) => [s.id, [s.state, s.isFlapping]]))).toEqual({ [a.id]: ['up', false], [b.id]: ['unreachable', false], [c.id]: ['up', true] });
    const outages = await app.platform.db.selectFrom('probeOutages').selectAll().where('probeId', 'in', [b.id, c.id]).orderBy('probeId').execute();
    expect(outages.find((o) => o.probeId === b.id)).toMatchObject({ state: 'unreachable', causeProbeId: a.id, endedAt: null });
    expect(outages.find((o) => o.probeId === c.id)).toMatchObject({ state: 'down', endedAt: new Date(t + 5000) });
    expect(events.map((e) => `${e.probeId === a.id ? 'a' : e.probeId === b.id ? 'b' : 'c'}:${e.toState}`)).toEqual(['a:up', 'b:down', 'c:down', 'b:unreachable', 'c:up']);
    const ids = events.map((e) => Number(e.id));
    expect(new Set(ids).size).toBe(5);
  });
});
