import { useState } from 'react';
import { App, Button, Card, Flex, Switch, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { AlertRule } from '../../../shared/schemas/alerts.ts';
import type { ProbeKindKey } from '../../../shared/schemas/probes.ts';
import { errorMessage } from '../../app/api.ts';
import { useOrgScope } from '../../app/org-scope.tsx';
import { can } from '../../app/permissions.ts';
import { useMe } from '../../app/session.tsx';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { RuleFormModal } from './RuleFormModal.tsx';
import { useRuleMutations, useRules } from './rules.api.ts';

/** 阈值规则: alerts from what probes measure, each rule read as one sentence. */
export function AlertRulesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const canManage = can(me, 'alert.manage');
  const scope = useOrgScope();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const rules = useRules({ orgId: scope.orgId, ...page });
  const { update, remove } = useRuleMutations();
  const [editing, setEditing] = useState<AlertRule | null>(null);
  const [isCreating, setCreating] = useState(false);

  /** "P95 延迟 > 800 ms，持续 5 分钟" */
  const condition = (r: AlertRule) => {
    const what = r.metric === 'measurement' ? r.measurementKey : t(`alerts.rules.metric.${r.metric}`);
    const agg = r.metric === 'failure_ratio' ? '' : `${t(`alerts.rules.aggregate.${r.aggregate}`)} `;
    const value = r.metric === 'failure_ratio' ? `${r.threshold * 100}%` : `${r.threshold}${r.metric === 'latency' ? ' ms' : ''}`;
    return t('alerts.rules.sentence', { agg, what, op: r.op, value, minutes: r.windowMinutes });
  };

  return (
    <>
      <PageHeader
        title={t('alerts.rules.title')}
        subtitle={t('alerts.rules.subtitle')}
        extra={canManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="rule-create">{t('alerts.rules.create')}</Button>}
      />
      <Card>
        {rules.isError && <ErrorState title={t('alerts.rules.title')} message={errorMessage(rules.error)} retryLabel={t('common.retry')} onRetry={() => void rules.refetch()} />}
        <Table<AlertRule>
          rowKey="id"
          loading={rules.isFetching && !rules.data}
          dataSource={rules.data?.items ?? []}
          scroll={{ x: 1000 }}
          locale={{ emptyText: rules.isError ? ' ' : <EmptyState description={t('alerts.rules.empty')} action={canManage && <Button onClick={() => setCreating(true)}>{t('alerts.rules.create')}</Button>} /> }}
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: rules.data?.total ?? 0,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, size) => setPage({ page: size === page.pageSize ? p : 1, pageSize: size }),
          }}
          columns={[
            { title: t('alerts.common.name'), width: 200, render: (_, r) => <span data-testid={`rule-row-${r.name}`}>{r.name}</span> },
            { title: t('alerts.rules.fields.condition'), width: 300, render: (_, r) => <Typography.Text>{condition(r)}</Typography.Text> },
            { title: t('alerts.rules.fields.scope'), width: 180, render: (_, r) => (r.probeId ? t('alerts.rules.oneProbe') : r.probeKind ? t(`monitoring.kind.${r.probeKind as ProbeKindKey}`) : t('alerts.rules.allProbes')) },
            { title: t('alerts.columns.severity'), width: 90, render: (_, r) => <Tag>{t(`alerts.severity.${r.severity}`)}</Tag> },
            { title: t('alerts.common.org'), width: 140, render: (_, r) => r.orgName },
            {
              title: t('alerts.common.enabled'),
              width: 80,
              render: (_, r) => (
                <Switch size="small" checked={r.isEnabled} disabled={!canManage} loading={update.isPending && update.variables.id === r.id} onChange={(on) => update.mutate({ id: r.id, input: { isEnabled: on } }, { onError: (e) => void message.error(errorMessage(e)) })} />
              ),
            },
            {
              title: t('common.actions'),
              width: 140,
              fixed: 'right' as const,
              render: (_, r) =>
                canManage && (
                  <Flex gap={4}>
                    <Button size="small" type="link" onClick={() => setEditing(r)}>{t('common.edit')}</Button>
                    <ConfirmButton size="small" type="link" danger confirm={t('alerts.rules.confirmDelete', { name: r.name })} description={t('alerts.rules.deleteHint')} onConfirm={() => remove.mutate(r.id, { onSuccess: () => void message.success(t('common.deleted')), onError: (e) => void message.error(errorMessage(e)) })}>
                      {t('common.delete')}
                    </ConfirmButton>
                  </Flex>
                ),
            },
          ]}
          data-testid="rule-table"
        />
      </Card>
      <RuleFormModal open={isCreating || editing !== null} rule={editing} onClose={() => { setEditing(null); setCreating(false); }} />
    </>
  );
}
