import { createHttpApp } from '../../../http.ts';
import type { Db } from '../../../platform/db.ts';
import { createTestApp, makeOrg, makeUser, signedIn, type TestApp } from '../../../test/test-app.ts';
import { createProbeStateFeed, type ProbeStateChangeEvent } from '../transitions.ts';
import { upstreamProbeIds } from '../upstream.ts';
import { agentRoutes, createAgentService } from './index.ts';

/**
 * Test scaffolding: the whole app with the agent routes mounted (whether or not app.ts mounts them yet), a
 * feed whose events are collected, two sibling hospitals A and B, an agent administrator and an operations
 * manager on A.
 */
export async function createAgentTestApp(env: Record<string, string> = {}) {
  const app: TestApp = await createTestApp(env);
  const feed = createProbeStateFeed(app.platform.db);
  const events: ProbeStateChangeEvent[] = [];
  feed.on((e) => events.push(e));
  const agents = createAgentService(app.platform, { feed, upstreamOf: upstreamProbeIds });
  const http = createHttpApp({ platform: app.platform, groups: [...app.groups.filter((g) => g.tag !== 'agents'), agentRoutes(agents)], tokens: app.services.tokens, metrics: app.metrics });
  const root = await makeOrg(app);
  const orgA = await makeOrg(app, { parentId: root.id, kind: 'institution' });
  const orgB = await makeOrg(app, { parentId: root.id, kind: 'institution' });
  const withHttp = Object.assign(Object.create(app) as TestApp, { http });
  const admin = await signedIn(withHttp, await makeUser(app, orgA.id, ['sysadmin']));
  const ops = await signedIn(withHttp, await makeUser(app, orgA.id, ['ops_manager']));
  /** Calls the agent protocol with `Authorization: Agent <token>`. */
  async function asAgent(token: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await http.request(`http://localhost/api${path}`, {
      method,
      headers: { authorization: `Agent ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as any) : null };
  }
  /** Registers an agent through the console API; returns its id and token. */
  async function registerAgent(orgId = orgA.id, name = `前置机-${globalThis.crypto.randomUUID().slice(0, 6)}`) {
    const res = await admin.post('/agents', { orgId, name });
    if (res.status !== 201) throw new Error(`agent create: ${res.status} ${res.text}`);
    return { id: res.body.agent.id as string, token: res.body.token as string };
  }
  return { app, http, agents, events, orgA, orgB, admin, ops, asAgent, registerAgent, close: () => app.close() };
}

/** A probe row written directly (the probe service is not under test here), run by `agentId`. */
export async function insertAgentProbe(
  db: Db,
  o: { orgId: string; agentId: string | null; kind?: string; config?: Record<string, unknown>; secretsSealed?: string | null; retries?: number; intervalS?: number; isPaused?: boolean; deletedAt?: Date | null; id?: string },
) {
  const row = await db
    .insertInto('probes')
    .values({
      ...(o.id ? { id: o.id } : {}),
      orgId: o.orgId,
      assetId: null,
      name: `agent probe ${globalThis.crypto.randomUUID().slice(0, 6)}`,
      kind: o.kind ?? 'tcp',
      config: JSON.stringify(o.config ?? { host: '127.0.0.1', port: 9 }),
      secretsSealed: o.secretsSealed ?? null,
      intervalS: o.intervalS ?? 10,
      timeoutMs: 2000,
      retries: o.retries ?? 2,
      retryIntervalS: 5,
      availabilityTarget: 99.9,
      agentId: o.agentId,
      isPaused: o.isPaused ?? false,
      deletedAt: o.deletedAt ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
