import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelKindKey } from '../../../shared/schemas/alert-channels.ts';
import type { NotificationChannelCreateInput, NotificationChannelUpdateInput } from '../../../shared/schemas/notifications.ts';
import type { ConfigListQuery } from './alert-config.api.ts';
import { notificationsKey } from './alerts.api.ts';
import { channelsKey, createChannel, deleteChannel, listChannels, testChannel, updateChannel } from './channels.api.ts';

export function useChannels(query: ConfigListQuery & { kind?: ChannelKindKey }, enabled = true) {
  return useQuery({ queryKey: [...channelsKey, 'list', query], queryFn: () => listChannels(query), placeholderData: keepPreviousData, enabled });
}

export function useChannelMutations() {
  const qc = useQueryClient();
  const onSuccess = () => qc.invalidateQueries({ queryKey: channelsKey });
  return {
    create: useMutation({ mutationFn: (input: NotificationChannelCreateInput) => createChannel(input), onSuccess }),
    update: useMutation({ mutationFn: ({ id, input }: { id: string; input: NotificationChannelUpdateInput }) => updateChannel(id, input), onSuccess }),
    remove: useMutation({ mutationFn: (id: string) => deleteChannel(id), onSuccess }),
    // a test message is a new row in the outbox
    test: useMutation({ mutationFn: ({ id, text }: { id: string; text?: string }) => testChannel(id, { text }), onSuccess: () => qc.invalidateQueries({ queryKey: notificationsKey }) }),
  };
}
