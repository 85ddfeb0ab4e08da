import { IdParam } from '../../../../shared/schemas/common.ts';
import {
  NotificationChannel,
  NotificationChannelCreateInput,
  NotificationChannelListQuery,
  NotificationChannelPage,
  NotificationChannelTestInput,
  NotificationChannelTestResult,
  NotificationChannelUpdateInput,
} from '../../../../shared/schemas/notifications.ts';
import { defineRoutes } from '../../../platform/api.ts';
import type { NotificationChannelService } from './channels.service.ts';

const SOME_ORG = '00000000-0000-4000-8000-000000000000';

// Reading channels needs alert.read; changing or test-sending them, alert.manage.

/** Managing notification channels and sending a test message through one. */
export function notificationChannelRoutes(channels: NotificationChannelService) {
  return defineRoutes('alerts')
    .get(
      '/notification-channels',
      { summary: 'List notification channels in scope', permission: 'alert.read', query: NotificationChannelListQuery, response: NotificationChannelPage, tenancy: { list: 'notification_channel' } },
      ({ actor, query }) => channels.list(actor, query),
    )
    .post(
      '/notification-channels',
      {
        summary: 'Add a notification channel (WeCom, DingTalk, Feishu, e-mail, SMS, webhook); secrets are sealed and never returned',
        permission: 'alert.manage',
        body: NotificationChannelCreateInput,
        response: NotificationChannel,
        status: 201,
        tenancy: { none: 'the orgId in the body is checked like an :id (one outside the scope is 404)' },
        example: { orgId: SOME_ORG, name: '信息科值班群', kind: 'wecom', config: { format: 'markdown', mentionMobiles: ['13800001111'] }, secrets: { key: '693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa' } },
      },
      ({ actor, body }) => channels.create(actor, body),
    )
    .get('/notification-channels/:id', { summary: 'Get a notification channel', permission: 'alert.read', params: IdParam, response: NotificationChannel, tenancy: { object: 'notification_channel' } }, ({ actor, params }) =>
      channels.get(actor, params.id),
    )
    .patch(
      '/notification-channels/:id',
      {
        summary: 'Change a notification channel; secrets are replaced only when given',
        permission: 'alert.manage',
        params: IdParam,
        body: NotificationChannelUpdateInput,
        response: NotificationChannel,
        tenancy: { object: 'notification_channel' },
        example: { name: '信息科值班群（夜间）', ratePerMinute: 10 },
      },
      ({ actor, params, body }) => channels.update(actor, params.id, body),
    )
    .delete('/notification-channels/:id', { summary: 'Delete a notification channel', permission: 'alert.manage', params: IdParam, status: 204, tenancy: { object: 'notification_channel' } }, async ({ actor, params }) => {
      await channels.remove(actor, params.id);
      return null;
    })
    .post(
      '/notification-channels/:id/test',
      {
        summary: 'Queue a test message through the channel; poll the returned notification for the outcome',
        permission: 'alert.manage',
        params: IdParam,
        body: NotificationChannelTestInput,
        response: NotificationChannelTestResult,
        status: 201,
        tenancy: { object: 'notification_channel' },
        example: { text: '测试消息' },
      },
      ({ actor, params, body }) => channels.test(actor, params.id, body),
    );
}
