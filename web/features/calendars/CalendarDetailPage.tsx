import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { App, Button, Card, Col, Row, Segmented, Skeleton, Space, Tag } from 'antd';
import { ArrowLeftOutlined, ImportOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api.ts';
import { can } from '../../app/permissions.ts';
import { useMe } from '../../app/session.tsx';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { BusinessTimeCalculator } from './BusinessTimeCalculator.tsx';
import { CoverageAlert } from './CoverageAlert.tsx';
import { DayEditModal } from './DayEditModal.tsx';
import { WeeklyHoursEditor } from './WeeklyHoursEditor.tsx';
import { YearGrid } from './YearGrid.tsx';
import { YearImportModal } from './YearImportModal.tsx';
import { useCalendar, useCalendarDays, useCalendarMutations } from './useCalendars.ts';

/** One work calendar: weekly hours, the year's holidays and 调休, import, and a business-time calculator. */
export function CalendarDetailPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const me = useMe();
  const calendar = useCalendar(id);
  const thisYear = dayjs().year();
  const [year, setYear] = useState(thisYear);
  const [picked, setPicked] = useState<string | null>(null);
  const [isImporting, setImporting] = useState(false);
  const days = useCalendarDays(id, year);
  const { update, remove } = useCalendarMutations();
  const canManage = can(me, 'calendar.manage');

  if (calendar.isPending) return <Skeleton active />;
  if (calendar.isError) return <ErrorState title={t('calendars.title')} message={errorMessage(calendar.error)} retryLabel={t('common.retry')} onRetry={() => void calendar.refetch()} />;
  const c = calendar.data;
  const onError = (e: unknown) => message.error(errorMessage(e));

  return (
    <>
      <PageHeader
        title={
          <Space>
            <Link to="/calendars" aria-label={t('common.back')}><ArrowLeftOutlined /></Link>
            {c.name}
            <Tag>{c.timeZone}</Tag>
            {c.followsNationalHolidays && <Tag color="blue">{t('calendars.fields.followsNationalHolidays')}</Tag>}
            {!c.isActive && <Tag>{t('common.inactive')}</Tag>}
          </Space>
        }
        subtitle={c.description ?? undefined}
        extra={
          canManage && (
            <>
              <ConfirmButton
                confirm={c.isActive ? t('calendars.confirmDeactivate') : t('calendars.confirmActivate')}
                loading={update.isPending}
                onConfirm={() => update.mutate({ id, input: { isActive: !c.isActive } }, { onSuccess: () => message.success(t('common.saved')), onError })}
              >
                {c.isActive ? t('calendars.deactivate') : t('calendars.activate')}
              </ConfirmButton>
              <ConfirmButton
                danger
                confirm={t('calendars.confirmDelete', { name: c.name })}
                loading={remove.isPending}
                onConfirm={() => remove.mutate(id, { onSuccess: () => { message.success(t('common.deleted')); void navigate('/calendars'); }, onError })}
              >
                {t('common.delete')}
              </ConfirmButton>
            </>
          )
        }
      />
      <CoverageAlert showLink={false} />
      <Card
        title={t('calendars.year.title', { year })}
        style={{ marginBottom: 16 }}
        extra={
          <Space>
            <Segmented<number> value={year} onChange={setYear} options={[thisYear - 1, thisYear, thisYear + 1].map((y) => ({ value: y, label: String(y) }))} data-testid="year-switch" />
            {canManage && (
              <Button icon={<ImportOutlined />} onClick={() => setImporting(true)} data-testid="year-import">
                {t('calendars.import.title')}
              </Button>
            )}
          </Space>
        }
      >
        <YearGrid calendarId={id} year={year} onPick={canManage ? setPicked : undefined} />
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <WeeklyHoursEditor key={c.updatedAt} calendar={c} canEdit={canManage} />
        </Col>
        <Col xs={24} xl={12}>
          <BusinessTimeCalculator calendar={c} />
        </Col>
      </Row>
      <DayEditModal calendarId={id} date={picked} entry={picked ? days.data?.find((d) => d.date === picked) : undefined} onClose={() => setPicked(null)} />
      <YearImportModal
        calendarId={id}
        open={isImporting}
        defaultYear={c.missingNextYear ? thisYear + 1 : year}
        onClose={(imported) => {
          setImporting(false);
          if (imported) setYear(imported);
        }}
      />
    </>
  );
}
