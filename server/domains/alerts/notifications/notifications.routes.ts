import { Notification, NotificationIdParam, NotificationListQuery, NotificationPage } from '../../../../shared/schemas/notifications.ts';
import { defineRoutes } from '../../../platform/api.ts';
import type { NotificationService } from './notifications.service.ts';

// The outbox as people see it: alert.read to list, alert.manage to retry a dead notification.

/** The delivery record and dead-letter view of the outbox, with manual retry. */
export function notificationRoutes(notifications: NotificationService) {
  return defineRoutes('alerts')
    .get(
      '/notifications',
      { summary: 'List notifications in scope (status=dead is the dead-letter view; filter by channel or alert)', permission: 'alert.read', query: NotificationListQuery, response: NotificationPage, tenancy: { list: 'notification' } },
      ({ actor, query }) => notifications.list(actor, query),
    )
    .post(
      '/notifications/:id/retry',
      { summary: 'Queue a dead or failed notification again', permission: 'alert.manage', params: NotificationIdParam, response: Notification, tenancy: { object: 'notification' } },
      ({ actor, params }) => notifications.retry(actor, params.id),
    );
}
