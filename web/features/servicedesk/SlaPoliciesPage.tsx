import { useState } from 'react';
import { App, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { SlaPolicyRecord } from '../../../shared/schemas/servicedesk.ts';
import { errorMessage } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';
import { useOrgScope } from '../../app/org-scope.tsx';
import { can } from '../../app/permissions.ts';
import { useMe } from '../../app/session.tsx';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { ContractPolicyModal } from './ContractPolicyModal.tsx';
import { CreatePolicyModal } from './CreatePolicyModal.tsx';
import { PolicyFormDrawer } from './PolicyFormDrawer.tsx';
import { PolicySummary } from './PolicySummary.tsx';
import { useDeskFormat } from './useDeskFormat.ts';
import { useSlaPolicies, useSlaPolicyMutations, useSlaTemplates } from './useSlaPolicies.ts';

/**
 * SLA 策略: the organisations' policies (levels and targets expandable), created from the seed tenders' templates,
 * edited as a whole, made the default, attached to maintenance contracts, deleted when no contract uses them.
 */
export function SlaPoliciesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const canManage = can(me, 'ticket.manage');
  const scope = useOrgScope();
  const { name } = useDeskFormat();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const policies = useSlaPolicies({ orgId: scope.orgId, ...paging });
  const templates = useSlaTemplates();
  const { update, remove, recompute } = useSlaPolicyMutations();
  const [isCreating, setCreating] = useState(false);
  const [editing, setEditing] = useState<SlaPolicyRecord | null>(null);
  const [attaching, setAttaching] = useState<SlaPolicyRecord | null>(null);
  const platform = templates.data?.items.find((x) => x.key === templates.data?.platformDefault);
  const recomputeOrg = scope.orgId ?? me.orgId;

  const makeDefault = (p: SlaPolicyRecord) =>
    update.mutate({ id: p.id, input: { isDefault: true } }, { onSuccess: () => void message.success(t('servicedesk.policies.defaultSet', { name: p.policy.name })), onError: (e) => void message.error(errorMessage(e)) });
  const destroy = (p: SlaPolicyRecord) => remove.mutate(p.id, { onSuccess: () => void message.success(t('common.deleted')), onError: (e) => void message.error(errorMessage(e)) });

  return (
    <>
      <PageHeader
        title={t('servicedesk.policies.title')}
        subtitle={t('servicedesk.policies.subtitle')}
        extra={
          canManage && (
            <>
              <ConfirmButton
                icon={<ReloadOutlined />}
                confirm={t('servicedesk.policies.confirmRecompute')}
                description={t('servicedesk.policies.recomputeHint')}
                loading={recompute.isPending}
                onConfirm={() =>
                  recompute.mutate(recomputeOrg, {
                    onSuccess: (r) => void message.success(t('servicedesk.policies.recomputed', { checked: r.checked, updated: r.updated })),
                    onError: (e) => void message.error(errorMessage(e)),
                  })
                }
                data-testid="policy-recompute"
              >
                {t('servicedesk.policies.recompute')}
              </ConfirmButton>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="policy-create">
                {t('servicedesk.policies.create')}
              </Button>
            </>
          )
        }
      />
      {platform && (
        <Typography.Paragraph type="secondary" data-testid="policy-platform-default">
          {t('servicedesk.policies.platformDefault', { name: name(platform.policy) })}
        </Typography.Paragraph>
      )}
      <Card>
        {policies.isError && <ErrorState title={t('servicedesk.policies.title')} message={errorMessage(policies.error)} retryLabel={t('common.retry')} onRetry={() => void policies.refetch()} />}
        <Table<SlaPolicyRecord>
          rowKey="id"
          loading={policies.isPending && policies.isFetching}
          dataSource={policies.data?.items ?? []}
          scroll={{ x: 1100 }}
          expandable={{ expandedRowRender: (p) => <PolicySummary policy={p.policy} /> }}
          locale={{
            emptyText: policies.isError ? ' ' : <EmptyState description={t('servicedesk.policies.empty')} action={canManage && <Button type="primary" onClick={() => setCreating(true)}>{t('servicedesk.policies.create')}</Button>} />,
          }}
          columns={[
            {
              title: t('servicedesk.policies.name'),
              render: (_, p) => (
                <Space size={6} wrap>
                  <Typography.Text strong data-testid="policy-row-name">{name(p.policy)}</Typography.Text>
                  {p.isDefault && <Tag color="blue" data-testid="policy-default-tag">{t('servicedesk.policies.default')}</Tag>}
                </Space>
              ),
            },
            { title: t('servicedesk.common.org'), width: 160, render: (_, p) => p.orgName },
            { title: t('servicedesk.policies.levels'), render: (_, p) => p.policy.levels.map((l) => name(l)).join(t('common.listSeparator')) },
            {
              title: t('servicedesk.policies.calendarTitle'),
              width: 150,
              render: (_, p) => t(`servicedesk.policies.calendar.${typeof p.policy.calendar === 'string' ? (p.policy.calendar === '7x24' ? 'allDay' : 'business') : 'custom'}`),
            },
            { title: t('servicedesk.policies.templateCol'), width: 150, render: (_, p) => p.templateKey ?? '—' },
            { title: t('servicedesk.policies.version'), width: 70, align: 'right', render: (_, p) => p.version },
            { title: t('servicedesk.policies.contracts'), width: 90, align: 'right', render: (_, p) => p.contractCount },
            { title: t('servicedesk.common.updatedAt'), width: 170, render: (_, p) => formatDateTime(p.updatedAt) },
            ...(canManage
              ? [
                  {
                    title: t('common.actions'),
                    width: 300,
                    render: (_: unknown, p: SlaPolicyRecord) => (
                      <Space size={4} wrap>
                        <Button size="small" onClick={() => setEditing(p)} data-testid="policy-edit">{t('common.edit')}</Button>
                        <Button size="small" onClick={() => setAttaching(p)} data-testid="policy-contracts">{t('servicedesk.policies.attach')}</Button>
                        {!p.isDefault && (
                          <ConfirmButton size="small" confirm={t('servicedesk.policies.confirmDefault', { name: p.policy.name, org: p.orgName })} onConfirm={() => makeDefault(p)} data-testid="policy-make-default">
                            {t('servicedesk.policies.setDefault')}
                          </ConfirmButton>
                        )}
                        <ConfirmButton size="small" danger confirm={t('servicedesk.policies.confirmDelete', { name: p.policy.name })} description={t('servicedesk.policies.deleteHint')} onConfirm={() => destroy(p)} disabled={p.contractCount > 0} data-testid="policy-delete">
                          {t('common.delete')}
                        </ConfirmButton>
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: policies.data?.total ?? 0,
            showTotal: (total) => t('common.total', { total }),
            onChange: (page, pageSize) => setPaging({ page, pageSize }),
          }}
          data-testid="policy-table"
        />
      </Card>
      {canManage && (
        <>
          <CreatePolicyModal open={isCreating} onClose={() => setCreating(false)} />
          <PolicyFormDrawer record={editing} onClose={() => setEditing(null)} />
          <ContractPolicyModal policy={attaching} onClose={() => setAttaching(null)} />
        </>
      )}
    </>
  );
}
