import type { Kysely } from 'kysely';
import type { Database } from '../../../db/database.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { JobHandler } from '../../../platform/jobs.ts';
import type { Logger } from '../../../platform/log.ts';
import { ensurePartitions } from './partitions.ts';
import { applyResultsRetention } from './retention.ts';
import { rollUp } from './rollups.ts';

/**
 * Job kinds and the schedules they are meant for (cron in Asia/Shanghai):
 * partitions hourly ('7 * * * *': a missed run is caught up well before the 3 days ahead run out),
 * roll-up every minute ('* * * * *'), retention daily ('30 3 * * *').
 */
export const RESULTS_JOBS = {
  partitions: { kind: 'monitoring.results.partitions', cron: '7 * * * *' },
  rollUp: { kind: 'monitoring.results.rollup', cron: '* * * * *' },
  retention: { kind: 'monitoring.results.retention', cron: '30 3 * * *' },
} as const;

export interface ResultsJobDeps {
  db: Kysely<Database>;
  clock: Clock;
  log: Logger;
  /** MONITORING_RAW_RETENTION_DAYS / MONITORING_ROLLUP_RETENTION_DAYS */
  retention: { rawDays: number; rollupDays: number };
}

/** Handlers by job kind, for the worker to register. */
export function resultsJobHandlers({ db, clock, log, retention }: ResultsJobDeps): Record<string, JobHandler> {
  return {
    [RESULTS_JOBS.partitions.kind]: async () => {
      const created = await ensurePartitions(db, clock.now());
      if (created.length > 0) log.info({ created }, 'probe result partitions created');
    },
    [RESULTS_JOBS.rollUp.kind]: async () => {
      const summary = await rollUp(db, clock.now());
      if (!summary.isCaughtUp) log.info({ rows: summary.rows, watermarks: summary.watermarks }, 'probe roll-ups catching up');
    },
    [RESULTS_JOBS.retention.kind]: async () => {
      const summary = await applyResultsRetention(db, clock.now(), retention);
      log.info(summary, 'probe results retention applied');
    },
  };
}
