import { useState } from 'react';
import { Link } from 'react-router';
import { App, Badge, Button, Card, Flex, Segmented, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { MaintenanceWindow, MaintenanceWindowStatus } from '../../../shared/schemas/maintenance-windows.ts';
import { errorMessage } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';
import { useOrgScope } from '../../app/org-scope.tsx';
import { can } from '../../app/permissions.ts';
import { useMe } from '../../app/session.tsx';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { MaintenanceFormModal } from './MaintenanceFormModal.tsx';
import { useRecurrenceText } from './useRecurrenceText.ts';
import { useMaintenanceMutations, useMaintenanceWindows } from './useMaintenance.ts';

const STATUS_COLOR: Record<MaintenanceWindowStatus, string> = { active: 'blue', upcoming: 'cyan', past: 'default', cancelled: 'default' };
type StatusFilter = MaintenanceWindowStatus | 'all';

/** 维护窗口: planned maintenance that silences alerts and is left out of availability; filter by status, create, cancel. */
export function MaintenancePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const canManage = can(me, 'probe.manage');
  const scope = useOrgScope();
  const [status, setStatus] = useState<StatusFilter>('all');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const windows = useMaintenanceWindows({ orgId: scope.orgId, status: status === 'all' ? undefined : status, ...page });
  const { cancel } = useMaintenanceMutations();
  const recurrenceText = useRecurrenceText();
  const [isCreating, setCreating] = useState(false);

  const target = (w: MaintenanceWindow) => {
    if (w.scope === 'probe' && w.probeId) return <Link to={`/monitoring/probes/${w.probeId}`}>{w.probeName ?? w.probeId}</Link>;
    if (w.scope === 'asset' && w.assetId) return <Link to={`/assets/${w.assetId}`}>{w.assetName ?? w.assetId}</Link>;
    return w.orgName;
  };

  return (
    <>
      <PageHeader
        title={t('monitoring.maintenance.title')}
        subtitle={t('monitoring.maintenance.subtitle')}
        extra={canManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="maintenance-create">{t('monitoring.maintenance.create')}</Button>}
      />
      <Card>
        <Segmented<StatusFilter>
          value={status}
          onChange={(s) => {
            setStatus(s);
            setPage((p) => ({ ...p, page: 1 }));
          }}
          options={(['all', 'active', 'upcoming', 'past', 'cancelled'] as const).map((s) => ({ value: s, label: s === 'all' ? t('monitoring.probes.all') : t(`monitoring.maintenance.status.${s}`) }))}
          style={{ marginBottom: 16 }}
          data-testid="maintenance-status-filter"
        />
        {windows.isError && <ErrorState title={t('monitoring.maintenance.title')} message={errorMessage(windows.error)} retryLabel={t('common.retry')} onRetry={() => void windows.refetch()} />}
        <Table<MaintenanceWindow>
          rowKey="id"
          loading={windows.isFetching && !windows.data}
          dataSource={windows.data?.items ?? []}
          scroll={{ x: 1100 }}
          locale={{ emptyText: <EmptyState description={t('monitoring.maintenance.empty')} action={canManage && <Button onClick={() => setCreating(true)}>{t('monitoring.maintenance.create')}</Button>} /> }}
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: windows.data?.total ?? 0,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, size) => setPage({ page: size === page.pageSize ? p : 1, pageSize: size }),
          }}
          columns={[
            {
              title: t('monitoring.maintenance.fields.title'),
              width: 240,
              render: (_, w) => (
                <Flex vertical gap={2}>
                  <span data-testid={`maintenance-row-${w.title}`}>{w.title}</span>
                  {w.reason && <Typography.Text type="secondary" ellipsis={{ tooltip: w.reason }} style={{ fontSize: 12, maxWidth: 220 }}>{w.reason}</Typography.Text>}
                </Flex>
              ),
            },
            { title: t('monitoring.maintenance.fields.scope'), width: 120, render: (_, w) => t(`monitoring.maintenance.scope.${w.scope}`) },
            { title: t('monitoring.maintenance.fields.target'), width: 200, render: (_, w) => target(w) },
            {
              title: t('monitoring.maintenance.fields.schedule'),
              render: (_, w) => (w.recurrence ? <>{recurrenceText(w.recurrence)}<br /><Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(w.startsAt)} – {formatDateTime(w.endsAt)}</Typography.Text></> : <>{formatDateTime(w.startsAt)} – {formatDateTime(w.endsAt)}</>),
            },
            { title: t('monitoring.maintenance.fields.next'), width: 170, render: (_, w) => (w.nextOccurrence ? formatDateTime(w.nextOccurrence.start) : '—') },
            {
              title: t('common.status'),
              width: 150,
              render: (_, w) => (
                <Flex gap={4} wrap>
                  <Tag color={STATUS_COLOR[w.status]} data-testid="maintenance-status">{t(`monitoring.maintenance.status.${w.status}`)}</Tag>
                  {w.isActiveNow && <Badge status="processing" text={t('monitoring.maintenance.activeNow')} />}
                </Flex>
              ),
            },
            { title: t('monitoring.maintenance.fields.createdBy'), width: 120, render: (_, w) => w.createdByName ?? '—' },
            ...(canManage
              ? [
                  {
                    title: t('common.actions'),
                    width: 110,
                    fixed: 'right' as const,
                    render: (_: unknown, w: MaintenanceWindow) =>
                      w.status === 'active' || w.status === 'upcoming' ? (
                        <ConfirmButton
                          size="small"
                          type="link"
                          danger
                          confirm={t('monitoring.maintenance.confirmCancel', { title: w.title })}
                          description={t('monitoring.maintenance.cancelHint')}
                          onConfirm={() => cancel.mutate(w.id, { onSuccess: () => void message.success(t('monitoring.maintenance.cancelled')), onError: (e) => void message.error(errorMessage(e)) })}
                          data-testid="maintenance-cancel"
                        >
                          {t('monitoring.maintenance.cancel')}
                        </ConfirmButton>
                      ) : null,
                  },
                ]
              : []),
          ]}
          data-testid="maintenance-table"
        />
      </Card>
      <MaintenanceFormModal open={isCreating} onClose={() => setCreating(false)} />
    </>
  );
}
