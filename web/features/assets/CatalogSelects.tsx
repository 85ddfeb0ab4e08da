import { Select, type SelectProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AssetKindCategory } from '../../../shared/schemas/assets.ts';
import { localName } from './asset-format.ts';
import { useContracts, useKinds, useVendors } from './useCatalog.ts';

type Common = Pick<SelectProps, 'style' | 'placeholder' | 'disabled' | 'id' | 'allowClear'> & { 'data-testid'?: string };
type Single = Common & { value?: string | null; onChange?: (value: string | null) => void };

const CATEGORY_ORDER: AssetKindCategory[] = ['compute', 'storage', 'network', 'security', 'facility', 'terminal', 'medical', 'software', 'interface', 'cloud', 'other'];

/** Asset kinds grouped by category, by key. */
export function KindSelect({ value, onChange, ...rest }: Single) {
  const { t } = useTranslation();
  const kinds = useKinds();
  const options = CATEGORY_ORDER.map((c) => ({
    label: t(`assetCatalog.kinds.categories.${c}`),
    options: (kinds.data ?? []).filter((k) => k.category === c).map((k) => ({ value: k.key, label: localName(k) })),
  })).filter((g) => g.options.length > 0);
  return (
    <Select
      showSearch={{ optionFilterProp: 'label' }}
      loading={kinds.isPending}
      options={options}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      popupMatchSelectWidth={false}
      {...rest}
    />
  );
}

export function VendorSelect({ value, onChange, orgId, ...rest }: Single & { orgId?: string }) {
  const vendors = useVendors(orgId);
  return (
    <Select
      showSearch={{ optionFilterProp: 'label' }}
      loading={vendors.isPending}
      options={(vendors.data ?? []).map((v) => ({ value: v.id, label: v.name }))}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      popupMatchSelectWidth={false}
      {...rest}
    />
  );
}

/** Contracts as "编号 名称". */
export function ContractSelect({ value, onChange, orgId, ...rest }: Single & { orgId?: string }) {
  const contracts = useContracts(orgId);
  return (
    <Select
      showSearch={{ optionFilterProp: 'label' }}
      loading={contracts.isPending}
      options={(contracts.data ?? []).map((c) => ({ value: c.id, label: `${c.code} ${c.name}` }))}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      popupMatchSelectWidth={false}
      {...rest}
    />
  );
}
