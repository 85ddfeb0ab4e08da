import { useEffect } from 'react';
import { App, Button, Checkbox, Col, Divider, Drawer, Flex, Form, Input, InputNumber, Radio, Row, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { AlertSeverity } from '../../../shared/schemas/alert-channels.ts';
import { AlertRouteInput, AlertSource, RouteTime, type AlertRoute } from '../../../shared/schemas/alerts.ts';
import { errorMessage } from '../../app/api.ts';
import { useOrgScope } from '../../app/org-scope.tsx';
import { useMe } from '../../app/session.tsx';
import { applyFieldErrors, requiredRule } from '../../app/validation.ts';
import { AssetKindMultiSelect, CalendarSelect, ChannelMultiSelect, EscalationPolicySelect, OrgFormItem } from './ConfigPickers.tsx';
import { MatcherRows } from './MatcherRows.tsx';
import { newRouteValues, routeFieldOf, routeToValues, toRouteInput, type RouteFormValues } from './route-form-values.ts';
import { useRouteMutations } from './useAlertConfig.ts';
import { placeIssues } from './form-issues.ts';

type Props = { open: boolean; onClose: () => void; route?: AlertRoute | null; nextPosition: number };

/** A route: which alerts (organisation, levels, asset kinds, 核心, sources, labels, hours) go to which channels and escalation. */
export function RouteFormDrawer({ open, onClose, route, nextPosition }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const scope = useOrgScope();
  const [form] = Form.useForm<RouteFormValues>();
  const { create, update } = useRouteMutations();
  const time = Form.useWatch('time', form);
  const isEdit = Boolean(route);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(route ? routeToValues(route) : newRouteValues(scope.orgId ?? me.orgId, nextPosition));
  }, [open, route, form, scope.orgId, me.orgId, nextPosition]);

  const submit = (v: RouteFormValues) => {
    const checked = AlertRouteInput.safeParse(toRouteInput(v));
    if (!checked.success) {
      if (!placeIssues(form, checked.error.issues, routeFieldOf)) void message.error(checked.error.issues[0]?.message ?? t('validation.invalid'));
      return;
    }
    const done = {
      onSuccess: () => {
        void message.success(t(isEdit ? 'common.saved' : 'common.created'));
        onClose();
      },
      onError: (e: Error) => {
        if (!applyFieldErrors(form, e, routeFieldOf)) void message.error(errorMessage(e));
      },
    };
    if (route) {
      const { orgId: _orgId, ...rest } = checked.data;
      update.mutate({ id: route.id, input: rest }, done);
    } else create.mutate(checked.data, done);
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={720}
      title={isEdit ? t('alerts.routes.edit') : t('alerts.routes.create')}
      forceRender
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending || update.isPending} onClick={() => form.submit()} data-testid="route-save">
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      <Form<RouteFormValues> form={form} layout="vertical" onFinish={submit} data-testid="route-form">
        <Row gutter={16}>
          <Col span={16}>
            <Form.Item name="name" label={t('alerts.common.name')} rules={[requiredRule()]}>
              <Input maxLength={100} placeholder={t('alerts.routes.namePlaceholder')} data-testid="route-name" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="position" label={t('alerts.routes.fields.position')} rules={[requiredRule()]} extra={t('alerts.routes.positionHint')}>
              <InputNumber min={0} max={100_000} style={{ width: '100%' }} data-testid="route-position" />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start" plain>{t('alerts.routes.sections.conditions')}</Divider>
        <Row gutter={16}>
          <Col span={14}>
            <OrgFormItem lockedName={route?.orgName} />
          </Col>
          <Col span={10}>
            <Form.Item name="includeSubOrgs" label={t('alerts.routes.fields.includeSubOrgs')} valuePropName="checked">
              <Switch data-testid="route-include-sub-orgs" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="severities" label={t('alerts.routes.fields.severities')} extra={t('alerts.routes.emptyMeansAny')}>
          <Checkbox.Group options={AlertSeverity.options.map((s) => ({ value: s, label: t(`alerts.severity.${s}`) }))} data-testid="route-severities" />
        </Form.Item>
        <Row gutter={16}>
          <Col span={14}>
            <Form.Item name="assetKinds" label={t('alerts.routes.fields.assetKinds')}>
              <AssetKindMultiSelect data-testid="route-asset-kinds" />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="coreOnly" label={t('alerts.routes.fields.coreOnly')} valuePropName="checked">
              <Switch data-testid="route-core-only" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="sources" label={t('alerts.routes.fields.sources')}>
          <Select mode="multiple" allowClear placeholder={t('alerts.routes.anySource')} options={AlertSource.options.map((s) => ({ value: s, label: t(`alerts.source.${s}`) }))} data-testid="route-sources" />
        </Form.Item>
        <Form.Item label={t('alerts.routes.fields.matchers')}>
          <MatcherRows name="matchers" />
        </Form.Item>
        <Row gutter={16}>
          <Col span={14}>
            <Form.Item name="time" label={t('alerts.routes.fields.time')}>
              <Radio.Group options={RouteTime.options.map((v) => ({ value: v, label: t(`alerts.routes.time.${v}`) }))} data-testid="route-time" />
            </Form.Item>
          </Col>
          <Col span={10}>
            {time && time !== 'any' && (
              <Form.Item name="calendarId" label={t('alerts.common.calendar')} extra={t('alerts.routes.calendarHint')}>
                <CalendarSelect data-testid="route-calendar" />
              </Form.Item>
            )}
          </Col>
        </Row>
        <Divider titlePlacement="start" plain>{t('alerts.routes.sections.actions')}</Divider>
        <Form.Item name="channelIds" label={t('alerts.routes.fields.channels')} extra={t('alerts.routes.channelsHint')}>
          <ChannelMultiSelect data-testid="route-channels" />
        </Form.Item>
        <Form.Item name="escalationPolicyId" label={t('alerts.routes.fields.escalationPolicy')}>
          <EscalationPolicySelect data-testid="route-escalation" />
        </Form.Item>
        <Flex gap={32} wrap>
          <Form.Item name="notifyResolved" label={t('alerts.routes.fields.notifyResolved')} valuePropName="checked">
            <Switch data-testid="route-notify-resolved" />
          </Form.Item>
          <Form.Item name="isContinue" label={t('alerts.routes.fields.isContinue')} valuePropName="checked" tooltip={t('alerts.routes.continueHint')}>
            <Switch data-testid="route-continue" />
          </Form.Item>
          <Form.Item name="isEnabled" label={t('alerts.common.enabled')} valuePropName="checked">
            <Switch data-testid="route-enabled" />
          </Form.Item>
        </Flex>
      </Form>
    </Drawer>
  );
}
