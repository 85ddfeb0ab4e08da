import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, makeOrg, makeUser, signedIn, type Client, type TestApp } from '../../test/test-app.ts';

let app: TestApp;
let orgA: string;
let orgB: string;
let alice: Client;
let bob: Client;

beforeAll(async () => {
  app = await createTestApp();
  orgA = (await makeOrg(app)).id;
  orgB = (await makeOrg(app)).id;
  alice = await signedIn(app, await makeUser(app, orgA, ['engineer']));
  bob = await signedIn(app, await makeUser(app, orgB, ['engineer']));
});
afterAll(() => app.close());

/** Opens the event stream and collects its data lines until `untilMs` passes. */
async function collect(client: Client, untilMs: number, during: () => Promise<void>) {
  const res = await app.http.request('http://localhost/api/probes/live', { headers: { cookie: client.cookie } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const reading = (async () => {
    const deadline = Date.now() + untilMs;
    while (Date.now() < deadline) {
      const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), deadline - Date.now()))]);
      if (!chunk || chunk.done) break;
      text += decoder.decode(chunk.value);
    }
    await reader.cancel();
  })();
  await new Promise((r) => setTimeout(r, 300));
  await during();
  await reading;
  return text
    .split('\n')
    .filter((l) => l.startsWith('data: {'))
    .map((l) => JSON.parse(l.slice(6)) as { probeId: string; toState: string; orgId: string });
}

describe('live probe states', () => {
  it('pushes state changes of the organisations in scope, and only those', async () => {
    const probeA = (await alice.post('/probes', { orgId: orgA, name: 'A', kind: 'tcp', config: { host: '127.0.0.1', port: 9 } })).body.id as string;
    const probeB = (await bob.post('/probes', { orgId: orgB, name: 'B', kind: 'tcp', config: { host: '127.0.0.1', port: 9 } })).body.id as string;
    const seen = await collect(alice, 3500, async () => {
      await alice.post(`/probes/${probeA}/pause`);
      await bob.post(`/probes/${probeB}/pause`);
    });
    expect(seen.map((e) => [e.probeId, e.toState])).toEqual([[probeA, 'paused']]);
    expect(seen.every((e) => e.orgId === orgA)).toBe(true);
  });
});
