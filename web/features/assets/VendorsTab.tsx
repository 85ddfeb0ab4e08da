import { useState } from 'react';
import { App, Button, Flex, Space, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Vendor } from '../../../shared/schemas/assets.ts';
import { errorMessage } from '../../app/api.ts';
import { useOrgScope } from '../../app/org-scope.tsx';
import { can } from '../../app/permissions.ts';
import { useMe } from '../../app/session.tsx';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { VendorFormModal } from './VendorFormModal.tsx';
import { useVendorMutations, useVendors } from './useCatalog.ts';

/** 厂商: suppliers and maintainers with their contacts. */
export function VendorsTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const { orgId } = useOrgScope();
  const vendors = useVendors(orgId);
  const { remove } = useVendorMutations();
  const [editing, setEditing] = useState<Vendor | 'new' | null>(null);
  const canManage = can(me, 'asset.manage');
  return (
    <>
      {canManage && (
        <Flex justify="flex-end" style={{ marginBottom: 12 }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="vendor-create">{t('assetCatalog.vendors.create')}</Button>
        </Flex>
      )}
      {vendors.isError && <ErrorState title={t('assetCatalog.tabs.vendors')} message={errorMessage(vendors.error)} retryLabel={t('common.retry')} onRetry={() => void vendors.refetch()} />}
      <Table<Vendor>
        rowKey="id"
        size="small"
        loading={vendors.isPending}
        dataSource={vendors.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: <EmptyState description={t('assetCatalog.vendors.empty')} /> }}
        columns={[
          { title: t('assetCatalog.vendors.fields.name'), dataIndex: 'name' },
          { title: t('assetCatalog.vendors.fields.contactName'), width: 120, render: (_, v) => v.contactName ?? '—' },
          { title: t('assetCatalog.vendors.fields.contactPhone'), width: 140, render: (_, v) => v.contactPhone ?? '—' },
          { title: t('assetCatalog.vendors.fields.email'), width: 200, render: (_, v) => v.email ?? '—' },
          { title: t('assetCatalog.vendors.fields.notes'), ellipsis: true, render: (_, v) => v.notes ?? '' },
          ...(canManage
            ? [
                {
                  title: t('common.actions'),
                  width: 140,
                  render: (_: unknown, v: Vendor) => (
                    <Space size={0}>
                      <Button size="small" type="link" onClick={() => setEditing(v)}>{t('common.edit')}</Button>
                      <ConfirmButton
                        size="small"
                        type="link"
                        danger
                        confirm={t('assetCatalog.vendors.confirmDelete', { name: v.name })}
                        description={t('assetCatalog.vendors.deleteHint')}
                        onConfirm={() => remove.mutate(v.id, { onSuccess: () => void message.success(t('common.deleted')), onError: (e) => void message.error(errorMessage(e)) })}
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
      <VendorFormModal open={editing !== null} vendor={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
    </>
  );
}
