import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, makeOrg, makeUser, signedIn, type TestApp } from '../test/test-app.ts';
import { canonicalJson, maskSecrets } from './audit.ts';

let app: TestApp;
let orgId: string;

beforeAll(async () => {
  app = await createTestApp();
  orgId = (await makeOrg(app)).id;
});
afterAll(() => app.close());

const subject = { userId: null, name: 'test', roleKeys: [], ip: '10.0.0.1', userAgent: 'ua', sessionRef: null, requestId: 'r1' };

async function append(n: number) {
  for (let i = 0; i < n; i++) {
    await app.platform.db.transaction().execute((trx) => app.platform.audit.record(trx, subject, { eventType: 'test.event', action: 'create', objectId: String(i), detail: { b: 2, a: { y: [1, 'x'], x: null }, password: 'secret' } }));
  }
}

async function tamper(statement: ReturnType<typeof sql>) {
  // Simulates someone with database access going around the application: the trigger is disabled for the edit.
  await sql`alter table audit_events disable trigger audit_events_no_update`.execute(app.platform.db);
  try {
    await statement.execute(app.platform.db);
  } finally {
    await sql`alter table audit_events enable trigger audit_events_no_update`.execute(app.platform.db);
  }
}

describe('audit chain', () => {
  it('verifies an untouched chain and masks secrets in details', async () => {
    await append(5);
    const r = await app.platform.audit.verify(app.platform.db);
    expect(r.ok).toBe(true);
    expect(r.checked).toBeGreaterThanOrEqual(5);
    const row = await app.platform.db.selectFrom('auditEvents').select('detail').where('eventType', '=', 'test.event').limit(1).executeTakeFirstOrThrow();
    expect(row.detail).toMatchObject({ password: '***' });
  });

  it('refuses updates and deletes through SQL', async () => {
    await expect(sql`update audit_events set action = 'x'`.execute(app.platform.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_events`.execute(app.platform.db)).rejects.toThrow(/append-only/);
  });

  it('names the first edited row', async () => {
    const target = await app.platform.db.selectFrom('auditEvents').select('seq').where('eventType', '=', 'test.event').orderBy('seq').offset(2).limit(1).executeTakeFirstOrThrow();
    await tamper(sql`update audit_events set ip = '1.2.3.4' where seq = ${target.seq}`);
    const r = await app.platform.audit.verify(app.platform.db);
    expect(r.ok).toBe(false);
    expect(r.brokenAt).toEqual({ seq: target.seq, reason: 'mac_mismatch' });
    await tamper(sql`update audit_events set ip = '10.0.0.1' where seq = ${target.seq}`);
    expect((await app.platform.audit.verify(app.platform.db)).ok).toBe(true);
  });

  it('names the first removed row', async () => {
    await append(3);
    const target = await app.platform.db.selectFrom('auditEvents').select('seq').orderBy('seq', 'desc').offset(1).limit(1).executeTakeFirstOrThrow();
    await tamper(sql`delete from audit_events where seq = ${target.seq}`);
    const r = await app.platform.audit.verify(app.platform.db);
    expect(r.ok).toBe(false);
    expect(r.brokenAt).toEqual({ seq: target.seq, reason: 'missing_rows' });
  });

  it('reports a recomputed row whose link to its predecessor was rewritten', async () => {
    const fresh = await createTestApp();
    try {
      for (let i = 0; i < 3; i++) await fresh.platform.db.transaction().execute((trx) => fresh.platform.audit.record(trx, subject, { eventType: 'x', action: 'a' }));
      await sql`alter table audit_events disable trigger audit_events_no_update`.execute(fresh.platform.db);
      await sql`update audit_events set prev_mac = ${'f'.repeat(64)} where seq = 2`.execute(fresh.platform.db);
      const r = await fresh.platform.audit.verify(fresh.platform.db);
      expect(r.brokenAt).toEqual({ seq: 2, reason: 'chain_mismatch' });
    } finally {
      await fresh.close();
    }
  });

  it('purges by retention (never under 180 days) and still verifies from a checkpoint', async () => {
    const fresh = await createTestApp();
    try {
      for (let i = 0; i < 3; i++) await fresh.platform.db.transaction().execute((trx) => fresh.platform.audit.record(trx, subject, { eventType: 'old', action: 'a' }));
      fresh.clock.advance(100 * 86_400_000);
      await fresh.platform.db.transaction().execute((trx) => fresh.platform.audit.record(trx, subject, { eventType: 'newer', action: 'a' }));
      // A 30-day policy is raised to 180: nothing is old enough yet.
      expect(await fresh.platform.db.transaction().execute((trx) => fresh.platform.audit.purge(trx, 30))).toBe(0);
      fresh.clock.advance(90 * 86_400_000);
      const before = await fresh.platform.db.selectFrom('auditEvents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const purged = await fresh.services.auditEvents.applyRetention();
      expect(purged).toBeGreaterThanOrEqual(3);
      const left = await fresh.platform.db.selectFrom('auditEvents').select(['eventType']).execute();
      expect(left.map((r) => r.eventType)).toContain('newer');
      expect(left.map((r) => r.eventType)).not.toContain('old');
      expect(left.length).toBe(Number(before.n) - purged + 1);
      const r = await fresh.platform.audit.verify(fresh.platform.db);
      expect(r).toMatchObject({ ok: true, brokenAt: null });
    } finally {
      await fresh.close();
    }
  });
});

describe('audit trail of a change', () => {
  it('writes the event in the same transaction as the change, with before/after', async () => {
    const sys = await signedIn(app, await makeUser(app, orgId, ['sysadmin']));
    const created = await sys.post('/organisations', { parentId: orgId, kind: 'institution', code: 'AUDIT-H1', name: '审计医院', contactPhone: '13812341234' });
    expect(created.status).toBe(201);
    expect(created.body.contactPhone).toBe('138****1234');
    const event = await app.platform.db.selectFrom('auditEvents').selectAll().where('objectId', '=', created.body.id).executeTakeFirstOrThrow();
    expect(event).toMatchObject({ eventType: 'organisation.create', result: 'success', actorRoles: ['sysadmin'], requestId: expect.any(String) });
    expect(JSON.stringify(event.detail)).not.toContain('13812341234');
    // A failing change writes no event: the conflict rolls both back.
    const count = async () => Number((await app.platform.db.selectFrom('auditEvents').select((eb) => eb.fn.countAll<number>().as('n')).where('eventType', '=', 'organisation.create').executeTakeFirstOrThrow()).n);
    const n = await count();
    expect((await sys.post('/organisations', { parentId: orgId, kind: 'institution', code: 'AUDIT-H1', name: 'dup' })).status).toBe(409);
    expect(await count()).toBe(n);
  });

  it('canonicalises details so jsonb key order does not break the chain', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}');
    expect(maskSecrets({ newPassword: 'x', nested: { apiToken: 'y', name: 'z' } })).toEqual({ newPassword: '***', nested: { apiToken: '***', name: 'z' } });
  });
});
