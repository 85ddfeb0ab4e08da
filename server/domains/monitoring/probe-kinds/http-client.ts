import http from 'node:http';
import https from 'node:https';
import type { HttpProbeSecrets } from '../../../../shared/schemas/probe-kinds/http.ts';
import type { CheckContext } from './probe-kind.ts';
import { armDeadline, ProbeFailure, roundMs } from './socket-util.ts';

// Shared keep-alive agents rather than `agent: false`, because they cost less CPU per check: a reused connection skips the
// TCP and TLS handshakes. On loopback a check cost ~75 µs of CPU against ~140 µs with `agent: false` over HTTP, and
// ~0.26 ms against ~2.4 ms over HTTPS. Agents pool per TLS option set (CA, client cert, ignoreTls), so probes never share
// a connection with different trust. Idle sockets close after 4 s, before Node's default 5 s server keep-alive, so checks
// minutes apart still open a fresh connection each time; a request that loses the race with a server-side close is
// retried once on a new socket (the pattern Node's documentation gives).
const IDLE_SOCKET_MS = 4_000;
const httpAgent = new http.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS });
const httpsAgent = new https.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS });

/** Bodies are read up to this size; assertions see the first MiB and the rest is discarded with the connection. */
export const MAX_BODY_BYTES = 1 << 20;

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const ORIGIN_BOUND_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];
const BODY_HEADERS = new Set(['content-type', 'content-length', 'content-encoding']);

export interface HttpTlsOptions {
  rejectUnauthorized: boolean;
  ca?: string;
  cert?: string;
  key?: string;
  passphrase?: string;
}

export interface HttpExchange {
  url: URL;
  method: string;
  headers: Record<string, string>;
  /** Headers from the sealed secrets; like Authorization, they are not sent after a redirect to another origin. */
  secretHeaders: Record<string, string>;
  body?: string;
  /** 0 returns the 3xx itself. */
  maxRedirects: number;
  /** When false the body is drained unread, which is cheaper. */
  isBodyNeeded: boolean;
  tls: HttpTlsOptions;
}

export interface HttpReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Decoded body text; empty unless `isBodyNeeded`. */
  body: string;
  isTruncated: boolean;
  /** From the first byte sent to the last byte received, across redirects. */
  latencyMs: number;
}

/** TLS options from the transport fields every HTTP kind shares; the key and passphrase come from the secrets. */
export function httpTlsOptions(
  config: { ignoreTls: boolean; caPem?: string; clientCertPem?: string },
  secrets: Pick<HttpProbeSecrets, 'clientKeyPem' | 'clientKeyPassphrase'>,
): HttpTlsOptions {
  return {
    rejectUnauthorized: !config.ignoreTls,
    ca: config.caPem,
    cert: config.clientCertPem,
    key: secrets.clientKeyPem,
    passphrase: secrets.clientKeyPassphrase,
  };
}

/** Sends a request, following redirects when allowed, under the run's deadline. Rejects on transport failures. */
export async function sendHttp(exchange: HttpExchange, ctx: CheckContext): Promise<HttpReply> {
  const startedAt = performance.now();
  let current: http.ClientRequest | undefined;
  let expiry: ProbeFailure | undefined;
  const disarm = armDeadline(ctx, (failure) => {
    expiry = failure;
    current?.destroy(failure);
  });
  let { url, method, body } = exchange;
  let headers = { ...exchange.headers, ...exchange.secretHeaders };
  let hasRetried = false;
  try {
    for (let redirects = 0; ; ) {
      if (expiry) throw expiry;
      let reply: RawReply;
      try {
        reply = await requestOnce(url, method, headers, body, exchange, (req) => (current = req));
      } catch (err) {
        if (!hasRetried && isStaleSocket(err, current)) {
          hasRetried = true;
          continue;
        }
        throw err;
      }
      const location = reply.headers.location;
      if (!REDIRECTS.has(reply.status) || exchange.maxRedirects === 0 || !location) {
        return { ...reply, latencyMs: roundMs(performance.now() - startedAt) };
      }
      if (++redirects > exchange.maxRedirects) throw new ProbeFailure('protocol', `more than ${exchange.maxRedirects} redirects`);
      const next = new URL(location, url);
      if (next.protocol !== 'http:' && next.protocol !== 'https:') throw new ProbeFailure('protocol', `redirect to unsupported scheme ${next.protocol}`);
      if (next.origin !== url.origin) {
        const secretNames = Object.keys(exchange.secretHeaders).map((name) => name.toLowerCase());
        headers = withoutHeaders(headers, new Set([...ORIGIN_BOUND_HEADERS, ...secretNames]));
      }
      // Browsers and curl turn 303, and 301/302 after POST, into a GET without a body.
      if (reply.status === 303 ? method !== 'HEAD' : (reply.status === 301 || reply.status === 302) && method === 'POST') {
        method = 'GET';
        body = undefined;
        headers = withoutHeaders(headers, BODY_HEADERS);
      }
      url = next;
    }
  } catch (err) {
    // Destroying a request mid-body surfaces as "aborted"; report why it was destroyed instead.
    throw expiry ?? err;
  } finally {
    disarm();
  }
}

type RawReply = Omit<HttpReply, 'latencyMs'>;

function requestOnce(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: string | undefined,
  exchange: HttpExchange,
  track: (req: http.ClientRequest) => void,
): Promise<RawReply> {
  return new Promise<RawReply>((resolve, reject) => {
    const isHttps = url.protocol === 'https:';
    const options: https.RequestOptions = {
      hostname: url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
      port: url.port || undefined,
      path: `${url.pathname}${url.search}`,
      method,
      headers: { 'user-agent': 'yiwei-probe', accept: '*/*', ...headers },
      agent: isHttps ? httpsAgent : httpAgent,
      ...(isHttps ? exchange.tls : {}),
    };
    let isSettled = false;
    const fail = (err: Error) => {
      if (isSettled) return;
      isSettled = true;
      reject(err);
    };
    const req = (isHttps ? https : http).request(options, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const finish = (isTruncated: boolean) => {
        if (isSettled) return;
        isSettled = true;
        const text = exchange.isBodyNeeded ? decodeBody(Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES), res.headers['content-type']) : '';
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text, isTruncated });
      };
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (exchange.isBodyNeeded) chunks.push(chunk);
        if (size > MAX_BODY_BYTES) {
          finish(true);
          res.destroy();
        }
      });
      res.on('end', () => finish(false));
      res.on('error', fail);
    });
    track(req);
    req.on('error', fail);
    req.end(body);
  });
}

/** A kept-alive socket the server closed just as we reused it; the request never reached the application. */
function isStaleSocket(err: unknown, req: http.ClientRequest | undefined): boolean {
  return (err as NodeJS.ErrnoException).code === 'ECONNRESET' && req?.reusedSocket === true;
}

/** A copy without the named headers; `names` are lower case. */
function withoutHeaders(headers: Record<string, string>, names: ReadonlySet<string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !names.has(name.toLowerCase())));
}

/** Honours a declared charset, since hospital systems still serve GBK/GB18030 pages; UTF-8 otherwise. */
function decodeBody(bytes: Buffer, contentType: string | undefined): string {
  const charset = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? '')?.[1]?.toLowerCase();
  if (!charset || charset === 'utf-8' || charset === 'utf8') return bytes.toString('utf8');
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return bytes.toString('utf8');
  }
}
