import { sql } from 'kysely';
import type { HeartbeatPush } from '../../../shared/schemas/probes.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { createRateLimiter } from '../../platform/rate-limit.ts';

const STATUS_CODE = { up: 0, down: 2 } as const;

/**
 * Heartbeat pushes from backup jobs and batch tasks. A push records the job's own status, message and duration
 * as a result and refreshes the probe's deadline; the engine declares the probe down when a deadline passes.
 */
export function createHeartbeatService({ db, clock }: Pick<PlatformDeps, 'db' | 'clock'>) {
  // A runaway script calling in a loop must not fill the results table: 10 pushes per key per minute are kept.
  const limiter = createRateLimiter(10, 60_000, () => clock.now().getTime());
  return {
    async push(key: string, input: HeartbeatPush): Promise<{ ok: true; receivedAt: string }> {
      if (!limiter.hit(key)) throw new AppError('rate_limited', 'heartbeat.rate_limited', 'Too many heartbeats for this probe; at most 10 a minute are recorded');
      const now = clock.now();
      const message = input.msg?.slice(0, 500) ?? null;
      const probe = await db
        .updateTable('probes')
        .set({ lastPushAt: now, lastPushStatus: input.status, lastPushMessage: message, changeSeq: sql<string>`nextval('probe_change_seq')` })
        .where('heartbeatKey', '=', key)
        .where('deletedAt', 'is', null)
        .where('isPaused', '=', false)
        .returning(['id', 'orgId'])
        .executeTakeFirst();
      if (!probe) throw notFound('heartbeat');
      await db
        .insertInto('probeResults')
        .values({
          probeId: probe.id,
          orgId: probe.orgId,
          checkedAt: now,
          status: STATUS_CODE[input.status],
          latencyMs: input.durationMs ?? null,
          code: input.status === 'down' ? 'reported' : null,
          message,
          measurements: input.durationMs === undefined ? null : JSON.stringify({ durationMs: input.durationMs }),
          agentId: null,
        })
        .execute();
      return { ok: true, receivedAt: now.toISOString() };
    },
  };
}

export type HeartbeatService = ReturnType<typeof createHeartbeatService>;
