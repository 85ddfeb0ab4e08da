import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, App, Button, Card, Flex, Segmented, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Silence } from '../../../shared/schemas/alerts.ts';
import { errorMessage } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';
import { useOrgScope } from '../../app/org-scope.tsx';
import { can } from '../../app/permissions.ts';
import { useMe } from '../../app/session.tsx';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { formatMatcher } from './alert-format.ts';
import { SilenceFormModal } from './SilenceFormModal.tsx';
import { useSilence, useSilenceMutations, useSilences } from './useAlertConfig.ts';

type StateFilter = Silence['state'] | 'all';
const STATE_COLOR: Record<Silence['state'], string> = { active: 'blue', pending: 'cyan', expired: 'default' };

/** 静默: silences by state; create, edit and expire early. `?silence=<id>` opens one (linked from an alert). */
export function SilencesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const canManage = can(me, 'alert.manage');
  const scope = useOrgScope();
  const [params, setParams] = useSearchParams();
  const [state, setState] = useState<StateFilter>('active');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const silences = useSilences({ orgId: scope.orgId, state: state === 'all' ? undefined : state, ...page });
  const linked = useSilence(params.get('silence'));
  const { expire } = useSilenceMutations();
  const [editing, setEditing] = useState<Silence | null>(null);
  const [isCreating, setCreating] = useState(false);
  const closeForm = () => {
    setEditing(null);
    setCreating(false);
  };
  const closeLinked = () =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.delete('silence');
        return next;
      },
      { replace: true },
    );
  const matcherTags = (s: Silence) => (
    <Space size={[4, 4]} wrap data-testid="silence-matchers">
      {s.matchers.map((m, i) => (
        <Tag key={i} style={{ marginInlineEnd: 0, fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }}>{formatMatcher(m)}</Tag>
      ))}
    </Space>
  );

  return (
    <>
      <PageHeader
        title={t('alerts.silences.title')}
        subtitle={t('alerts.silences.subtitle')}
        extra={canManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="silence-create">{t('alerts.silences.create')}</Button>}
      />
      {linked.isError && <ErrorState title={t('alerts.silences.title')} message={errorMessage(linked.error)} />}
      {linked.data && (
        <Alert
          type="info"
          showIcon
          closable={{ onClose: closeLinked }}
          style={{ marginBottom: 16 }}
          title={t('alerts.silences.linked', { reason: linked.data.reason })}
          description={
            <Flex vertical gap={6}>
              {matcherTags(linked.data)}
              <Typography.Text type="secondary">
                {formatDateTime(linked.data.startsAt)} – {formatDateTime(linked.data.endsAt)} · {t(`alerts.silences.state.${linked.data.state}`)} · {linked.data.orgName}
              </Typography.Text>
            </Flex>
          }
          action={canManage && linked.data.state !== 'expired' && <Button size="small" onClick={() => setEditing(linked.data ?? null)}>{t('common.edit')}</Button>}
          data-testid="silence-linked"
        />
      )}
      <Card>
        <Segmented<StateFilter>
          value={state}
          onChange={(s) => {
            setState(s);
            setPage((p) => ({ ...p, page: 1 }));
          }}
          options={(['active', 'pending', 'expired', 'all'] as const).map((s) => ({ value: s, label: s === 'all' ? t('alerts.common.all') : t(`alerts.silences.state.${s}`) }))}
          style={{ marginBottom: 16 }}
          data-testid="silence-state-filter"
        />
        {silences.isError && <ErrorState title={t('alerts.silences.title')} message={errorMessage(silences.error)} retryLabel={t('common.retry')} onRetry={() => void silences.refetch()} />}
        <Table<Silence>
          rowKey="id"
          loading={silences.isFetching && !silences.data}
          dataSource={silences.data?.items ?? []}
          scroll={{ x: 1100 }}
          locale={{ emptyText: silences.isError ? ' ' : <EmptyState description={t('alerts.silences.empty')} action={canManage && <Button onClick={() => setCreating(true)}>{t('alerts.silences.create')}</Button>} /> }}
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: silences.data?.total ?? 0,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, size) => setPage({ page: size === page.pageSize ? p : 1, pageSize: size }),
          }}
          columns={[
            {
              title: t('alerts.silences.fields.matchers'),
              width: 300,
              render: (_, s) => matcherTags(s),
            },
            { title: t('alerts.silences.fields.reason'), width: 220, render: (_, s) => <Typography.Text ellipsis={{ tooltip: s.reason }} style={{ maxWidth: 210 }} data-testid={`silence-row-${s.reason}`}>{s.reason}</Typography.Text> },
            { title: t('alerts.common.org'), width: 140, render: (_, s) => s.orgName },
            { title: t('alerts.silences.fields.range'), width: 300, render: (_, s) => `${formatDateTime(s.startsAt)} – ${formatDateTime(s.endsAt)}` },
            { title: t('common.status'), width: 90, render: (_, s) => <Tag color={STATE_COLOR[s.state]} data-testid="silence-state">{t(`alerts.silences.state.${s.state}`)}</Tag> },
            { title: t('alerts.common.createdBy'), width: 110, render: (_, s) => s.createdByName ?? '—' },
            ...(canManage
              ? [
                  {
                    title: t('common.actions'),
                    width: 150,
                    fixed: 'right' as const,
                    render: (_: unknown, s: Silence) =>
                      s.state === 'expired' ? null : (
                        <Flex gap={4}>
                          <Button size="small" type="link" onClick={() => setEditing(s)} data-testid="silence-edit">{t('common.edit')}</Button>
                          <ConfirmButton
                            size="small"
                            type="link"
                            danger
                            confirm={t('alerts.silences.confirmExpire')}
                            description={t('alerts.silences.expireHint')}
                            onConfirm={() => expire.mutate(s.id, { onSuccess: () => void message.success(t('alerts.silences.expired')), onError: (e) => void message.error(errorMessage(e)) })}
                            data-testid="silence-expire"
                          >
                            {t('alerts.silences.expire')}
                          </ConfirmButton>
                        </Flex>
                      ),
                  },
                ]
              : []),
          ]}
          data-testid="silence-table"
        />
      </Card>
      <SilenceFormModal open={isCreating || editing !== null} silence={editing} onClose={closeForm} />
    </>
  );
}
