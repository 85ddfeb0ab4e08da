import { Badge, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ProbeState } from '../../../shared/schemas/probes.ts';
import { STATE_HEX, STATE_ORDER } from './monitoring-format.ts';

type Props = {
  counts: Partial<Record<ProbeState, number>> | undefined;
  selected: ProbeState | undefined;
  onSelect: (state: ProbeState | undefined) => void;
};

/** Counts per state, worst first; a click filters the list to that state, a second click clears the filter. */
export function ProbeSummaryBar({ counts, selected, onSelect }: Props) {
  const { t } = useTranslation();
  const total = STATE_ORDER.reduce((sum, s) => sum + (counts?.[s] ?? 0), 0);
  const tile = (key: string, label: string, count: number, color: string | null, isActive: boolean, onClick: () => void) => (
    <button
      key={key}
      type="button"
      onClick={onClick}
      aria-pressed={isActive}
      data-testid={`probe-summary-${key}`}
      style={{
        minWidth: 112,
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
      <div style={{ fontSize: 22, fontWeight: 600, lineHeight: 1.3, color: count > 0 && color && (key === 'down' || key === 'unreachable') ? color : undefined }}>{count}</div>
    </button>
  );
  return (
    <Flex gap={8} wrap style={{ marginBottom: 16 }} data-testid="probe-summary">
      {tile('all', t('monitoring.probes.all'), total, null, selected === undefined, () => onSelect(undefined))}
      {STATE_ORDER.map((s) => tile(s, t(`monitoring.state.${s}`), counts?.[s] ?? 0, STATE_HEX[s], selected === s, () => onSelect(selected === s ? undefined : s)))}
    </Flex>
  );
}
