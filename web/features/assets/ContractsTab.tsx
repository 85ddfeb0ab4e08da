import { useState } from 'react';
import { Link } from 'react-router';
import { App, Button, Flex, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { MaintenanceContract } from '../../../shared/schemas/assets.ts';
import { errorMessage } from '../../app/api.ts';
import { useOrgScope } from '../../app/org-scope.tsx';
import { can } from '../../app/permissions.ts';
import { useMe } from '../../app/session.tsx';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { formatFen } from './asset-format.ts';
import { ContractDocumentCell } from './ContractDocumentCell.tsx';
import { ContractFormModal } from './ContractFormModal.tsx';
import { useContractMutations, useContracts } from './useCatalog.ts';

/** 维保合同: period with days left, amount in ¥, covered assets, the contract document. */
export function ContractsTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const { orgId } = useOrgScope();
  const contracts = useContracts(orgId);
  const { remove } = useContractMutations();
  const [editing, setEditing] = useState<MaintenanceContract | 'new' | null>(null);
  const canManage = can(me, 'asset.manage');
  return (
    <>
      {canManage && (
        <Flex justify="flex-end" style={{ marginBottom: 12 }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="contract-create">{t('assetCatalog.contracts.create')}</Button>
        </Flex>
      )}
      {contracts.isError && <ErrorState title={t('assetCatalog.tabs.contracts')} message={errorMessage(contracts.error)} retryLabel={t('common.retry')} onRetry={() => void contracts.refetch()} />}
      <Table<MaintenanceContract>
        rowKey="id"
        size="small"
        loading={contracts.isPending}
        dataSource={contracts.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 1300 }}
        locale={{ emptyText: <EmptyState description={t('assetCatalog.contracts.empty')} /> }}
        columns={[
          {
            title: t('assetCatalog.contracts.fields.name'),
            width: 240,
            render: (_, c) => (
              <Space orientation="vertical" size={0}>
                <span>{c.name}</span>
                <Typography.Text type="secondary" code>{c.code}</Typography.Text>
              </Space>
            ),
          },
          { title: t('assetCatalog.contracts.fields.vendor'), width: 160, render: (_, c) => c.vendorName ?? '—' },
          {
            title: t('assetCatalog.contracts.fields.period'),
            width: 250,
            render: (_, c) => (
              <Space size={4} wrap>
                <span>{c.startsOn} ~ {c.endsOn}</span>
                {c.daysLeft < 0 ? (
                  <Tag color="red">{t('assetCatalog.contracts.expired')}</Tag>
                ) : (
                  <Tag color={c.daysLeft <= 90 ? 'orange' : 'green'}>{t('assetCatalog.contracts.daysLeft', { days: c.daysLeft })}</Tag>
                )}
              </Space>
            ),
          },
          { title: t('assetCatalog.contracts.fields.amount'), width: 150, align: 'right', render: (_, c) => <span data-testid="contract-cost-cell">{formatFen(c.costFen)}</span> },
          { title: t('assetCatalog.contracts.fields.assetCount'), width: 100, align: 'right', render: (_, c) => <Link to={`/assets?contractId=${c.id}`}>{c.assetCount}</Link> },
          { title: t('assetCatalog.contracts.document'), width: 230, render: (_, c) => <ContractDocumentCell contract={c} canManage={canManage} /> },
          ...(canManage
            ? [
                {
                  title: t('common.actions'),
                  width: 130,
                  render: (_: unknown, c: MaintenanceContract) => (
                    <Space size={0}>
                      <Button size="small" type="link" onClick={() => setEditing(c)}>{t('common.edit')}</Button>
                      <ConfirmButton
                        size="small"
                        type="link"
                        danger
                        confirm={t('assetCatalog.contracts.confirmDelete', { name: c.name })}
                        description={t('assetCatalog.contracts.deleteHint')}
                        onConfirm={() => remove.mutate(c.id, { onSuccess: () => void message.success(t('common.deleted')), onError: (e) => void message.error(errorMessage(e)) })}
                      >
                        {t('common.delete')}
                      </ConfirmButton>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <ContractFormModal open={editing !== null} contract={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
    </>
  );
}
