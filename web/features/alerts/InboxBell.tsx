import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Badge, Button, Dropdown, Empty, Flex, List, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { InboxItem } from '../../../shared/schemas/alerts.ts';
import { errorMessage } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';
import { SEVERITY_HEX } from './alert-format.ts';
import { useInbox, useMarkInboxRead } from './useInbox.ts';
import { useRecentInput } from './useRecentInput.ts';

/** Keep polling for two minutes after the last input, then wait for the person to come back. */
const ACTIVE_WINDOW_MS = 2 * 60_000;

/** The header bell: unread in-app notifications, the newest ten, a click opens the alert and marks it read; 全部已读. */
export function InboxBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const isActive = useRecentInput(ACTIVE_WINDOW_MS);
  const inbox = useInbox(isActive);
  const markRead = useMarkInboxRead();
  const [isOpen, setOpen] = useState(false);
  const unread = inbox.data?.unread ?? 0;

  const open = (item: InboxItem) => {
    setOpen(false);
    if (!item.readAt) markRead.mutate({ ids: [item.id] });
    if (item.alertId) void navigate(`/alerts/${item.alertId}`);
    else if (item.url?.startsWith('/')) void navigate(item.url);
  };

  const panel = (
    <div style={{ width: 380, background: '#fff', borderRadius: 8, boxShadow: '0 6px 16px rgba(0,0,0,0.12)' }} data-testid="inbox-panel">
      <Flex justify="space-between" align="center" style={{ padding: '10px 16px', borderBottom: '1px solid #f0f0f0' }}>
        <Typography.Text strong>{t('alerts.inbox.title')}</Typography.Text>
        <Button size="small" type="link" disabled={unread === 0} loading={markRead.isPending} onClick={() => markRead.mutate({ all: true })} data-testid="inbox-read-all">
          {t('alerts.inbox.readAll')}
        </Button>
      </Flex>
      {inbox.isError ? (
        <Typography.Paragraph type="danger" style={{ padding: 16, margin: 0 }}>{errorMessage(inbox.error)}</Typography.Paragraph>
      ) : (
        <List<InboxItem>
          size="small"
          loading={inbox.isPending}
          dataSource={inbox.data?.items ?? []}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('alerts.inbox.empty')} /> }}
          style={{ maxHeight: 420, overflowY: 'auto' }}
          renderItem={(item) => (
            <List.Item
              onClick={() => open(item)}
              style={{ cursor: 'pointer', padding: '8px 16px', background: item.readAt ? undefined : '#f0f7ff' }}
              data-testid="inbox-item"
              data-unread={item.readAt ? 'false' : 'true'}
            >
              <Flex vertical gap={2} style={{ width: '100%' }}>
                <Flex gap={6} align="center">
                  <Badge color={SEVERITY_HEX[item.severity]} />
                  <Typography.Text strong={!item.readAt} ellipsis style={{ flex: 1 }}>{item.title}</Typography.Text>
                </Flex>
                {item.text && <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}>{item.text}</Typography.Text>}
                <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                  {t(`alerts.severity.${item.severity}`)} · {formatDateTime(item.createdAt)}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
      <div style={{ borderTop: '1px solid #f0f0f0', padding: '6px 16px', textAlign: 'center' }}>
        <Button size="small" type="link" onClick={() => { setOpen(false); void navigate('/alerts'); }}>{t('alerts.inbox.openCenter')}</Button>
      </div>
    </div>
  );

  return (
    <Dropdown open={isOpen} onOpenChange={setOpen} trigger={['click']} popupRender={() => panel} placement="bottomRight">
      <Button type="text" aria-label={t('alerts.inbox.title')} data-testid="inbox-bell" style={{ height: 40 }}>
        <Badge count={unread} size="small" overflowCount={99} data-testid="inbox-unread">
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Dropdown>
  );
}
