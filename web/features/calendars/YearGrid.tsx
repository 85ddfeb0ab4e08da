import { useMemo } from 'react';
import { Col, Flex, Row, Skeleton, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api.ts';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { MonthGrid } from './MonthGrid.tsx';
import { useCalendarDays } from './useCalendars.ts';

type Props = { calendarId: string; year: number; onPick?: (date: string) => void };

/** Twelve month grids of one year with the holidays and make-up workdays of the calendar. */
export function YearGrid({ calendarId, year, onPick }: Props) {
  const { t } = useTranslation();
  const days = useCalendarDays(calendarId, year);
  const byDate = useMemo(() => new Map((days.data ?? []).map((d) => [d.date, d])), [days.data]);
  if (days.isPending) return <Skeleton active />;
  if (days.isError) return <ErrorState title={t('calendars.year.title', { year })} message={errorMessage(days.error)} retryLabel={t('common.retry')} onRetry={() => void days.refetch()} />;
  const holidays = days.data.filter((d) => d.kind === 'holiday').length;
  const workdays = days.data.length - holidays;
  return (
    <>
      <Flex gap={8} style={{ marginBottom: 12 }} wrap>
        <Tag color="red">{t('calendars.year.holidays', { n: holidays })}</Tag>
        <Tag color="blue">{t('calendars.year.workdays', { n: workdays })}</Tag>
        {days.data.length === 0 && <Tag color="warning">{t('calendars.year.noData', { year })}</Tag>}
      </Flex>
      <Row gutter={[24, 16]}>
        {Array.from({ length: 12 }, (_, m) => (
          <Col key={m} xs={24} sm={12} md={8} xl={6} xxl={4}>
            <MonthGrid year={year} month={m} days={byDate} onPick={onPick} />
          </Col>
        ))}
      </Row>
    </>
  );
}
