import { hostname } from 'node:os';
import type { App } from './app.ts';
import { createJobQueue } from './platform/jobs.ts';
import { runAssetReminders } from './domains/assets/index.ts';
import { createProbeEngine } from './domains/monitoring/index.ts';
import { createOutboxWorker } from './domains/alerts/notifications/index.ts';
import { createAlertEngine, createRuleEvaluator, raiseAssetReminders } from './domains/alerts/engine/index.ts';
import { autoCloseResolved, recomputeOpenTickets } from './domains/servicedesk/index.ts';
import { registerEngineMetrics } from './domains/monitoring/probe-metrics.ts';
import { activeProbeIds } from './domains/monitoring/maintenance/index.ts';
import { createResultsWriter, ensurePartitions, resultsJobHandlers, RESULTS_JOBS } from './domains/monitoring/results/index.ts';

/** The background side of the same code: scheduled platform jobs, asset reminders, and the probe engine with its results store. */
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
    const alerts = await raiseAssetReminders({ db: platform.db, clock: platform.clock, ingest: services.alertStore.ingest, overview: services.assetOverview });
    platform.log.info(alerts, 'asset reminder alerts');
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
  // Service desk: resolved tickets close after the policy's days; stored SLA columns are refreshed (breaches that
  // happened between writes become visible to lists and the queue order)
  queue.register('tickets.auto_close', async () => {
    const closed = await autoCloseResolved(platform);
    if (closed) platform.log.info({ closed }, 'resolved tickets closed');
  });
  queue.register('tickets.recompute', async () => {
    const result = await recomputeOpenTickets(platform);
    platform.log.info(result, 'open tickets recomputed');
  });
  await queue.schedule('tickets-auto-close', '10 * * * *', 'tickets.auto_close');
  await queue.schedule('tickets-recompute', '*/15 * * * *', 'tickets.recompute');
  const retention = { rawDays: platform.config.monitoring.rawRetentionDays, rollupDays: platform.config.monitoring.rollupRetentionDays };
  for (const [kind, handler] of Object.entries(resultsJobHandlers({ db: platform.db, clock: platform.clock, log: platform.log, retention }))) queue.register(kind, handler);
  await queue.schedule('probe-result-partitions', RESULTS_JOBS.partitions.cron, RESULTS_JOBS.partitions.kind);
  await queue.schedule('probe-result-rollup', RESULTS_JOBS.rollUp.cron, RESULTS_JOBS.rollUp.kind);
  await queue.schedule('probe-result-retention', RESULTS_JOBS.retention.cron, RESULTS_JOBS.retention.kind);
  queue.start(1000);

  // Notifications: every message is an outbox row, delivered (and retried) here.
  const outbox = createOutboxWorker({ db: platform.db, secrets: platform.secrets, clock: platform.clock, log: platform.log, workerId });
  outbox.start(1000);
  // Alerts: probe state changes become alerts, routes and escalation steps become outbox rows.
  const alertEngine = createAlertEngine({ db: platform.db, clock: platform.clock, log: platform.log, feed: app.probeStateFeed, ingest: services.alertStore.ingest, notifier: services.alertStore.notifier, onNotified: () => outbox.wake() });
  await alertEngine.start();
  const ruleEvaluator = createRuleEvaluator({ db: platform.db, clock: platform.clock, ingest: services.alertStore.ingest, log: platform.log, onNotified: () => outbox.wake() });
  ruleEvaluator.start();

  let stopProbes = async () => {};
  if (platform.config.runProbes) {
    // Partitions first: results of the first minutes must not land in the default partition.
    await ensurePartitions(platform.db, platform.clock.now());
    const writer = createResultsWriter({ db: platform.db, clock: platform.clock, log: platform.log });
    const engine = createProbeEngine(platform, {
      workerId,
      feed: app.probeStateFeed,
      sink: writer,
      maintenance: { activeProbeIds: (at) => activeProbeIds(platform.db, at) },
      maxInFlight: platform.config.monitoring.maxInFlight,
      perTargetLimit: platform.config.monitoring.perTargetLimit,
    });
    await engine.start();
    registerEngineMetrics(app.metrics.client, app.metrics.registry, engine);
    stopProbes = async () => {
      await engine.stop();
      await writer.stop();
    };
  }
  return {
    queue,
    /** Stops the probes (flushing their results) and then the job queue. */
    async stop() {
      await stopProbes();
      await ruleEvaluator.stop();
      await alertEngine.stop();
      await outbox.stop();
      await queue.stop();
    },
  };
}
