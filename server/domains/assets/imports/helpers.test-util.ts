import type { App } from '../../../app.ts';
import type { Client } from '../../../test/test-app.ts';

/** POSTs a file to /asset-imports as multipart/form-data with the client's session. */
export async function upload(app: App, c: Client, file: Buffer, fileName: string, fields: Record<string, string>) {
  const form = new FormData();
  form.set('file', new File([new Uint8Array(file)], fileName));
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  const res = await app.http.request('http://localhost/api/asset-imports', { method: 'POST', headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'accept-language': 'en' }, body: form });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as any, text };
}

/** GETs a binary download with the client's session. */
export async function download(app: App, c: Client, path: string) {
  const res = await app.http.request(`http://localhost/api${path}`, { headers: { cookie: c.cookie } });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}
