import { useState } from 'react';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Card } from 'antd';
import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api.ts';
import { can } from '../../app/permissions.ts';
import { useMe } from '../../app/session.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { auditEventsKey, auditExportUrl, listAuditEvents, verifyAuditChain, type AuditFilters } from './audit.api.ts';
import { AuditEventTable } from './AuditEventTable.tsx';
import { AuditFilterBar } from './AuditFilterBar.tsx';
import { AuditPolicyCard } from './AuditPolicyCard.tsx';
import { AuditVerifyAlert } from './AuditVerifyAlert.tsx';

/** 审计日志 (审计管理员): search, export, verify the tamper-evident chain, set retention. */
export function AuditPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const [filters, setFilters] = useState<AuditFilters>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 50 });
  const query = { ...filters, ...paging };
  const events = useQuery({ queryKey: [...auditEventsKey, query], queryFn: () => listAuditEvents(query), placeholderData: keepPreviousData });
  const verify = useMutation({ mutationFn: verifyAuditChain, onError: (e) => message.error(errorMessage(e)) });

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        subtitle={t('audit.subtitle')}
        extra={
          <>
            {can(me, 'audit.export') && (
              <Button icon={<DownloadOutlined />} href={auditExportUrl(filters)} download data-testid="audit-export">
                {t('audit.export')}
              </Button>
            )}
            {can(me, 'audit.verify') && (
              <Button icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate()} data-testid="audit-verify">
                {t('audit.verify.button')}
              </Button>
            )}
          </>
        }
      />
      {verify.data && <AuditVerifyAlert result={verify.data} onClose={() => verify.reset()} />}
      <Card>
        <div style={{ marginBottom: 16 }}>
          <AuditFilterBar
            onApply={(f) => {
              setFilters(f);
              setPaging((p) => ({ ...p, page: 1 }));
            }}
          />
        </div>
        {events.isError && <ErrorState title={t('audit.title')} message={errorMessage(events.error)} retryLabel={t('common.retry')} onRetry={() => void events.refetch()} />}
        <AuditEventTable
          data={events.data}
          isLoading={events.isFetching}
          onPage={(page, pageSize) => setPaging((p) => ({ page: pageSize === p.pageSize ? page : 1, pageSize }))}
        />
      </Card>
      {can(me, 'audit.policy') && <AuditPolicyCard />}
    </>
  );
}
