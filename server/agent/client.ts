import http from 'node:http';
import https from 'node:https';
import { AgentAssignment, AgentHelloReply, AgentResultReply, type AgentResultBatch } from '../../shared/schemas/agents.ts';
import type { z } from 'zod';

/** The part of fetch the agent uses; global fetch fits, and so does fetchWithCa. */
export type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal }) => Promise<Response>;

/** A definite answer from the server that is not a success (401 revoked, 400 malformed …). */
export class AgentHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(`server answered ${status} ${code}`);
  }
}

/**
 * fetch over node:https trusting an extra CA (a hospital's own, or the server's self-signed certificate):
 * global fetch cannot take one without the undici package. Bodies are small, so they are buffered.
 */
export function fetchWithCa(ca: string | Buffer): FetchLike {
  return (url, init) =>
    new Promise<Response>((resolve, reject) => {
      const isHttps = url.startsWith('https:');
      const request = isHttps ? https.request : http.request;
      const req = request(url, { method: init.method, headers: init.headers, signal: init.signal, ...(isHttps ? { ca } : {}) }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const status = res.statusCode ?? 502;
          const headers = new Headers();
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
          resolve(new Response(status === 204 || status === 304 ? null : Buffer.concat(chunks), { status, headers }));
        });
      });
      req.on('error', reject);
      req.end(init.body);
    });
}

export interface AgentClientOptions {
  serverUrl: string;
  token: string;
  fetch: FetchLike;
  /** cancels every request (the agent is stopping) */
  signal: AbortSignal;
  requestTimeoutMs?: number;
}

/** The agent's side of the protocol in shared/schemas/agents.ts; answers are parsed with the same schemas the server uses. */
export function createAgentClient({ serverUrl, token, fetch, signal, requestTimeoutMs = 30_000 }: AgentClientOptions) {
  const base = `${serverUrl.replace(/\/+$/, '')}/api`;

  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Agent ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.any([signal, AbortSignal.timeout(requestTimeoutMs)]),
    });
    if (res.ok || res.status === 304) return res;
    const text = await res.text().catch(() => '');
    let code = 'http';
    try {
      code = (JSON.parse(text) as { error?: { code?: string } }).error?.code ?? code;
    } catch {
      // not our JSON: a proxy's error page
    }
    throw new AgentHttpError(res.status, code);
  }

  return {
    /** First contact: version, host and clock; answers the server's last accepted batch sequence. */
    async hello(input: { version: string; hostname: string; sentAt: string }): Promise<z.infer<typeof AgentHelloReply>> {
      return AgentHelloReply.parse(await (await call('POST', '/agent/hello', input)).json());
    },
    /** The probes to run, or null when they are unchanged since `revision`. */
    async pull(revision: string | null): Promise<AgentAssignment | null> {
      const res = await call('GET', '/agent/probes', undefined, revision ? { 'if-none-match': `"${revision}"` } : {});
      return res.status === 304 ? null : AgentAssignment.parse(await res.json());
    },
    /** One batch of results. */
    async upload(batch: AgentResultBatch): Promise<z.infer<typeof AgentResultReply>> {
      return AgentResultReply.parse(await (await call('POST', '/agent/results', batch)).json());
    },
  };
}

export type AgentClient = ReturnType<typeof createAgentClient>;
