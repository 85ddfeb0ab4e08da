import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ProbeState } from '../../../shared/schemas/probes.ts';
import { STATE_COLORS } from './monitoring-format.ts';

type Props = { state: ProbeState; message?: string | null; 'data-testid'?: string };

/** A probe's state as a coloured tag (up green, degraded gold, down red …), its last message on hover. */
export function ProbeStateTag({ state, message, ...rest }: Props) {
  const { t } = useTranslation();
  const tag = (
    <Tag color={STATE_COLORS[state]} data-testid={rest['data-testid'] ?? 'probe-state'} data-state={state} style={{ marginInlineEnd: 0 }}>
      {t(`monitoring.state.${state}`)}
    </Tag>
  );
  return message ? <Tooltip title={message}>{tag}</Tooltip> : tag;
}
