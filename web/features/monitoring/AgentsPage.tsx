import { useState } from 'react';
import { App, Badge, Button, Card, Table, Tag, Tooltip, Typography } from 'antd';
import { PlusOutlined, WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Agent } from '../../../shared/schemas/agents.ts';
import { errorMessage } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';
import { useOrgScope } from '../../app/org-scope.tsx';
import { can } from '../../app/permissions.ts';
import { useMe } from '../../app/session.tsx';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { AgentRegisterModal } from './AgentRegisterModal.tsx';
import { formatSkew, isSkewWarning } from './monitoring-format.ts';
import { useAgentMutations, useAgents } from './useAgents.ts';
import { useMonitoringFormat, useNow } from './useMonitoringFormat.ts';

/** 边缘代理: agents inside hospital networks, their last contact, version, backlog and clock; register and revoke. */
export function AgentsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const canManage = can(me, 'agent.manage');
  const scope = useOrgScope();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const agents = useAgents({ orgId: scope.orgId, ...page });
  const { revoke } = useAgentMutations();
  const { ago } = useMonitoringFormat();
  const nowMs = useNow();
  const [isRegistering, setRegistering] = useState(false);

  const state = (a: Agent) =>
    a.revokedAt ? <Tag>{t('monitoring.agents.revoked')}</Tag> : <Badge status={a.isOnline ? 'success' : 'error'} text={t(a.isOnline ? 'monitoring.agents.online' : 'monitoring.agents.offline')} data-testid="agent-online" />;

  return (
    <>
      <PageHeader
        title={t('monitoring.agents.title')}
        subtitle={t('monitoring.agents.subtitle')}
        extra={canManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)} data-testid="agent-register">{t('monitoring.agents.register')}</Button>}
      />
      {agents.isError && <ErrorState title={t('monitoring.agents.title')} message={errorMessage(agents.error)} retryLabel={t('common.retry')} onRetry={() => void agents.refetch()} />}
      <Card>
        <Table<Agent>
          rowKey="id"
          loading={agents.isFetching && !agents.data}
          dataSource={agents.data?.items ?? []}
          scroll={{ x: 1100 }}
          locale={{ emptyText: agents.isError ? ' ' : <EmptyState description={t('monitoring.agents.empty')} action={canManage && <Button onClick={() => setRegistering(true)}>{t('monitoring.agents.register')}</Button>} /> }}
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: agents.data?.total ?? 0,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, size) => setPage({ page: size === page.pageSize ? p : 1, pageSize: size }),
          }}
          columns={[
            { title: t('monitoring.agents.columns.name'), width: 220, render: (_, a) => <span data-testid={`agent-row-${a.name}`}>{a.name}</span> },
            { title: t('common.status'), width: 100, render: (_, a) => state(a) },
            { title: t('monitoring.agents.columns.org'), width: 160, render: (_, a) => a.orgName },
            { title: t('monitoring.agents.columns.host'), width: 160, render: (_, a) => a.hostname ?? '—' },
            {
              title: t('monitoring.agents.columns.lastSeen'),
              width: 130,
              render: (_, a) => (a.lastSeenAt ? <Tooltip title={formatDateTime(a.lastSeenAt)}>{ago(a.lastSeenAt, nowMs)}</Tooltip> : <Typography.Text type="secondary">{t('monitoring.agents.never')}</Typography.Text>),
            },
            { title: t('monitoring.agents.columns.version'), width: 100, render: (_, a) => a.version ?? '—' },
            { title: t('monitoring.agents.columns.backlog'), width: 100, align: 'right', render: (_, a) => (a.backlog > 0 ? <Typography.Text type="warning">{a.backlog}</Typography.Text> : 0) },
            {
              title: t('monitoring.agents.columns.clockSkew'),
              width: 120,
              align: 'right',
              render: (_, a) =>
                isSkewWarning(a.clockSkewMs) ? (
                  <Tooltip title={t('monitoring.agents.skewWarning')}>
                    <Typography.Text type="danger" data-testid="agent-skew-warning"><WarningOutlined /> {formatSkew(a.clockSkewMs)}</Typography.Text>
                  </Tooltip>
                ) : (
                  formatSkew(a.clockSkewMs)
                ),
            },
            { title: t('monitoring.agents.columns.probes'), width: 90, align: 'right', render: (_, a) => a.probeCount },
            ...(canManage
              ? [
                  {
                    title: t('common.actions'),
                    width: 100,
                    fixed: 'right' as const,
                    render: (_: unknown, a: Agent) =>
                      a.revokedAt ? null : (
                        <ConfirmButton
                          size="small"
                          type="link"
                          danger
                          confirm={t('monitoring.agents.confirmRevoke', { name: a.name })}
                          description={t('monitoring.agents.revokeHint')}
                          onConfirm={() => revoke.mutate(a.id, { onSuccess: () => void message.success(t('monitoring.agents.revokedDone')), onError: (e) => void message.error(errorMessage(e)) })}
                          data-testid="agent-revoke"
                        >
                          {t('monitoring.agents.revoke')}
                        </ConfirmButton>
                      ),
                  },
                ]
              : []),
          ]}
          data-testid="agent-table"
        />
      </Card>
      <AgentRegisterModal open={isRegistering} onClose={() => setRegistering(false)} />
    </>
  );
}
