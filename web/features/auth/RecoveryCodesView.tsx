import { useState } from 'react';
import { Alert, Button, Checkbox, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { CopyableSecret } from '../../ui/CopyableSecret.tsx';

type Props = { codes: string[]; username: string; onContinue: () => void };

/** Recovery codes are shown exactly once; the user confirms having saved them before going on. */
export function RecoveryCodesView({ codes, username, onContinue }: Props) {
  const { t } = useTranslation();
  const [isSaved, setSaved] = useState(false);
  return (
    <Flex vertical gap={16}>
      <Alert type="warning" showIcon title={t('auth.recovery.title')} description={t('auth.recovery.hint')} />
      <CopyableSecret
        value={codes}
        copyLabel={t('common.copy')}
        copiedLabel={t('common.copied')}
        download={{ fileName: `yiwei-recovery-codes-${username}.txt`, label: t('auth.recovery.download') }}
        data-testid="recovery-codes"
      />
      <Checkbox checked={isSaved} onChange={(e) => setSaved(e.target.checked)} data-testid="recovery-saved">
        {t('auth.recovery.saved')}
      </Checkbox>
      <Button type="primary" block disabled={!isSaved} onClick={onContinue} data-testid="recovery-continue">
        {t('common.continue')}
      </Button>
    </Flex>
  );
}
