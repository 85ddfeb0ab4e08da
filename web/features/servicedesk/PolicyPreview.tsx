import { Alert, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SlaPolicyResolution } from '../../../shared/schemas/servicedesk.ts';
import type { SlaLevel } from '../../../shared/schemas/sla.ts';
import { errorMessage } from '../../app/api.ts';
import { CLOCKS } from './policy-form-values.ts';
import { useDeskFormat } from './useDeskFormat.ts';

type Props = {
  resolution: SlaPolicyResolution | undefined;
  isLoading: boolean;
  error: unknown;
  /** the level the ticket would open at, when known, to show its targets */
  level?: SlaLevel;
  /** no organisation chosen yet */
  isWaiting?: boolean;
};

/** "将适用的 SLA 策略" before a ticket is saved: the policy, where it came from and why (GET /sla-policies/resolve). */
export function PolicyPreview({ resolution, isLoading, error, level, isWaiting }: Props) {
  const { t } = useTranslation();
  const { text, minutes, name } = useDeskFormat();
  if (isWaiting) return <Alert type="info" showIcon title={t('servicedesk.form.policyWaiting')} data-testid="policy-preview" />;
  if (isLoading) return <Skeleton active paragraph={{ rows: 1 }} />;
  if (error || !resolution) return <Alert type="warning" showIcon title={t('servicedesk.form.policyUnknown')} description={error ? errorMessage(error) : undefined} data-testid="policy-preview" />;
  const targets = level ? CLOCKS.filter((c) => level.targets[c] !== undefined).map((c) => `${t(`servicedesk.clock.${c}`)} ${minutes(level.targets[c] ?? 0)}`) : [];
  return (
    <Alert
      type="info"
      showIcon
      data-testid="policy-preview"
      data-source={resolution.source}
      title={
        <Space size={8} wrap>
          <span>{t('servicedesk.form.policyApplies')}</span>
          <Typography.Text strong data-testid="policy-preview-name">{resolution.policyName}</Typography.Text>
          <Tag color={resolution.source === 'contract' ? 'green' : resolution.source === 'organisation_default' ? 'blue' : 'default'}>{t(`servicedesk.policySource.${resolution.source}`)}</Tag>
        </Space>
      }
      description={
        <Space orientation="vertical" size={2}>
          <Typography.Text data-testid="policy-preview-why">{text(resolution.why)}</Typography.Text>
          {level && (
            <Typography.Text type="secondary">
              {t('servicedesk.form.levelTargets', { level: name(level), targets: targets.length ? targets.join(t('common.listSeparator')) : t('servicedesk.form.noTargets') })}
            </Typography.Text>
          )}
        </Space>
      }
    />
  );
}
