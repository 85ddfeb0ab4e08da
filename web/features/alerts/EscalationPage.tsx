import { useMemo, useState } from 'react';
import { App, Button, Card, Flex, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { EscalationPolicy, EscalationTarget } from '../../../shared/schemas/alerts.ts';
import { errorMessage } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';
import { useOrgScope } from '../../app/org-scope.tsx';
import { can } from '../../app/permissions.ts';
import { useMe } from '../../app/session.tsx';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { EscalationFormDrawer } from './EscalationFormDrawer.tsx';
import { PICKER_PAGE, useEscalationMutations, useEscalationPolicies } from './useAlertConfig.ts';
import { useChannels } from './useChannels.ts';
import { useSchedules } from './useOnCall.ts';
import { useUserDirectory } from './useUserDirectory.ts';

/** 升级策略: policies with their steps spelled out ("5 分钟后：值班表 信息科"), create, edit, delete. */
export function EscalationPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const canManage = can(me, 'alert.manage');
  const scope = useOrgScope();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const policies = useEscalationPolicies({ orgId: scope.orgId, ...page });
  const channels = useChannels(PICKER_PAGE);
  const schedules = useSchedules(PICKER_PAGE);
  const { nameOf } = useUserDirectory();
  const { remove } = useEscalationMutations();
  const [editing, setEditing] = useState<EscalationPolicy | null>(null);
  const [isCreating, setCreating] = useState(false);
  const channelName = useMemo(() => new Map((channels.data?.items ?? []).map((c) => [c.id, c.name])), [channels.data]);
  const scheduleName = useMemo(() => new Map((schedules.data?.items ?? []).map((s) => [s.id, s.name])), [schedules.data]);

  const targetText = (target: EscalationTarget) => {
    const via = target.kind === 'channel' ? '' : target.via.length ? t('alerts.escalation.viaList', { channels: target.via.map((id) => channelName.get(id) ?? id).join(t('common.listSeparator')) }) : '';
    if (target.kind === 'channel') return `${t('alerts.escalation.targetKind.channel')} ${channelName.get(target.channelId) ?? target.channelId}`;
    if (target.kind === 'schedule') return `${t('alerts.escalation.targetKind.schedule')} ${scheduleName.get(target.scheduleId) ?? target.scheduleId}${via}`;
    return `${t('alerts.escalation.targetKind.user')} ${nameOf(target.userId)}${via}`;
  };

  return (
    <>
      <PageHeader
        title={t('alerts.escalation.title')}
        subtitle={t('alerts.escalation.subtitle')}
        extra={canManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="escalation-create">{t('alerts.escalation.create')}</Button>}
      />
      <Card>
        {policies.isError && <ErrorState title={t('alerts.escalation.title')} message={errorMessage(policies.error)} retryLabel={t('common.retry')} onRetry={() => void policies.refetch()} />}
        <Table<EscalationPolicy>
          rowKey="id"
          loading={policies.isFetching && !policies.data}
          dataSource={policies.data?.items ?? []}
          scroll={{ x: 1000 }}
          locale={{ emptyText: policies.isError ? ' ' : <EmptyState description={t('alerts.escalation.empty')} action={canManage && <Button onClick={() => setCreating(true)}>{t('alerts.escalation.create')}</Button>} /> }}
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: policies.data?.total ?? 0,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, size) => setPage({ page: size === page.pageSize ? p : 1, pageSize: size }),
          }}
          columns={[
            {
              title: t('alerts.common.name'),
              width: 200,
              render: (_, p) => (
                <Flex vertical gap={2}>
                  <span data-testid={`escalation-row-${p.name}`}>{p.name}</span>
                  {p.description && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{p.description}</Typography.Text>}
                </Flex>
              ),
            },
            { title: t('alerts.common.org'), width: 140, render: (_, p) => p.orgName },
            {
              title: t('alerts.escalation.steps'),
              render: (_, p) => (
                <ol style={{ margin: 0, paddingInlineStart: 18 }}>
                  {p.steps.map((s, i) => (
                    <li key={i}>
                      <Typography.Text type="secondary">{i === 0 ? t('alerts.escalation.afterFiring', { minutes: s.delayMinutes }) : t('alerts.escalation.afterPrevious', { minutes: s.delayMinutes })}</Typography.Text>
                      {s.targets.map(targetText).join(t('common.listSeparator'))}
                    </li>
                  ))}
                </ol>
              ),
            },
            { title: t('alerts.escalation.repeat'), width: 90, render: (_, p) => (p.repeat ? t('alerts.escalation.repeatTimes', { count: p.repeat }) : t('common.no')) },
            { title: t('alerts.common.updatedAt'), width: 160, render: (_, p) => formatDateTime(p.updatedAt) },
            ...(canManage
              ? [
                  {
                    title: t('common.actions'),
                    width: 130,
                    fixed: 'right' as const,
                    render: (_: unknown, p: EscalationPolicy) => (
                      <Flex gap={4}>
                        <Button size="small" type="link" onClick={() => setEditing(p)} data-testid="escalation-edit">{t('common.edit')}</Button>
                        <ConfirmButton
                          size="small"
                          type="link"
                          danger
                          confirm={t('alerts.escalation.confirmDelete', { name: p.name })}
                          description={t('alerts.escalation.deleteHint')}
                          onConfirm={() => remove.mutate(p.id, { onSuccess: () => void message.success(t('common.deleted')), onError: (e) => void message.error(errorMessage(e)) })}
                          data-testid="escalation-delete"
                        >
                          {t('common.delete')}
                        </ConfirmButton>
                      </Flex>
                    ),
                  },
                ]
              : []),
          ]}
          data-testid="escalation-table"
        />
      </Card>
      <EscalationFormDrawer open={isCreating || editing !== null} policy={editing} onClose={() => { setEditing(null); setCreating(false); }} />
    </>
  );
}
