import { Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { can } from '../../app/permissions.ts';
import { useMe } from '../../app/session.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { CategoriesTab } from './CategoriesTab.tsx';
import { GroupsTab } from './GroupsTab.tsx';

/** 服务台设置: the ticket category tree and the assignment groups (readable with ticket.read, changed with ticket.manage). */
export function DeskSettingsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const canManage = can(me, 'ticket.manage');
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'groups' ? 'groups' : 'categories';
  return (
    <>
      <PageHeader title={t('servicedesk.settings.title')} subtitle={t('servicedesk.settings.subtitle')} />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(key === 'groups' ? { tab: 'groups' } : {}, { replace: true })}
          items={[
            { key: 'categories', label: <span data-testid="settings-tab-categories">{t('servicedesk.categories.title')}</span>, children: <CategoriesTab canManage={canManage} /> },
            { key: 'groups', label: <span data-testid="settings-tab-groups">{t('servicedesk.groups.title')}</span>, children: <GroupsTab canManage={canManage} /> },
          ]}
        />
      </Card>
    </>
  );
}
