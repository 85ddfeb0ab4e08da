import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import { buildLocationTree, type LocationNode } from './location-tree.ts';
import { useLocations } from './useCatalog.ts';

type Props = {
  /** only this organisation's locations (and its subtree's); all in scope when omitted */
  orgId?: string;
  value?: string | null;
  onChange?: (value: string | null) => void;
  allowClear?: boolean;
  placeholder?: string;
  style?: React.CSSProperties;
  disabled?: boolean;
  id?: string;
  'data-testid'?: string;
};

type Item = { key: string; value: string; title: string; fullName: string; children: Item[] };
const toItems = (nodes: LocationNode[]): Item[] => nodes.map((n) => ({ key: n.key, value: n.value, title: n.title, fullName: n.location.fullName, children: toItems(n.children) }));

/** A picker over the location tree (院区 → 楼宇 → 楼层 → 房间 → 机柜), searchable by full path. */
export function LocationTreeSelect({ orgId, value, onChange, allowClear = true, placeholder, style, disabled, id, ...rest }: Props) {
  const { t } = useTranslation();
  const locations = useLocations(orgId);
  const treeData = useMemo(() => toItems(buildLocationTree(locations.data ?? [])), [locations.data]);
  return (
    <TreeSelect
      id={id}
      data-testid={rest['data-testid']}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      treeData={treeData}
      allowClear={allowClear}
      disabled={disabled}
      loading={locations.isPending}
      placeholder={placeholder ?? t('assetCatalog.locations.pick')}
      showSearch={{ treeNodeFilterProp: 'fullName' }}
      treeNodeLabelProp="fullName"
      treeDefaultExpandAll
      style={{ minWidth: 200, ...style }}
      popupMatchSelectWidth={false}
    />
  );
}
