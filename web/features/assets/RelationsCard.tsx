import { useState } from 'react';
import { Link } from 'react-router';
import { App, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { AssetRelation } from '../../../shared/schemas/assets.ts';
import { errorMessage } from '../../app/api.ts';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { AddRelationModal } from './AddRelationModal.tsx';
import { StatusTag } from './AssetTags.tsx';
import { useAssetMutations, useAssetRelations } from './useAssets.ts';

/** Relations in both directions: "运行于 X" for outgoing ones, "承载 Y" for incoming ones. */
export function RelationsCard({ assetId, canManage }: { assetId: string; canManage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const relations = useAssetRelations(assetId);
  const { removeRelation } = useAssetMutations();
  const [isAdding, setAdding] = useState(false);
  return (
    <Card
      size="small"
      title={t('assets.detail.relations')}
      extra={canManage && <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="relation-add">{t('assets.relations.add')}</Button>}
      data-testid="relations-card"
    >
      {relations.isError && <ErrorState title={t('assets.detail.relations')} message={errorMessage(relations.error)} />}
      <Table<AssetRelation>
        rowKey="id"
        size="small"
        loading={relations.isPending}
        pagination={false}
        dataSource={relations.data ?? []}
        locale={{ emptyText: <EmptyState description={t('assets.relations.empty')} /> }}
        columns={[
          {
            title: t('assets.relations.kind'),
            width: 110,
            render: (_, r) => <Tag color={r.direction === 'outgoing' ? 'blue' : 'purple'}>{r.direction === 'outgoing' ? t(`assets.relations.kinds.${r.kind}`) : t(`assets.relations.inverse.${r.kind}`)}</Tag>,
          },
          {
            title: t('assets.relations.other'),
            render: (_, r) => (
              <Space orientation="vertical" size={0}>
                <Link to={`/assets/${r.other.id}`}>{r.other.name}</Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.other.code} · {r.other.kindName}</Typography.Text>
              </Space>
            ),
          },
          { title: t('assets.fields.status'), width: 90, render: (_, r) => <StatusTag status={r.other.status} /> },
          ...(canManage
            ? [
                {
                  title: t('common.actions'),
                  width: 80,
                  render: (_: unknown, r: AssetRelation) => (
                    <ConfirmButton
                      size="small"
                      type="link"
                      danger
                      confirm={t('assets.relations.confirmRemove', { name: r.other.name })}
                      onConfirm={() => removeRelation.mutate(r.id, { onSuccess: () => void message.success(t('assets.relations.removed')), onError: (e) => void message.error(errorMessage(e)) })}
                    >
                      {t('common.delete')}
                    </ConfirmButton>
                  ),
                },
              ]
            : []),
        ]}
      />
      <AddRelationModal assetId={assetId} open={isAdding} onClose={() => setAdding(false)} />
    </Card>
  );
}
