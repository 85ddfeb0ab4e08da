import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchWithCa } from './client.ts';

// A self-signed certificate for 127.0.0.1, as a hospital's server often has; skipped where openssl is missing.
let dir = '';
let cert: Buffer | null = null;
let server: https.Server | null = null;
let base = '';
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'yiwei-ca-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=yiwei-test', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore' });
    cert = readFileSync(path.join(dir, 'cert.pem'));
  } catch {
    return;
  }
  server = https.createServer({ key: readFileSync(path.join(dir, 'key.pem')), cert }, (req, res) => {
    if (req.url === '/not-modified') return void res.writeHead(304).end();
    res.writeHead(200, { 'content-type': 'application/json', etag: '"7.2"' }).end(JSON.stringify({ auth: req.headers.authorization }));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => (server ? server.close(r) : r(null)));
  rmSync(dir, { recursive: true, force: true });
});

describe('fetchWithCa', () => {
  it('trusts a self-signed server certificate given as the CA, and only then', async (ctx) => {
    if (!cert) return ctx.skip();
    const res = await fetchWithCa(cert)(`${base}/x`, { method: 'GET', headers: { authorization: 'Agent ywa_x' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"7.2"');
    expect(await res.json()).toEqual({ auth: 'Agent ywa_x' });
    expect((await fetchWithCa(cert)(`${base}/not-modified`, { method: 'GET', headers: {} })).status).toBe(304);
    await expect(fetch(`${base}/x`)).rejects.toThrow();
  });
});
