import { Modal } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/session.tsx';
import { meKey } from './auth.api.ts';
import { PasswordChangeForm } from './PasswordChangeForm.tsx';

type Props = { open: boolean; onClose: () => void };

/** Change password from the user menu. */
export function ChangePasswordModal({ open, onClose }: Props) {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  return (
    <Modal open={open} title={t('auth.changePassword')} onCancel={onClose} footer={null} destroyOnHidden>
      <PasswordChangeForm
        username={me.username}
        isAdmin={me.adminClass !== null}
        onDone={() => {
          void queryClient.invalidateQueries({ queryKey: meKey });
          onClose();
        }}
      />
    </Modal>
  );
}
