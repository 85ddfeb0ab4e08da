import type { SqlExpectation } from '../../../../shared/schemas/probe-kinds/sql-common.ts';
import { BudgetSpentError, classifyNetworkError, redact, startBudget, untilAborted } from './device-support.ts';
import { latencyOutcome, roundMs } from './socket-util.ts';
import type { CheckContext, CheckOutcome } from './probe-kind.ts';

/** The part of every database kind's config that the shared runner reads. */
export interface SqlProbeCommon {
  host: string;
  port: number;
  query: string;
  expect?: SqlExpectation | undefined;
  degradedAboveMs?: number | undefined;
}

/** The first column of the first row, or the fact that there was no row. */
export type FirstCell = { hasRow: false } | { hasRow: true; value: unknown };

/** One open database session, as a driver adapter exposes it to the shared runner. */
export interface SqlSession {
  /** Runs the probe query; `timeoutMs` is what is left of the budget, for the driver's own timer. */
  firstCell(sql: string, timeoutMs: number): Promise<FirstCell>;
  /** Closes politely, with the protocol's goodbye, so the server logs no broken connection. */
  close(): Promise<void>;
  /** Drops the socket at once; used on timeouts and errors. */
  destroy(): void;
}

/** What each database kind supplies: how to open a session and how to name its errors. */
export interface SqlDriver {
  /** Opens a session; must drop the half-open socket when `signal` aborts. */
  open(signal: AbortSignal, timeoutMs: number): Promise<SqlSession>;
  classify(err: unknown): { code: string; message: string };
}

/** A polite close gets this long before the socket is dropped. */
const CLOSE_GRACE_MS = 1_000;
/** Values shown in messages are cut short: a probe query could return more than it should (names, notes). */
const SHOWN_VALUE_LENGTH = 40;
/** The regex runs against at most this much text, which bounds a pathological pattern's work. */
const REGEX_INPUT_LIMIT = 10_000;

/** The server's own statement limit trails ours, so that our deadline decides the outcome and the server cleans up after. */
const SERVER_LIMIT_GRACE_MS = 1_000;

/** The statement time limit to ask the server for, given what is left of the budget. */
export function serverStatementLimitMs(remainingMs: number): number {
  return Math.ceil(remainingMs) + SERVER_LIMIT_GRACE_MS;
}

/** The error's own message, or a fallback for values thrown that are not errors. */
export function errorMessage(err: unknown): string {
  return err instanceof Error && err.message ? err.message : 'unexpected driver error';
}

/** Network failures by socket code, everything else as a plain `error` with the driver's message. */
export function classifyGeneric(err: unknown, where: string): { code: string; message: string } {
  return classifyNetworkError(err, where) ?? { code: 'error', message: errorMessage(err) };
}

/** A database value as text, for `equals` and `regex`; null stays null. */
export function cellText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return value.toString('hex');
  return JSON.stringify(value) ?? String(value);
}

/** A database value as a number, for `min`/`max` and the `value` measurement; drivers return big numerics as text. */
export function cellNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string' && /^\s*-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(value)) return Number(value);
  return null;
}

function shown(text: string): string {
  return JSON.stringify(text.length > SHOWN_VALUE_LENGTH ? `${text.slice(0, SHOWN_VALUE_LENGTH)}…` : text);
}

/** Why the first cell fails the expectation, or undefined when it passes. */
export function expectationFailure(cell: FirstCell, expect: SqlExpectation): string | undefined {
  if (!cell.hasRow) return 'query returned no rows';
  const text = cellText(cell.value);
  if (text === null) return 'first value is NULL';
  if (expect.equals !== undefined && text !== expect.equals) return `first value is ${shown(text)}, expected ${shown(expect.equals)}`;
  if (expect.min !== undefined || expect.max !== undefined) {
    const n = cellNumber(cell.value);
    if (n === null) return `first value ${shown(text)} is not a number`;
    if (expect.min !== undefined && n < expect.min) return `first value ${n} is below the minimum ${expect.min}`;
    if (expect.max !== undefined && n > expect.max) return `first value ${n} is above the maximum ${expect.max}`;
  }
  if (expect.regex !== undefined && !new RegExp(expect.regex).test(text.slice(0, REGEX_INPUT_LIMIT))) {
    return `first value ${shown(text)} does not match /${expect.regex}/`;
  }
  return undefined;
}

async function closeGently(session: SqlSession): Promise<void> {
  try {
    await untilAborted(session.close(), AbortSignal.timeout(CLOSE_GRACE_MS), () => session.destroy());
  } catch {
    session.destroy();
  }
}

/**
 * Connects, runs the probe query once, judges the first cell and always closes. Shared by every database kind;
 * `secrets` are scrubbed from every message because some drivers echo their connection settings in errors.
 */
export async function runSqlProbe(
  config: SqlProbeCommon,
  driver: SqlDriver,
  secrets: readonly (string | undefined)[],
  ctx: CheckContext,
): Promise<CheckOutcome> {
  const budget = startBudget(ctx);
  const measurements: Record<string, number> = {};
  let session: SqlSession | undefined;
  let phase = 'connecting';
  try {
    const connectStartedAt = performance.now();
    const opening = driver.open(budget.signal, budget.remainingMs());
    // A session that opens just after the deadline has no owner any more: drop it here.
    opening.then((late) => budget.signal.aborted && late !== session && late.destroy(), () => undefined);
    session = await untilAborted(opening, budget.signal, () => undefined);
    const connectMs = roundMs(performance.now() - connectStartedAt);
    measurements.connectMs = connectMs;

    phase = 'running the query';
    const open = session;
    const queryStartedAt = performance.now();
    const cell = await untilAborted(open.firstCell(config.query, budget.remainingMs()), budget.signal, () => open.destroy());
    const queryMs = roundMs(performance.now() - queryStartedAt);
    measurements.queryMs = queryMs;
    const latencyMs = roundMs(connectMs + queryMs);
    const value = cell.hasRow ? cellNumber(cell.value) : null;
    if (value !== null) measurements.value = value;

    const failure = config.expect ? expectationFailure(cell, config.expect) : undefined;
    if (failure !== undefined) {
      return { status: 'down', latencyMs, code: 'assertion', message: redact(failure, secrets), measurements };
    }
    return { ...latencyOutcome(latencyMs, config.degradedAboveMs), measurements };
  } catch (err) {
    session?.destroy();
    session = undefined;
    if (err instanceof BudgetSpentError || budget.signal.aborted) {
      return { status: 'down', latencyMs: null, code: 'timeout', message: `no answer within ${ctx.timeoutMs} ms while ${phase}`, measurements };
    }
    const { code, message } = driver.classify(err);
    return { status: 'down', latencyMs: null, code, message: redact(message, secrets), measurements };
  } finally {
    if (session) await closeGently(session);
    budget.dispose();
  }
}
