import { Space, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AlertSeverity } from '../../../shared/schemas/alert-channels.ts';
import type { Alert } from '../../../shared/schemas/alerts.ts';
import { SEVERITY_COLOR, STATUS_COLOR } from './alert-format.ts';

/** 一级 … 四级 in their colours (red, orange, gold, blue). */
export function SeverityTag({ severity }: { severity: AlertSeverity }) {
  const { t } = useTranslation();
  return (
    <Tag color={SEVERITY_COLOR[severity]} data-testid="alert-severity" data-severity={severity} style={{ marginInlineEnd: 0 }}>
      {t(`alerts.severity.${severity}`)}
    </Tag>
  );
}

/** 告警中 / 已确认 / 已解决, plus why nobody is notified when the alert is suppressed. */
export function AlertStatusTag({ alert }: { alert: Pick<Alert, 'status' | 'suppression'> }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      <Tag color={STATUS_COLOR[alert.status]} data-testid="alert-status" data-status={alert.status} style={{ marginInlineEnd: 0 }}>
        {t(`alerts.status.${alert.status}`)}
      </Tag>
      {alert.suppression && alert.status !== 'resolved' && (
        <Tooltip title={t(`alerts.suppressionHint.${alert.suppression}`)}>
          <Tag data-testid="alert-suppressed" style={{ marginInlineEnd: 0 }}>{t(`alerts.suppression.${alert.suppression}`)}</Tag>
        </Tooltip>
      )}
    </Space>
  );
}
