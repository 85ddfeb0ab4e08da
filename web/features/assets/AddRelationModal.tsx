import { App, Form, Modal, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { AssetRelationKind } from '../../../shared/schemas/assets.ts';
import { errorMessage } from '../../app/api.ts';
import { requiredRule } from '../../app/validation.ts';
import { withTestId } from '../../ui/test-id.ts';
import { AssetPicker } from './SearchSelects.tsx';
import { useAssetMutations } from './useAssets.ts';

type Values = { kind: AssetRelationKind; toAssetId: string };

/** 本资产 —[relation]→ another asset, picked by a server-side search. */
export function AddRelationModal({ assetId, open, onClose }: { assetId: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { addRelation } = useAssetMutations();
  const kind = Form.useWatch('kind', form);
  const onFinish = (v: Values) =>
    addRelation.mutate(
      { id: assetId, input: { kind: v.kind, toAssetId: v.toAssetId, attributes: {} } },
      {
        onSuccess: () => {
          void message.success(t('assets.relations.added'));
          form.resetFields();
          onClose();
        },
        onError: (e) => void message.error(errorMessage(e)),
      },
    );
  return (
    <Modal
      open={open}
      title={t('assets.relations.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={withTestId({ loading: addRelation.isPending }, 'relation-ok')}
      forceRender
    >
      <Form<Values> form={form} layout="vertical" onFinish={onFinish} initialValues={{ kind: 'depends_on' }}>
        <Form.Item name="kind" label={t('assets.relations.kind')} rules={[requiredRule()]} extra={kind ? <Typography.Text type="secondary">{t(`assets.relations.kindHints.${kind}`)}</Typography.Text> : undefined}>
          <Select options={AssetRelationKind.options.map((k) => ({ value: k, label: `${t('assets.relations.thisAsset')} ${t(`assets.relations.kinds.${k}`)} →` }))} data-testid="relation-kind" />
        </Form.Item>
        <Form.Item name="toAssetId" label={t('assets.relations.other')} rules={[requiredRule()]}>
          <AssetPicker exclude={assetId} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
