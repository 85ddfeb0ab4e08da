import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SavedFilter } from '../../../shared/schemas/saved-filters.ts';
import { createTestApp, makeOrg, makeUser, signedIn, type Client, type TestApp } from '../../test/test-app.ts';

let app: TestApp;
let orgId: string;
let alice: Client;
let bob: Client;

beforeAll(async () => {
  app = await createTestApp();
  orgId = (await makeOrg(app)).id;
  alice = await signedIn(app, await makeUser(app, orgId, ['engineer']));
  bob = await signedIn(app, await makeUser(app, orgId, ['engineer']));
});
afterAll(() => app.close());

describe('saved filters', () => {
  it('are saved under a name, listed newest first and private to their owner', async () => {
    const first = await alice.post('/saved-filters', { page: 'assets', name: '过保核心设备', query: { warranty: 'out', importance: 'core' } });
    expect(first.status).toBe(201);
    expect(SavedFilter.parse(first.body).query).toEqual({ warranty: 'out', importance: 'core' });
    app.clock.advance(1000);
    await alice.post('/saved-filters', { page: 'assets', name: '在用设备', query: { status: 'in_use' } });
    expect((await alice.get('/saved-filters?page=assets')).body.items.map((f: { name: string }) => f.name)).toEqual(['在用设备', '过保核心设备']);
    expect((await bob.get('/saved-filters?page=assets')).body.items).toEqual([]);
    // Someone else's filter cannot be deleted, nor confirmed to exist.
    expect((await bob.delete(`/saved-filters/${first.body.id}`)).status).toBe(404);
    expect((await alice.delete(`/saved-filters/${first.body.id}`)).status).toBe(204);
    expect((await alice.get('/saved-filters')).body.items.map((f: { name: string }) => f.name)).toEqual(['在用设备']);
  });

  it('refuses duplicate names and bad queries, and audits changes', async () => {
    expect((await alice.post('/saved-filters', { page: 'assets', name: '在用设备', query: {} })).body.error.code).toBe('saved_filter.name_taken');
    expect((await alice.post('/saved-filters', { page: 'assets', name: 'x', query: { 'bad key!': '1' } })).status).toBe(400);
    expect((await alice.post('/saved-filters', { page: 'tickets', name: 'x', query: {} })).status).toBe(400);
    const events = await app.platform.db.selectFrom('auditEvents').select('eventType').where('eventType', 'like', 'saved_filter.%').execute();
    expect(events.map((e) => e.eventType).sort()).toEqual(['saved_filter.create', 'saved_filter.create', 'saved_filter.delete']);
  });
});
