import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, App, Button, Card, Flex, Form, Input, Radio, Result, Skeleton, Typography } from 'antd';
import { QrcodeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { MyTicketCreateInput, type MyTicket } from '../../../shared/schemas/servicedesk.ts';
import { errorMessage } from '../../app/api.ts';
import { useOrgScope } from '../../app/org-scope.tsx';
import { can } from '../../app/permissions.ts';
import { useMe } from '../../app/session.tsx';
import { requiredRule, zodRule } from '../../app/validation.ts';
import { AssetPick } from '../alerts/AssetPick.tsx';
import { useAsset } from '../assets/useAssets.ts';
import { titleFromDescription, toReportInput, type ReportFormValues } from './ticket-form-values.ts';
import { useMyTicketMutations } from './useTickets.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TYPES = ['incident', 'service_request', 'consultation', 'complaint'] as const;

type Values = Omit<ReportFormValues, 'orgId'>;

/**
 * 报修 (ticket.report), made for a phone: the device (prefilled from the asset QR label's ?assetId=, confirmed or
 * changed), what is wrong, a call-back number, submit. The ticket gets the device's SLA like any other. Photos are
 * not offered: the desk's API has no attachments yet.
 */
export function ReportPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const scope = useOrgScope();
  const [params] = useSearchParams();
  const qrAsset = params.get('assetId');
  const qrAssetId = qrAsset && UUID.test(qrAsset) ? qrAsset : null;
  const canReadAssets = can(me, 'asset.read');
  const [form] = Form.useForm<Values>();
  const assetId = Form.useWatch('assetId', form);
  // a reporter without asset.read cannot look the device up; the QR code's id is sent as it is
  const asset = useAsset(canReadAssets && assetId ? assetId : '');
  const { report } = useMyTicketMutations();
  const [created, setCreated] = useState<MyTicket | null>(null);
  const [isChanging, setChanging] = useState(false);

  useEffect(() => {
    form.setFieldsValue({ assetId: qrAssetId, type: 'incident' });
  }, [form, qrAssetId]);

  const submit = (v: Values) => {
    const description = v.description?.trim() ?? '';
    const values: ReportFormValues = { ...v, title: v.title?.trim() || titleFromDescription(description), orgId: asset.data?.orgId ?? scope.orgId ?? me.orgId };
    const input = toReportInput(values, Boolean(qrAssetId) && v.assetId === qrAssetId);
    const checked = MyTicketCreateInput.safeParse(input);
    if (!checked.success) return void message.error(checked.error.issues[0]?.message ?? t('validation.invalid'));
    report.mutate(input, { onSuccess: setCreated, onError: (e) => void message.error(errorMessage(e)) });
  };

  if (created) {
    return (
      <Result
        status="success"
        title={t('servicedesk.report.done', { number: created.number })}
        subTitle={t('servicedesk.report.doneHint')}
        extra={[
          <Link key="mine" to="/servicedesk/my-tickets">
            <Button type="primary" size="large" data-testid="report-to-mine">{t('servicedesk.report.toMine')}</Button>
          </Link>,
          <Button
            key="again"
            size="large"
            onClick={() => {
              setCreated(null);
              form.resetFields();
              form.setFieldsValue({ assetId: qrAssetId, type: 'incident' });
            }}
            data-testid="report-again"
          >
            {t('servicedesk.report.again')}
          </Button>,
        ]}
        data-testid="report-done"
      />
    );
  }

  const device = () => {
    if (!assetId) return null;
    if (!canReadAssets) {
      return <Alert type="info" showIcon icon={<QrcodeOutlined />} title={t('servicedesk.report.qrDevice')} description={t('servicedesk.report.qrDeviceHint', { id: assetId.slice(0, 8) })} data-testid="report-device" />;
    }
    if (asset.isPending) return <Skeleton active paragraph={{ rows: 1 }} />;
    if (asset.isError) return <Alert type="warning" showIcon title={t('servicedesk.report.deviceUnknown')} description={errorMessage(asset.error)} data-testid="report-device" />;
    return (
      <Card size="small" data-testid="report-device">
        <Flex vertical gap={2}>
          <Typography.Text strong style={{ fontSize: 16 }}>{asset.data.name}</Typography.Text>
          <Typography.Text type="secondary">
            <Typography.Text code>{asset.data.code}</Typography.Text> · {asset.data.orgName}
            {asset.data.locationName ? ` · ${asset.data.locationName}` : ''}
          </Typography.Text>
        </Flex>
      </Card>
    );
  };

  return (
    <Flex justify="center">
      <Card style={{ width: '100%', maxWidth: 560 }} title={t('servicedesk.report.title')} data-testid="report-card">
        <Typography.Paragraph type="secondary">{t('servicedesk.report.subtitle')}</Typography.Paragraph>
        <Form<Values> form={form} layout="vertical" size="large" onFinish={submit} data-testid="report-form">
          <Form.Item label={t('servicedesk.report.device')} extra={qrAssetId && assetId === qrAssetId ? t('servicedesk.report.fromQr') : undefined}>
            <Flex vertical gap={8}>
              {device()}
              {canReadAssets && (isChanging || !assetId) ? (
                <Form.Item name="assetId" noStyle>
                  <AssetPick placeholder={t('servicedesk.report.pickDevice')} style={{ width: '100%' }} data-testid="report-asset" />
                </Form.Item>
              ) : (
                <Form.Item name="assetId" hidden>
                  <Input />
                </Form.Item>
              )}
              {canReadAssets && assetId && !isChanging && (
                <Button onClick={() => setChanging(true)} data-testid="report-change-device">{t('servicedesk.report.changeDevice')}</Button>
              )}
            </Flex>
          </Form.Item>
          <Form.Item name="type" label={t('servicedesk.report.what')}>
            <Radio.Group optionType="button" buttonStyle="solid" options={TYPES.map((v) => ({ value: v, label: t(`servicedesk.type.${v}`) }))} data-testid="report-type" />
          </Form.Item>
          <Form.Item name="description" label={t('servicedesk.report.description')} rules={[requiredRule(), zodRule(MyTicketCreateInput.shape.description)]}>
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 10 }} maxLength={10_000} placeholder={t('servicedesk.report.descriptionPlaceholder')} data-testid="report-description" />
          </Form.Item>
          <Form.Item name="title" label={t('servicedesk.report.titleField')} extra={t('servicedesk.report.titleHint')} rules={[zodRule(MyTicketCreateInput.shape.title)]}>
            <Input maxLength={200} data-testid="report-title" />
          </Form.Item>
          <Form.Item name="requesterPhone" label={t('servicedesk.report.phone')} extra={t('servicedesk.report.phoneHint')} rules={[zodRule(MyTicketCreateInput.shape.requesterPhone, t('validation.phone'))]}>
            <Input inputMode="tel" maxLength={20} data-testid="report-phone" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={report.isPending} style={{ height: 48 }} data-testid="report-submit">
            {t('servicedesk.report.submit')}
          </Button>
        </Form>
      </Card>
    </Flex>
  );
}
