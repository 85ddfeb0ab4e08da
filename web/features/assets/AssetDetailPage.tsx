import { Link, useNavigate, useParams } from 'react-router';
import { App, Button, Col, Result, Row, Skeleton, Space, Typography } from 'antd';
import { ArrowLeftOutlined, EditOutlined, PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../app/api.ts';
import { can } from '../../app/permissions.ts';
import { useMe } from '../../app/session.tsx';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { kindByKey } from './asset-format.ts';
import { AssetAttributesCard } from './AssetAttributesCard.tsx';
import { ImportanceTag, StatusTag, WarrantyTag } from './AssetTags.tsx';
import { HistoryCard } from './HistoryCard.tsx';
import { ImpactGraphCard } from './ImpactGraphCard.tsx';
import { labelsUrl } from './labels-url.ts';
import { RelationsCard } from './RelationsCard.tsx';
import { useAsset, useAssetMutations } from './useAssets.ts';
import { useKinds } from './useCatalog.ts';
import { AssetProbesCard } from '../monitoring/AssetProbesCard.tsx';
import { AssetAlertsCard } from '../alerts/AssetAlertsCard.tsx';
import { AssetTicketsCard } from '../servicedesk/AssetTicketsCard.tsx';

/** /assets/:id: attributes, relations, impact graph, history, probes, open alerts and open tickets. */
export function AssetDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const me = useMe();
  const asset = useAsset(id);
  const kinds = useKinds();
  const { remove } = useAssetMutations();
  const canManage = can(me, 'asset.manage');

  if (asset.isPending) return <Skeleton active />;
  if (asset.isError) {
    if (asset.error instanceof ApiError && asset.error.status === 404) {
      return <Result status="404" title="404" subTitle={t('assets.notFound')} extra={<Link to="/assets"><Button>{t('assets.detail.back')}</Button></Link>} />;
    }
    return <ErrorState title={t('assets.title')} message={errorMessage(asset.error)} retryLabel={t('common.retry')} onRetry={() => void asset.refetch()} />;
  }
  const a = asset.data;
  const kind = kindByKey(kinds.data, a.kindKey);
  const destroy = () =>
    remove.mutate(a.id, {
      onSuccess: () => {
        void message.success(t('common.deleted'));
        void navigate('/assets');
      },
      onError: (e) => void message.error(errorMessage(e)),
    });

  return (
    <>
      <Link to="/assets" style={{ display: 'inline-block', marginBottom: 8 }}>
        <ArrowLeftOutlined /> {t('assets.detail.back')}
      </Link>
      <PageHeader
        title={
          <Space size={8} wrap>
            <span data-testid="asset-title">{a.name}</span>
            <Typography.Text code style={{ fontSize: 14 }} data-testid="asset-code">{a.code}</Typography.Text>
            <StatusTag status={a.status} />
            <ImportanceTag importance={a.importance} />
            <WarrantyTag asset={a} />
          </Space>
        }
        extra={
          <>
            <Button icon={<PrinterOutlined />} href={labelsUrl([a.id])} target="_blank">{t('assets.printLabels')}</Button>
            {canManage && (
              <Link to={`/assets/${a.id}/edit`}>
                <Button type="primary" icon={<EditOutlined />} data-testid="asset-edit">{t('common.edit')}</Button>
              </Link>
            )}
            {canManage && (
              <ConfirmButton danger confirm={t('assets.confirmDelete', { name: a.name })} description={t('assets.deleteHint')} onConfirm={destroy} loading={remove.isPending} data-testid="asset-delete">
                {t('common.delete')}
              </ConfirmButton>
            )}
          </>
        }
      />
      <Row gutter={[16, 16]}>
        <Col span={24}>
          <AssetAttributesCard asset={a} kind={kind} />
        </Col>
        <Col xs={24} xl={10}>
          <RelationsCard assetId={a.id} canManage={canManage} />
        </Col>
        <Col xs={24} xl={14}>
          <ImpactGraphCard assetId={a.id} />
        </Col>
        <Col xs={24} xl={14}>
          <HistoryCard assetId={a.id} kind={kind} />
        </Col>
        <Col xs={24} xl={10}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <AssetProbesCard assetId={a.id} orgId={a.orgId} assetName={a.name} />
            <AssetAlertsCard assetId={a.id} />
            <AssetTicketsCard assetId={a.id} orgId={a.orgId} />
          </Space>
        </Col>
      </Row>
    </>
  );
}
