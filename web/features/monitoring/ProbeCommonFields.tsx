import { Col, Form, Input, InputNumber, Radio, Row, Select, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Asset } from '../../../shared/schemas/assets.ts';
import { ProbeCreateInput } from '../../../shared/schemas/probes.ts';
import { errorMessage } from '../../app/api.ts';
import { can } from '../../app/permissions.ts';
import { useMe } from '../../app/session.tsx';
import { requiredRule, zodRule } from '../../app/validation.ts';
import { OrgTreeSelect } from '../organisations/OrgTreeSelect.tsx';
import { KIND_ORDER, KIND_SPECS } from './probe-kinds.ts';
import { ProbeAssetSelect } from './ProbeAssetSelect.tsx';
import type { ProbeFormValues } from './probe-form-values.ts';
import { useAgents } from './useAgents.ts';

type Props = {
  form: FormInstance<ProbeFormValues>;
  isEdit: boolean;
  currentAsset: { id: string; name: string } | null;
  onKindChange: (kind: ProbeFormValues['kind']) => void;
};

const shape = ProbeCreateInput.shape;

/** Organisation, asset, name and kind; then timing, the availability target and where the probe runs. */
export function ProbeCommonFields({ form, isEdit, currentAsset, onKindChange }: Props) {
  const { t } = useTranslation();
  const me = useMe();
  const orgId = Form.useWatch('orgId', form);
  const runOn = Form.useWatch('runOn', form);
  const agents = useAgents({ orgId, page: 1, pageSize: 100 }, Boolean(orgId));
  const canPickAsset = can(me, 'asset.read');

  // Picking an asset fills an empty host with its first management IP, the usual target.
  const onAsset = (asset: Asset | undefined) => {
    const kind = form.getFieldValue('kind') as ProbeFormValues['kind'];
    const ip = asset?.managementIps[0];
    const hasHost = KIND_SPECS[kind].fields.some((f) => f.name === 'host');
    if (ip && hasHost && !form.getFieldValue(['config', 'host'])) form.setFieldValue(['config', 'host'], ip);
    if (asset && !form.getFieldValue('name')) form.setFieldValue('name', `${asset.name} ${t(`monitoring.kind.${kind}`)}`);
  };

  return (
    <>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="orgId" label={t('monitoring.form.org')} rules={[requiredRule()]}>
            <OrgTreeSelect data-testid="probe-org" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="kind" label={t('monitoring.form.kind')} rules={[requiredRule()]} extra={isEdit ? t('monitoring.form.kindLocked') : undefined}>
            <Select
              disabled={isEdit}
              showSearch={{ optionFilterProp: 'label' }}
              options={KIND_ORDER.map((k) => ({ value: k, label: t(`monitoring.kind.${k}`) }))}
              onChange={(k: ProbeFormValues['kind']) => onKindChange(k)}
              data-testid="probe-kind"
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="name" label={t('monitoring.form.name')} rules={[requiredRule(), zodRule(shape.name)]}>
            <Input maxLength={120} placeholder={t('monitoring.form.namePlaceholder')} data-testid="probe-name" />
          </Form.Item>
        </Col>
        {canPickAsset && (
          <Col span={12}>
            <Form.Item name="assetId" label={t('monitoring.form.asset')} tooltip={t('monitoring.form.assetHint')}>
              <ProbeAssetSelect orgId={orgId} current={currentAsset} onChange={(_id, asset) => onAsset(asset)} data-testid="probe-asset" />
            </Form.Item>
          </Col>
        )}
      </Row>
      <Row gutter={16}>
        <Col span={6}>
          <Form.Item name="intervalS" label={t('monitoring.form.intervalS')} rules={[requiredRule(), zodRule(shape.intervalS)]}>
            <InputNumber min={10} max={86_400} style={{ width: '100%' }} data-testid="probe-interval" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="timeoutMs" label={t('monitoring.form.timeoutMs')} rules={[requiredRule(), zodRule(shape.timeoutMs)]}>
            <InputNumber min={100} max={120_000} step={1000} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="retries" label={t('monitoring.form.retries')} tooltip={t('monitoring.form.retriesHint')} rules={[requiredRule(), zodRule(shape.retries)]}>
            <InputNumber min={0} max={10} style={{ width: '100%' }} data-testid="probe-retries" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="retryIntervalS" label={t('monitoring.form.retryIntervalS')} rules={[requiredRule(), zodRule(shape.retryIntervalS)]}>
            <InputNumber min={5} max={86_400} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="availabilityTarget" label={t('monitoring.form.availabilityTarget')} rules={[requiredRule(), zodRule(shape.availabilityTarget)]}>
            <InputNumber min={0.001} max={100} step={0.01} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={18}>
          <Form.Item
            label={t('monitoring.form.runOn')}
            style={{ marginBottom: 0 }}
            extra={agents.isError ? t('monitoring.form.agentsUnavailable', { message: errorMessage(agents.error) }) : undefined}
          >
            <Form.Item name="runOn" style={{ display: 'inline-block', marginRight: 12 }}>
              <Radio.Group
                options={[
                  { value: 'central', label: t('monitoring.form.central') },
                  { value: 'agent', label: t('monitoring.form.agent'), disabled: agents.isError },
                ]}
                optionType="button"
              />
            </Form.Item>
            {runOn === 'agent' && (
              <Form.Item name="agentId" rules={[requiredRule()]} style={{ display: 'inline-block', minWidth: 240 }}>
                <Select
                  placeholder={t('monitoring.form.pickAgent')}
                  loading={agents.isPending}
                  options={(agents.data?.items ?? []).filter((a) => !a.revokedAt).map((a) => ({ value: a.id, label: a.isOnline ? a.name : `${a.name}（${t('monitoring.agents.offline')}）` }))}
                />
              </Form.Item>
            )}
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}
