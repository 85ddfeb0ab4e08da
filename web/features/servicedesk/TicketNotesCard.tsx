import { useState } from 'react';
import { App, Button, Card, DatePicker, Flex, Form, Input, InputNumber, List, Radio, Segmented, Tabs, Tag, Typography } from 'antd';
import type dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { TicketCommentInput, TicketWorkLogInput, type CommentVisibility } from '../../../shared/schemas/servicedesk.ts';
import { errorMessage } from '../../app/api.ts';
import { formatDateTime, wallTimeToIso } from '../../app/format.ts';
import { can } from '../../app/permissions.ts';
import { useMe } from '../../app/session.tsx';
import { requiredRule, zodRule } from '../../app/validation.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { useDeskFormat } from './useDeskFormat.ts';
import { useTicketComments, useTicketMutations, useWorkLogs } from './useTickets.ts';

/** Comments: internal ones for the desk, external ones the requester sees on 我的报修. */
function Comments({ ticketId, canWrite }: { ticketId: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [filter, setFilter] = useState<CommentVisibility | 'all'>('all');
  const comments = useTicketComments(ticketId, filter === 'all' ? undefined : filter);
  const { comment } = useTicketMutations();
  const [form] = Form.useForm<{ visibility: CommentVisibility; body: string }>();
  return (
    <Flex vertical gap={12}>
      <Segmented<CommentVisibility | 'all'>
        value={filter}
        onChange={setFilter}
        options={[
          { value: 'all', label: t('servicedesk.notes.all') },
          { value: 'internal', label: t('servicedesk.visibility.internal') },
          { value: 'external', label: t('servicedesk.visibility.external') },
        ]}
        data-testid="comment-filter"
      />
      {comments.isError && <ErrorState title={t('servicedesk.notes.comments')} message={errorMessage(comments.error)} retryLabel={t('common.retry')} onRetry={() => void comments.refetch()} />}
      <List
        size="small"
        loading={comments.isPending}
        dataSource={comments.data?.items ?? []}
        locale={{ emptyText: <EmptyState description={t('servicedesk.notes.noComments')} /> }}
        renderItem={(c) => (
          <List.Item style={{ paddingInline: 0 }} data-testid="ticket-comment" data-visibility={c.visibility}>
            <Flex vertical gap={2} style={{ width: '100%' }}>
              <Flex gap={8} align="center" wrap>
                <Tag color={c.visibility === 'external' ? 'green' : 'default'} style={{ marginInlineEnd: 0 }}>{t(`servicedesk.visibility.${c.visibility}`)}</Tag>
                <Typography.Text strong>{c.authorName}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(c.createdAt)}</Typography.Text>
              </Flex>
              <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{c.body}</Typography.Paragraph>
            </Flex>
          </List.Item>
        )}
      />
      {canWrite && (
        <Form
          form={form}
          layout="vertical"
          initialValues={{ visibility: 'internal' }}
          onFinish={(v) =>
            comment.mutate(
              { id: ticketId, input: { visibility: v.visibility, body: v.body.trim() } },
              {
                onSuccess: () => {
                  void message.success(t('servicedesk.notes.commented'));
                  form.resetFields();
                },
                onError: (e) => void message.error(errorMessage(e)),
              },
            )
          }
          data-testid="comment-form"
        >
          <Form.Item name="body" rules={[requiredRule(), zodRule(TicketCommentInput.shape.body)]} style={{ marginBottom: 8 }}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={5000} placeholder={t('servicedesk.notes.commentPlaceholder')} data-testid="comment-body" />
          </Form.Item>
          <Flex justify="space-between" align="center" gap={8} wrap>
            <Form.Item name="visibility" noStyle>
              <Radio.Group
                options={[
                  { value: 'internal', label: t('servicedesk.notes.internalHint') },
                  { value: 'external', label: t('servicedesk.notes.externalHint') },
                ]}
                data-testid="comment-visibility"
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={comment.isPending} data-testid="comment-submit">
              {t('servicedesk.notes.addComment')}
            </Button>
          </Flex>
        </Form>
      )}
    </Flex>
  );
}

/** Work log: minutes spent, by whom and when, with the total. */
function WorkLog({ ticketId, canWrite }: { ticketId: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { minutes } = useDeskFormat();
  const logs = useWorkLogs(ticketId);
  const { logWork } = useTicketMutations();
  const [form] = Form.useForm<{ minutes: number; note?: string; workedAt?: dayjs.Dayjs | null }>();
  return (
    <Flex vertical gap={12}>
      <Typography.Text data-testid="work-total">{t('servicedesk.notes.totalMinutes', { time: minutes(logs.data?.totalMinutes ?? 0) })}</Typography.Text>
      {logs.isError && <ErrorState title={t('servicedesk.notes.workLog')} message={errorMessage(logs.error)} retryLabel={t('common.retry')} onRetry={() => void logs.refetch()} />}
      <List
        size="small"
        loading={logs.isPending}
        dataSource={logs.data?.items ?? []}
        locale={{ emptyText: <EmptyState description={t('servicedesk.notes.noWork')} /> }}
        renderItem={(w) => (
          <List.Item style={{ paddingInline: 0 }} data-testid="work-log" extra={<Typography.Text strong>{minutes(w.minutes)}</Typography.Text>}>
            <Flex vertical gap={2}>
              <Flex gap={8} wrap>
                <Typography.Text strong>{w.authorName}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(w.workedAt)}</Typography.Text>
              </Flex>
              {w.note && <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{w.note}</Typography.Text>}
            </Flex>
          </List.Item>
        )}
      />
      {canWrite && (
        <Form
          form={form}
          layout="inline"
          onFinish={(v) =>
            logWork.mutate(
              { id: ticketId, input: { minutes: v.minutes, note: v.note?.trim() ?? '', ...(v.workedAt ? { workedAt: wallTimeToIso(v.workedAt) } : {}) } },
              {
                onSuccess: () => {
                  void message.success(t('servicedesk.notes.logged'));
                  form.resetFields();
                },
                onError: (e) => void message.error(errorMessage(e)),
              },
            )
          }
          style={{ rowGap: 8 }}
          data-testid="work-form"
        >
          <Form.Item name="minutes" rules={[requiredRule(), zodRule(TicketWorkLogInput.shape.minutes)]}>
            <InputNumber min={1} max={1440} precision={0} suffix={t('servicedesk.units.m')} placeholder={t('servicedesk.notes.minutes')} style={{ width: 140 }} data-testid="work-minutes" />
          </Form.Item>
          <Form.Item name="workedAt">
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" placeholder={t('servicedesk.notes.workedAt')} data-testid="work-at" />
          </Form.Item>
          <Form.Item name="note" style={{ flex: 1, minWidth: 200 }}>
            <Input maxLength={2000} placeholder={t('servicedesk.notes.workNote')} data-testid="work-note" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={logWork.isPending} data-testid="work-submit">
            {t('servicedesk.notes.logWork')}
          </Button>
        </Form>
      )}
    </Flex>
  );
}

/** 评论与工时 of a ticket. */
export function TicketNotesCard({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const canWrite = can(me, 'ticket.work');
  return (
    <Card size="small" data-testid="ticket-notes">
      <Tabs
        items={[
          { key: 'comments', label: <span data-testid="notes-tab-comments">{t('servicedesk.notes.comments')}</span>, children: <Comments ticketId={ticketId} canWrite={canWrite} /> },
          { key: 'work', label: <span data-testid="notes-tab-work">{t('servicedesk.notes.workLog')}</span>, children: <WorkLog ticketId={ticketId} canWrite={canWrite} /> },
        ]}
      />
    </Card>
  );
}
