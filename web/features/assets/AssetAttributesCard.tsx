import { Card, Descriptions, Space, Tag, Typography, type DescriptionsProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Asset, AssetKind } from '../../../shared/schemas/assets.ts';
import { XINCHUANG_DIMENSIONS } from '../../../shared/xinchuang.ts';
import { formatDateTime } from '../../app/format.ts';
import { brandModel, fieldLabel, formatAttribute, formatCount, localName } from './asset-format.ts';
import { ImportanceTag, StatusTag, WarrantyTag } from './AssetTags.tsx';

const dash = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '—' : v);

/** Every common field of an asset, then the typed fields of its kind. */
export function AssetAttributesCard({ asset, kind }: { asset: Asset; kind: AssetKind | undefined }) {
  const { t } = useTranslation();
  const yesNo = { true: t('assets.boolean.true'), false: t('assets.boolean.false') };
  const rack = asset.rackUnitStart !== null && asset.rackUnitSize !== null ? ` · U${asset.rackUnitStart}–U${asset.rackUnitStart + asset.rackUnitSize - 1}` : '';
  const items: DescriptionsProps['items'] = [
    { key: 'org', label: t('assets.fields.org'), children: asset.orgName },
    { key: 'kind', label: t('assets.fields.kind'), children: localName({ name: asset.kindName, nameEn: asset.kindNameEn }) },
    { key: 'brandModel', label: t('assets.fields.brandModel'), children: brandModel(asset.brand, asset.model) },
    { key: 'serial', label: t('assets.fields.serialNumber'), children: dash(asset.serialNumber) },
    { key: 'quantity', label: t('assets.fields.quantity'), children: `${formatCount(asset.quantity)} ${asset.unit}` },
    { key: 'status', label: t('assets.fields.status'), children: <StatusTag status={asset.status} /> },
    { key: 'importance', label: t('assets.fields.importance'), children: <ImportanceTag importance={asset.importance} /> },
    { key: 'location', label: t('assets.fields.location'), children: asset.locationName ? `${asset.locationName}${rack}` : '—' },
    { key: 'department', label: t('assets.fields.department'), children: dash(asset.ownerDepartmentName) },
    { key: 'owner', label: t('assets.fields.ownerPerson'), children: dash(asset.ownerPerson) },
    { key: 'engineer', label: t('assets.fields.engineer'), children: dash(asset.engineerName) },
    { key: 'purchase', label: t('assets.fields.purchaseMonth'), children: dash(asset.purchaseMonth) },
    { key: 'warrantyYears', label: t('assets.fields.warrantyYears'), children: dash(asset.warrantyYears) },
    { key: 'warranty', label: t('assets.fields.warranty'), children: <WarrantyTag asset={asset} /> },
    { key: 'vendor', label: t('assets.fields.vendor'), children: dash(asset.vendorName) },
    { key: 'contract', label: t('assets.fields.contract'), children: dash(asset.contractCode) },
    { key: 'eos', label: t('assets.fields.endOfServiceOn'), children: dash(asset.endOfServiceOn) },
    {
      key: 'ips',
      label: t('assets.fields.managementIps'),
      children: asset.managementIps.length ? asset.managementIps.map((ip) => <Tag key={ip}>{ip}</Tag>) : '—',
    },
    { key: 'hosts', label: t('assets.fields.hostNames'), children: asset.hostNames.length ? asset.hostNames.map((h) => <Tag key={h}>{h}</Tag>) : '—' },
    ...XINCHUANG_DIMENSIONS.map((d) => ({
      key: d,
      label: t(`assets.fields.${d}`),
      children: asset[d] ? (
        <Space size={4}>
          {asset[d]}
          {asset.xinchuang[d] !== 'unknown' && <Tag color={asset.xinchuang[d] === 'domestic' ? 'blue' : 'default'}>{t(`assets.xinchuang.${asset.xinchuang[d]}`)}</Tag>}
        </Space>
      ) : (
        '—'
      ),
    })),
    ...(kind?.fields ?? []).map((f) => ({ key: `attr-${f.key}`, label: fieldLabel(f), children: formatAttribute(f, asset.attributes[f.key], yesNo) })),
    { key: 'notes', label: t('assets.fields.notes'), span: 'filled' as const, children: <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{dash(asset.notes)}</Typography.Paragraph> },
    { key: 'created', label: t('assets.fields.createdAt'), children: formatDateTime(asset.createdAt) },
    { key: 'updated', label: t('assets.fields.updatedAt'), children: formatDateTime(asset.updatedAt) },
  ];
  return (
    <Card size="small" data-testid="asset-attributes-card">
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} items={items} />
    </Card>
  );
}
