import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined, WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { WorkCalendar } from '../../../shared/schemas/calendars.ts';
import { errorMessage } from '../../app/api.ts';
import { can } from '../../app/permissions.ts';
import { useMe } from '../../app/session.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useOrganisations } from '../organisations/useOrganisations.ts';
import { CalendarFormModal } from './CalendarFormModal.tsx';
import { CoverageAlert } from './CoverageAlert.tsx';
import { useCalendars } from './useCalendars.ts';

/** 工作日历: the business-hours calendars SLA timers run on. */
export function CalendarsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const calendars = useCalendars();
  const orgs = useOrganisations(can(me, 'org.read'));
  const [isCreating, setCreating] = useState(false);
  const orgName = (id: string | null) => (id ? (orgs.data?.find((o) => o.id === id)?.name ?? '—') : t('calendars.platformWide'));
  const canManage = can(me, 'calendar.manage');

  return (
    <>
      <PageHeader
        title={t('calendars.title')}
        subtitle={t('calendars.subtitle')}
        extra={canManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('calendars.create')}</Button>}
      />
      <CoverageAlert showLink={false} />
      {calendars.isError && <ErrorState title={t('calendars.title')} message={errorMessage(calendars.error)} retryLabel={t('common.retry')} onRetry={() => void calendars.refetch()} />}
      <Card>
        <Table<WorkCalendar>
          rowKey="id"
          loading={calendars.isPending}
          dataSource={calendars.data ?? []}
          pagination={false}
          locale={{
            emptyText: (
              <EmptyState
                description={t('calendars.empty')}
                action={canManage && <Button type="primary" onClick={() => setCreating(true)}>{t('calendars.create')}</Button>}
              />
            ),
          }}
          columns={[
            {
              title: t('calendars.fields.name'),
              render: (_, c) => (
                <Space orientation="vertical" size={0}>
                  <Link to={`/calendars/${c.id}`} data-testid={`calendar-link-${c.name}`}>{c.name}</Link>
                  {c.description && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{c.description}</Typography.Text>}
                </Space>
              ),
            },
            { title: t('calendars.fields.org'), render: (_, c) => orgName(c.orgId) },
            { title: t('calendars.fields.timeZone'), dataIndex: 'timeZone', width: 140 },
            {
              title: t('calendars.fields.coveredYears'),
              render: (_, c) => (
                <Space size={[0, 4]} wrap>
                  {c.coveredYears.slice(-4).map((y) => <Tag key={y}>{y}</Tag>)}
                  {c.missingNextYear && <Tag color="warning" icon={<WarningOutlined />}>{t('calendars.missingNextYear')}</Tag>}
                </Space>
              ),
            },
            {
              title: t('calendars.fields.followsNationalHolidays'),
              width: 120,
              render: (_, c) => (c.followsNationalHolidays ? <Tag color="blue">{t('common.yes')}</Tag> : <Tag>{t('common.no')}</Tag>),
            },
            { title: t('common.status'), width: 90, render: (_, c) => (c.isActive ? <Tag color="green">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>) },
          ]}
        />
      </Card>
      <CalendarFormModal open={isCreating} onClose={() => setCreating(false)} onCreated={(c) => { setCreating(false); void navigate(`/calendars/${c.id}`); }} />
    </>
  );
}
