import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert, App, Button, Flex, Result, Skeleton, Steps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AssetImport, ImportRowAction } from '../../../shared/schemas/asset-imports.ts';
import { errorMessage } from '../../app/api.ts';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { ImportCommitStep, ImportResult } from './ImportCommitStep.tsx';
import { ImportHistoryTable } from './ImportHistoryTable.tsx';
import { ImportMappingCard } from './ImportMappingCard.tsx';
import { ImportRowsTable } from './ImportRowsTable.tsx';
import { ImportSummaryBar } from './ImportSummaryBar.tsx';
import { ImportUploadStep } from './ImportUploadStep.tsx';
import { useImport, useImportMutations } from './useImports.ts';

/**
 * 导入台账: /assets/import uploads a file; /assets/import/:importId is that import's preview, confirmation and result,
 * so a reload or the history table brings the user back to where they were.
 */
export function ImportPage() {
  const { importId } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const imp = useImport(importId);
  const [isConfirming, setConfirming] = useState(false);
  const status = imp.data?.status;
  const current = !importId ? 0 : status === 'committed' ? 2 : isConfirming ? 2 : 1;
  const restart = () => {
    setConfirming(false);
    void navigate('/assets/import');
  };

  return (
    <>
      <PageHeader title={t('assetImports.title')} subtitle={t('assetImports.subtitle')} />
      <Steps
        current={current}
        status={status === 'committed' ? 'finish' : undefined}
        style={{ marginBottom: 16 }}
        items={[{ title: t('assetImports.steps.upload') }, { title: t('assetImports.steps.preview') }, { title: t('assetImports.steps.commit') }]}
      />
      {!importId && (
        <Flex vertical gap={16}>
          <ImportUploadStep onUploaded={(i) => void navigate(`/assets/import/${i.id}`)} />
          <ImportHistoryTable />
        </Flex>
      )}
      {importId && imp.isPending && <Skeleton active />}
      {importId && imp.isError && <ErrorState title={t('assetImports.title')} message={errorMessage(imp.error)} retryLabel={t('common.retry')} onRetry={() => void imp.refetch()} />}
      {imp.data && status === 'committed' && <ImportResult imp={imp.data} onAgain={restart} />}
      {imp.data && (status === 'discarded' || status === 'failed') && (
        <Result status={status === 'failed' ? 'error' : 'info'} title={t(`assetImports.status.${status}`)} subTitle={imp.data.fileName} extra={<Button type="primary" onClick={restart}>{t('assetImports.again')}</Button>} />
      )}
      {imp.data && status === 'preview' && (isConfirming ? <ImportCommitStep imp={imp.data} onBack={() => setConfirming(false)} /> : <ImportPreview imp={imp.data} onNext={() => setConfirming(true)} onDiscarded={restart} />)}
    </>
  );
}

function ImportPreview({ imp, onNext, onDiscarded }: { imp: AssetImport; onNext: () => void; onDiscarded: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { discard } = useImportMutations();
  const [action, setAction] = useState<ImportRowAction | undefined>(imp.summary.error > 0 ? 'error' : undefined);
  return (
    <Flex vertical gap={16} data-testid="import-preview">
      <ImportSummaryBar summary={imp.summary} active={action} onPick={setAction} />
      <ImportMappingCard imp={imp} />
      <ImportRowsTable imp={imp} action={action} onAction={setAction} />
      {imp.summary.error > 0 && <Alert type="warning" showIcon title={t('assetImports.blocked', { count: imp.summary.error })} />}
      <Flex justify="space-between" gap={8}>
        <ConfirmButton
          danger
          confirm={t('assetImports.confirmDiscard')}
          loading={discard.isPending}
          onConfirm={() => discard.mutate(imp.id, { onSuccess: () => { void message.success(t('assetImports.discarded')); onDiscarded(); }, onError: (e) => void message.error(errorMessage(e)) })}
          data-testid="import-discard"
        >
          {t('assetImports.discard')}
        </ConfirmButton>
        <Flex gap={8}>
          <Link to="/assets/import"><Button>{t('common.back')}</Button></Link>
          <Button type="primary" onClick={onNext} data-testid="import-next">{t('assetImports.steps.commit')}</Button>
        </Flex>
      </Flex>
    </Flex>
  );
}
