import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../../../db/database.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { SecretBox } from '../../../platform/crypto/index.ts';
import type { Db } from '../../../platform/db.ts';
import type { Logger } from '../../../platform/log.ts';
import { ChannelMessage, type NotificationKind } from '../../../../shared/schemas/notifications.ts';
import { effectiveRate, getChannelKind, type ChannelKind, type DeliveryOutcome } from '../channels/index.ts';
import { channelSecretsContext } from './channel-config.ts';
import { type NotificationChannelsTable, type NotificationsTable } from './notifications.tables.ts';

// The delivery outbox. A notification is a row written in the same transaction as whatever caused it, so an alert and
// its notifications commit or vanish together. Workers claim due rows with FOR UPDATE SKIP LOCKED (two workers never
// claim the same row), mark them 'sending' under a lease, send, and record the outcome in one guarded statement.
//
// Delivery guarantee: a row is marked 'sent' right after the provider accepted it. If the process dies between the
// provider's acceptance and that statement, the row stays 'sending'; once its lease expires another worker sends it
// again. So delivery is AT-LEAST-ONCE at the provider for the message in flight at the moment of a crash (at most one
// per channel, since a worker sends one message per channel at a time), and EXACTLY-ONCE for every other row: rows
// claimed but not yet sent are simply re-sent once, and sent rows are never claimed again. Webhook receivers get a
// stable `X-Yiwei-Delivery: <notification id>` header to drop that one duplicate; chat robots and SMS cannot dedupe.

/** A claimed row is ours for this long; a row whose worker died is re-sent after it. Longer than a send's timeout. */
export const LEASE_MS = 30_000;
/** A send is aborted after this, well inside the lease, so a slow provider cannot outlive our claim. */
export const SEND_TIMEOUT_MS = 10_000;
/** Attempts before a retryable failure becomes 'dead' (about 2.5 minutes of retries with the default back-off). */
export const MAX_ATTEMPTS = 6;
const MAX_ERROR_CHARS = 1_000;
const MINUTE_MS = 60_000;
const SECOND_MS = 1_000;

type NotificationRow = Selectable<NotificationsTable>;
type ChannelRow = Selectable<NotificationChannelsTable>;

/** One notification to deliver; `at` is the caller's clock (due time and created_at), the database's now() otherwise. */
export interface EnqueueInput {
  orgId: string;
  channelId: string;
  alertId?: string | null;
  kind: NotificationKind;
  message: ChannelMessage;
  at?: Date;
}

/** Adds a notification inside the caller's transaction — the point of an outbox — and returns its id. */
export async function enqueue(trx: Db, input: EnqueueInput): Promise<number> {
  const message = ChannelMessage.parse(input.message);
  const row = await trx
    .insertInto('notifications')
    .values({
      orgId: input.orgId,
      channelId: input.channelId,
      alertId: input.alertId ?? null,
      kind: input.kind,
      message: JSON.stringify(message),
      ...(input.at ? { nextAttemptAt: input.at, createdAt: input.at } : {}),
      leasedBy: null,
      leaseUntil: null,
      lastAttemptAt: null,
      lastError: null,
      deliveredAt: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Delay before retry number `attempt` (1-based): 5 s doubling, capped at 5 min, ±20 % jitter so a provider outage does not end in a thundering herd. */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(5_000 * 2 ** (attempt - 1), 300_000);
  return Math.round(base * (0.8 + 0.4 * random()));
}

export interface OutboxWorkerOptions {
  db: Kysely<Database>;
  secrets: SecretBox;
  clock: Clock;
  log: Logger;
  workerId: string;
  fetch?: typeof fetch;
  /** Rows claimed per run. */
  batchSize?: number;
  /** The sender of a kind; tests swap in one with a higher rate limit. */
  kindOf?: (kind: string) => ChannelKind<any, any> | undefined;
  random?: () => number;
  sendTimeoutMs?: number;
}

/** What one run did, for logs and tests. */
export interface OutboxRun {
  claimed: number;
  sent: number;
  retried: number;
  dead: number;
  failed: number;
  deferred: number;
  lost: number;
}

type Verdict = 'sent' | 'retried' | 'dead' | 'failed' | 'lost';

/** Creates an outbox worker; several (threads, processes, hosts) may share one database. */
export function createOutboxWorker(opts: OutboxWorkerOptions) {
  const db = opts.db;
  const { secrets, clock, workerId } = opts;
  const log = opts.log.child({ component: 'outbox', workerId });
  const batchSize = opts.batchSize ?? 50;
  const kindOf = opts.kindOf ?? getChannelKind;
  const random = opts.random ?? Math.random;
  const sendTimeoutMs = opts.sendTimeoutMs ?? SEND_TIMEOUT_MS;

  /** Claims due rows, holding back those over their channel's rate limit; returns the claimed rows with their channels. */
  async function claim(now: Date): Promise<{ rows: NotificationRow[]; channels: Map<string, ChannelRow>; deferred: number }> {
    return db.transaction().execute(async (trx) => {
      const due = await trx
        .selectFrom('notifications')
        .select(['id', 'channelId'])
        .where((eb) => eb.or([eb('status', '=', 'pending'), eb.and([eb('status', '=', 'sending'), eb('leaseUntil', '<', now)])]))
        .where('nextAttemptAt', '<=', now)
        .orderBy('nextAttemptAt')
        .orderBy('id')
        .limit(batchSize)
        .forUpdate()
        .skipLocked()
        .execute();
      if (due.length === 0) return { rows: [], channels: new Map(), deferred: 0 };
      const channelIds = [...new Set(due.map((r) => r.channelId))].sort();
      // Locking the channel rows serialises claims per channel, so two workers cannot both see the last free slot.
      const channelRows = await trx.selectFrom('notificationChannels').selectAll().where('id', 'in', channelIds).orderBy('id').forUpdate().execute();
      const channels = new Map(channelRows.map((c) => [c.id, c]));
      const usage = await trx
        .selectFrom('notifications')
        .select((eb) => [
          'channelId',
          eb.fn.countAll<number>().as('minute'),
          sql<number>`count(*) filter (where last_attempt_at > ${new Date(now.getTime() - SECOND_MS)})`.as('second'),
          eb.fn.min('lastAttemptAt').as('oldestAt'),
        ])
        .where('channelId', 'in', channelIds)
        .where('lastAttemptAt', '>', new Date(now.getTime() - MINUTE_MS))
        .groupBy('channelId')
        .execute();
      const used = new Map(usage.map((u) => [u.channelId, { minute: Number(u.minute), second: Number(u.second), oldestAt: u.oldestAt as Date | null }]));

      const admitted: number[] = [];
      const deferredUntil = new Map<number, Date>();
      for (const r of due) {
        const channel = channels.get(r.channelId);
        const kind = channel ? kindOf(channel.kind) : undefined;
        // Rows of a missing, disabled or unknown channel are admitted so that delivery records why they died.
        if (!channel || !kind || channel.deletedAt || !channel.isEnabled) {
          admitted.push(r.id);
          continue;
        }
        const rate = effectiveRate(kind, { rateLimitPerMinute: minDefined(channel.ratePerMinute, channel.config.rateLimitPerMinute) });
        const u = used.get(r.channelId) ?? { minute: 0, second: 0, oldestAt: null };
        if (u.minute >= rate.perMinute) {
          deferredUntil.set(r.id, new Date(Math.max(now.getTime() + SECOND_MS, (u.oldestAt?.getTime() ?? now.getTime()) + MINUTE_MS)));
        } else if (rate.perSecond !== undefined && u.second >= rate.perSecond) {
          deferredUntil.set(r.id, new Date(now.getTime() + SECOND_MS));
        } else {
          u.minute++;
          u.second++;
          u.oldestAt ??= now;
          used.set(r.channelId, u);
          admitted.push(r.id);
        }
      }
      // Rows over the limit wait for the next free slot; their attempt count is untouched.
      for (const [id, at] of deferredUntil) await trx.updateTable('notifications').set({ nextAttemptAt: at, status: 'pending', leasedBy: null, leaseUntil: null }).where('id', '=', id).execute();
      const rows = admitted.length
        ? await trx
            .updateTable('notifications')
            .set({ status: 'sending', leasedBy: workerId, leaseUntil: new Date(now.getTime() + LEASE_MS), attempts: sql<number>`attempts + 1`, lastAttemptAt: now })
            .where('id', 'in', admitted)
            .returningAll()
            .execute()
        : [];
      rows.sort((a, b) => a.id - b.id);
      return { rows, channels, deferred: deferredUntil.size };
    });
  }

  /**
   * Confirms, just before sending, that the row is still ours, and renews the lease for the send. The attempt time moves
   * to now as well: a channel's rows go out one after the other, and the rate limit must count from when the provider
   * sees a message, not from the claim (a batch of 20 sent over 4 s under load let the next minute's first messages
   * arrive within 60 s of the last ones: 24 in a minute at the receiver).
   */
  async function renewLease(id: number): Promise<boolean> {
    const now = clock.now();
    const r = await db
      .updateTable('notifications')
      .set({ leaseUntil: new Date(now.getTime() + LEASE_MS), lastAttemptAt: now })
      .where('id', '=', id)
      .where('status', '=', 'sending')
      .where('leasedBy', '=', workerId)
      .returning('id')
      .executeTakeFirst();
    return r !== undefined;
  }

  /** Records the outcome in one statement, guarded by our lease: a row another worker took over is left to it. */
  async function settle(row: NotificationRow, outcome: DeliveryOutcome): Promise<Verdict> {
    const now = clock.now();
    const isPartial = !outcome.isOk && (outcome.failedRecipients?.length ?? 0) > 0;
    const error = describe(outcome);
    let verdict: Verdict;
    let values: Record<string, unknown>;
    if (outcome.isOk) {
      verdict = 'sent';
      values = { status: 'sent', deliveredAt: now, lastError: null };
    } else if (isPartial) {
      // Some recipients got it: an automatic retry would send it to them again, so a person decides (dead-letter view).
      verdict = 'failed';
      values = { status: 'failed', lastError: `${error}; not reached: ${outcome.failedRecipients!.join(', ')}`.slice(0, MAX_ERROR_CHARS) };
    } else if (outcome.isRetryable && row.attempts < MAX_ATTEMPTS) {
      verdict = 'retried';
      values = { status: 'pending', nextAttemptAt: new Date(now.getTime() + retryDelayMs(row.attempts, random)), lastError: error };
    } else {
      verdict = 'dead';
      values = { status: 'dead', lastError: error };
    }
    const r = await db
      .updateTable('notifications')
      .set({ ...values, leasedBy: null, leaseUntil: null })
      .where('id', '=', row.id)
      .where('status', '=', 'sending')
      .where('leasedBy', '=', workerId)
      .returning('id')
      .executeTakeFirst();
    if (!r) {
      log.warn({ notificationId: row.id, verdict }, 'lease lost before the outcome was recorded; another worker owns the row');
      return 'lost';
    }
    if (verdict !== 'sent') log.warn({ notificationId: row.id, channelId: row.channelId, attempts: row.attempts, verdict, error }, 'notification not delivered');
    return verdict;
  }

  /** Sends one row through its channel's kind; every failure, including bad stored data, becomes an outcome. */
  async function deliver(row: NotificationRow, channel: ChannelRow | undefined): Promise<DeliveryOutcome> {
    const permanent = (message: string): DeliveryOutcome => ({ isOk: false, isRetryable: false, message, latencyMs: 0 });
    if (!channel || channel.deletedAt) return permanent('channel deleted');
    if (!channel.isEnabled) return permanent('channel disabled');
    const kind = kindOf(channel.kind);
    if (!kind) return permanent(`channel kind ${channel.kind} is not available on this server`);
    const message = ChannelMessage.safeParse(row.message);
    if (!message.success) return permanent('stored message is not valid');
    const config = kind.configSchema.safeParse(channel.config);
    if (!config.success) return permanent('stored channel config is no longer valid for its kind');
    let opened: unknown = {};
    try {
      if (channel.secretsSealed) opened = JSON.parse(secrets.open(channel.secretsSealed, channelSecretsContext(channel.id)));
    } catch {
      return permanent('channel secrets cannot be opened (wrong master key?)');
    }
    const parsedSecrets = kind.secretsSchema.safeParse(opened);
    if (!parsedSecrets.success) return permanent('stored channel secrets are no longer valid for their kind');
    const baseFetch = opts.fetch ?? fetch;
    // The id is the receiver's de-duplication key; set here because the webhook sender takes no per-send headers yet.
    const doFetch: typeof fetch = channel.kind === 'webhook' ? (input, init) => baseFetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), 'x-yiwei-delivery': String(row.id) } }) : baseFetch;
    return kind.send(config.data, parsedSecrets.data, message.data as Parameters<ChannelKind['send']>[2], { signal: AbortSignal.timeout(sendTimeoutMs), now: () => clock.now(), fetch: doFetch });
  }

  /** Claims due rows and delivers them: channels in parallel, each channel's rows one at a time and in order. */
  async function runOnce(): Promise<OutboxRun> {
    const run: OutboxRun = { claimed: 0, sent: 0, retried: 0, dead: 0, failed: 0, deferred: 0, lost: 0 };
    const { rows, channels, deferred } = await claim(clock.now());
    run.claimed = rows.length;
    run.deferred = deferred;
    const byChannel = new Map<string, NotificationRow[]>();
    for (const r of rows) byChannel.set(r.channelId, [...(byChannel.get(r.channelId) ?? []), r]);
    await Promise.all(
      [...byChannel.values()].map(async (queue) => {
        for (const row of queue) {
          if (!(await renewLease(row.id))) {
            run.lost++;
            continue;
          }
          run[await settle(row, await deliver(row, channels.get(row.channelId)))]++;
        }
      }),
    );
    return run;
  }

  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> | undefined;
  let isRunning = false;
  let isTicking = false;
  let isWakeRequested = false;
  let tick: () => Promise<void> = async () => {};

  return {
    runOnce,
    /** Polls every `intervalMs`; a full batch is followed by the next one at once. */
    start(intervalMs = 1_000): void {
      if (isRunning) return;
      isRunning = true;
      tick = async () => {
        let isFull = false;
        isTicking = true;
        isWakeRequested = false;
        try {
          const run = await (current = runOnce());
          isFull = run.claimed + run.deferred >= batchSize;
        } catch (err) {
          log.error({ err }, 'outbox run failed');
        }
        isTicking = false;
        if (isRunning) timer = setTimeout(() => void tick(), isFull || isWakeRequested ? 0 : intervalMs);
      };
      timer = setTimeout(() => void tick(), 0);
    },
    /** Runs at once instead of at the next poll: a producer in this process just committed notifications. */
    wake(): void {
      if (!isRunning) return;
      if (isTicking) {
        isWakeRequested = true;
        return;
      }
      clearTimeout(timer);
      timer = setTimeout(() => void tick(), 0);
    },
    /** Stops polling and waits for the run in progress, so its rows are settled rather than left to their lease. */
    async stop(): Promise<void> {
      isRunning = false;
      clearTimeout(timer);
      await current?.catch(() => undefined);
    },
  };
}

export type OutboxWorker = ReturnType<typeof createOutboxWorker>;

function minDefined(...values: unknown[]): number | undefined {
  const numbers = values.filter((v): v is number => typeof v === 'number');
  return numbers.length ? Math.min(...numbers) : undefined;
}

function describe(o: DeliveryOutcome): string {
  const codes = [o.status !== undefined ? `HTTP ${o.status}` : '', o.providerCode ? `code ${o.providerCode}` : ''].filter(Boolean).join(', ');
  return (codes ? `${o.message} (${codes})` : o.message).slice(0, MAX_ERROR_CHARS);
}
