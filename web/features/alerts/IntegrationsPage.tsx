import { useState } from 'react';
import { App, Button, Card, Drawer, Flex, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { AlertIntegration } from '../../../shared/schemas/alerts.ts';
import { errorMessage } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';
import { useOrgScope } from '../../app/org-scope.tsx';
import { can } from '../../app/permissions.ts';
import { useMe } from '../../app/session.tsx';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useMonitoringFormat, useNow } from '../monitoring/useMonitoringFormat.ts';
import { absoluteUrl } from './alert-format.ts';
import { IntegrationFormModal } from './IntegrationFormModal.tsx';
import { IntegrationGuide } from './IntegrationGuide.tsx';
import { useIntegrationMutations, useIntegrations } from './useAlertConfig.ts';

/** 告警接入: Alertmanager, Zabbix and webhook sources with their endpoint and traffic; create, edit, enable, delete, and how to connect. */
export function IntegrationsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const canManage = can(me, 'alert.manage');
  const scope = useOrgScope();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const integrations = useIntegrations({ orgId: scope.orgId, ...page });
  const { update, remove } = useIntegrationMutations();
  const { ago } = useMonitoringFormat();
  const nowMs = useNow();
  const [editing, setEditing] = useState<AlertIntegration | null>(null);
  const [isCreating, setCreating] = useState(false);
  const [guideFor, setGuideFor] = useState<AlertIntegration | null>(null);

  return (
    <>
      <PageHeader
        title={t('alerts.integrations.title')}
        subtitle={t('alerts.integrations.subtitle')}
        extra={canManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="integration-create">{t('alerts.integrations.create')}</Button>}
      />
      <Card>
        {integrations.isError && <ErrorState title={t('alerts.integrations.title')} message={errorMessage(integrations.error)} retryLabel={t('common.retry')} onRetry={() => void integrations.refetch()} />}
        <Table<AlertIntegration>
          rowKey="id"
          loading={integrations.isFetching && !integrations.data}
          dataSource={integrations.data?.items ?? []}
          scroll={{ x: 1100 }}
          locale={{ emptyText: integrations.isError ? ' ' : <EmptyState description={t('alerts.integrations.empty')} action={canManage && <Button onClick={() => setCreating(true)}>{t('alerts.integrations.create')}</Button>} /> }}
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: integrations.data?.total ?? 0,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, size) => setPage({ page: size === page.pageSize ? p : 1, pageSize: size }),
          }}
          columns={[
            { title: t('alerts.common.name'), width: 200, render: (_, i) => <span data-testid={`integration-row-${i.name}`}>{i.name}</span> },
            { title: t('alerts.integrations.fields.kind'), width: 130, render: (_, i) => <Tag>{t(`alerts.integrations.kind.${i.kind}`)}</Tag> },
            { title: t('alerts.common.org'), width: 140, render: (_, i) => i.orgName },
            { title: t('alerts.integrations.guide.endpoint'), width: 280, render: (_, i) => <Typography.Text code copyable={{ text: absoluteUrl(window.location.origin, i.endpoint) }}>{i.endpoint}</Typography.Text> },
            {
              title: t('alerts.integrations.columns.received'),
              width: 150,
              render: (_, i) =>
                i.lastReceivedAt ? (
                  <Tooltip title={formatDateTime(i.lastReceivedAt)}>
                    {ago(i.lastReceivedAt, nowMs)} · {i.receivedCount}
                  </Tooltip>
                ) : (
                  <Typography.Text type="secondary">{t('alerts.integrations.neverReceived')}</Typography.Text>
                ),
            },
            {
              title: t('alerts.common.enabled'),
              width: 80,
              render: (_, i) => (
                <Switch
                  size="small"
                  checked={i.isEnabled}
                  disabled={!canManage}
                  loading={update.isPending && update.variables.id === i.id}
                  onChange={(on) => update.mutate({ id: i.id, input: { isEnabled: on } }, { onError: (e) => void message.error(errorMessage(e)) })}
                  data-testid="integration-toggle"
                />
              ),
            },
            {
              title: t('common.actions'),
              width: 220,
              fixed: 'right' as const,
              render: (_, i) => (
                <Flex gap={4}>
                  <Button size="small" type="link" onClick={() => setGuideFor(i)} data-testid="integration-guide-open">{t('alerts.integrations.guide.open')}</Button>
                  {canManage && <Button size="small" type="link" onClick={() => setEditing(i)} data-testid="integration-edit">{t('common.edit')}</Button>}
                  {canManage && (
                    <ConfirmButton
                      size="small"
                      type="link"
                      danger
                      confirm={t('alerts.integrations.confirmDelete', { name: i.name })}
                      description={t('alerts.integrations.deleteHint')}
                      onConfirm={() => remove.mutate(i.id, { onSuccess: () => void message.success(t('common.deleted')), onError: (e) => void message.error(errorMessage(e)) })}
                      data-testid="integration-delete"
                    >
                      {t('common.delete')}
                    </ConfirmButton>
                  )}
                </Flex>
              ),
            },
          ]}
          data-testid="integration-table"
        />
      </Card>
      <IntegrationFormModal open={isCreating || editing !== null} integration={editing} onClose={() => { setEditing(null); setCreating(false); }} onCreated={setGuideFor} />
      <Drawer open={guideFor !== null} onClose={() => setGuideFor(null)} size={720} title={t('alerts.integrations.guide.title', { name: guideFor?.name ?? '' })} destroyOnHidden>
        {guideFor && <IntegrationGuide integration={guideFor} />}
      </Drawer>
    </>
  );
}
