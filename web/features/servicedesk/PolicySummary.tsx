import { Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SlaLevel, SlaPolicy, SlaTargets } from '../../../shared/schemas/sla.ts';
import { CLOCKS } from './policy-form-values.ts';
import { useDeskFormat } from './useDeskFormat.ts';

/** A policy's levels with their targets per clock (in and off hours), its pause reasons and its matrix, read-only. */
export function PolicySummary({ policy, isCompact }: { policy: SlaPolicy; isCompact?: boolean }) {
  const { t } = useTranslation();
  const { name, minutes } = useDeskFormat();
  const cell = (targets: SlaTargets | undefined, clock: (typeof CLOCKS)[number]) => {
    const n = targets?.[clock];
    return n === undefined ? <Typography.Text type="secondary">—</Typography.Text> : minutes(n);
  };
  const hasOffHours = policy.levels.some((l) => l.offHours);
  const calendar = typeof policy.calendar === 'string' ? t(`servicedesk.policies.calendar.${policy.calendar === '7x24' ? 'allDay' : 'business'}`) : t('servicedesk.policies.calendar.custom');
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }} data-testid="policy-summary">
      <Space size={8} wrap>
        <Tag color="blue">{calendar}</Tag>
        <Tag>{t('servicedesk.policies.warnAt', { percent: policy.warnAtPercent })}</Tag>
        <Tag>{policy.autoCloseAfterDays ? t('servicedesk.policies.autoClose', { days: policy.autoCloseAfterDays }) : t('servicedesk.policies.noAutoClose')}</Tag>
        {policy.source && <Typography.Text type="secondary">{t('servicedesk.policies.source', { source: policy.source })}</Typography.Text>}
      </Space>
      <Table<SlaLevel>
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={policy.levels}
        scroll={{ x: isCompact ? undefined : 720 }}
        columns={[
          {
            title: t('servicedesk.common.level'),
            render: (_, l) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text strong>{name(l)}</Typography.Text>
                {l.description && !isCompact && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{l.description}</Typography.Text>}
              </Space>
            ),
          },
          ...CLOCKS.map((c) => ({
            title: t(`servicedesk.clock.${c}`),
            render: (_: unknown, l: SlaLevel) => (
              <Space orientation="vertical" size={0}>
                <span>{cell(l.targets, c)}</span>
                {hasOffHours && l.offHours?.[c] !== undefined && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('servicedesk.policies.offHoursValue', { time: minutes(l.offHours[c] ?? 0) })}</Typography.Text>}
              </Space>
            ),
          })),
          ...(isCompact ? [] : [{ title: t('servicedesk.policyForm.clock'), render: (_: unknown, l: SlaLevel) => t(`servicedesk.clocks.measuredOn.${l.clock}`) }]),
        ]}
      />
      {!isCompact && policy.pauseReasons.length > 0 && (
        <Space size={6} wrap>
          <Typography.Text type="secondary">{t('servicedesk.policyForm.pauseReasons')}：</Typography.Text>
          {policy.pauseReasons.map((r) => (
            <Tag key={r.key}>
              {name(r)}（{r.stops.map((c) => t(`servicedesk.clock.${c}`)).join(t('common.listSeparator'))}）
            </Tag>
          ))}
        </Space>
      )}
      {policy.priorityMatrix && (
        <Typography.Text type="secondary">
          {t('servicedesk.policies.matrixSize', { impacts: policy.priorityMatrix.impacts.length, urgencies: policy.priorityMatrix.urgencies.length })}
        </Typography.Text>
      )}
    </Space>
  );
}
