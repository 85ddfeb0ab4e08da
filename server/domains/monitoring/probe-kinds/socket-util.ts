import net from 'node:net';
import tls from 'node:tls';
import type { CheckContext, CheckOutcome } from './probe-kind.ts';

/** A failure that already knows its outcome code; runners throw it inside and turn it into an outcome at the edge. */
export class ProbeFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ProbeFailure';
  }
}

/** The peer closed the connection while we were still waiting; protocols that allow a close instead of a reply catch it. */
export class PeerClosed extends ProbeFailure {
  constructor() {
    super('protocol', 'connection closed by the peer');
    this.name = 'PeerClosed';
  }
}

/** Latency as the engine stores it: milliseconds rounded to 0.1. */
export function roundMs(ms: number): number {
  return Math.round(ms * 10) / 10;
}

/** Milliseconds since a `performance.now()` reading, rounded to 0.1. */
export function sinceMs(startedAt: number): number {
  return roundMs(performance.now() - startedAt);
}

// getaddrinfo (EAI_*) and c-ares (node:dns Resolver) codes for "the name could not be resolved".
const DNS_ERRORS = new Set([
  'ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'ENODATA', 'ESERVFAIL', 'ENONAME', 'EREFUSED', 'EBADNAME', 'EFORMERR', 'ENOTIMP', 'EBADRESP',
]);
const TIMEOUT_ERRORS = new Set(['ETIMEDOUT', 'ETIMEOUT', 'ABORT_ERR', 'ECANCELLED']);
const TLS_ERROR = /^(ERR_TLS_|ERR_SSL_|ERR_OSSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH|ERR_CERT)/;

/** Maps an error to the outcome code vocabulary of CheckOutcome. */
export function failureCode(err: unknown): string {
  if (err instanceof ProbeFailure) return err.code;
  const code = String((err as NodeJS.ErrnoException | null)?.code ?? '');
  if (code === 'ECONNREFUSED') return 'refused';
  if (TIMEOUT_ERRORS.has(code)) return 'timeout';
  if (DNS_ERRORS.has(code)) return 'dns';
  if (TLS_ERROR.test(code)) return 'tls';
  return 'error';
}

/** Clips a message so a chatty peer cannot fill the check history. */
export function clip(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

// OpenSSL reports "80..:error:0A00045C:SSL routines:ssl3_read_bytes:tlsv13 alert certificate required:../deps/…"; the reason is enough.
const OPENSSL_ERROR = /error:[0-9A-F]+:[^:]*:[^:]*:([^:]+)/;

/** A `down` outcome for an error; Node's messages name only the host, port and cause, never request secrets. */
export function failureOutcome(err: unknown, latencyMs: number | null = null): CheckOutcome {
  const raw = err instanceof Error ? err.message : String(err);
  const openssl = OPENSSL_ERROR.exec(raw);
  const message = openssl?.[1] ? `TLS error: ${openssl[1]}` : raw.trim();
  return { status: 'down', latencyMs, code: failureCode(err), message: clip(message || 'unknown error') };
}

/** `up`, or `degraded` with code threshold when latency is above the configured limit. */
export function latencyOutcome(latencyMs: number, degradedAboveMs: number | undefined, message = ''): CheckOutcome {
  if (degradedAboveMs !== undefined && latencyMs > degradedAboveMs) {
    const detail = `took ${latencyMs} ms (degraded above ${degradedAboveMs} ms)`;
    return { status: 'degraded', latencyMs, code: 'threshold', message: message ? `${message}; ${detail}` : detail };
  }
  return { status: 'up', latencyMs, message };
}

/** Calls `expire` once when ctx.timeoutMs passes or ctx.signal aborts, whichever is first; the returned function disarms both. */
export function armDeadline(ctx: CheckContext, expire: (failure: ProbeFailure) => void): () => void {
  let isArmed = true;
  const fire = () => {
    if (!isArmed) return;
    disarm();
    const reason = ctx.signal.aborted ? 'check aborted' : `no answer within ${ctx.timeoutMs} ms`;
    expire(new ProbeFailure('timeout', reason));
  };
  const timer = setTimeout(fire, ctx.timeoutMs);
  const disarm = () => {
    isArmed = false;
    clearTimeout(timer);
    ctx.signal.removeEventListener('abort', fire);
  };
  // An already-aborted signal never fires again; expire on the next tick so the caller finishes wiring first.
  if (ctx.signal.aborted) queueMicrotask(fire);
  else ctx.signal.addEventListener('abort', fire, { once: true });
  return disarm;
}

export interface SessionTarget {
  host: string;
  port: number;
  /** When present, the session is TLS and opens only after the handshake. */
  tls?: tls.ConnectionOptions;
}

/** A reader's answer: the parsed value and how many buffered bytes it used. */
export type Extracted<T> = { value: T; size: number } | undefined;

const MAX_BUFFERED_BYTES = 1 << 20;

/**
 * One socket conversation under the run's deadline: connect, write, read framed replies, close.
 * Every await rejects with the first failure (error, peer close, timeout, abort), so runners read top to bottom.
 */
export class SocketSession {
  private received: Buffer = Buffer.alloc(0);
  private failure: Error | undefined;
  private isConnected = false;
  private isClosed = false;
  private poll: (() => void) | undefined;
  private readonly disarm: () => void;
  /** Milliseconds from the start of `open` to the connection (and TLS handshake) being up. */
  connectMs = 0;

  private constructor(
    readonly socket: net.Socket,
    ctx: CheckContext,
  ) {
    this.disarm = armDeadline(ctx, (failure) => this.fail(failure));
    const connectEvent = socket instanceof tls.TLSSocket ? 'secureConnect' : 'connect';
    socket.once(connectEvent, () => {
      this.isConnected = true;
      this.wake();
    });
    socket.on('data', (chunk: Buffer) => {
      this.received = this.received.length === 0 ? chunk : Buffer.concat([this.received, chunk]);
      this.wake();
    });
    socket.on('error', (err) => this.fail(err));
    // After close() or a failure the close event is expected: building an Error (and its stack) for it would be waste.
    socket.on('close', () => {
      if (!this.failure && !this.isClosed) this.fail(new PeerClosed());
    });
  }

  /** Connects (and completes the TLS handshake when asked); rejects on refusal, DNS failure, timeout or abort. */
  static async open(target: SessionTarget, ctx: CheckContext): Promise<SocketSession> {
    const startedAt = performance.now();
    const socket = target.tls
      ? tls.connect({ ...target.tls, host: target.host, port: target.port })
      : net.connect({ host: target.host, port: target.port });
    socket.setNoDelay(true);
    const session = new SocketSession(socket, ctx);
    try {
      await session.wait(() => (session.isConnected ? true : undefined));
    } catch (err) {
      session.close();
      throw err;
    }
    session.connectMs = sinceMs(startedAt);
    return session;
  }

  /** Queues bytes for the peer; a write failure surfaces through the next read. */
  write(data: Buffer | string): void {
    this.socket.write(data);
  }

  /** Waits until `extract` finds a complete reply in the received bytes, then drops the bytes it used. */
  read<T>(extract: (received: Buffer) => Extracted<T>): Promise<T> {
    return this.wait(() => {
      const found = extract(this.received);
      if (found) {
        this.received = this.received.subarray(found.size);
        return found.value;
      }
      if (this.received.length > MAX_BUFFERED_BYTES) throw new ProbeFailure('protocol', 'reply larger than 1 MiB without a complete message');
      return undefined;
    });
  }

  /** Releases the socket and the deadline timer; safe to call more than once. */
  close(): void {
    this.isClosed = true;
    this.disarm();
    this.poll = undefined;
    this.socket.destroy();
  }

  private fail(err: Error): void {
    this.failure ??= err;
    this.socket.destroy();
    this.wake();
  }

  private wake(): void {
    this.poll?.();
  }

  /** Re-runs `check` on every socket event until it yields a value or the session has failed. */
  private wait<T>(check: () => T | undefined): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.poll = () => {
        let value: T | undefined;
        try {
          value = check();
        } catch (err) {
          this.poll = undefined;
          reject(err);
          return;
        }
        // Data that arrived before a close still counts; only an unmet wait fails.
        if (value !== undefined) {
          this.poll = undefined;
          resolve(value);
        } else if (this.failure) {
          this.poll = undefined;
          reject(this.failure);
        }
      };
      this.poll();
    });
  }
}
