import { useState } from 'react';
import { Link } from 'react-router';
import { App, Button, Card, Flex, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { OnCallScheduleRecord } from '../../../shared/schemas/alerts.ts';
import { errorMessage } from '../../app/api.ts';
import { useOrgScope } from '../../app/org-scope.tsx';
import { can } from '../../app/permissions.ts';
import { useMe } from '../../app/session.tsx';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { NowOnCall } from './NowOnCall.tsx';
import { ScheduleFormDrawer } from './ScheduleFormDrawer.tsx';
import { useScheduleMutations, useSchedules } from './useOnCall.ts';
import { useUserDirectory } from './useUserDirectory.ts';

/** 值班表: schedules with who is on call now; create, edit, delete; open one for its calendar and overrides. */
export function SchedulesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const canManage = can(me, 'alert.manage');
  const scope = useOrgScope();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const schedules = useSchedules({ orgId: scope.orgId, ...page });
  const { nameOf } = useUserDirectory();
  const { remove } = useScheduleMutations();
  const [editing, setEditing] = useState<OnCallScheduleRecord | null>(null);
  const [isCreating, setCreating] = useState(false);

  return (
    <>
      <PageHeader
        title={t('alerts.schedules.title')}
        subtitle={t('alerts.schedules.subtitle')}
        extra={canManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="schedule-create">{t('alerts.schedules.create')}</Button>}
      />
      <Card>
        {schedules.isError && <ErrorState title={t('alerts.schedules.title')} message={errorMessage(schedules.error)} retryLabel={t('common.retry')} onRetry={() => void schedules.refetch()} />}
        <Table<OnCallScheduleRecord>
          rowKey="id"
          loading={schedules.isFetching && !schedules.data}
          dataSource={schedules.data?.items ?? []}
          scroll={{ x: 1000 }}
          locale={{ emptyText: schedules.isError ? ' ' : <EmptyState description={t('alerts.schedules.empty')} action={canManage && <Button onClick={() => setCreating(true)}>{t('alerts.schedules.create')}</Button>} /> }}
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: schedules.data?.total ?? 0,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, size) => setPage({ page: size === page.pageSize ? p : 1, pageSize: size }),
          }}
          columns={[
            {
              title: t('alerts.common.name'),
              width: 220,
              render: (_, s) => (
                <Flex vertical gap={2}>
                  <Link to={`/alerts/schedules/${s.id}`} data-testid={`schedule-row-${s.name}`}>{s.name}</Link>
                  {s.description && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{s.description}</Typography.Text>}
                </Flex>
              ),
            },
            { title: t('alerts.common.org'), width: 150, render: (_, s) => s.orgName },
            { title: t('alerts.schedules.nowOnCall'), width: 160, render: (_, s) => <NowOnCall scheduleId={s.id} /> },
            {
              title: t('alerts.schedules.layers'),
              render: (_, s) => (
                <Flex vertical gap={2}>
                  {s.rules.layers.map((l, i) => (
                    <Typography.Text key={i} style={{ fontSize: 13 }}>
                      <Typography.Text type="secondary">{l.name}（{t(`alerts.schedules.rotation.${l.kind}`)}）：</Typography.Text>
                      {l.participants.map(nameOf).join(' → ')}
                    </Typography.Text>
                  ))}
                </Flex>
              ),
            },
            ...(canManage
              ? [
                  {
                    title: t('common.actions'),
                    width: 130,
                    fixed: 'right' as const,
                    render: (_: unknown, s: OnCallScheduleRecord) => (
                      <Flex gap={4}>
                        <Button size="small" type="link" onClick={() => setEditing(s)} data-testid="schedule-edit">{t('common.edit')}</Button>
                        <ConfirmButton
                          size="small"
                          type="link"
                          danger
                          confirm={t('alerts.schedules.confirmDelete', { name: s.name })}
                          description={t('alerts.schedules.deleteHint')}
                          onConfirm={() => remove.mutate(s.id, { onSuccess: () => void message.success(t('common.deleted')), onError: (e) => void message.error(errorMessage(e)) })}
                          data-testid="schedule-delete"
                        >
                          {t('common.delete')}
                        </ConfirmButton>
                      </Flex>
                    ),
                  },
                ]
              : []),
          ]}
          data-testid="schedule-table"
        />
      </Card>
      <ScheduleFormDrawer open={isCreating || editing !== null} schedule={editing} onClose={() => { setEditing(null); setCreating(false); }} />
    </>
  );
}
