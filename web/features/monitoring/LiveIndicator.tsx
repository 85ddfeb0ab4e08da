import { Badge, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LiveStatus } from './useProbeLive.ts';

const COLOR = { live: 'success', connecting: 'processing', offline: 'default' } as const;

/** Whether state changes arrive live (server-sent events) or only with the minute's refresh. */
export function LiveIndicator({ status }: { status: LiveStatus }) {
  const { t } = useTranslation();
  const label = status === 'connecting' ? t('monitoring.live.connecting') : t('monitoring.live.live');
  return (
    <Tooltip title={status === 'offline' ? t('monitoring.live.offline') : undefined}>
      <Badge status={COLOR[status]} text={label} style={status === 'offline' ? { opacity: 0.45 } : undefined} data-testid="probe-live" data-status={status} />
    </Tooltip>
  );
}
