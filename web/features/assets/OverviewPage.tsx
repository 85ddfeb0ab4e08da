import { Link } from 'react-router';
import { Card, Col, Progress, Row, Skeleton, Space, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AssetOverview } from '../../../shared/schemas/assets.ts';
import { errorMessage } from '../../app/api.ts';
import { useOrgScope } from '../../app/org-scope.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { formatCount, localName } from './asset-format.ts';
import { RemindersCard } from './RemindersCard.tsx';
import { useAssetOverview } from './useAssets.ts';
import { XinchuangChart } from './XinchuangChart.tsx';

type Tile = { key: string; title: string; value: number; to?: string; color?: string; hint?: string };

/** 资产概览: counts, warranty, end of service, contracts, 信创 share per organisation, reminders; for the header's scope. */
export function OverviewPage() {
  const { t } = useTranslation();
  const { orgId } = useOrgScope();
  const overview = useAssetOverview(orgId);
  if (overview.isPending) return <Skeleton active />;
  if (overview.isError) return <ErrorState title={t('assetOverview.title')} message={errorMessage(overview.error)} retryLabel={t('common.retry')} onRetry={() => void overview.refetch()} />;
  const o = overview.data;
  const tiles: Tile[] = [
    { key: 'total', title: t('assetOverview.total'), value: o.total, to: '/assets', hint: t('assetOverview.totalHint', { quantity: formatCount(o.quantity) }) },
    { key: 'expiring30', title: t('assetOverview.expiring30'), value: o.warranty.expiring30, to: '/assets?warranty=expiring30', color: '#fa8c16' },
    { key: 'expiring90', title: t('assetOverview.expiring90'), value: o.warranty.expiring90, to: '/assets?warranty=expiring90', color: '#faad14' },
    { key: 'out', title: t('assetOverview.outOfWarranty'), value: o.warranty.out, to: '/assets?warranty=out', color: '#f5222d' },
    { key: 'eos', title: t('assetOverview.endOfService'), value: o.endOfService.past, color: '#f5222d', hint: `${t('assetOverview.endOfServiceSoon')} ${formatCount(o.endOfService.within90)}` },
    { key: 'contracts', title: t('assetOverview.contractsExpiring'), value: o.contracts.expiring90, to: '/assets/catalog/contracts', color: '#722ed1', hint: `${t('assetOverview.contractsExpired')} ${formatCount(o.contracts.expired)}` },
  ];
  return (
    <>
      <PageHeader title={t('assetOverview.title')} subtitle={`${t('assetOverview.subtitle')} · ${t('assetOverview.today', { date: o.today })}`} />
      <Row gutter={[16, 16]}>
        {tiles.map((tile) => (
          <Col key={tile.key} xs={12} md={8} xl={4}>
            <Card size="small" data-testid={`overview-${tile.key}`}>
              <Statistic title={tile.to ? <Link to={tile.to}>{tile.title}</Link> : tile.title} value={tile.value} formatter={(v) => formatCount(Number(v))} styles={{ content: { color: tile.color } }} />
              {tile.hint && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{tile.hint}</Typography.Text>}
            </Card>
          </Col>
        ))}
        <Col xs={24} lg={12}>
          <CountTable title={t('assetOverview.byKind')} rows={o.byKind.map((k) => ({ key: k.kindKey, name: localName({ name: k.kindName, nameEn: k.kindNameEn }), count: k.count, quantity: k.quantity, to: `/assets?kind=${k.kindKey}` }))} />
        </Col>
        <Col xs={24} lg={12}>
          <CountTable title={t('assetOverview.byOrg')} rows={o.byOrganisation.map((g) => ({ key: g.orgId, name: g.orgName, count: g.count, quantity: g.quantity }))} />
        </Col>
        <Col xs={24} lg={16}>
          <Card size="small" title={t('assetOverview.xinchuang')}>
            <XinchuangChart byOrganisation={o.byOrganisation} />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <XinchuangTotals xinchuang={o.xinchuang} />
        </Col>
        <Col span={24}>
          <RemindersCard orgId={orgId} />
        </Col>
      </Row>
    </>
  );
}

type CountRow = { key: string; name: string; count: number; quantity: number; to?: string };

function CountTable({ title, rows }: { title: string; rows: CountRow[] }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={title}>
      <Table<CountRow>
        size="small"
        rowKey="key"
        dataSource={rows}
        pagination={{ pageSize: 8, hideOnSinglePage: true }}
        locale={{ emptyText: <EmptyState description={t('assetOverview.noData')} /> }}
        columns={[
          { title: title, render: (_, r) => (r.to ? <Link to={r.to}>{r.name}</Link> : r.name) },
          { title: t('assetOverview.count'), dataIndex: 'count', align: 'right', width: 100, render: (v: number) => formatCount(v) },
          { title: t('assetOverview.quantity'), dataIndex: 'quantity', align: 'right', width: 100, render: (v: number) => formatCount(v) },
        ]}
      />
    </Card>
  );
}

/** The overall 信创 share per dimension, as rings. */
function XinchuangTotals({ xinchuang }: { xinchuang: AssetOverview['xinchuang'] }) {
  const { t } = useTranslation();
  const dims = ['cpu', 'os', 'database'] as const;
  return (
    <Card size="small" title={t('assetOverview.xinchuangTotal')} style={{ height: '100%' }}>
      <Space size={24} wrap style={{ justifyContent: 'center', width: '100%', paddingTop: 24 }}>
        {dims.map((d) => {
          const s = xinchuang[d];
          return (
            <Space key={d} orientation="vertical" align="center" size={4} data-testid={`xinchuang-total-${d}`}>
              <Progress type="circle" size={96} percent={s.share === null ? 0 : Math.round(s.share * 1000) / 10} format={(p) => (s.share === null ? '—' : `${p}%`)} />
              <Typography.Text strong>{t(`assets.xinchuang.dimensions.${d}`)}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('assets.xinchuang.domestic')} {formatCount(s.domestic)} / {t('assets.xinchuang.foreign')} {formatCount(s.foreign)} / {t('assets.xinchuang.unknown')} {formatCount(s.unknown)}
              </Typography.Text>
            </Space>
          );
        })}
      </Space>
    </Card>
  );
}
