import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
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
  let current: { destroy(err: Error): unknown; reusedSocket?: boolean } | undefined;
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
        reply = isPlainGet(url, method, body, headers)
          ? await requestPlain(url, method, headers, exchange.isBodyNeeded, (req) => (current = req))
          : await requestOnce(url, method, headers, body, exchange, (req) => (current = req));
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
function isStaleSocket(err: unknown, req: { reusedSocket?: boolean } | undefined): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return (code === 'ECONNRESET' || code === 'EPIPE') && req?.reusedSocket === true;
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

// ---- Plain HTTP/1.1 GET and HEAD over pooled sockets ----
// A health check is nearly always a GET without a body over plain HTTP. node:http builds a ClientRequest, an
// IncomingMessage stream and the agent's per-request listeners for it, which cost more CPU than the request itself
// (~2/3 of the user time of an HTTP check at 10,000 probes). This path writes the request head to a kept-alive socket
// and parses the reply from the socket's chunks: status line, headers, a body framed by Content-Length, chunked
// encoding or the close. TLS, request bodies, other methods and framing headers set by the user go through node:http.
const PLAIN_METHODS = new Set(['GET', 'HEAD']);
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const UNSAFE_VALUE = /[\r\n\0]/;
const FRAMING_HEADERS = new Set(['host', 'connection', 'keep-alive', 'content-length', 'transfer-encoding', 'te', 'expect', 'upgrade']);
const MAX_HEAD_BYTES = 64 * 1024;
// Node keeps the first of these when a reply repeats them and joins the rest with ", " (IncomingMessage rules).
const SINGLE_HEADERS = new Set([
  'content-type', 'content-length', 'user-agent', 'referer', 'host', 'authorization', 'proxy-authorization', 'if-modified-since',
  'if-unmodified-since', 'from', 'location', 'max-forwards', 'retry-after', 'etag', 'last-modified', 'server', 'age', 'expires',
]);

function isPlainGet(url: URL, method: string, body: string | undefined, headers: Record<string, string>): boolean {
  if (url.protocol !== 'http:' || body !== undefined || !PLAIN_METHODS.has(method)) return false;
  for (const name in headers) {
    if (!HEADER_NAME.test(name) || FRAMING_HEADERS.has(name.toLowerCase()) || UNSAFE_VALUE.test(headers[name]!)) return false;
  }
  return true;
}

interface PlainConnection {
  socket: net.Socket;
  key: string;
  idleSinceMs: number;
  exchange: PlainExchange | undefined;
}

const idleConnections = new Map<string, PlainConnection[]>();
let idleSweep: NodeJS.Timeout | undefined;

function closeIdle(conn: PlainConnection) {
  const list = idleConnections.get(conn.key);
  const at = list ? list.indexOf(conn) : -1;
  if (at >= 0) {
    list!.splice(at, 1);
    if (list!.length === 0) idleConnections.delete(conn.key);
  }
  conn.socket.destroy();
}

function sweepIdle() {
  const now = performance.now();
  for (const list of [...idleConnections.values()]) for (const conn of [...list]) if (now - conn.idleSinceMs >= IDLE_SOCKET_MS) closeIdle(conn);
  if (idleConnections.size === 0 && idleSweep) {
    clearInterval(idleSweep);
    idleSweep = undefined;
  }
}

function release(conn: PlainConnection) {
  conn.exchange = undefined;
  conn.idleSinceMs = performance.now();
  // Like the http.Agent's free sockets: an idle pooled socket must not keep the process alive.
  conn.socket.unref();
  const list = idleConnections.get(conn.key);
  if (list) list.push(conn);
  else idleConnections.set(conn.key, [conn]);
  if (!idleSweep) {
    idleSweep = setInterval(sweepIdle, 1_000);
    idleSweep.unref();
  }
}

/** A pooled socket that is still fresh enough to reuse, or a new one. */
function acquire(host: string, port: number): { conn: PlainConnection; isReused: boolean } {
  const key = `${host}:${port}`;
  const list = idleConnections.get(key);
  const now = performance.now();
  while (list && list.length > 0) {
    const conn = list.pop()!;
    if (list.length === 0) idleConnections.delete(key);
    if (conn.socket.destroyed || now - conn.idleSinceMs >= IDLE_SOCKET_MS) {
      conn.socket.destroy();
      continue;
    }
    conn.socket.ref();
    return { conn, isReused: true };
  }
  const socket = net.connect({ host, port });
  socket.setNoDelay(true);
  const conn: PlainConnection = { socket, key, idleSinceMs: now, exchange: undefined };
  // Listeners live as long as the socket and hand events to the exchange in progress, so a request adds none.
  socket.on('data', (chunk: Buffer) => (conn.exchange ? conn.exchange.onData(chunk) : closeIdle(conn)));
  socket.on('error', (err) => (conn.exchange ? conn.exchange.fail(err) : closeIdle(conn)));
  socket.on('close', () => (conn.exchange ? conn.exchange.onClose() : closeIdle(conn)));
  return { conn, isReused: false };
}

function connectionReset(message: string): Error {
  return Object.assign(new Error(message), { code: 'ECONNRESET' });
}

// How the reply's body ends: no body, Content-Length, chunked coding, or the server closing the connection.
const Framing = { None: 0, Length: 1, Chunked: 2, Close: 3 } as const;
const ChunkState = { Size: 0, Data: 1, DataEnd: 2, Trailer: 3 } as const;

/** One request and its reply on a pooled connection. */
class PlainExchange {
  private head: Buffer | undefined;
  private isHeadDone = false;
  private status = 0;
  private headers: http.IncomingHttpHeaders = {};
  private framing: number = Framing.None;
  private canKeepAlive = false;
  private remaining = 0;
  private chunkState: number = ChunkState.Size;
  private pending: Buffer | undefined;
  private readonly chunks: Buffer[] = [];
  private size = 0;
  private hasResponseBytes = false;
  private isSettled = false;

  constructor(
    private readonly conn: PlainConnection,
    private readonly isReused: boolean,
    private readonly isHead: boolean,
    private readonly isBodyNeeded: boolean,
    private readonly resolve: (reply: RawReply) => void,
    private readonly reject: (err: Error) => void,
  ) {}

  /** True while a reused socket has not answered: a failure then means the server had closed it (see isStaleSocket). */
  get reusedSocket(): boolean {
    return this.isReused && !this.hasResponseBytes;
  }

  destroy(err: Error): void {
    this.fail(err);
  }

  fail(err: Error): void {
    if (this.isSettled) return;
    this.isSettled = true;
    this.conn.exchange = undefined;
    this.conn.socket.destroy();
    this.reject(err);
  }

  onClose(): void {
    if (this.isHeadDone && this.framing === Framing.Close) this.finish(false);
    else this.fail(connectionReset(this.hasResponseBytes ? 'aborted' : 'socket hang up'));
  }

  onData(chunk: Buffer): void {
    this.hasResponseBytes = true;
    if (this.isHeadDone) {
      this.onBody(chunk);
      return;
    }
    const head = this.head ? Buffer.concat([this.head, chunk]) : chunk;
    const end = head.indexOf('\r\n\r\n');
    if (end < 0) {
      if (head.length > MAX_HEAD_BYTES) this.fail(new ProbeFailure('protocol', 'HTTP response head larger than 64 KiB'));
      else this.head = head;
      return;
    }
    this.head = undefined;
    if (!this.parseHead(head.toString('latin1', 0, end))) return;
    const rest = head.subarray(end + 4);
    if (!this.isHeadDone) {
      // An interim 1xx reply (100 Continue, 103 Early Hints): the real one follows.
      if (rest.length > 0) this.onData(rest);
      return;
    }
    if (this.framing === Framing.None) {
      if (rest.length > 0) this.canKeepAlive = false;
      this.finish(false);
    } else if (rest.length > 0) this.onBody(rest);
  }

  /** Reads the status line and headers; false when the reply is malformed (the exchange has failed). */
  private parseHead(text: string): boolean {
    const lines = text.split('\r\n');
    const statusLine = /^HTTP\/1\.([01]) (\d{3})(?: |$)/.exec(lines[0]!);
    if (!statusLine) {
      this.fail(new ProbeFailure('protocol', 'not an HTTP/1.x response'));
      return false;
    }
    const status = Number(statusLine[2]);
    if (status >= 100 && status < 200 && status !== 101) return true;
    const headers: http.IncomingHttpHeaders = {};
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i]!;
      const colon = line.indexOf(':');
      if (colon <= 0) {
        this.fail(new ProbeFailure('protocol', 'malformed HTTP response header'));
        return false;
      }
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      const existing = headers[name];
      if (name === 'set-cookie') (headers['set-cookie'] ??= []).push(value);
      else if (existing === undefined) headers[name] = value;
      else if (!SINGLE_HEADERS.has(name)) headers[name] = `${existing as string}, ${value}`;
    }
    this.status = status;
    this.headers = headers;
    this.isHeadDone = true;
    const connection = (headers.connection ?? '').toLowerCase();
    this.canKeepAlive = statusLine[1] === '1' ? !connection.includes('close') : connection.includes('keep-alive');
    const transferEncoding = headers['transfer-encoding'];
    const contentLength = headers['content-length'];
    if (this.isHead || status === 204 || status === 304 || status === 101) {
      this.framing = Framing.None;
      if (status === 101) this.canKeepAlive = false;
    } else if (transferEncoding !== undefined) {
      this.framing = /(?:^|,)\s*chunked\s*$/i.test(transferEncoding) ? Framing.Chunked : Framing.Close;
    } else if (contentLength !== undefined) {
      if (!/^\d+$/.test(contentLength)) {
        this.fail(new ProbeFailure('protocol', 'invalid Content-Length in the HTTP response'));
        return false;
      }
      this.remaining = Number(contentLength);
      this.framing = this.remaining === 0 ? Framing.None : Framing.Length;
    } else {
      this.framing = Framing.Close;
    }
    if (this.framing === Framing.Close) this.canKeepAlive = false;
    return true;
  }

  private onBody(chunk: Buffer): void {
    if (this.framing === Framing.Length) {
      if (chunk.length > this.remaining) {
        this.canKeepAlive = false;
        chunk = chunk.subarray(0, this.remaining);
      }
      this.remaining -= chunk.length;
      if (this.take(chunk) && this.remaining === 0) this.finish(false);
    } else if (this.framing === Framing.Chunked) {
      this.onChunked(chunk);
    } else if (this.framing === Framing.Close) {
      this.take(chunk);
    }
  }

  /** Decodes chunked transfer coding; chunk extensions and trailers are read and ignored. */
  private onChunked(chunk: Buffer): void {
    let buf = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = undefined;
    while (!this.isSettled) {
      if (this.chunkState === ChunkState.Data) {
        if (buf.length === 0) return;
        const part = buf.subarray(0, this.remaining);
        this.remaining -= part.length;
        buf = buf.subarray(part.length);
        if (!this.take(part)) return;
        if (this.remaining === 0) this.chunkState = ChunkState.DataEnd;
        continue;
      }
      const eol = buf.indexOf('\r\n');
      if (eol < 0) {
        if (buf.length > MAX_HEAD_BYTES) this.fail(new ProbeFailure('protocol', 'malformed chunked HTTP response'));
        else if (buf.length > 0) this.pending = buf;
        return;
      }
      const line = buf.toString('latin1', 0, eol);
      buf = buf.subarray(eol + 2);
      if (this.chunkState === ChunkState.DataEnd) {
        if (line !== '') return this.fail(new ProbeFailure('protocol', 'malformed chunked HTTP response'));
        this.chunkState = ChunkState.Size;
      } else if (this.chunkState === ChunkState.Size) {
        const sizeText = line.split(';', 1)[0]!.trim();
        if (!/^[0-9a-fA-F]{1,8}$/.test(sizeText)) return this.fail(new ProbeFailure('protocol', 'malformed chunked HTTP response'));
        this.remaining = parseInt(sizeText, 16);
        this.chunkState = this.remaining === 0 ? ChunkState.Trailer : ChunkState.Data;
      } else if (line === '') {
        if (buf.length > 0) this.canKeepAlive = false;
        this.finish(false);
        return;
      }
    }
  }

  /** Counts and keeps body bytes; false once the body passed MAX_BODY_BYTES (the reply is then finished, truncated). */
  private take(part: Buffer): boolean {
    this.size += part.length;
    if (this.isBodyNeeded && part.length > 0) this.chunks.push(part);
    if (this.size > MAX_BODY_BYTES) {
      this.canKeepAlive = false;
      this.finish(true);
      return false;
    }
    return true;
  }

  private finish(isTruncated: boolean): void {
    if (this.isSettled) return;
    this.isSettled = true;
    if (this.canKeepAlive && !this.conn.socket.destroyed) release(this.conn);
    else {
      this.conn.exchange = undefined;
      this.conn.socket.destroy();
    }
    const body = this.isBodyNeeded ? decodeBody(Buffer.concat(this.chunks).subarray(0, MAX_BODY_BYTES), this.headers['content-type']) : '';
    this.resolve({ status: this.status, headers: this.headers, body, isTruncated });
  }
}

function requestPlain(
  url: URL,
  method: string,
  headers: Record<string, string>,
  isBodyNeeded: boolean,
  track: (exchange: PlainExchange) => void,
): Promise<RawReply> {
  return new Promise<RawReply>((resolve, reject) => {
    let head = `${method} ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\nConnection: keep-alive\r\n`;
    let hasUserAgent = false;
    let hasAccept = false;
    for (const name in headers) {
      const lower = name.toLowerCase();
      if (lower === 'user-agent') hasUserAgent = true;
      else if (lower === 'accept') hasAccept = true;
      head += `${name}: ${headers[name]}\r\n`;
    }
    if (!hasUserAgent) head += 'User-Agent: yiwei-probe\r\n';
    if (!hasAccept) head += 'Accept: */*\r\n';
    head += '\r\n';
    const hostname = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
    const { conn, isReused } = acquire(hostname, Number(url.port) || 80);
    const exchange = new PlainExchange(conn, isReused, method === 'HEAD', isBodyNeeded, resolve, reject);
    conn.exchange = exchange;
    track(exchange);
    conn.socket.write(head, 'latin1');
  });
}
