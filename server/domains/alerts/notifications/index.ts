export { notificationChannelRoutes } from './channels.routes.ts';
export { createNotificationChannelService, type NotificationChannelService } from './channels.service.ts';
export { channelSecretsContext } from './channel-config.ts';
export { notificationRoutes } from './notifications.routes.ts';
export { createNotificationService, type NotificationService } from './notifications.service.ts';
export type { NotificationTables } from './notifications.tables.ts';
export { createOutboxWorker, enqueue, LEASE_MS, MAX_ATTEMPTS, retryDelayMs, type EnqueueInput, type OutboxRun, type OutboxWorker, type OutboxWorkerOptions } from './outbox.ts';
