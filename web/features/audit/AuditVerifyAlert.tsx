import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditVerifyResult } from '../../../shared/schemas/audit.ts';
import { formatDateTime } from '../../app/format.ts';

/** The outcome of 完整性校验: green with the range checked, or red naming the first broken record. */
export function AuditVerifyAlert({ result, onClose }: { result: AuditVerifyResult; onClose: () => void }) {
  const { t } = useTranslation();
  if (result.ok) {
    return (
      <Alert
        type="success"
        showIcon
        closable={{ onClose }}
        data-testid="audit-verify-ok"
        title={t('audit.verify.ok', { checked: result.checked })}
        description={t('audit.verify.range', { first: result.firstSeq ?? '—', last: result.lastSeq ?? '—', at: formatDateTime(result.checkedAt) })}
        style={{ marginBottom: 16 }}
      />
    );
  }
  return (
    <Alert
      type="error"
      showIcon
      closable={{ onClose }}
      data-testid="audit-verify-broken"
      title={t('audit.verify.broken', { seq: result.brokenAt?.seq ?? '?' })}
      description={result.brokenAt ? t(`audit.verify.reasons.${result.brokenAt.reason}`) : undefined}
      style={{ marginBottom: 16 }}
    />
  );
}
