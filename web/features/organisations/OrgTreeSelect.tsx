import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import { useOrganisations } from './useOrganisations.ts';
import { buildOrgTree } from './org-tree.ts';

type Props = {
  value?: string | string[] | null;
  onChange?: (value: string | string[] | undefined) => void;
  multiple?: boolean;
  allowClear?: boolean;
  placeholder?: string;
  style?: React.CSSProperties;
  id?: string;
  'data-testid'?: string;
};

/** A picker over the organisations the user can see; works as a controlled antd Form field. */
export function OrgTreeSelect({ value, onChange, multiple, allowClear, placeholder, style, id, ...rest }: Props) {
  const { t } = useTranslation();
  const orgs = useOrganisations();
  const treeData = useMemo(() => buildOrgTree(orgs.data ?? [], t('organisations.inactiveSuffix')), [orgs.data, t]);
  return (
    <TreeSelect
      id={id}
      data-testid={rest['data-testid']}
      value={value ?? undefined}
      onChange={(v: string | string[] | undefined) => onChange?.(v)}
      treeData={treeData}
      multiple={multiple}
      treeCheckable={multiple}
      showCheckedStrategy={TreeSelect.SHOW_ALL}
      allowClear={allowClear}
      loading={orgs.isPending}
      placeholder={placeholder ?? t('organisations.pick')}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandAll
      style={{ minWidth: 220, ...style }}
      popupMatchSelectWidth={false}
    />
  );
}
