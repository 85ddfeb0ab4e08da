import type { ReactNode } from 'react';
import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { can, type PermissionRule } from './permissions.ts';
import { useMe } from './session.tsx';

/** A page the user cannot use says so instead of showing empty tables of 403s. */
export function RequirePermission({ permission, children }: { permission: PermissionRule; children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  if (!can(me, permission)) return <Result status="403" title="403" subTitle={t('errors.forbiddenPage')} />;
  return children;
}
