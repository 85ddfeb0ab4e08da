import { Link } from 'react-router';
import { Space, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Asset } from '../../../shared/schemas/assets.ts';
import { brandModel, formatCount, localName } from './asset-format.ts';
import { ImportanceTag, StatusTag, WarrantyTag, XinchuangTags } from './AssetTags.tsx';

/** Columns the server can sort by, and the `sort` value for each. */
export const SORTABLE = { code: 'code', name: 'name', warranty: 'warrantyEndsOn' } as const;
type SortKey = keyof typeof SORTABLE;

/** The ledger's columns: code, name, kind, brand/model, quantity, location, department, status, importance, warranty, 信创. */
export function useAssetColumns(sort: string | undefined): TableColumnsType<Asset> {
  const { t } = useTranslation();
  // '-name' → name descending; no sort means the server's default, code ascending
  const order = (key: SortKey) => {
    const field = SORTABLE[key];
    if (sort === field || (!sort && key === 'code')) return 'ascend' as const;
    return sort === `-${field}` ? ('descend' as const) : null;
  };
  return [
    {
      title: t('assets.fields.code'),
      dataIndex: 'code',
      key: 'code',
      sorter: true,
      sortOrder: order('code'),
      width: 175,
      fixed: 'left',
      render: (code: string, a) => (
        <Link to={`/assets/${a.id}`} data-testid={`asset-link-${a.code}`}>
          <Typography.Text code style={{ whiteSpace: 'nowrap' }}>{code}</Typography.Text>
        </Link>
      ),
    },
    {
      title: t('assets.fields.name'),
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      sortOrder: order('name'),
      width: 180,
      render: (name: string, a) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/assets/${a.id}`} data-testid={`asset-row-${a.name}`}>{name}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{a.orgName}</Typography.Text>
        </Space>
      ),
    },
    { title: t('assets.fields.kind'), width: 110, render: (_, a) => localName({ name: a.kindName, nameEn: a.kindNameEn }) },
    { title: t('assets.fields.brandModel'), width: 150, ellipsis: true, render: (_, a) => brandModel(a.brand, a.model) },
    { title: t('assets.fields.quantity'), width: 80, align: 'right', render: (_, a) => `${formatCount(a.quantity)} ${a.unit}` },
    {
      title: t('assets.fields.location'),
      width: 160,
      // the room and rack say most; the whole path is in the tooltip
      render: (_, a) => (a.locationName ? <Tooltip title={a.locationName}>{a.locationName.split(' / ').slice(-2).join(' / ')}</Tooltip> : '—'),
    },
    { title: t('assets.fields.department'), width: 100, render: (_, a) => a.ownerDepartmentName ?? '—' },
    { title: t('assets.fields.status'), width: 80, render: (_, a) => <StatusTag status={a.status} /> },
    { title: t('assets.fields.importance'), width: 80, render: (_, a) => <ImportanceTag importance={a.importance} /> },
    { title: t('assets.fields.warranty'), key: 'warranty', sorter: true, sortOrder: order('warranty'), width: 160, render: (_, a) => <WarrantyTag asset={a} /> },
    {
      title: t('assets.fields.xinchuang'),
      width: 190,
      render: (_, a) => <XinchuangTags flags={a.xinchuang} values={{ cpu: a.cpu, os: a.os, database: a.database, middleware: a.middleware }} />,
    },
  ];
}
