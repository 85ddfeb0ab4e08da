import { Button, Flex, Input, Select, Switch, Table, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { PriorityMatrix } from '../../../shared/schemas/sla.ts';
import { matrixCell, nextKey, withMatrixCell, type MatrixValues } from './policy-form-values.ts';
import { useDeskFormat } from './useDeskFormat.ts';

type Axis = PriorityMatrix['impacts'][number];
type Props = {
  value?: MatrixValues;
  onChange?: (value: MatrixValues) => void;
  levels: ReadonlyArray<{ key: string; name: string; nameEn: string }>;
  disabled?: boolean;
};

const MAX_AXIS = 6;

/** The values of one axis (impacts or urgencies): key shown, names editable, add and remove. */
function AxisRows({ title, items, prefix, onChange, disabled, testId }: { title: string; items: Axis[]; prefix: string; onChange: (items: Axis[]) => void; disabled?: boolean; testId: string }) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<Axis>) => onChange(items.map((a, j) => (j === i ? { ...a, ...patch } : a)));
  return (
    <Flex vertical gap={6} style={{ flex: 1, minWidth: 280 }} data-testid={testId}>
      <Typography.Text strong>{title}</Typography.Text>
      {items.map((a, i) => (
        <Flex key={a.key} gap={6} align="center">
          <Typography.Text code style={{ minWidth: 80 }}>{a.key}</Typography.Text>
          <Input value={a.name} maxLength={60} placeholder={t('servicedesk.policyForm.nameZh')} disabled={disabled} onChange={(e) => set(i, { name: e.target.value })} />
          <Input value={a.nameEn} maxLength={60} placeholder={t('servicedesk.policyForm.nameEn')} disabled={disabled} onChange={(e) => set(i, { nameEn: e.target.value })} />
          <Button type="text" danger icon={<DeleteOutlined />} disabled={disabled || items.length <= 1} onClick={() => onChange(items.filter((_, j) => j !== i))} aria-label={t('common.delete')} />
        </Flex>
      ))}
      <Button
        type="dashed"
        icon={<PlusOutlined />}
        disabled={disabled || items.length >= MAX_AXIS}
        onClick={() => onChange([...items, { key: nextKey(prefix, items.map((x) => x.key)), name: '', nameEn: '' }])}
      >
        {t('servicedesk.matrix.add')}
      </Button>
    </Flex>
  );
}

/**
 * 优先级矩阵: impact × urgency → level, one cell per pair (a new row or column starts at the least severe level).
 * Works as a controlled antd Form field.
 */
export function PriorityMatrixEditor({ value, onChange, levels, disabled }: Props) {
  const { t } = useTranslation();
  const { name } = useDeskFormat();
  const v: MatrixValues = value ?? { isEnabled: false, impacts: [], urgencies: [], cells: {} };
  const fallback = levels.at(-1)?.key ?? '';
  const levelOptions = levels.map((l) => ({ value: l.key, label: name(l) || l.key }));
  const enable = (on: boolean) => {
    if (!on) return onChange?.({ ...v, isEnabled: false });
    // a first matrix: one impact and one urgency to start from
    onChange?.({
      isEnabled: true,
      impacts: v.impacts.length ? v.impacts : [{ key: 'impact1', name: '', nameEn: '' }],
      urgencies: v.urgencies.length ? v.urgencies : [{ key: 'urgency1', name: '', nameEn: '' }],
      cells: v.cells,
    });
  };
  return (
    <Flex vertical gap={16} data-testid="matrix-editor">
      <Flex gap={8} align="center">
        <Switch checked={v.isEnabled} disabled={disabled} onChange={enable} data-testid="matrix-enabled" />
        <Typography.Text>{t('servicedesk.matrix.enabled')}</Typography.Text>
      </Flex>
      {!v.isEnabled ? (
        <Typography.Text type="secondary">{t('servicedesk.matrix.disabledHint')}</Typography.Text>
      ) : (
        <>
          <Flex gap={24} wrap>
            <AxisRows title={t('servicedesk.common.impact')} items={v.impacts} prefix="impact" disabled={disabled} onChange={(impacts) => onChange?.({ ...v, impacts })} testId="matrix-impacts" />
            <AxisRows title={t('servicedesk.common.urgency')} items={v.urgencies} prefix="urgency" disabled={disabled} onChange={(urgencies) => onChange?.({ ...v, urgencies })} testId="matrix-urgencies" />
          </Flex>
          <Table<Axis>
            size="small"
            bordered
            rowKey="key"
            pagination={false}
            dataSource={v.impacts}
            scroll={{ x: true }}
            columns={[
              { title: t('servicedesk.matrix.corner'), fixed: 'left', width: 160, render: (_, i) => <Typography.Text strong>{name(i) || i.key}</Typography.Text> },
              ...v.urgencies.map((u) => ({
                title: name(u) || u.key,
                key: u.key,
                width: 170,
                render: (_: unknown, i: Axis) => (
                  <Select
                    size="small"
                    style={{ width: '100%' }}
                    disabled={disabled}
                    value={matrixCell(v, i.key, u.key) ?? fallback}
                    options={levelOptions}
                    onChange={(level: string) => onChange?.(withMatrixCell(v, i.key, u.key, level))}
                    data-testid={`matrix-cell-${i.key}-${u.key}`}
                  />
                ),
              })),
            ]}
            data-testid="matrix-grid"
          />
        </>
      )}
    </Flex>
  );
}
