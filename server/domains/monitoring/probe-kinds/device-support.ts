import type { CheckContext } from './probe-kind.ts';

/** Raised inside a runner when its time budget or the engine's abort signal ends the run. */
export class BudgetSpentError extends Error {
  constructor() {
    super('time budget spent');
    this.name = 'BudgetSpentError';
  }
}

/** The run's own deadline, joined with the engine's signal. */
export interface RunBudget {
  readonly signal: AbortSignal;
  remainingMs(): number;
  dispose(): void;
}

/** Starts the run's deadline, so a runner stops on time even if the engine's signal arrives late or never. */
export function startBudget(ctx: CheckContext): RunBudget {
  const controller = new AbortController();
  const startedAt = performance.now();
  const abort = () => controller.abort();
  const timer = setTimeout(abort, Math.max(0, ctx.timeoutMs));
  if (ctx.signal.aborted) abort();
  else ctx.signal.addEventListener('abort', abort, { once: true });
  return {
    signal: controller.signal,
    remainingMs: () => Math.max(0, ctx.timeoutMs - (performance.now() - startedAt)),
    dispose: () => {
      clearTimeout(timer);
      ctx.signal.removeEventListener('abort', abort);
    },
  };
}

/**
 * Settles like `work`, or rejects with BudgetSpentError as soon as `signal` aborts, after calling `onAbort` to free
 * sockets. A later rejection of `work` is swallowed so that it cannot surface as an unhandled rejection.
 */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal, onAbort: () => void): Promise<T> {
  work.catch(() => undefined);
  if (signal.aborted) {
    onAbort();
    return Promise.reject(new BudgetSpentError());
  }
  return new Promise<T>((resolve, reject) => {
    const stop = () => {
      onAbort();
      reject(new BudgetSpentError());
    };
    signal.addEventListener('abort', stop, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', stop);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', stop);
        reject(err);
      },
    );
  });
}

/** Short values are left alone: replacing every "ab" in a message would garble it without protecting anything. */
const MIN_REDACTED_LENGTH = 3;
const MAX_MESSAGE_LENGTH = 300;

/** Removes secret values (raw and URL-encoded) from a message and caps its length; driver errors sometimes echo what they were given. */
export function redact(message: string, secrets: readonly (string | undefined)[]): string {
  let out = message;
  for (const secret of secrets) {
    if (secret === undefined || secret.length < MIN_REDACTED_LENGTH) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) out = out.split(form).join('***');
  }
  return out.length > MAX_MESSAGE_LENGTH ? `${out.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : out;
}

/** Every string `code` along an error's cause chain (tedious, undici and AggregateError nest the socket error). */
export function errorCodes(err: unknown): string[] {
  const codes: string[] = [];
  for (let current: unknown = err, depth = 0; typeof current === 'object' && current !== null && depth < 5; depth++) {
    const { code, cause, errors } = current as { code?: unknown; cause?: unknown; errors?: unknown };
    if (typeof code === 'string') codes.push(code);
    current = cause ?? (Array.isArray(errors) ? errors[0] : undefined);
  }
  return codes;
}

const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH)/;

function classifyCode(code: string, where: string): { code: string; message: string } | undefined {
  if (code === 'ECONNREFUSED') return { code: 'refused', message: `connection refused by ${where}` };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') return { code: 'dns', message: `cannot resolve ${where}` };
  if (code === 'ETIMEDOUT') return { code: 'timeout', message: `no answer from ${where}` };
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return { code: 'error', message: `no route to ${where}` };
  if (code === 'ECONNRESET' || code === 'EPIPE') return { code: 'protocol', message: `connection reset by ${where}` };
  if (TLS_CODE.test(code)) return { code: 'tls', message: `TLS failed with ${where}: ${code}` };
  return undefined;
}

/** Maps a socket-level error anywhere in the cause chain to an outcome code and a short English reason. */
export function classifyNetworkError(err: unknown, where: string): { code: string; message: string } | undefined {
  for (const code of errorCodes(err)) {
    const found = classifyCode(code, where);
    if (found) return found;
  }
  return undefined;
}
