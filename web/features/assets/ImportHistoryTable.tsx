import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { AssetImport } from '../../../shared/schemas/asset-imports.ts';
import { errorMessage } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';
import { useOrgScope } from '../../app/org-scope.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { formatBytes } from './asset-format.ts';
import { importReportUrl } from './imports.api.ts';
import { useImports } from './useImports.ts';

const STATUS_COLOR: Record<AssetImport['status'], string> = { preview: 'processing', committed: 'success', failed: 'error', discarded: 'default' };

/** 导入历史: who imported which file when, with what result, and its row report. */
export function ImportHistoryTable() {
  const { t } = useTranslation();
  const { orgId } = useOrgScope();
  const [paging, setPaging] = useState({ page: 1, pageSize: 10 });
  const imports = useImports({ ...paging, orgId });
  return (
    <Card size="small" title={t('assetImports.history')} data-testid="import-history">
      {imports.isError && <ErrorState title={t('assetImports.history')} message={errorMessage(imports.error)} retryLabel={t('common.retry')} onRetry={() => void imports.refetch()} />}
      <Table<AssetImport>
        size="small"
        rowKey="id"
        loading={imports.isFetching}
        dataSource={imports.data?.items ?? []}
        locale={{ emptyText: <EmptyState description={t('assetImports.historyEmpty')} /> }}
        pagination={{ current: paging.page, pageSize: paging.pageSize, total: imports.data?.total ?? 0, hideOnSinglePage: true, onChange: (page, pageSize) => setPaging({ page, pageSize }) }}
        columns={[
          {
            title: t('assetImports.fields.file'),
            render: (_, i) => (
              <Space orientation="vertical" size={0}>
                <Link to={`/assets/import/${i.id}`}>{i.fileName}</Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatBytes(i.fileSizeBytes)}</Typography.Text>
              </Space>
            ),
          },
          { title: t('assetImports.fields.createdBy'), width: 120, render: (_, i) => i.createdByName ?? i.createdBy },
          { title: t('assetImports.fields.createdAt'), width: 170, render: (_, i) => formatDateTime(i.createdAt) },
          {
            title: t('assetImports.fields.result'),
            width: 150,
            render: (_, i) => (i.result ? `${i.result.created} / ${i.result.updated} / ${i.result.skipped}` : `${i.summary.create} / ${i.summary.update} / ${i.summary.skip}`),
          },
          { title: t('assetImports.fields.status'), width: 110, render: (_, i) => <Tag color={STATUS_COLOR[i.status]}>{t(`assetImports.status.${i.status}`)}</Tag> },
          {
            title: t('common.actions'),
            width: 150,
            render: (_, i) =>
              i.status === 'preview' ? (
                <Link to={`/assets/import/${i.id}`}>{t('assetImports.resume')}</Link>
              ) : i.status === 'committed' ? (
                <Button size="small" type="link" icon={<DownloadOutlined />} href={importReportUrl(i.id)} download>{t('assetImports.report')}</Button>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}
