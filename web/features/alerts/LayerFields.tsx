import { Button, Card, Checkbox, Col, DatePicker, Flex, Form, Input, InputNumber, Radio, Row, Select, TimePicker, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { requiredRule } from '../../app/validation.ts';
import { hm, type LayerValues, type RestrictionKind } from './schedule-form-values.ts';
import { UserPick } from './UserPick.tsx';
import { WEEKDAYS } from './wall-time.ts';

const RESTRICTIONS: RestrictionKind[] = ['none', 'weekly', 'business_hours', 'off_hours'];

/** Participants in turn order: a user picker per turn, reordered with arrows (a person may take several turns). */
function ParticipantRows({ layerName }: { layerName: number }) {
  const { t } = useTranslation();
  return (
    <Form.List
      name={[layerName, 'participants']}
      rules={[{ validator: async (_r, rows: unknown[] | undefined) => { if (!rows?.length) throw new Error(t('alerts.schedules.atLeastOneParticipant')); } }]}
    >
      {(fields, { add, remove, move }, { errors }) => (
        <Flex vertical gap={0} data-testid="schedule-participants">
          {fields.map((field, index) => (
            <Flex key={field.key} gap={4} align="flex-start">
              <Typography.Text type="secondary" style={{ width: 24, lineHeight: '32px' }}>{index + 1}.</Typography.Text>
              <Form.Item name={field.name} rules={[requiredRule()]} style={{ flex: 1, marginBottom: 8 }}>
                <UserPick style={{ width: '100%' }} data-testid="schedule-participant" />
              </Form.Item>
              <Button type="text" icon={<ArrowUpOutlined />} disabled={index === 0} aria-label={t('alerts.schedules.moveUp')} onClick={() => move(index, index - 1)} />
              <Button type="text" icon={<ArrowDownOutlined />} disabled={index === fields.length - 1} aria-label={t('alerts.schedules.moveDown')} onClick={() => move(index, index + 1)} />
              <Button type="text" icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={() => remove(field.name)} />
            </Flex>
          ))}
          <Form.ErrorList errors={errors} />
          <div>
            <Button size="small" icon={<PlusOutlined />} onClick={() => add(null)} data-testid="schedule-participant-add">{t('alerts.schedules.addParticipant')}</Button>
          </div>
        </Flex>
      )}
    </Form.List>
  );
}

/** Weekly windows a restricted layer is in force (an end at or before the start runs into the next day). */
function RangeRows({ layerName }: { layerName: number }) {
  const { t } = useTranslation();
  return (
    <Form.List name={[layerName, 'ranges']}>
      {(fields, { add, remove }) => (
        <Flex vertical gap={0}>
          {fields.map((field) => (
            <Flex key={field.key} gap={8} align="flex-start" wrap>
              <Form.Item name={[field.name, 'weekdays']} rules={[{ required: true, type: 'array', min: 1, message: t('validation.required') }]} style={{ marginBottom: 8 }}>
                <Checkbox.Group options={WEEKDAYS.map((d) => ({ value: d, label: t(`alerts.weekday.${d}`) }))} />
              </Form.Item>
              <Form.Item name={[field.name, 'start']} rules={[requiredRule()]} style={{ marginBottom: 8 }}>
                <TimePicker format="HH:mm" minuteStep={5} placeholder={t('alerts.schedules.rangeStart')} />
              </Form.Item>
              <Form.Item name={[field.name, 'end']} rules={[requiredRule()]} style={{ marginBottom: 8 }}>
                <TimePicker format="HH:mm" minuteStep={5} placeholder={t('alerts.schedules.rangeEnd')} />
              </Form.Item>
              <Button type="text" icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={() => remove(field.name)} />
            </Flex>
          ))}
          <div>
            <Button size="small" icon={<PlusOutlined />} onClick={() => add({ weekdays: [1, 2, 3, 4, 5], start: hm('08:00'), end: hm('18:00') })}>{t('alerts.schedules.addRange')}</Button>
          </div>
        </Flex>
      )}
    </Form.List>
  );
}

type Props = { name: number; index: number; count: number; onRemove: () => void; onMove: (to: number) => void };

/** One layer: who rotates (in order), how often and when the turn passes, from which date, and when it is in force. */
export function LayerFields({ name, index, count, onRemove, onMove }: Props) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const layer = (Form.useWatch(['layers', name], form) ?? {}) as Partial<LayerValues>;
  return (
    <Card
      size="small"
      title={
        <Flex align="center" gap={8}>
          {t('alerts.schedules.layerTitle', { n: index + 1 })}
          {index === count - 1 && count > 1 && <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>{t('alerts.schedules.topLayer')}</Typography.Text>}
        </Flex>
      }
      extra={
        <Flex gap={0}>
          <Button size="small" type="text" icon={<ArrowUpOutlined />} disabled={index === 0} aria-label={t('alerts.schedules.moveUp')} onClick={() => onMove(index - 1)} />
          <Button size="small" type="text" icon={<ArrowDownOutlined />} disabled={index === count - 1} aria-label={t('alerts.schedules.moveDown')} onClick={() => onMove(index + 1)} />
          {count > 1 && <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={onRemove}>{t('alerts.schedules.removeLayer')}</Button>}
        </Flex>
      }
      data-testid="schedule-layer"
    >
      <Row gutter={16}>
        <Col span={10}>
          <Form.Item name={[name, 'name']} label={t('alerts.schedules.fields.layerName')} rules={[requiredRule()]}>
            <Input maxLength={60} data-testid="schedule-layer-name" />
          </Form.Item>
          <Form.Item label={t('alerts.schedules.fields.participants')} required>
            <ParticipantRows layerName={name} />
          </Form.Item>
        </Col>
        <Col span={14}>
          <Form.Item name={[name, 'kind']} label={t('alerts.schedules.fields.rotation')} rules={[requiredRule()]}>
            <Radio.Group optionType="button" options={(['daily', 'weekly', 'custom'] as const).map((k) => ({ value: k, label: t(`alerts.schedules.rotation.${k}`) }))} data-testid="schedule-layer-kind" />
          </Form.Item>
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item name={[name, 'handoffTime']} label={t('alerts.schedules.fields.handoffTime')} rules={[requiredRule()]}>
                <TimePicker format="HH:mm" minuteStep={5} style={{ width: '100%' }} data-testid="schedule-layer-handoff" />
              </Form.Item>
            </Col>
            <Col span={12}>
              {layer.kind === 'weekly' && (
                <Form.Item name={[name, 'handoffWeekday']} label={t('alerts.schedules.fields.handoffWeekday')} rules={[requiredRule()]}>
                  <Select options={WEEKDAYS.map((d) => ({ value: d, label: t(`alerts.weekday.${d}`) }))} />
                </Form.Item>
              )}
              {layer.kind === 'custom' && (
                <Form.Item name={[name, 'everyHours']} label={t('alerts.schedules.fields.everyHours')} rules={[requiredRule()]}>
                  <InputNumber min={1} max={24 * 28} suffix={t('units.hours')} style={{ width: '100%' }} />
                </Form.Item>
              )}
            </Col>
          </Row>
          <Form.Item name={[name, 'startDate']} label={t('alerts.schedules.fields.startDate')} rules={[requiredRule()]} extra={t('alerts.schedules.startDateHint')}>
            <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} data-testid="schedule-layer-start" />
          </Form.Item>
          <Form.Item name={[name, 'restrictionKind']} label={t('alerts.schedules.fields.restriction')}>
            <Radio.Group options={RESTRICTIONS.map((r) => ({ value: r, label: t(`alerts.schedules.restriction.${r}`) }))} data-testid="schedule-layer-restriction" />
          </Form.Item>
          {layer.restrictionKind === 'weekly' && <RangeRows layerName={name} />}
          {(layer.restrictionKind === 'business_hours' || layer.restrictionKind === 'off_hours') && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('alerts.schedules.calendarNeeded')}</Typography.Text>
          )}
        </Col>
      </Row>
    </Card>
  );
}
