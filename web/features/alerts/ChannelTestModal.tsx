import { useState } from 'react';
import { Alert, Button, Descriptions, Flex, Form, Input, Modal, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { NotificationChannelTestInput, type NotificationChannel } from '../../../shared/schemas/notifications.ts';
import { errorMessage } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';
import { zodRule } from '../../app/validation.ts';
import { NOTIFICATION_STATUS_COLOR } from './NotificationTable.tsx';
import { useNotifications } from './useAlerts.ts';
import { useChannelMutations } from './useChannels.ts';

type Props = { channel: NotificationChannel | null; onClose: () => void };

/**
 * 测试发送: queue a test message, then follow its notification in the outbox until it is sent or dead. Mount it with
 * `key={channel?.id}` so each opened channel starts from an empty form and result.
 */
export function ChannelTestModal({ channel, onClose }: Props) {
  const { t } = useTranslation();
  const { test } = useChannelMutations();
  const [form] = Form.useForm<{ text?: string }>();
  const [notificationId, setNotificationId] = useState<number | null>(null);
  // the outbox has no single-notification endpoint: find it among the channel's newest notifications
  const outbox = useNotifications({ channelId: channel?.id, page: 1, pageSize: 20 }, { enabled: notificationId !== null, refetchMs: 2_000 });
  const sent = outbox.data?.items.find((n) => n.id === notificationId);
  const isFinal = sent?.status === 'sent' || sent?.status === 'dead';

  return (
    <Modal
      open={channel !== null}
      title={t('alerts.channels.testTitle', { name: channel?.name ?? '' })}
      onCancel={onClose}
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.done')}</Button>
          <Button type="primary" loading={test.isPending} onClick={() => form.submit()} data-testid="channel-test-send">
            {notificationId === null ? t('alerts.channels.testSend') : t('alerts.channels.testAgain')}
          </Button>
        </Flex>
      }
      forceRender
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => channel && test.mutate({ id: channel.id, text: v.text?.trim() || undefined }, { onSuccess: (r) => setNotificationId(r.notificationId) })}
      >
        <Form.Item name="text" label={t('alerts.channels.testText')} rules={[zodRule(NotificationChannelTestInput.shape.text.unwrap())]}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} placeholder={t('alerts.channels.testTextPlaceholder')} data-testid="channel-test-text" />
        </Form.Item>
      </Form>
      {test.isError && <Alert type="error" showIcon title={errorMessage(test.error)} />}
      {notificationId !== null && (
        <Descriptions
          size="small"
          column={1}
          bordered
          data-testid="channel-test-result"
          items={[
            { key: 'id', label: t('alerts.channels.testNotification'), children: <Typography.Text code>#{notificationId}</Typography.Text> },
            {
              key: 'status',
              label: t('common.status'),
              children: sent ? (
                <Flex align="center" gap={8}>
                  <Tag color={NOTIFICATION_STATUS_COLOR[sent.status]} data-testid="channel-test-status" data-status={sent.status}>{t(`alerts.notifications.status.${sent.status}`)}</Tag>
                  {!isFinal && <Spin size="small" />}
                  {sent.deliveredAt && <Typography.Text type="secondary">{formatDateTime(sent.deliveredAt)}</Typography.Text>}
                </Flex>
              ) : (
                <Spin size="small" />
              ),
            },
            ...(sent?.lastError ? [{ key: 'error', label: t('alerts.notifications.columns.lastError'), children: <Typography.Text type="danger">{sent.lastError}</Typography.Text> }] : []),
          ]}
        />
      )}
    </Modal>
  );
}
