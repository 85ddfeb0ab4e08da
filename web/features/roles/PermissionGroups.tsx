import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PERMISSIONS, type Permission, type PermissionClass } from '../../../shared/permissions.ts';

const CLASS_ORDER: PermissionClass[] = ['sysadmin', 'secadmin', 'auditadmin', 'business'];
const CLASS_COLOR: Record<PermissionClass, string> = { sysadmin: 'blue', secadmin: 'volcano', auditadmin: 'purple', business: 'default' };

export function isPermission(value: string): value is Permission {
  return Object.hasOwn(PERMISSIONS, value);
}

/** A role's permissions grouped by duty: 系统管理 / 安全管理 / 审计管理 / 业务. */
export function PermissionGroups({ permissions }: { permissions: string[] }) {
  const { t } = useTranslation();
  const known = permissions.filter(isPermission);
  const unknown = permissions.filter((p) => !isPermission(p));
  return (
    <Flex vertical gap={6}>
      {CLASS_ORDER.map((cls) => {
        const inClass = known.filter((p) => PERMISSIONS[p] === cls);
        if (inClass.length === 0) return null;
        return (
          <div key={cls}>
            <Typography.Text type="secondary" style={{ marginRight: 8 }}>
              {t(`permissionClass.${cls}`)}
            </Typography.Text>
            {inClass.map((p) => (
              <Tag key={p} color={CLASS_COLOR[cls]}>
                {t(`permissions.${p}`)}
              </Tag>
            ))}
          </div>
        );
      })}
      {unknown.length > 0 && <div>{unknown.map((p) => <Tag key={p}>{p}</Tag>)}</div>}
    </Flex>
  );
}
