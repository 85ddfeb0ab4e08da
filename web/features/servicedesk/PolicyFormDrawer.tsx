import { useEffect, useMemo } from 'react';
import { App, Button, Card, Checkbox, Col, Drawer, Flex, Form, Input, InputNumber, Popconfirm, Radio, Row, Switch, Tabs, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { SlaPolicyRecord } from '../../../shared/schemas/servicedesk.ts';
import { SlaPausableClock, SlaPolicy } from '../../../shared/schemas/sla.ts';
import { errorMessage } from '../../app/api.ts';
import { requiredRule } from '../../app/validation.ts';
import { withTestId } from '../../ui/test-id.ts';
import { placeIssues } from '../alerts/form-issues.ts';
import { CalendarSelect } from '../alerts/ConfigPickers.tsx';
import { CLOCKS, newLevelValues, newPauseReasonValues, policyFieldOf, policyToValues, toSlaPolicy, type PolicyFormValues } from './policy-form-values.ts';
import { PriorityMatrixEditor } from './PriorityMatrixEditor.tsx';
import { useSlaPolicyMutations } from './useSlaPolicies.ts';

type Props = { record: SlaPolicyRecord | null; onClose: () => void };
type Values = PolicyFormValues & { isDefault: boolean };

const KEY_RULE = { pattern: /^[a-z0-9_]{1,40}$/, message: '' };

/** Minutes per clock, one row; an empty box = the contract promises nothing for that clock. */
function TargetRow({ base, disabled }: { base: (string | number)[]; disabled?: boolean }) {
  const { t } = useTranslation();
  return (
    <Row gutter={8}>
      {CLOCKS.map((c) => (
        <Col xs={12} md={6} key={c}>
          <Form.Item name={[...base, c]} label={t(`servicedesk.clock.${c}`)} style={{ marginBottom: 8 }}>
            <InputNumber min={1} max={525_600} precision={0} suffix={t('servicedesk.units.m')} placeholder={t('servicedesk.policyForm.notApplicable')} style={{ width: '100%' }} disabled={disabled} data-testid={`policy-target-${c}`} />
          </Form.Item>
        </Col>
      ))}
    </Row>
  );
}

/**
 * 编辑 SLA 策略: the whole definition (levels with targets in and off working hours, calendar, warn %, auto close,
 * pause reasons, priority matrix) replaced in one save. Keys in use stay fixed: open tickets refer to them.
 */
export function PolicyFormDrawer({ record, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { update } = useSlaPolicyMutations();
  const calendarKind = Form.useWatch('calendarKind', form);
  const levels = Form.useWatch('levels', form);
  const reasons = Form.useWatch('pauseReasons', form);
  const existingLevels = useMemo(() => new Set(record?.policy.levels.map((l) => l.key) ?? []), [record]);
  const existingReasons = useMemo(() => new Set(record?.policy.pauseReasons.map((r) => r.key) ?? []), [record]);
  const keyRule = { ...KEY_RULE, message: t('servicedesk.policyForm.keyHint') };

  useEffect(() => {
    if (!record) return;
    form.resetFields();
    form.setFieldsValue({ ...policyToValues(record.policy), isDefault: record.isDefault });
  }, [record, form]);

  const save = async () => {
    if (!record) return;
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      void message.error(t('servicedesk.policyForm.fixErrors'));
      return;
    }
    const all = { ...(form.getFieldsValue(true) as Values), ...v };
    const input = toSlaPolicy(all);
    const checked = SlaPolicy.safeParse(input);
    if (!checked.success) {
      const first = checked.error.issues[0];
      if (first?.path[0] === 'priorityMatrix') void message.error(t('servicedesk.policyForm.matrixInvalid'));
      else if (!placeIssues(form, checked.error.issues, policyFieldOf)) void message.error(first?.message ?? t('validation.invalid'));
      return;
    }
    update.mutate(
      { id: record.id, input: { policy: input, isDefault: all.isDefault } },
      {
        onSuccess: () => {
          void message.success(t('common.saved'));
          onClose();
        },
        onError: (e) => void message.error(errorMessage(e)),
      },
    );
  };

  const basics = (
    <>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="name" label={t('servicedesk.policyForm.nameZh')} rules={[requiredRule()]}>
            <Input maxLength={60} data-testid="policy-name" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="nameEn" label={t('servicedesk.policyForm.nameEn')} rules={[requiredRule()]}>
            <Input maxLength={60} data-testid="policy-name-en" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="source" label={t('servicedesk.policyForm.source')} extra={t('servicedesk.policyForm.sourceHint')}>
        <Input maxLength={200} data-testid="policy-source" />
      </Form.Item>
      <Form.Item name="calendarKind" label={t('servicedesk.policyForm.calendar')} extra={t('servicedesk.policyForm.calendarHint')}>
        <Radio.Group
          options={[
            { value: 'business', label: t('servicedesk.policies.calendar.business') },
            { value: '7x24', label: t('servicedesk.policies.calendar.allDay') },
            { value: 'custom', label: t('servicedesk.policies.calendar.custom') },
          ]}
          data-testid="policy-calendar-kind"
        />
      </Form.Item>
      {calendarKind === 'custom' && (
        <Form.Item name="calendarId" label={t('servicedesk.policyForm.calendarId')} rules={[requiredRule()]}>
          <CalendarSelect data-testid="policy-calendar" />
        </Form.Item>
      )}
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name="warnAtPercent" label={t('servicedesk.policyForm.warnAtPercent')} extra={t('servicedesk.policyForm.warnHint')} rules={[requiredRule()]}>
            <InputNumber min={1} max={99} precision={0} suffix="%" style={{ width: '100%' }} data-testid="policy-warn" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="autoCloseAfterDays" label={t('servicedesk.policyForm.autoCloseAfterDays')} extra={t('servicedesk.policyForm.autoCloseHint')} rules={[requiredRule()]}>
            <InputNumber min={0} max={90} precision={0} suffix={t('units.days')} style={{ width: '100%' }} data-testid="policy-auto-close" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="isDefault" label={t('servicedesk.policies.isDefault')} valuePropName="checked" extra={t('servicedesk.policies.defaultHint')}>
            <Switch data-testid="policy-default" />
          </Form.Item>
        </Col>
      </Row>
    </>
  );

  const levelTab = (
    <Form.List name="levels">
      {(fields, { add, remove, move }) => (
        <Flex vertical gap={12}>
          <Typography.Text type="secondary">{t('servicedesk.policyForm.levelsHint')}</Typography.Text>
          {fields.map((field, index) => {
            const key = levels?.[index]?.key;
            const isExisting = Boolean(key && existingLevels.has(key));
            return (
              <Card
                key={field.key}
                size="small"
                title={t('servicedesk.policyForm.levelN', { n: index + 1 })}
                data-testid="policy-level"
                extra={
                  <Flex gap={4}>
                    <Button size="small" type="text" icon={<ArrowUpOutlined />} disabled={index === 0} onClick={() => move(index, index - 1)} aria-label={t('servicedesk.policyForm.moveUp')} />
                    <Button size="small" type="text" icon={<ArrowDownOutlined />} disabled={index === fields.length - 1} onClick={() => move(index, index + 1)} aria-label={t('servicedesk.policyForm.moveDown')} />
                    <Popconfirm title={t('servicedesk.policyForm.confirmRemoveLevel')} description={t('servicedesk.policyForm.removeLevelHint')} okButtonProps={withTestId({ danger: true }, 'confirm-ok')} onConfirm={() => remove(field.name)} disabled={fields.length <= 1}>
                      <Button size="small" type="text" danger icon={<DeleteOutlined />} disabled={fields.length <= 1} aria-label={t('common.delete')} />
                    </Popconfirm>
                  </Flex>
                }
              >
                <Row gutter={8}>
                  <Col xs={24} md={6}>
                    <Form.Item name={[field.name, 'key']} label={t('servicedesk.policyForm.key')} rules={[requiredRule(), keyRule]} tooltip={isExisting ? t('servicedesk.policyForm.keyLocked') : undefined}>
                      <Input maxLength={40} disabled={isExisting} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={9}>
                    <Form.Item name={[field.name, 'name']} label={t('servicedesk.policyForm.nameZh')} rules={[requiredRule()]}>
                      <Input maxLength={60} data-testid="policy-level-name" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={9}>
                    <Form.Item name={[field.name, 'nameEn']} label={t('servicedesk.policyForm.nameEn')} rules={[requiredRule()]}>
                      <Input maxLength={60} />
                    </Form.Item>
                  </Col>
                </Row>
                <Form.Item name={[field.name, 'description']} label={t('servicedesk.policyForm.levelDescription')}>
                  <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={500} />
                </Form.Item>
                <Form.Item name={[field.name, 'clock']} label={t('servicedesk.policyForm.clock')} extra={t('servicedesk.policyForm.clockHint')} style={{ marginBottom: 8 }}>
                  <Radio.Group
                    options={[
                      { value: 'calendar', label: t('servicedesk.clocks.measuredOn.calendar') },
                      { value: '7x24', label: t('servicedesk.clocks.measuredOn.7x24') },
                    ]}
                  />
                </Form.Item>
                <Typography.Text strong>{t('servicedesk.policyForm.inHours')}</Typography.Text>
                <TargetRow base={[field.name, 'targets']} />
                {calendarKind !== '7x24' && (
                  <>
                    <Flex gap={8} align="center" style={{ marginBottom: 8 }}>
                      <Form.Item name={[field.name, 'hasOffHours']} valuePropName="checked" noStyle>
                        <Switch size="small" data-testid="policy-level-off-hours" />
                      </Form.Item>
                      <Typography.Text strong>{t('servicedesk.policyForm.offHours')}</Typography.Text>
                      <Typography.Text type="secondary">{t('servicedesk.policyForm.offHoursHint')}</Typography.Text>
                    </Flex>
                    {levels?.[index]?.hasOffHours && <TargetRow base={[field.name, 'offHours']} />}
                  </>
                )}
                <Form.Item name={[field.name, 'resolutionFrom']} label={t('servicedesk.policyForm.resolutionFrom')} style={{ marginBottom: 0 }}>
                  <Radio.Group
                    options={[
                      { value: 'opened', label: t('servicedesk.policyForm.fromOpened') },
                      { value: 'on_site', label: t('servicedesk.policyForm.fromOnSite') },
                    ]}
                  />
                </Form.Item>
              </Card>
            );
          })}
          <Button type="dashed" icon={<PlusOutlined />} disabled={fields.length >= 10} onClick={() => add(newLevelValues((levels ?? []).map((l) => l.key)))} data-testid="policy-add-level">
            {t('servicedesk.policyForm.addLevel')}
          </Button>
        </Flex>
      )}
    </Form.List>
  );

  const reasonTab = (
    <Form.List name="pauseReasons">
      {(fields, { add, remove }) => (
        <Flex vertical gap={8}>
          <Typography.Text type="secondary">{t('servicedesk.policyForm.pauseHint')}</Typography.Text>
          {fields.map((field) => {
            const isExisting = existingReasons.has(reasons?.[field.name]?.key ?? '');
            return (
              <Card key={field.key} size="small" data-testid="policy-pause-reason">
                <Row gutter={8} align="middle">
                  <Col xs={24} md={5}>
                    <Form.Item name={[field.name, 'key']} label={t('servicedesk.policyForm.key')} rules={[requiredRule(), keyRule]} style={{ marginBottom: 8 }}>
                      <Input maxLength={40} disabled={isExisting} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={6}>
                    <Form.Item name={[field.name, 'name']} label={t('servicedesk.policyForm.nameZh')} rules={[requiredRule()]} style={{ marginBottom: 8 }}>
                      <Input maxLength={60} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={6}>
                    <Form.Item name={[field.name, 'nameEn']} label={t('servicedesk.policyForm.nameEn')} rules={[requiredRule()]} style={{ marginBottom: 8 }}>
                      <Input maxLength={60} />
                    </Form.Item>
                  </Col>
                  <Col xs={20} md={6}>
                    <Form.Item name={[field.name, 'stops']} label={t('servicedesk.policyForm.stops')} rules={[requiredRule()]} style={{ marginBottom: 8 }}>
                      <Checkbox.Group options={SlaPausableClock.options.map((c) => ({ value: c, label: t(`servicedesk.clock.${c}`) }))} />
                    </Form.Item>
                  </Col>
                  <Col xs={4} md={1}>
                    <Popconfirm title={t('servicedesk.policyForm.confirmRemoveReason')} okButtonProps={withTestId({ danger: true }, 'confirm-ok')} onConfirm={() => remove(field.name)}>
                      <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                    </Popconfirm>
                  </Col>
                </Row>
              </Card>
            );
          })}
          <Button type="dashed" icon={<PlusOutlined />} disabled={fields.length >= 20} onClick={() => add(newPauseReasonValues((reasons ?? []).map((r) => r.key)))} data-testid="policy-add-reason">
            {t('servicedesk.policyForm.addReason')}
          </Button>
        </Flex>
      )}
    </Form.List>
  );

  return (
    <Drawer
      open={record !== null}
      onClose={onClose}
      size={900}
      title={record ? t('servicedesk.policyForm.title', { name: record.policy.name }) : ''}
      forceRender
      footer={
        <Flex justify="space-between" align="center" gap={8} wrap>
          <Typography.Text type="secondary">{t('servicedesk.policyForm.saveHint')}</Typography.Text>
          <Flex gap={8}>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Popconfirm title={t('servicedesk.policyForm.confirmSave')} description={t('servicedesk.policyForm.confirmSaveHint')} okButtonProps={withTestId({}, 'confirm-ok')} onConfirm={() => void save()}>
              <Button type="primary" loading={update.isPending} data-testid="policy-save">
                {t('common.save')}
              </Button>
            </Popconfirm>
          </Flex>
        </Flex>
      }
    >
      <Form<Values> form={form} layout="vertical" data-testid="policy-form">
        <Tabs
          items={[
            { key: 'basics', label: t('servicedesk.policyForm.tabs.basics'), children: basics, forceRender: true },
            { key: 'levels', label: <span data-testid="policy-tab-levels">{t('servicedesk.policyForm.tabs.levels')}</span>, children: levelTab, forceRender: true },
            { key: 'reasons', label: <span data-testid="policy-tab-reasons">{t('servicedesk.policyForm.tabs.reasons')}</span>, children: reasonTab, forceRender: true },
            {
              key: 'matrix',
              label: <span data-testid="policy-tab-matrix">{t('servicedesk.policyForm.tabs.matrix')}</span>,
              forceRender: true,
              children: (
                <Form.Item name="matrix" extra={t('servicedesk.matrix.hint')}>
                  <PriorityMatrixEditor levels={(levels ?? []).map((l) => ({ key: l.key, name: l.name, nameEn: l.nameEn }))} />
                </Form.Item>
              ),
            },
          ]}
        />
      </Form>
    </Drawer>
  );
}
