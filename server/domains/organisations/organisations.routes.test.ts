import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Organisation } from '../../../shared/schemas/organisations.ts';
import { createTestApp, makeOrg, makeUser, signedIn, type Client, type TestApp } from '../../test/test-app.ts';

let app: TestApp;
let root: string;
let sys: Client;

beforeAll(async () => {
  app = await createTestApp();
  root = (await makeOrg(app, { kind: 'region' })).id;
  sys = await signedIn(app, await makeUser(app, root, ['sysadmin']));
});
afterAll(() => app.close());

describe('organisation tree', () => {
  it('builds region → institution → department with levels and masked contact phones', async () => {
    const h = await sys.post('/organisations', { parentId: root, kind: 'institution', code: 'H-1', name: '第一人民医院', level: 'tertiary', contactName: '张三', contactPhone: '13900001111' });
    expect(h.status).toBe(201);
    const hospital = Organisation.parse(h.body);
    expect(hospital.contactPhone).toBe('139****1111');
    expect(hospital.path).toEqual([root, hospital.id]);
    const d = await sys.post('/organisations', { parentId: hospital.id, kind: 'department', code: 'H-1-IT', name: '信息科' });
    expect(d.status).toBe(201);
    expect(d.body.path).toEqual([root, hospital.id, d.body.id]);
    const list = await sys.get(`/organisations?parentId=${hospital.id}`);
    expect(list.body.items.map((o: { code: string }) => o.code)).toEqual(['H-1-IT']);
  });

  it('rejects invalid input with field details and changes nothing', async () => {
    const before = (await sys.get('/organisations')).body.items.length;
    const bad = await sys.post('/organisations', { parentId: root, kind: 'hospital', code: 'has space', name: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation');
    expect(bad.body.error.details.map((d: { path: string[] }) => d.path.join('.'))).toEqual(expect.arrayContaining(['body.kind', 'body.code', 'body.name']));
    const notJson = await sys.request('POST', '/organisations', '{not json');
    expect(notJson.status).toBe(400);
    expect((await sys.post('/organisations', { parentId: root, kind: 'department', code: 'D-X', name: 'x' })).body.error.code).toBe('organisation.bad_parent');
    expect((await sys.get('/organisations')).body.items.length).toBe(before);
  });

  it('moves a subtree and keeps descendants under it', async () => {
    const a = (await sys.post('/organisations', { parentId: root, kind: 'institution', code: 'MOVE-A', name: 'A' })).body;
    const b = (await sys.post('/organisations', { parentId: root, kind: 'institution', code: 'MOVE-B', name: 'B' })).body;
    const dept = (await sys.post('/organisations', { parentId: a.id, kind: 'department', code: 'MOVE-D', name: 'D' })).body;
    const sub = (await sys.post('/organisations', { parentId: dept.id, kind: 'department', code: 'MOVE-S', name: 'S' })).body;
    expect((await sys.patch(`/organisations/${dept.id}`, { parentId: b.id })).status).toBe(200);
    expect((await sys.get(`/organisations/${sub.id}`)).body.path).toEqual([root, b.id, dept.id, sub.id]);
    // A node cannot move under its own descendant.
    expect((await sys.patch(`/organisations/${dept.id}`, { parentId: sub.id })).body.error.code).toBe('organisation.bad_parent');
  });

  it('refuses to delete an organisation that still has children or users, and confirms codes are unique', async () => {
    const h = (await sys.post('/organisations', { parentId: root, kind: 'institution', code: 'DEL-1', name: 'del' })).body;
    await makeUser(app, h.id, ['viewer']);
    const res = await sys.delete(`/organisations/${h.id}`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('organisation.not_empty');
    const empty = (await sys.post('/organisations', { parentId: root, kind: 'institution', code: 'DEL-2', name: 'empty' })).body;
    expect((await sys.delete(`/organisations/${empty.id}`)).status).toBe(204);
    expect((await sys.get(`/organisations/${empty.id}`)).status).toBe(404);
    expect((await sys.post('/organisations', { parentId: root, kind: 'institution', code: 'DEL-1', name: 'dup' })).body.error.code).toBe('organisation.code_taken');
  });

  it('lets a hospital administrator see only their own subtree', async () => {
    const h1 = await makeOrg(app, { parentId: root });
    const h2 = await makeOrg(app, { parentId: root });
    const local = await signedIn(app, await makeUser(app, h1.id, ['sysadmin']));
    const ids = (await local.get('/organisations')).body.items.map((o: { id: string }) => o.id);
    expect(ids).toContain(h1.id);
    expect(ids).not.toContain(h2.id);
    expect(ids).not.toContain(root);
    expect((await local.post('/organisations', { parentId: h2.id, kind: 'department', code: 'X-1', name: 'x' })).status).toBe(404);
  });
});
