import { Link } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Flex, Result } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { AssetImport } from '../../../shared/schemas/asset-imports.ts';
import { ApiError, errorMessage } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { formatBytes } from './asset-format.ts';
import { importReportUrl } from './imports.api.ts';
import { useImportMutations } from './useImports.ts';

type Props = { imp: AssetImport; onBack: () => void };

/** Step 3: what will happen, refused while rows with errors are not skipped; all rows land or none. */
export function ImportCommitStep({ imp, onBack }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { commit } = useImportMutations();
  const s = imp.summary;
  const isBlocked = s.error > 0;
  const isEmpty = s.create + s.update === 0;
  const onCommit = () =>
    commit.mutate(imp.id, {
      onError: (e) => {
        // 409 asset_import.has_errors: someone changed the preview meanwhile; the server's message says why
        void message.error(errorMessage(e));
        if (e instanceof ApiError && e.status === 409) onBack();
      },
    });
  return (
    <Card size="small" title={t('assetImports.steps.commit')} data-testid="import-commit-step">
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('assetImports.fields.file')}>{t('assetImports.fileWithSize', { name: imp.fileName, size: formatBytes(imp.fileSizeBytes) })}</Descriptions.Item>
        <Descriptions.Item label={t('assetImports.fields.createdBy')}>{imp.createdByName ?? imp.createdBy}</Descriptions.Item>
        <Descriptions.Item label={t('assetImports.fields.createdAt')}>{formatDateTime(imp.createdAt)}</Descriptions.Item>
        <Descriptions.Item label={t('assetImports.summary.create')}>{s.create}</Descriptions.Item>
        <Descriptions.Item label={t('assetImports.summary.update')}>{s.update}</Descriptions.Item>
        <Descriptions.Item label={t('assetImports.summary.skip')}>{s.skip}</Descriptions.Item>
      </Descriptions>
      {isBlocked && <Alert type="error" showIcon title={t('assetImports.blocked', { count: s.error })} style={{ marginBottom: 16 }} data-testid="import-blocked" />}
      {!isBlocked && isEmpty && <Alert type="warning" showIcon title={t('assetImports.nothingToImport')} style={{ marginBottom: 16 }} />}
      {!isBlocked && !isEmpty && <Alert type="info" showIcon title={t('assetImports.commitHint')} style={{ marginBottom: 16 }} />}
      <Flex gap={8} justify="flex-end">
        <Button onClick={onBack}>{t('common.back')}</Button>
        <ConfirmButton
          type="primary"
          disabled={isBlocked || isEmpty}
          loading={commit.isPending}
          confirm={t('assetImports.commitConfirm', { create: s.create, update: s.update, skip: s.skip })}
          description={t('assetImports.commitHint')}
          onConfirm={onCommit}
          data-testid="import-commit"
        >
          {t('assetImports.commit')}
        </ConfirmButton>
      </Flex>
    </Card>
  );
}

/** After the commit: the counts, the report, the way back to the ledger. */
export function ImportResult({ imp, onAgain }: { imp: AssetImport; onAgain: () => void }) {
  const { t } = useTranslation();
  const r = imp.result ?? { created: 0, updated: 0, skipped: 0 };
  return (
    <Result
      status="success"
      title={t('assetImports.done')}
      subTitle={`${t('assetImports.doneDetail', { created: r.created, updated: r.updated, skipped: r.skipped })} · ${formatDateTime(imp.committedAt)}`}
      extra={[
        <Button key="report" icon={<DownloadOutlined />} href={importReportUrl(imp.id)} download data-testid="import-report">{t('assetImports.report')}</Button>,
        <Link key="ledger" to="/assets"><Button type="primary" data-testid="import-to-ledger">{t('assetImports.toLedger')}</Button></Link>,
        <Button key="again" onClick={onAgain}>{t('assetImports.again')}</Button>,
      ]}
      data-testid="import-result"
    />
  );
}
