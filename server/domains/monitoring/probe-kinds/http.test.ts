import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpProbeConfig, HttpProbeSecrets } from '../../../../shared/schemas/probe-kinds/http.ts';
import { createTestPki, hasOpenssl, type TestKeyPair, type TestPki } from './fixtures/test-pki.ts';
import { close, closedPort, isRoundedToTenth, listen, testContext } from './fixtures/test-servers.ts';
import { httpProbe, httpTargetKey, parseStatusRanges } from './http.ts';

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const BUSY_GBK = Buffer.from('cfb5cdb3b7b1c3a6', 'hex'); // 系统繁忙 ("system busy")

/** A web server with one route per behaviour; it records every request it sees. */
function createSite(seen: Seen[], otherOrigin: () => string): http.RequestListener {
  return (req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const url = new URL(req.url ?? '/', 'http://x');
      const redirect = (status: number, location: string) => res.writeHead(status, { location }).end();
      switch (url.pathname) {
        case '/ok':
          return res.end('hello yiwei, all systems normal');
        case '/json':
          res.setHeader('content-type', 'application/json');
          return res.end(JSON.stringify({ data: { items: [{ status: 'UP', count: 3 }], tags: ['his', 'lis'] } }));
        case '/status':
          res.statusCode = Number(url.searchParams.get('code'));
          return res.end();
        case '/redirect':
          return redirect(302, '/ok');
        case '/loop':
          return redirect(302, '/loop');
        case '/see-other':
          return redirect(303, '/ok');
        case '/to-other':
          return redirect(302, `${otherOrigin()}/ok`);
        case '/slow':
          return setTimeout(() => res.end('late'), 60);
        case '/hang':
          return; // answered by afterAll closing every connection
        case '/big':
          res.write('HEAD-MARKER ');
          res.write(Buffer.alloc(2 << 20, 'a'));
          return res.end(' TAIL-MARKER');
        case '/gbk':
          res.setHeader('content-type', 'text/plain; charset=GBK');
          return res.end(BUSY_GBK);
        default:
          res.statusCode = 404;
          return res.end();
      }
    });
  };
}

describe('http probe', () => {
  const seen: Seen[] = [];
  const otherSeen: Seen[] = [];
  let base = '';
  let otherBase = '';
  const site = http.createServer(createSite(seen, () => otherBase));
  const other = http.createServer(createSite(otherSeen, () => base));

  beforeAll(async () => {
    base = `http://127.0.0.1:${await listen(site)}`;
    otherBase = `http://127.0.0.1:${await listen(other)}`;
  });
  afterAll(async () => {
    await close(site);
    await close(other);
  });

  const run = (config: Partial<HttpProbeConfig> & { path?: string }, secrets: Partial<HttpProbeSecrets> = {}, timeoutMs = 3_000) => {
    const { path = '/ok', ...rest } = config;
    return httpProbe.run(HttpProbeConfig.parse({ url: `${base}${path}`, ...rest }), HttpProbeSecrets.parse(secrets), testContext(timeoutMs));
  };

  it('is up on 200 with the request latency', async () => {
    const outcome = await run({});
    expect(outcome).toMatchObject({ status: 'up', message: '' });
    expect(isRoundedToTenth(outcome.latencyMs)).toBe(true);
    expect(seen.at(-1)?.headers['user-agent']).toBe('yiwei-probe');
  });

  it('checks the status against the expected codes and ranges', async () => {
    expect(await run({ path: '/status?code=503' })).toMatchObject({ status: 'down', code: 'assertion', message: 'HTTP 503 (expected 200-399)' });
    expect(await run({ path: '/status?code=503', expectedStatus: '200, 500-599' })).toMatchObject({ status: 'up' });
    expect(parseStatusRanges('200-299, 301')).toEqual([[200, 299], [301, 301]]);
  });

  it('sends the method, headers, body and secret headers, and never echoes secrets', async () => {
    const outcome = await run(
      { path: '/status?code=202', method: 'PUT', headers: { 'x-probe': 'one' }, body: '{"ping":1}', expectedStatus: '200' },
      { headers: { authorization: 'Bearer s3cret-token' } },
    );
    expect(seen.at(-1)).toMatchObject({ method: 'PUT', body: '{"ping":1}', headers: { 'x-probe': 'one', authorization: 'Bearer s3cret-token' } });
    expect(outcome).toMatchObject({ status: 'down', message: 'HTTP 202 (expected 200)' });
    expect(JSON.stringify(outcome)).not.toContain('s3cret');
  });

  it('looks for a keyword, present or absent, and a regex', async () => {
    expect((await run({ keyword: 'all systems normal' })).status).toBe('up');
    expect(await run({ keyword: 'maintenance' })).toMatchObject({ status: 'down', code: 'assertion', message: 'keyword "maintenance" not found' });
    expect((await run({ keyword: 'maintenance', keywordMode: 'absent' })).status).toBe('up');
    expect(await run({ keyword: 'normal', keywordMode: 'absent' })).toMatchObject({ status: 'down', message: 'keyword "normal" is present' });
    expect((await run({ regex: 'systems?\\s+normal$' })).status).toBe('up');
    expect(await run({ regex: '^error' })).toMatchObject({ status: 'down', message: 'body does not match /^error/' });
  });

  it('asserts on a JSONPath', async () => {
    const json = (path: string, op: 'equals' | 'contains' | 'exists', value = '') => run({ path: '/json', jsonPath: { path, op, value } });
    expect((await json('$.data.items[0].status', 'equals', 'UP')).status).toBe('up');
    expect((await json('$.data.items[0].count', 'equals', '3')).status).toBe('up');
    expect((await json('$.data.tags', 'contains', 'lis')).status).toBe('up');
    expect(await json('$.data.items[0].status', 'equals', 'DOWN')).toMatchObject({ status: 'down', code: 'assertion' });
    expect(await json('$.data.pacs', 'exists')).toMatchObject({ status: 'down', message: '$.data.pacs not found' });
    expect(await run({ path: '/ok', jsonPath: { path: '$.a', op: 'exists', value: '' } })).toMatchObject({ status: 'down', message: 'body is not JSON' });
  });

  it('follows redirects up to maxRedirects, or checks the 3xx itself', async () => {
    expect(await run({ path: '/redirect', keyword: 'hello' })).toMatchObject({ status: 'up' });
    expect(await run({ path: '/redirect', maxRedirects: 0, expectedStatus: '200-299' })).toMatchObject({ status: 'down', message: 'HTTP 302 (expected 200-299)' });
    expect(await run({ path: '/loop', maxRedirects: 3 })).toMatchObject({ status: 'down', code: 'protocol', message: 'more than 3 redirects' });
  });

  it('turns a POST answered by 303 into a GET without body', async () => {
    expect((await run({ path: '/see-other', method: 'POST', body: 'x=1', headers: { 'content-type': 'text/plain' } })).status).toBe('up');
    expect(seen.at(-1)).toMatchObject({ method: 'GET', url: '/ok', body: '' });
    expect(seen.at(-1)?.headers['content-type']).toBeUndefined();
  });

  it('does not carry secret headers or Authorization to another origin', async () => {
    const outcome = await run({ path: '/to-other', headers: { authorization: 'Basic c2VjcmV0', 'x-probe': 'kept' } }, { headers: { 'x-api-key': 'k3y' } });
    expect(outcome.status).toBe('up');
    expect(seen.at(-1)?.headers).toMatchObject({ 'x-api-key': 'k3y', authorization: 'Basic c2VjcmV0' });
    const crossed = otherSeen.at(-1)?.headers ?? {};
    expect(crossed['x-probe']).toBe('kept');
    expect(crossed['x-api-key']).toBeUndefined();
    expect(crossed.authorization).toBeUndefined();
  });

  it('is degraded above degradedAboveMs', async () => {
    const outcome = await run({ path: '/slow', degradedAboveMs: 10 });
    expect(outcome).toMatchObject({ status: 'degraded', code: 'threshold' });
    expect(outcome.message).toMatch(/^took [\d.]+ ms \(degraded above 10 ms\)$/);
  });

  it('is down with code timeout when no answer comes, or when the engine aborts', async () => {
    expect(await run({ path: '/hang' }, {}, 200)).toMatchObject({ status: 'down', code: 'timeout', message: 'no answer within 200 ms' });
    const ctx = testContext(60_000);
    const pending = httpProbe.run(HttpProbeConfig.parse({ url: `${base}/hang` }), HttpProbeSecrets.parse({}), ctx);
    setTimeout(() => ctx.controller.abort(), 30);
    expect(await pending).toMatchObject({ status: 'down', code: 'timeout', message: 'check aborted' });
  });

  it('reads only the first MiB of a large body', async () => {
    expect((await run({ path: '/big', keyword: 'HEAD-MARKER' })).status).toBe('up');
    expect(await run({ path: '/big', keyword: 'TAIL-MARKER' })).toMatchObject({ status: 'down', message: 'keyword "TAIL-MARKER" not found' });
    expect((await run({ path: '/big' })).status).toBe('up');
    expect(await run({ path: '/big', jsonPath: { path: '$.a', op: 'exists', value: '' } })).toMatchObject({
      status: 'down',
      message: 'body is over 1 MiB, too large to evaluate the JSONPath',
    });
  });

  it('decodes a GBK body for keyword checks', async () => {
    expect((await run({ path: '/gbk', keyword: '系统繁忙' })).status).toBe('up');
  });

  it('is down with code refused when nothing listens', async () => {
    const port = await closedPort();
    const outcome = await httpProbe.run(HttpProbeConfig.parse({ url: `http://127.0.0.1:${port}/` }), HttpProbeSecrets.parse({}), testContext());
    expect(outcome).toMatchObject({ status: 'down', code: 'refused', latencyMs: null });
  });

  it('retries once on a fresh connection when a kept-alive socket turns out to be closed', async () => {
    // Answers the first request of each connection with keep-alive, then hangs up on the next one, as a server does
    // when its idle timeout fires just as the probe reuses the socket.
    const connections = new Set<net.Socket>();
    const racy = net.createServer((socket) => {
      connections.add(socket);
      let requests = 0;
      socket.on('data', () => {
        if (++requests === 1) socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nok');
        else socket.destroy();
      });
    });
    const url = `http://127.0.0.1:${await listen(racy)}/`;
    try {
      for (let i = 0; i < 3; i++) {
        expect(await httpProbe.run(HttpProbeConfig.parse({ url }), HttpProbeSecrets.parse({}), testContext())).toMatchObject({ status: 'up' });
      }
      expect(connections.size).toBe(3);
    } finally {
      for (const socket of connections) socket.destroy();
      await close(racy);
    }
  });

  it('validates the config a form would send', () => {
    expect(HttpProbeConfig.parse({ url: 'https://his.local/health' })).toMatchObject({ method: 'GET', expectedStatus: '200-399', maxRedirects: 5, ignoreTls: false });
    expect(HttpProbeConfig.safeParse({ url: 'https://user:pw@his.local/' }).success).toBe(false);
    expect(HttpProbeConfig.safeParse({ url: 'ftp://his.local/' }).success).toBe(false);
    expect(HttpProbeConfig.safeParse({ url: 'https://his.local/', regex: '(' }).success).toBe(false);
    expect(HttpProbeConfig.safeParse({ url: 'https://his.local/', expectedStatus: '2xx' }).success).toBe(false);
    expect(HttpProbeConfig.safeParse({ url: 'https://his.local/', headers: { 'x-a': 'b\r\nx-b: c' } }).success).toBe(false);
    expect(httpTargetKey('https://his.local/health')).toBe('http:his.local:443');
  });
});

if (!hasOpenssl) console.warn('https probe tests skipped: the openssl command is needed to make test certificates');

describe.skipIf(!hasOpenssl)('http probe over TLS', () => {
  let pki: TestPki;
  let client: TestKeyPair;
  let plainUrl = '';
  let mutualUrl = '';
  const servers: https.Server[] = [];

  beforeAll(async () => {
    pki = createTestPki();
    client = pki.issue(400, 'yiwei-probe');
    const plain = https.createServer(pki.issue(400), (_req, res) => res.end('secure hello'));
    const mutual = https.createServer({ ...pki.issue(400), ca: pki.caCert, requestCert: true, rejectUnauthorized: true }, (req, res) => {
      res.end(`hello ${(req.socket as import('node:tls').TLSSocket).getPeerCertificate().subject?.CN}`);
    });
    servers.push(plain, mutual);
    plainUrl = `https://127.0.0.1:${await listen(plain)}/`;
    mutualUrl = `https://127.0.0.1:${await listen(mutual)}/`;
  });
  afterAll(async () => {
    await Promise.all(servers.map(close));
    pki.dispose();
  });

  const run = (config: Partial<HttpProbeConfig>, secrets: Partial<HttpProbeSecrets> = {}) =>
    httpProbe.run(HttpProbeConfig.parse({ url: plainUrl, ...config }), HttpProbeSecrets.parse(secrets), testContext());

  it('is down with code tls for an untrusted certificate', async () => {
    expect(await run({})).toMatchObject({ status: 'down', code: 'tls' });
  });

  it('is up when the CA is given, or when ignoreTls is set', async () => {
    expect(await run({ caPem: pki.caCert, keyword: 'secure hello' })).toMatchObject({ status: 'up' });
    expect(await run({ ignoreTls: true })).toMatchObject({ status: 'up' });
  });

  it('presents the client certificate, with its key from the secrets', async () => {
    const withCert = await run({ url: mutualUrl, caPem: pki.caCert, clientCertPem: client.cert, keyword: 'hello yiwei-probe' }, { clientKeyPem: client.key });
    expect(withCert).toMatchObject({ status: 'up' });
    const without = await run({ url: mutualUrl, caPem: pki.caCert });
    expect(without).toMatchObject({ status: 'down', code: 'tls', message: 'TLS error: tlsv13 alert certificate required' });
    expect(JSON.stringify(withCert) + JSON.stringify(without)).not.toContain('PRIVATE KEY');
  });
});
