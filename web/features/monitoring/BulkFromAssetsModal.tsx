import { useEffect, useState } from 'react';
import { Alert, App, Button, Col, Form, InputNumber, Modal, Row, Select, Table, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ProbeFromAssetsInput, type ProbeFromAssetsResult } from '../../../shared/schemas/probes.ts';
import { errorMessage } from '../../app/api.ts';
import { requiredRule, zodRule } from '../../app/validation.ts';
import { KindSelect } from '../assets/CatalogSelects.tsx';
import { useProbeMutations } from './useProbes.ts';

type Values = { assetKind: string; kind: 'ping' | 'tcp' | 'http' | 'tls' | 'fhir'; port?: number | null; intervalS: number };
type Props = { open: boolean; orgId: string | undefined; onClose: () => void };

const KINDS = ProbeFromAssetsInput.shape.kind.options;
const NEEDS_PORT = new Set<Values['kind']>(['tcp', 'tls']);

/** One probe per matching asset (e.g. ping every server with a management IP): a dry-run preview first, then create. */
export function BulkFromAssetsModal({ open, orgId, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { fromAssets } = useProbeMutations();
  const [preview, setPreview] = useState<ProbeFromAssetsResult | null>(null);
  const kind = Form.useWatch('kind', form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ kind: 'ping', intervalS: 60 });
    setPreview(null);
  }, [open, form]);

  const input = (v: Values, isDryRun: boolean): ProbeFromAssetsInput => ({
    orgId,
    assetKind: v.assetKind,
    kind: v.kind,
    port: v.port ?? undefined,
    intervalS: v.intervalS,
    isDryRun,
  });
  const runPreview = (v: Values) =>
    fromAssets.mutate(input(v, true), { onSuccess: setPreview, onError: (e) => void message.error(errorMessage(e)) });
  const runCreate = () =>
    fromAssets.mutate(input(form.getFieldsValue(), false), {
      onSuccess: (r) => {
        void message.success(t('monitoring.bulk.created', { count: r.created }));
        onClose();
      },
      onError: (e) => void message.error(errorMessage(e)),
    });
  const plannedCount = preview?.planned.length ?? 0;

  return (
    <Modal
      open={open}
      title={t('monitoring.bulk.title')}
      onCancel={onClose}
      width={820}
      forceRender
      footer={[
        <Button key="cancel" onClick={onClose}>{t('common.cancel')}</Button>,
        <Button key="preview" onClick={() => form.submit()} loading={fromAssets.isPending && !preview} data-testid="bulk-preview">{t('monitoring.bulk.preview')}</Button>,
        <Button key="create" type="primary" disabled={!preview || plannedCount === 0} loading={fromAssets.isPending && Boolean(preview)} onClick={runCreate} data-testid="bulk-create">
          {t('monitoring.bulk.create', { count: plannedCount })}
        </Button>,
      ]}
    >
      <Typography.Paragraph type="secondary">{t('monitoring.bulk.orgHint')}</Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" onFinish={runPreview} onValuesChange={() => setPreview(null)}>
        <Row gutter={16}>
          <Col span={7}>
            <Form.Item name="assetKind" label={t('monitoring.bulk.assetKind')} rules={[requiredRule()]}>
              <KindSelect data-testid="bulk-asset-kind" />
            </Form.Item>
          </Col>
          <Col span={7}>
            <Form.Item name="kind" label={t('monitoring.bulk.probeKind')} rules={[requiredRule()]}>
              <Select options={KINDS.map((k) => ({ value: k, label: t(`monitoring.kind.${k}`) }))} data-testid="bulk-kind" />
            </Form.Item>
          </Col>
          <Col span={5}>
            <Form.Item name="port" label={t('monitoring.bulk.port')} tooltip={t('monitoring.bulk.portHint')} rules={kind && NEEDS_PORT.has(kind) ? [requiredRule(), zodRule(ProbeFromAssetsInput.shape.port)] : [zodRule(ProbeFromAssetsInput.shape.port)]}>
              <InputNumber min={1} max={65_535} style={{ width: '100%' }} disabled={kind === 'ping'} />
            </Form.Item>
          </Col>
          <Col span={5}>
            <Form.Item name="intervalS" label={t('monitoring.bulk.intervalS')} rules={[requiredRule()]}>
              <InputNumber min={10} max={86_400} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {preview && (
        <>
          {plannedCount === 0 && <Alert type="warning" showIcon title={t('monitoring.bulk.noneToCreate')} style={{ marginBottom: 12 }} />}
          <Tabs
            size="small"
            items={[
              {
                key: 'planned',
                label: t('monitoring.bulk.planned', { count: plannedCount }),
                children: (
                  <Table
                    rowKey="assetId"
                    size="small"
                    dataSource={preview.planned}
                    pagination={{ pageSize: 10, hideOnSinglePage: true }}
                    columns={[
                      { title: t('monitoring.probes.columns.asset'), dataIndex: 'assetName' },
                      { title: t('monitoring.probes.columns.name'), dataIndex: 'name' },
                      { title: t('monitoring.bulk.target'), dataIndex: 'target', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
                    ]}
                    data-testid="bulk-planned"
                  />
                ),
              },
              {
                key: 'skipped',
                label: t('monitoring.bulk.skipped', { count: preview.skipped.length }),
                children: (
                  <Table
                    rowKey="assetId"
                    size="small"
                    dataSource={preview.skipped}
                    pagination={{ pageSize: 10, hideOnSinglePage: true }}
                    columns={[
                      { title: t('monitoring.probes.columns.asset'), dataIndex: 'assetName' },
                      { title: t('monitoring.bulk.reason'), dataIndex: 'reason' },
                    ]}
                  />
                ),
              },
            ]}
          />
        </>
      )}
    </Modal>
  );
}
