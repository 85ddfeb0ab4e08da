import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Card, Flex, Table, Tooltip, Typography } from 'antd';
import { CloudUploadOutlined, DownloadOutlined, EditOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Asset } from '../../../shared/schemas/assets.ts';
import { errorMessage } from '../../app/api.ts';
import { can } from '../../app/permissions.ts';
import { useMe } from '../../app/session.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { SORTABLE, useAssetColumns } from './asset-columns.tsx';
import { formatCount } from './asset-format.ts';
import { assetExportUrl } from './assets.api.ts';
import { AssetFilterBar } from './AssetFilterBar.tsx';
import { BulkEditDrawer } from './BulkEditDrawer.tsx';
import { labelsUrl, MAX_LABELS } from './labels-url.ts';
import { SavedFilters } from './SavedFilters.tsx';
import { useAssetFilters } from './useAssetFilters.ts';
import { useAssetList } from './useAssets.ts';

/** 资产台账: server-side paged, filtered by the header's organisation scope and the filter bar; bulk edit, export, labels. */
export function AssetsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { filters, page, pageSize, setFilters, setPage, reset, query, applyQuery } = useAssetFilters();
  const assets = useAssetList({ ...filters, page, pageSize });
  const columns = useAssetColumns(filters.sort);
  const [selected, setSelected] = useState<string[]>([]);
  const [isBulkOpen, setBulkOpen] = useState(false);
  const canManage = can(me, 'asset.manage');

  return (
    <>
      <PageHeader
        title={t('assets.title')}
        subtitle={t('assets.subtitle')}
        extra={
          <>
            <Tooltip title={t('assets.exportHint')}>
              <Button icon={<DownloadOutlined />} href={assetExportUrl(filters)} download data-testid="asset-export">
                {t('assets.export')}
              </Button>
            </Tooltip>
            {canManage && (
              <Link to="/assets/import">
                <Button icon={<CloudUploadOutlined />} data-testid="asset-import">{t('assets.importLedger')}</Button>
              </Link>
            )}
            {canManage && (
              <Link to="/assets/new">
                <Button type="primary" icon={<PlusOutlined />} data-testid="asset-create">{t('assets.create')}</Button>
              </Link>
            )}
          </>
        }
      />
      <Card>
        <AssetFilterBar filters={filters} onChange={setFilters} onReset={reset} extra={<SavedFilters query={query} onApply={applyQuery} />} />
        {selected.length > 0 && (
          <Flex align="center" gap={12} style={{ marginBottom: 12, padding: '8px 12px', background: '#e6f4ff', borderRadius: 6 }} data-testid="asset-selection">
            <Typography.Text>{t('assets.selected', { count: selected.length })}</Typography.Text>
            {canManage && (
              <Button size="small" icon={<EditOutlined />} onClick={() => setBulkOpen(true)} data-testid="asset-bulk-edit">
                {t('assets.bulkEdit')}
              </Button>
            )}
            <Tooltip title={selected.length > MAX_LABELS ? t('assets.labels.tooMany', { max: MAX_LABELS }) : undefined}>
              <Button size="small" icon={<PrinterOutlined />} disabled={selected.length > MAX_LABELS} href={labelsUrl(selected)} target="_blank" data-testid="asset-print-labels">
                {t('assets.printLabels')}
              </Button>
            </Tooltip>
            <Button size="small" type="link" onClick={() => setSelected([])}>{t('assets.clearSelection')}</Button>
          </Flex>
        )}
        {assets.isError && <ErrorState title={t('assets.title')} message={errorMessage(assets.error)} retryLabel={t('common.retry')} onRetry={() => void assets.refetch()} />}
        <Table<Asset>
          rowKey="id"
          size="middle"
          loading={assets.isFetching}
          dataSource={assets.data?.items ?? []}
          columns={columns}
          scroll={{ x: 1480 }}
          rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)), preserveSelectedRowKeys: true }}
          locale={{
            emptyText: (
              <EmptyState
                description={t('assets.empty')}
                action={canManage && <Link to="/assets/import"><Button type="primary">{t('assets.importLedger')}</Button></Link>}
              />
            ),
          }}
          onChange={(_pagination, _filters, sorter, extra) => {
            if (extra.action !== 'sort' || Array.isArray(sorter)) return;
            const key = String(sorter.columnKey);
            const field = key in SORTABLE ? SORTABLE[key as keyof typeof SORTABLE] : undefined;
            setFilters({ sort: field && sorter.order ? (sorter.order === 'descend' ? `-${field}` : field) : undefined });
          }}
          pagination={{
            current: page,
            pageSize,
            total: assets.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            // The server stops counting 10,000 rows past the page (1,000 for a search): "10,000+", and the pager reaches
            // every page up to there; the cap moves on with the page.
            showTotal: (total) => (assets.data?.isTotalCapped ? t('assets.totalCapped', { total: formatCount(total) }) : t('common.total', { total })),
            onChange: (p, size) => setPage(size === pageSize ? p : 1, size),
          }}
          data-testid="asset-table"
        />
      </Card>
      <BulkEditDrawer
        ids={selected}
        orgId={filters.orgId}
        open={isBulkOpen}
        onClose={() => setBulkOpen(false)}
        onDone={() => {
          setBulkOpen(false);
          setSelected([]);
        }}
      />
    </>
  );
}
