import { Badge, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { AlertSeverity } from '../../../shared/schemas/alert-channels.ts';
import type { AlertSummary } from '../../../shared/schemas/alerts.ts';
import { SEVERITY_HEX } from './alert-format.ts';

type Props = {
  summary: AlertSummary | undefined;
  /** the severity filter, highlighted when it is exactly that one level */
  severity: readonly AlertSeverity[] | undefined;
  isAcknowledgedSelected: boolean;
  isSuppressedShown: boolean;
  onSeverity: (severity: AlertSeverity | undefined) => void;
  onAcknowledged: () => void;
  onSuppressed: () => void;
};

/** Firing alerts per level, acknowledged and suppressed; a click filters the list, a second click clears it. */
export function AlertSummaryBar({ summary, severity, isAcknowledgedSelected, isSuppressedShown, onSeverity, onAcknowledged, onSuppressed }: Props) {
  const { t } = useTranslation();
  const tile = (key: string, label: string, count: number | undefined, color: string | null, isActive: boolean, onClick: () => void) => (
    <button
      key={key}
      type="button"
      onClick={onClick}
      aria-pressed={isActive}
      data-testid={`alert-summary-${key}`}
      style={{
        minWidth: 120,
        padding: '8px 14px',
        textAlign: 'left',
        cursor: 'pointer',
        background: isActive ? '#e6f4ff' : '#fff',
        border: `1px solid ${isActive ? '#1677ff' : '#f0f0f0'}`,
        borderRadius: 8,
      }}
    >
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {color ? <Badge color={color} text={label} /> : label}
      </Typography.Text>
      <div style={{ fontSize: 22, fontWeight: 600, lineHeight: 1.3, color: count && color ? color : undefined }} data-testid={`alert-summary-${key}-count`}>
        {count ?? '—'}
      </div>
    </button>
  );
  const only = severity?.length === 1 ? severity[0] : undefined;
  return (
    <Flex gap={8} wrap style={{ marginBottom: 16 }} data-testid="alert-summary">
      {AlertSeverity.options.map((s) =>
        tile(s, t('alerts.center.summary.firing', { level: t(`alerts.severity.${s}`) }), summary?.firing[s] ?? (summary ? 0 : undefined), SEVERITY_HEX[s], only === s, () => onSeverity(only === s ? undefined : s)),
      )}
      {tile('acknowledged', t('alerts.center.summary.acknowledged'), summary?.acknowledged, null, isAcknowledgedSelected, onAcknowledged)}
      {tile('suppressed', t('alerts.center.summary.suppressed'), summary?.suppressed, null, isSuppressedShown, onSuppressed)}
    </Flex>
  );
}
