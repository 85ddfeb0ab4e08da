import { Alert, Button, Descriptions, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { CopyableSecret } from '../../ui/CopyableSecret.tsx';
import type { InitialPasswordResult } from './users.api.ts';

type Props = { result: InitialPasswordResult | null; onClose: () => void };

/** The initial (or reset) password, shown once; the server keeps only its hash. */
export function InitialPasswordModal({ result, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Modal
      open={result !== null}
      title={t('users.initialPassword.title')}
      onCancel={onClose}
      mask={{ closable: false }}
      footer={<Button type="primary" onClick={onClose} data-testid="initial-password-done">{t('users.initialPassword.done')}</Button>}
    >
      {result && (
        <>
          <Descriptions column={1} size="small" style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('users.fields.username')}>{result.user.username}</Descriptions.Item>
            <Descriptions.Item label={t('users.fields.displayName')}>{result.user.displayName}</Descriptions.Item>
          </Descriptions>
          <CopyableSecret value={result.initialPassword} copyLabel={t('common.copy')} copiedLabel={t('common.copied')} data-testid="initial-password" />
          <Alert type="warning" showIcon title={t('users.initialPassword.hint')} style={{ marginTop: 12 }} />
        </>
      )}
    </Modal>
  );
}
