import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api.ts';
import { coverageKey, fetchCoverage } from '../calendars/calendars.api.ts';

/** Holiday data for next year: fine, or which calendars still need it. */
export function CoverageCard() {
  const { t } = useTranslation();
  const coverage = useQuery({ queryKey: coverageKey, queryFn: fetchCoverage, staleTime: 300_000 });
  const body = () => {
    if (coverage.isPending) return <Skeleton active paragraph={{ rows: 2 }} />;
    if (coverage.isError) return <Alert type="error" showIcon title={errorMessage(coverage.error)} />;
    const { missing, nextYear } = coverage.data;
    if (missing.length === 0) return <Alert type="success" showIcon title={t('calendars.coverage.ok', { year: nextYear })} />;
    return (
      <Alert
        type="warning"
        showIcon
        title={t('calendars.coverage.missing', { count: missing.length, year: nextYear })}
        description={missing.map((c) => c.name).join(t('common.listSeparator'))}
        action={<Link to="/calendars">{t('calendars.coverage.fix')}</Link>}
      />
    );
  };
  return (
    <Card title={t('dashboard.coverage')} data-testid="card-coverage">
      {body()}
    </Card>
  );
}
