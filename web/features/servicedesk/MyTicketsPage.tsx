import { useState } from 'react';
import { Link } from 'react-router';
import { App, Button, Card, Collapse, Flex, Form, Input, List, Rate, Segmented, Space, Steps, Tag, Typography } from 'antd';
import { PlusOutlined, StarOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { MyTicketCommentInput, type MyTicket, type TicketStatus } from '../../../shared/schemas/servicedesk.ts';
import { errorMessage } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';
import { requiredRule, zodRule } from '../../app/validation.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { RateModal } from './RateModal.tsx';
import { TicketStatusTag } from './TicketTags.tsx';
import { useMyTicketComments, useMyTicketMutations, useMyTickets } from './useTickets.ts';

/** Where a report stands, as the reporter reads it: 已报修 → 已响应 → 已到场 → 已解决 → 已关闭. */
const PROGRESS: readonly TicketStatus[] = ['new', 'responded', 'on_site', 'resolved', 'closed'];
function progressIndex(t: MyTicket): number {
  if (t.closedAt || t.status === 'closed') return 4;
  if (t.resolvedAt || t.status === 'resolved') return 3;
  if (t.onSiteAt) return 2;
  if (t.respondedAt) return 1;
  return 0;
}

/** The external conversation with the desk about one report. */
function Conversation({ ticket }: { ticket: MyTicket }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const comments = useMyTicketComments(ticket.id);
  const { comment } = useMyTicketMutations();
  const [form] = Form.useForm<{ body: string }>();
  const isOpen = ticket.status !== 'closed';
  return (
    <Flex vertical gap={8}>
      {comments.isError && <ErrorState title={t('servicedesk.my.conversation')} message={errorMessage(comments.error)} retryLabel={t('common.retry')} onRetry={() => void comments.refetch()} />}
      <List
        size="small"
        loading={comments.isPending}
        dataSource={comments.data?.items ?? []}
        locale={{ emptyText: <EmptyState description={t('servicedesk.my.noComments')} /> }}
        renderItem={(c) => (
          <List.Item style={{ paddingInline: 0 }}>
            <Flex vertical gap={2}>
              <Space size={8}>
                <Typography.Text strong>{c.authorName}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(c.createdAt)}</Typography.Text>
              </Space>
              <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{c.body}</Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
      {isOpen && (
        <Form
          form={form}
          onFinish={(v) =>
            comment.mutate(
              { id: ticket.id, body: v.body.trim() },
              {
                onSuccess: () => {
                  void message.success(t('servicedesk.notes.commented'));
                  form.resetFields();
                  void comments.refetch();
                },
                onError: (e) => void message.error(errorMessage(e)),
              },
            )
          }
          data-testid="my-comment-form"
        >
          <Form.Item name="body" rules={[requiredRule(), zodRule(MyTicketCommentInput.shape.body)]} style={{ marginBottom: 8 }}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={5000} placeholder={t('servicedesk.my.commentPlaceholder')} data-testid="my-comment-body" />
          </Form.Item>
          <Button htmlType="submit" loading={comment.isPending} data-testid="my-comment-submit">{t('servicedesk.notes.addComment')}</Button>
        </Form>
      )}
    </Flex>
  );
}

/** One report as a card: status and progress, the device, who handles it, the resolution and the rating. */
function MyTicketCard({ ticket, onRate }: { ticket: MyTicket; onRate: () => void }) {
  const { t } = useTranslation();
  const isDone = ticket.status === 'resolved' || ticket.status === 'closed';
  return (
    <Card size="small" data-testid="my-ticket" data-ticket-number={ticket.number} data-status={ticket.status}>
      <Flex vertical gap={8}>
        <Flex justify="space-between" align="center" gap={8} wrap>
          <Space size={6} wrap>
            <Typography.Text code>{ticket.number}</Typography.Text>
            <TicketStatusTag status={ticket.status} />
            <Tag style={{ marginInlineEnd: 0 }}>{ticket.levelName}</Tag>
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(ticket.openedAt)}</Typography.Text>
        </Flex>
        <Typography.Text strong style={{ fontSize: 16 }}>{ticket.title}</Typography.Text>
        {ticket.assets.length > 0 && <Typography.Text type="secondary">{ticket.assets.map((a) => (a.code ? `${a.code} ${a.name}` : a.name)).join(t('common.listSeparator'))}</Typography.Text>}
        <Steps
          size="small"
          current={progressIndex(ticket)}
          responsive={false}
          items={PROGRESS.map((s) => ({ title: t(`servicedesk.my.progress.${s as 'new' | 'responded' | 'on_site' | 'resolved' | 'closed'}`) }))}
          style={{ overflowX: 'auto' }}
        />
        <Typography.Text type="secondary">{ticket.assigneeName ? t('servicedesk.my.handledBy', { name: ticket.assigneeName }) : t('servicedesk.my.waiting')}</Typography.Text>
        {ticket.resolutionCode && (
          <Typography.Text>
            <Tag color="green">{t(`servicedesk.resolutionCode.${ticket.resolutionCode}`)}</Tag>
            {ticket.resolutionNote}
          </Typography.Text>
        )}
        {ticket.satisfaction ? (
          <Space size={8} wrap data-testid="my-ticket-rating">
            <Rate disabled value={ticket.satisfaction.score} />
            {ticket.satisfaction.comment && <Typography.Text type="secondary">{ticket.satisfaction.comment}</Typography.Text>}
          </Space>
        ) : (
          isDone && (
            <Button type="primary" icon={<StarOutlined />} size="large" onClick={onRate} data-testid="my-ticket-rate">
              {t('servicedesk.rate.action')}
            </Button>
          )
        )}
        <Collapse size="small" items={[{ key: 'c', label: t('servicedesk.my.conversation'), children: <Conversation ticket={ticket} /> }]} />
      </Flex>
    </Card>
  );
}

/** 我的报修 (ticket.report): my reports with their progress, a conversation with the desk, and 评价 once resolved. */
export function MyTicketsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [filter, setFilter] = useState<'open' | 'all'>('open');
  const [page, setPage] = useState(1);
  const list = useMyTickets({ page, pageSize: 20, status: filter === 'open' ? ['open', 'resolved'] : undefined });
  const { rate } = useMyTicketMutations();
  const [rating, setRating] = useState<MyTicket | null>(null);
  return (
    <>
      <PageHeader
        title={t('servicedesk.my.title')}
        subtitle={t('servicedesk.my.subtitle')}
        extra={
          <Link to="/servicedesk/report">
            <Button type="primary" icon={<PlusOutlined />} data-testid="my-report">{t('servicedesk.my.report')}</Button>
          </Link>
        }
      />
      <Segmented<'open' | 'all'>
        value={filter}
        onChange={(v) => {
          setFilter(v);
          setPage(1);
        }}
        options={[
          { value: 'open', label: t('servicedesk.my.filterOpen') },
          { value: 'all', label: t('servicedesk.my.filterAll') },
        ]}
        style={{ marginBottom: 16 }}
        data-testid="my-filter"
      />
      {list.isError && <ErrorState title={t('servicedesk.my.title')} message={errorMessage(list.error)} retryLabel={t('common.retry')} onRetry={() => void list.refetch()} />}
      <List
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        grid={{ gutter: 16, xs: 1, sm: 1, md: 2, xl: 3 }}
        locale={{ emptyText: list.isError ? ' ' : <EmptyState description={t('servicedesk.my.empty')} action={<Link to="/servicedesk/report"><Button type="primary">{t('servicedesk.my.report')}</Button></Link>} /> }}
        renderItem={(item) => (
          <List.Item>
            <MyTicketCard ticket={item} onRate={() => setRating(item)} />
          </List.Item>
        )}
        pagination={(list.data?.total ?? 0) > 20 ? { current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, simple: true } : false}
        data-testid="my-tickets"
      />
      <RateModal
        open={rating !== null}
        title={rating ? t('servicedesk.rate.title', { number: rating.number }) : ''}
        isSaving={rate.isPending}
        onCancel={() => setRating(null)}
        onSubmit={(input) =>
          rating &&
          rate.mutate(
            { id: rating.id, input },
            {
              onSuccess: () => {
                void message.success(t('servicedesk.rate.thanks'));
                setRating(null);
              },
              onError: (e) => void message.error(errorMessage(e)),
            },
          )
        }
      />
    </>
  );
}
