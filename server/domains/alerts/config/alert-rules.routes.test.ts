import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertRule } from '../../../../shared/schemas/alerts.ts';
import { insertProbe } from '../../monitoring/maintenance/tenancy-fixture.ts';
import { evaluateRules, ruleDedupKey } from '../engine/index.ts';
import { auditTrail, createConfigTestApp, type ConfigTestContext } from './test-support.ts';

let t: ConfigTestContext;
let probeId: string;

/** Results of `probeId` over the last minutes, one a minute, with these latencies (ms), newest last. */
async function results(id: string, latencies: Array<number | null>, status = 0) {
  const now = t.app.clock.now().getTime();
  await t.app.platform.db
    .insertInto('probeResults')
    .values(latencies.map((latencyMs, i) => ({ probeId: id, orgId: t.orgs.hospital, checkedAt: new Date(now - (latencies.length - 1 - i) * 60_000 - 1_000), status, latencyMs, code: null, message: null, measurements: JSON.stringify({ temperature: 30 + i }), agentId: null })))
    .execute();
}

const evaluate = () => evaluateRules({ db: t.app.platform.db, clock: t.app.clock, ingest: t.app.services.alertStore.ingest });
const alertOf = (ruleId: string) => t.app.platform.db.selectFrom('alerts').selectAll().where('dedupKey', '=', ruleDedupKey(ruleId, probeId)).orderBy('firstFiredAt', 'desc').executeTakeFirst();

beforeAll(async () => {
  t = await createConfigTestApp();
  probeId = await insertProbe(t.app.platform.db, t.orgs.hospital, { name: 'HIS 门户' });
});
afterAll(() => t.app.close());

describe('threshold rules', () => {
  it('fires when the p95 latency of the window crosses the threshold and resolves when it is back under', async () => {
    const engineer = await t.as(t.users.engineer);
    const res = await engineer.post('/alert-rules', { orgId: t.orgs.hospital, name: '响应慢', probeId, metric: 'latency', aggregate: 'p95', op: '>', threshold: 800, windowMinutes: 5, severity: 'P2' });
    expect(res.status, res.text).toBe(201);
    const rule = AlertRule.parse(res.body);
    expect(await auditTrail(t.app, rule.id)).toEqual(['alert_rule.create']);

    await results(probeId, [100, 120, 900, 1_200, 1_500]);
    expect(await evaluate()).toEqual({ firing: 1, resolved: 0 });
    const fired = await alertOf(rule.id);
    expect(fired).toMatchObject({ status: 'firing', severity: 'P2', source: 'rule', title: 'HIS 门户 响应慢' });
    expect(fired!.summary).toMatch(/^近 5 分钟P95延迟 1\d{3}(\.\d+)? ms > 800 ms（5 次检查）$/);

    // five minutes later only fast checks are in the window
    t.app.clock.advance(5 * 60_000);
    await results(probeId, [90, 95, 100, 110, 100]);
    expect(await evaluate()).toEqual({ firing: 0, resolved: 1 });
    expect((await alertOf(rule.id))!.status).toBe('resolved');
  });

  it('watches a measurement and decides nothing with too few checks', async () => {
    const engineer = await t.as(t.users.engineer);
    const rule = AlertRule.parse((await engineer.post('/alert-rules', { orgId: t.orgs.hospital, name: '机房温度高', metric: 'measurement', measurementKey: 'temperature', aggregate: 'max', op: '>', threshold: 28, windowMinutes: 10, minSamples: 20 })).body);
    expect(await evaluate()).toMatchObject({ firing: 0 });
    expect(await alertOf(rule.id)).toBeUndefined();
    await engineer.patch(`/alert-rules/${rule.id}`, { minSamples: 3 });
    await evaluate();
    expect(await alertOf(rule.id)).toMatchObject({ status: 'firing', severity: 'P3' });
    // a deleted rule's alerts resolve at the next run
    expect((await engineer.delete(`/alert-rules/${rule.id}`)).status).toBe(204);
    await evaluate();
    expect((await alertOf(rule.id))!.status).toBe('resolved');
  });

  it('refuses a measurement rule without a measurement, a ratio over 1 and a probe of another organisation, changing nothing', async () => {
    const engineer = await t.as(t.users.engineer);
    const before = await t.app.platform.db.selectFrom('alertRules').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const bad = await engineer.post('/alert-rules', { orgId: t.orgs.hospital, name: 'x', metric: 'measurement', threshold: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string[] }) => d.path.join('.'))).toContain('body.measurementKey');
    expect((await engineer.post('/alert-rules', { orgId: t.orgs.hospital, name: 'y', metric: 'failure_ratio', threshold: 2 })).status).toBe(400);
    const foreign = await insertProbe(t.app.platform.db, t.orgs.sibling);
    const wrong = await engineer.post('/alert-rules', { orgId: t.orgs.hospital, name: 'z', probeId: foreign, metric: 'latency', threshold: 500 });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('alert_rule.unknown_probe');
    const outsider = await t.as(t.users.outsider);
    expect((await outsider.post('/alert-rules', { orgId: t.orgs.hospital, name: 'w', metric: 'latency', threshold: 500 })).status).toBe(404);
    const after = await t.app.platform.db.selectFrom('alertRules').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toEqual(before.n);
  });
});
