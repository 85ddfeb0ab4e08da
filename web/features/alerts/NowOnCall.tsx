import { Badge, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api.ts';
import { personColor } from './alert-format.ts';
import { useOnCallNow } from './useOnCall.ts';

/** "现在值班：张三" from the schedule's /now, refreshed every minute. */
export function NowOnCall({ scheduleId, isLabelled = false }: { scheduleId: string; isLabelled?: boolean }) {
  const { t } = useTranslation();
  const now = useOnCallNow(scheduleId);
  if (now.isPending) return <Typography.Text type="secondary">…</Typography.Text>;
  if (now.isError) return <Tooltip title={errorMessage(now.error)}><Typography.Text type="secondary">—</Typography.Text></Tooltip>;
  const { userId, userName, layer } = now.data;
  const label = isLabelled ? `${t('alerts.schedules.nowOnCall')}：` : '';
  if (!userId) return <Typography.Text type="warning" data-testid="oncall-now">{label}{t('alerts.schedules.nobody')}</Typography.Text>;
  return (
    <span data-testid="oncall-now">
      <Badge color={personColor(userId)} text={`${label}${userName ?? userId}`} />
      {layer === 'override' && <Typography.Text type="secondary" style={{ fontSize: 12 }}> ({t('alerts.schedules.override')})</Typography.Text>}
    </span>
  );
}
