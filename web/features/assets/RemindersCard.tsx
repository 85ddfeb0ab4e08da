import { useState } from 'react';
import { Link } from 'react-router';
import { Card, Segmented, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Reminder } from '../../../shared/schemas/assets.ts';
import { errorMessage } from '../../app/api.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { useReminders } from './useAssets.ts';

const TYPE_COLOR: Record<Reminder['type'], string> = { warranty: 'orange', end_of_service: 'red', contract: 'purple' };

/** 到期提醒: warranty ends, end of service and contract ends within 30/90/180 days. */
export function RemindersCard({ orgId }: { orgId: string | undefined }) {
  const { t } = useTranslation();
  const [days, setDays] = useState(90);
  const reminders = useReminders(orgId, days);
  return (
    <Card
      size="small"
      title={t('assetOverview.reminders')}
      extra={<Segmented size="small" value={days} onChange={(v) => setDays(Number(v))} options={[30, 90, 180].map((d) => ({ value: d, label: t('assetOverview.reminderDays', { days: d }) }))} />}
      data-testid="reminders-card"
    >
      {reminders.isError && <ErrorState title={t('assetOverview.reminders')} message={errorMessage(reminders.error)} />}
      <Table<Reminder>
        size="small"
        rowKey={(r) => `${r.type}-${r.assetId ?? r.contractId}-${r.dueOn}`}
        loading={reminders.isFetching}
        dataSource={reminders.data?.items ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: <EmptyState description={t('assetOverview.remindersEmpty')} /> }}
        columns={[
          { title: t('assetOverview.reminderType'), width: 100, render: (_, r) => <Tag color={TYPE_COLOR[r.type]}>{t(`assetOverview.reminderTypes.${r.type}`)}</Tag> },
          {
            title: t('assets.fields.name'),
            render: (_, r) =>
              r.assetId ? (
                <Link to={`/assets/${r.assetId}`}>{r.code} · {r.name}</Link>
              ) : (
                <Link to="/assets/catalog/contracts">{r.code} · {r.name}</Link>
              ),
          },
          { title: t('assets.fields.org'), dataIndex: 'orgName', width: 160 },
          { title: t('assetOverview.dueOn'), dataIndex: 'dueOn', width: 110 },
          {
            title: t('assetOverview.daysLeft'),
            width: 110,
            align: 'right',
            render: (_, r) =>
              r.daysLeft < 0 ? <Typography.Text type="danger">{t('assetOverview.overdue', { days: -r.daysLeft })}</Typography.Text> : <Typography.Text type={r.daysLeft <= 30 ? 'warning' : undefined}>{r.daysLeft}</Typography.Text>,
          },
        ]}
      />
    </Card>
  );
}
