import { Alert, Button, Card, Col, DatePicker, Form, Input, Row, Select, Space, Tag, Typography } from 'antd';
import type dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { AlertSeverity } from '../../../shared/schemas/alert-channels.ts';
import { AlertSource, type RouteTestInput } from '../../../shared/schemas/alerts.ts';
import { errorMessage } from '../../app/api.ts';
import { wallTimeToIso } from '../../app/format.ts';
import { useOrgScope } from '../../app/org-scope.tsx';
import { useMe } from '../../app/session.tsx';
import { requiredRule } from '../../app/validation.ts';
import { OrgTreeSelect } from '../organisations/OrgTreeSelect.tsx';
import { parseLabelLines } from './alert-format.ts';
import { AssetPick } from './AssetPick.tsx';
import { useRouteMutations } from './useAlertConfig.ts';

type Values = { orgId: string; severity: AlertSeverity; source: AlertSource; assetId?: string | null; labels?: string; at?: dayjs.Dayjs | null };

/** 测试路由: an imagined alert (organisation, level, source, asset, labels, time) → the routes it would take now. */
export function RouteTestPanel() {
  const { t } = useTranslation();
  const me = useMe();
  const scope = useOrgScope();
  const [form] = Form.useForm<Values>();
  const { test } = useRouteMutations();
  const orgId = Form.useWatch('orgId', form);

  const submit = (v: Values) => {
    const parsed = parseLabelLines(v.labels ?? '');
    if ('badLine' in parsed) {
      form.setFields([{ name: 'labels', errors: [t('alerts.routes.test.badLabel', { line: parsed.badLine })] }]);
      return;
    }
    const input: RouteTestInput = { orgId: v.orgId, severity: v.severity, source: v.source, assetId: v.assetId ?? null, labels: parsed.labels, at: v.at ? wallTimeToIso(v.at) : undefined };
    test.mutate(input);
  };

  const result = test.data;
  return (
    <Card size="small" title={t('alerts.routes.test.title')} data-testid="route-test">
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ orgId: scope.orgId ?? me.orgId, severity: 'P1', source: 'probe' }}>
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item name="orgId" label={t('alerts.common.org')} rules={[requiredRule()]}>
              <OrgTreeSelect data-testid="route-test-org" />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="severity" label={t('alerts.columns.severity')} rules={[requiredRule()]}>
              <Select options={AlertSeverity.options.map((s) => ({ value: s, label: t(`alerts.severity.${s}`) }))} data-testid="route-test-severity" />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="source" label={t('alerts.columns.source')}>
              <Select options={AlertSource.options.map((s) => ({ value: s, label: t(`alerts.source.${s}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="assetId" label={t('alerts.columns.asset')}>
              <AssetPick orgId={orgId} style={{ width: '100%' }} data-testid="route-test-asset" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="labels" label={t('alerts.routes.test.labels')} extra={t('alerts.routes.test.labelsHint')}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} placeholder={'service=his\nenv=prod'} style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="at" label={t('alerts.routes.test.at')} extra={t('alerts.routes.test.atHint')}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={4}>
            <Form.Item label=" ">
              <Button type="primary" htmlType="submit" loading={test.isPending} data-testid="route-test-run">
                {t('alerts.routes.test.run')}
              </Button>
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {test.isError && <Alert type="error" showIcon title={errorMessage(test.error)} />}
      {result && (
        <Alert
          type={result.routes.length ? 'success' : 'warning'}
          showIcon
          data-testid="route-test-result"
          title={result.routes.length ? t('alerts.routes.test.matched', { count: result.routes.length }) : t('alerts.routes.test.noMatch')}
          description={
            <Space orientation="vertical" size={4}>
              {result.routes.length > 0 && (
                <Space size={[4, 4]} wrap>
                  {result.routes.map((r, i) => (
                    <Tag key={r.id} color="blue" data-testid="route-test-match">
                      {i + 1}. {r.name}
                    </Tag>
                  ))}
                </Space>
              )}
              <Typography.Text type="secondary">
                {result.isBusinessHours === null ? t('alerts.routes.test.hoursUnknown') : result.isBusinessHours ? t('alerts.routes.test.businessHours') : t('alerts.routes.test.offHours')}
              </Typography.Text>
            </Space>
          }
        />
      )}
    </Card>
  );
}
