import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';
import { createTestApp, type TestApp } from '../test/test-app.ts';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());

describe('operations endpoints', () => {
  it('answers /api/health with the database state', async () => {
    const res = await app.http.request('http://localhost/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', database: { ok: true } });
  });

  it('serves Prometheus metrics with route patterns, not raw paths', async () => {
    await app.http.request(`http://localhost/api/users/${globalThis.crypto.randomUUID()}`);
    const text = await (await app.http.request('http://localhost/metrics')).text();
    expect(text).toMatch(/yiwei_http_requests_total\{method="GET",route="\/api\/users\/:id",status="401"\} 1/);
    expect(text).toContain('yiwei_process_resident_memory_bytes');
  });

  it('describes every registered route in OpenAPI and serves the docs page', async () => {
    const doc = await (await app.http.request('http://localhost/api/openapi.json')).json();
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops as object).map((m) => `${m} ${p}`));
    const registered = app.groups.flatMap((g) => g.specs.map((s) => `${s.method} /api${s.path.replace(/:([A-Za-z_]+)/g, '{$1}')}`));
    expect(documented.sort()).toEqual(registered.sort());
    expect(doc.paths['/api/users'].post.requestBody.content['application/json'].schema.properties.username).toBeDefined();
    const html = await (await app.http.request('http://localhost/api/docs')).text();
    expect(html).toContain('swagger-ui-bundle.js');
    expect((await app.http.request('http://localhost/api/docs/assets/swagger-ui-bundle.js')).status).toBe(200);
  });

  it('answers unknown API routes with a JSON 404 and localises messages', async () => {
    const res = await app.http.request('http://localhost/api/nope', { headers: { 'accept-language': 'zh-CN' } });
    expect(res.status).toBe(404);
    expect((await res.json()).error).toMatchObject({ code: 'route.not_found', message: '请求的资源不存在' });
  });

  it('sets security headers and no-store on API answers', async () => {
    const res = await app.http.request('http://localhost/api/health');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });
});

describe('config', () => {
  it('lists every problem at once', () => {
    try {
      loadConfig({ YIWEI_PORT: 'eighty', DATABASE_URL: 'mysql://x', YIWEI_MASTER_KEY: 'short' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const problems = (e as ConfigError).problems.join('\n');
      expect(problems).toMatch(/YIWEI_PORT/);
      expect(problems).toMatch(/DATABASE_URL/);
      expect(problems).toMatch(/YIWEI_MASTER_KEY/);
    }
  });

  it('has defaults for a fresh machine', () => {
    expect(loadConfig({})).toMatchObject({ port: 8080, dataDir: './data', demoData: true, databaseUrl: undefined });
  });
});
