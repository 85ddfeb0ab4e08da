import { Flex, Typography } from 'antd';
import { ApartmentOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useOrgScope } from './org-scope.tsx';
import { OrgTreeSelect } from '../features/organisations/OrgTreeSelect.tsx';

/** The header's organisation scope picker. */
export function OrgScopeSelect() {
  const { t } = useTranslation();
  const { orgId, setOrgId } = useOrgScope();
  return (
    <Flex align="center" gap={8}>
      <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
        <ApartmentOutlined /> {t('layout.scope')}
      </Typography.Text>
      <OrgTreeSelect
        value={orgId ?? null}
        onChange={(v) => setOrgId(typeof v === 'string' ? v : undefined)}
        allowClear
        placeholder={t('layout.scopeAll')}
        style={{ width: 260 }}
        data-testid="org-scope"
      />
    </Flex>
  );
}
