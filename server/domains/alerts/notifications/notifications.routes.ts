import { Notification, NotificationIdParam, NotificationListQuery, NotificationPage } from '../../../../shared/schemas/notifications.ts';
import { defineRoutes } from '../../../platform/api.ts';
import type { NotificationService } from './notifications.service.ts';

// 'probe.read' / 'probe.manage' stand in until the alert store brings 'alert.manage'.

/** The delivery record and dead-letter view of the outbox, with manual retry. */
export function notificationRoutes(notifications: NotificationService) {
  return defineRoutes('alerts')
    .get(
      '/notifications',
      { summary: 'List notifications in scope (status=dead is the dead-letter view; filter by channel or alert)', permission: 'probe.read', query: NotificationListQuery, response: NotificationPage, tenancy: { list: 'notification' } },
      ({ actor, query }) => notifications.list(actor, query),
    )
    .post(
      '/notifications/:id/retry',
      { summary: 'Queue a dead or failed notification again', permission: 'probe.manage', params: NotificationIdParam, response: Notification, tenancy: { object: 'notification' } },
      ({ actor, params }) => notifications.retry(actor, params.id),
    );
}
