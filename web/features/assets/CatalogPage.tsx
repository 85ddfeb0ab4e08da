import { useNavigate, useParams } from 'react-router';
import { Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { can } from '../../app/permissions.ts';
import { useMe } from '../../app/session.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { ContractsTab } from './ContractsTab.tsx';
import { KindsTab } from './KindsTab.tsx';
import { LocationsTab } from './LocationsTab.tsx';
import { VendorsTab } from './VendorsTab.tsx';

const TABS = ['kinds', 'locations', 'vendors', 'contracts'] as const;
type Tab = (typeof TABS)[number];

/** 资产目录 (/assets/catalog/:tab): kinds for everyone who may see them; locations, vendors and contracts with asset.read. */
export function CatalogPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const { tab } = useParams();
  const visible: Tab[] = can(me, 'asset.read') ? [...TABS] : ['kinds'];
  const active: Tab = visible.find((v) => v === tab) ?? visible[0] ?? 'kinds';
  const content: Record<Tab, React.ReactNode> = { kinds: <KindsTab />, locations: <LocationsTab />, vendors: <VendorsTab />, contracts: <ContractsTab /> };
  return (
    <>
      <PageHeader title={t('assetCatalog.title')} subtitle={t('assetCatalog.subtitle')} />
      <Card>
        <Tabs
          activeKey={active}
          onChange={(k) => void navigate(`/assets/catalog/${k}`, { replace: true })}
          destroyOnHidden
          items={visible.map((k) => ({ key: k, label: <span data-testid={`catalog-tab-${k}`}>{t(`assetCatalog.tabs.${k}`)}</span>, children: content[k] }))}
        />
      </Card>
    </>
  );
}
