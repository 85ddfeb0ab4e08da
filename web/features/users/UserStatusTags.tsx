import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../shared/schemas/access.ts';

/** 锁定 / 停用 / 需改密, or 正常 when none applies. */
export function UserStatusTags({ user }: { user: User }) {
  const { t } = useTranslation();
  const tags = [
    user.isLocked && <Tag key="locked" color="red">{t('users.status.locked')}</Tag>,
    user.status === 'disabled' && <Tag key="disabled" color="default">{t('users.status.disabled')}</Tag>,
    user.mustChangePassword && <Tag key="pw" color="orange">{t('users.status.mustChangePassword')}</Tag>,
  ].filter(Boolean);
  return <Space size={[0, 4]} wrap>{tags.length > 0 ? tags : <Tag color="green">{t('users.status.active')}</Tag>}</Space>;
}
