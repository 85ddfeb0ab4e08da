import { api, parse } from '../../app/api.ts';
import type { ChannelKindKey } from '../../../shared/schemas/alert-channels.ts';
import {
  NotificationChannel,
  NotificationChannelPage,
  NotificationChannelTestResult,
  type NotificationChannelCreateInput,
  type NotificationChannelTestInput,
  type NotificationChannelUpdateInput,
} from '../../../shared/schemas/notifications.ts';
import type { ConfigListQuery } from './alert-config.api.ts';

export const channelsKey = ['notification-channels'] as const;

export async function listChannels(query: ConfigListQuery & { kind?: ChannelKindKey }): Promise<NotificationChannelPage> {
  return parse(NotificationChannelPage, await api.get('/api/notification-channels', query));
}

export async function createChannel(input: NotificationChannelCreateInput): Promise<NotificationChannel> {
  return parse(NotificationChannel, await api.post('/api/notification-channels', input));
}

export async function updateChannel(id: string, input: NotificationChannelUpdateInput): Promise<NotificationChannel> {
  return parse(NotificationChannel, await api.patch(`/api/notification-channels/${id}`, input));
}

export async function deleteChannel(id: string): Promise<void> {
  await api.delete(`/api/notification-channels/${id}`);
}

/** Queues a test message; its outcome is the returned notification's status in the outbox. */
export async function testChannel(id: string, input: NotificationChannelTestInput): Promise<NotificationChannelTestResult> {
  return parse(NotificationChannelTestResult, await api.post(`/api/notification-channels/${id}/test`, input));
}
