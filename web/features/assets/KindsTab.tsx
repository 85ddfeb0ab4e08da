import { useState } from 'react';
import { App, Button, Flex, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { AssetKind } from '../../../shared/schemas/assets.ts';
import { errorMessage } from '../../app/api.ts';
import { can } from '../../app/permissions.ts';
import { useMe } from '../../app/session.tsx';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { fieldLabel, localName } from './asset-format.ts';
import { kindTemplateUrl } from './catalog.api.ts';
import { KindFormModal } from './KindFormModal.tsx';
import { useKindMutations, useKinds } from './useCatalog.ts';

/** 资产类型: the platform-wide kinds and their typed fields; 系统管理员 (asset_kind.manage) adds kinds and fields. */
export function KindsTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const kinds = useKinds();
  const { remove } = useKindMutations();
  const [editing, setEditing] = useState<AssetKind | 'new' | null>(null);
  const canManage = can(me, 'asset_kind.manage');
  return (
    <>
      {canManage && (
        <Flex justify="flex-end" style={{ marginBottom: 12 }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="kind-create">{t('assetCatalog.kinds.create')}</Button>
        </Flex>
      )}
      {kinds.isError && <ErrorState title={t('assetCatalog.tabs.kinds')} message={errorMessage(kinds.error)} retryLabel={t('common.retry')} onRetry={() => void kinds.refetch()} />}
      <Table<AssetKind>
        rowKey="id"
        size="small"
        loading={kinds.isPending}
        dataSource={kinds.data ?? []}
        pagination={false}
        locale={{ emptyText: <EmptyState description={t('assetCatalog.kinds.empty')} /> }}
        expandable={{
          expandedRowRender: (k) => (
            <Space size={[4, 8]} wrap>
              {k.fields.map((f) => (
                <Tag key={f.key} color={f.isBuiltin ? 'default' : 'blue'}>
                  {fieldLabel(f)} · {t(`assetCatalog.kinds.types.${f.type}`)}
                  {f.unit ? ` (${f.unit})` : ''}
                  {f.required ? ' *' : ''}
                </Tag>
              ))}
            </Space>
          ),
          rowExpandable: (k) => k.fields.length > 0,
        }}
        columns={[
          {
            title: t('assetCatalog.kinds.fields.name'),
            render: (_, k) => (
              <Space>
                {localName(k)}
                <Typography.Text type="secondary" code>{k.key}</Typography.Text>
              </Space>
            ),
          },
          { title: t('assetCatalog.kinds.fields.category'), width: 120, render: (_, k) => t(`assetCatalog.kinds.categories.${k.category}`) },
          { title: t('assetCatalog.kinds.fields.codePrefix'), width: 110, dataIndex: 'codePrefix' },
          { title: t('assetCatalog.kinds.fields.fields'), width: 110, render: (_, k) => t('assetCatalog.kinds.fieldCount', { count: k.fields.length }) },
          { title: '', width: 80, render: (_, k) => (k.isBuiltin ? <Tag>{t('assetCatalog.kinds.builtin')}</Tag> : <Tag color="blue">{t('assetCatalog.kinds.custom')}</Tag>) },
          {
            title: t('common.actions'),
            width: 230,
            render: (_, k) => (
              <Space size={0}>
                <Button size="small" type="link" icon={<DownloadOutlined />} href={kindTemplateUrl(k.id)} download>{t('assetCatalog.kinds.template')}</Button>
                {canManage && <Button size="small" type="link" onClick={() => setEditing(k)} data-testid={`kind-edit-${k.key}`}>{t('common.edit')}</Button>}
                {canManage && !k.isBuiltin && (
                  <ConfirmButton
                    size="small"
                    type="link"
                    danger
                    confirm={t('assetCatalog.kinds.confirmDelete', { name: localName(k) })}
                    description={t('assetCatalog.kinds.deleteHint')}
                    onConfirm={() => remove.mutate(k.id, { onSuccess: () => void message.success(t('common.deleted')), onError: (e) => void message.error(errorMessage(e)) })}
                  >
                    {t('common.delete')}
                  </ConfirmButton>
                )}
              </Space>
            ),
          },
        ]}
      />
      <KindFormModal open={editing !== null} kind={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
    </>
  );
}
