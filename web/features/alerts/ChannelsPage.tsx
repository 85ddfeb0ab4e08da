import { useState } from 'react';
import { useNavigate } from 'react-router';
import { App, Button, Card, Flex, Switch, Table, Tabs, Tag, Typography } from 'antd';
import { PlusOutlined, SendOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { NotificationChannel } from '../../../shared/schemas/notifications.ts';
import { errorMessage } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';
import { useOrgScope } from '../../app/org-scope.tsx';
import { can } from '../../app/permissions.ts';
import { useMe } from '../../app/session.tsx';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { ChannelFormModal } from './ChannelFormModal.tsx';
import { ChannelTestModal } from './ChannelTestModal.tsx';
import { useChannelMutations, useChannels } from './useChannels.ts';

/** The two views of outgoing notifications: the channels and the delivery record. */
export function ChannelTabs({ active }: { active: 'channels' | 'notifications' }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Tabs
      activeKey={active}
      onChange={(key) => void navigate(key === 'notifications' ? '/alerts/notifications' : '/alerts/channels')}
      items={[
        { key: 'channels', label: <span data-testid="channel-tab-channels">{t('alerts.channels.title')}</span> },
        { key: 'notifications', label: <span data-testid="channel-tab-notifications">{t('alerts.notifications.title')}</span> },
      ]}
      style={{ marginBottom: 8 }}
    />
  );
}

/** 通知渠道: group robots, e-mail, SMS and webhooks; create, edit, test-send, enable / disable, delete. */
export function ChannelsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const canManage = can(me, 'alert.manage');
  const scope = useOrgScope();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const channels = useChannels({ orgId: scope.orgId, ...page });
  const { update, remove } = useChannelMutations();
  const [editing, setEditing] = useState<NotificationChannel | null>(null);
  const [isCreating, setCreating] = useState(false);
  const [testing, setTesting] = useState<NotificationChannel | null>(null);

  return (
    <>
      <PageHeader
        title={t('alerts.channels.title')}
        subtitle={t('alerts.channels.subtitle')}
        extra={canManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="channel-create">{t('alerts.channels.create')}</Button>}
      />
      <ChannelTabs active="channels" />
      <Card>
        {channels.isError && <ErrorState title={t('alerts.channels.title')} message={errorMessage(channels.error)} retryLabel={t('common.retry')} onRetry={() => void channels.refetch()} />}
        <Table<NotificationChannel>
          rowKey="id"
          loading={channels.isFetching && !channels.data}
          dataSource={channels.data?.items ?? []}
          scroll={{ x: 1000 }}
          locale={{ emptyText: channels.isError ? ' ' : <EmptyState description={t('alerts.channels.empty')} action={canManage && <Button onClick={() => setCreating(true)}>{t('alerts.channels.create')}</Button>} /> }}
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: channels.data?.total ?? 0,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, size) => setPage({ page: size === page.pageSize ? p : 1, pageSize: size }),
          }}
          columns={[
            { title: t('alerts.common.name'), width: 220, render: (_, c) => <span data-testid={`channel-row-${c.name}`}>{c.name}</span> },
            { title: t('alerts.channels.fields.kind'), width: 150, render: (_, c) => <Tag>{t(`alerts.channels.kind.${c.kind}`)}</Tag> },
            { title: t('alerts.common.org'), width: 150, render: (_, c) => c.orgName },
            {
              title: t('alerts.channels.sections.secrets'),
              width: 100,
              render: (_, c) => (c.hasSecrets ? <Tag color="green">{t('alerts.channels.secretSet')}</Tag> : <Typography.Text type="secondary">{t('alerts.channels.secretNotSet')}</Typography.Text>),
            },
            { title: t('alerts.channels.fields.ratePerMinute'), width: 110, render: (_, c) => c.ratePerMinute ?? t('alerts.channels.platformLimit') },
            {
              title: t('alerts.common.enabled'),
              width: 80,
              render: (_, c) => (
                <Switch
                  size="small"
                  checked={c.isEnabled}
                  disabled={!canManage}
                  loading={update.isPending && update.variables.id === c.id}
                  onChange={(on) => update.mutate({ id: c.id, input: { isEnabled: on } }, { onSuccess: () => void message.success(t(on ? 'alerts.channels.enabledDone' : 'alerts.channels.disabledDone')), onError: (e) => void message.error(errorMessage(e)) })}
                  data-testid="channel-toggle"
                />
              ),
            },
            { title: t('alerts.common.updatedAt'), width: 160, render: (_, c) => formatDateTime(c.updatedAt) },
            ...(canManage
              ? [
                  {
                    title: t('common.actions'),
                    width: 210,
                    fixed: 'right' as const,
                    render: (_: unknown, c: NotificationChannel) => (
                      <Flex gap={4}>
                        <Button size="small" type="link" icon={<SendOutlined />} onClick={() => setTesting(c)} data-testid="channel-test">{t('alerts.channels.test')}</Button>
                        <Button size="small" type="link" onClick={() => setEditing(c)} data-testid="channel-edit">{t('common.edit')}</Button>
                        <ConfirmButton
                          size="small"
                          type="link"
                          danger
                          confirm={t('alerts.channels.confirmDelete', { name: c.name })}
                          description={t('alerts.channels.deleteHint')}
                          onConfirm={() => remove.mutate(c.id, { onSuccess: () => void message.success(t('common.deleted')), onError: (e) => void message.error(errorMessage(e)) })}
                          data-testid="channel-delete"
                        >
                          {t('common.delete')}
                        </ConfirmButton>
                      </Flex>
                    ),
                  },
                ]
              : []),
          ]}
          data-testid="channel-table"
        />
      </Card>
      <ChannelFormModal open={isCreating || editing !== null} channel={editing} onClose={() => { setEditing(null); setCreating(false); }} />
      <ChannelTestModal key={testing?.id ?? 'closed'} channel={testing} onClose={() => setTesting(null)} />
    </>
  );
}
