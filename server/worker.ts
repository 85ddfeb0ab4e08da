import { hostname } from 'node:os';
import type { App } from './app.ts';
import { createJobQueue } from './platform/jobs.ts';
import { runAssetReminders } from './domains/assets/index.ts';

/** The background side of the same code: scheduled platform jobs and the daily asset reminders. Later issues add probes, SLA ticks and the outbox. */
export async function startWorker(app: App, workerId = `${hostname()}:${process.pid}`) {
  const { platform, services } = app;
  const queue = createJobQueue({ db: platform.db, clock: platform.clock, log: platform.log, workerId });

  queue.register('audit.retention', async () => {
    const purged = await services.auditEvents.applyRetention();
    platform.log.info({ purged }, 'audit retention applied');
  });
  queue.register('calendar.coverage', async () => {
    const missing = await services.calendars.coverageWarnings(platform.db, platform.clock.now());
    if (missing.missing.length > 0) {
      platform.log.warn({ year: missing.nextYear, calendars: missing.missing.map((c) => c.name) }, 'work calendars have no holiday data for the coming year');
    }
  });
  queue.register('sessions.cleanup', async () => {
    const cutoff = new Date(platform.clock.now().getTime() - 7 * 86_400_000);
    await platform.db.deleteFrom('sessions').where((eb) => eb.or([eb('expiresAt', '<', cutoff), eb('revokedAt', '<', cutoff)])).execute();
  });
  queue.register('assets.reminders', async () => {
    await runAssetReminders(services.assetOverview, platform.log);
  });
  queue.register('asset_imports.expire', async () => {
    const discarded = await services.assetImports.discardExpired();
    if (discarded) platform.log.info({ discarded }, 'expired import previews discarded');
  });
  queue.register('jobs.purge', async () => {
    await queue.purgeFinished(new Date(platform.clock.now().getTime() - 14 * 86_400_000));
  });

  await queue.schedule('audit-retention', '30 3 * * *', 'audit.retention');
  await queue.schedule('calendar-coverage', '0 9 * * *', 'calendar.coverage');
  await queue.schedule('sessions-cleanup', '15 * * * *', 'sessions.cleanup');
  await queue.schedule('jobs-purge', '45 4 * * *', 'jobs.purge');
  await queue.schedule('assets-reminders', '0 8 * * *', 'assets.reminders');
  await queue.schedule('asset-imports-expire', '20 3 * * *', 'asset_imports.expire');
  queue.start(1000);
  return queue;
}
