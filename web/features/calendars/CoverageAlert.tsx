import { useQuery } from '@tanstack/react-query';
import { Alert } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { coverageKey, fetchCoverage } from './calendars.api.ts';

/** Warns when some work calendars have no holiday data for next year (SLA timers would silently miscount). */
export function CoverageAlert({ showLink = true }: { showLink?: boolean }) {
  const { t } = useTranslation();
  const coverage = useQuery({ queryKey: coverageKey, queryFn: fetchCoverage, staleTime: 300_000 });
  if (!coverage.data || coverage.data.missing.length === 0) return null;
  const { missing, nextYear } = coverage.data;
  return (
    <Alert
      type="warning"
      showIcon
      banner
      data-testid="coverage-alert"
      title={t('calendars.coverage.missing', { count: missing.length, year: nextYear })}
      description={missing.map((c) => c.name).join(t('common.listSeparator'))}
      action={showLink ? <Link to="/calendars">{t('calendars.coverage.fix')}</Link> : undefined}
      style={{ marginBottom: 16 }}
    />
  );
}
