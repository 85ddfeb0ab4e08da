import { useEffect } from 'react';
import { Alert, App, Col, Form, Input, Modal, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { AssetKindCategory, type AssetKind } from '../../../shared/schemas/assets.ts';
import { errorMessage } from '../../app/api.ts';
import { applyFieldErrors, requiredRule } from '../../app/validation.ts';
import { withTestId } from '../../ui/test-id.ts';
import { KindFieldsEditor } from './KindFieldsEditor.tsx';
import { toDrafts, toFieldDefs, type FieldDraft } from './kind-fields.ts';
import { useKindMutations } from './useCatalog.ts';

type Values = { key: string; name: string; nameEn: string; category: AssetKindCategory; codePrefix: string; fields: FieldDraft[] };
type Props = { open: boolean; kind: AssetKind | null; onClose: () => void };
const fromBody = (path: (string | number)[]) => (path[0] === 'body' ? path.slice(1) : null);

/** 新增/编辑资产类型: a custom kind is fully editable; a built-in one only takes extra fields. */
export function KindFormModal({ open, kind, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { create, update } = useKindMutations();
  const isBuiltin = Boolean(kind?.isBuiltin);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (kind) form.setFieldsValue({ key: kind.key, name: kind.name, nameEn: kind.nameEn, category: kind.category, codePrefix: kind.codePrefix, fields: toDrafts(kind.fields) });
    else form.setFieldsValue({ category: 'other', fields: [] });
  }, [open, kind, form]);

  const onError = (e: unknown) => {
    applyFieldErrors(form, e, fromBody);
    void message.error(errorMessage(e));
  };
  const onSuccess = () => {
    void message.success(t('common.saved'));
    onClose();
  };
  const onFinish = (v: Values) => {
    const fields = toFieldDefs(v.fields ?? []);
    if (!kind) create.mutate({ key: v.key, name: v.name, nameEn: v.nameEn, category: v.category, codePrefix: v.codePrefix, fields }, { onSuccess, onError });
    else update.mutate({ id: kind.id, input: isBuiltin ? { fields } : { name: v.name, nameEn: v.nameEn, category: v.category, codePrefix: v.codePrefix, fields } }, { onSuccess, onError });
  };

  return (
    <Modal
      open={open}
      width={920}
      title={kind ? t('assetCatalog.kinds.edit') : t('assetCatalog.kinds.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={withTestId({ loading: create.isPending || update.isPending }, 'kind-form-ok')}
      forceRender
    >
      {isBuiltin && <Alert type="info" showIcon title={t('assetCatalog.kinds.builtinHint')} style={{ marginBottom: 12 }} />}
      <Form<Values> form={form} layout="vertical" onFinish={onFinish} data-testid="kind-form">
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="key" label={t('assetCatalog.kinds.fields.key')} extra={kind ? undefined : t('assetCatalog.kinds.fields.keyHint')} rules={[requiredRule(), { pattern: /^[a-z][a-z0-9_]{1,39}$/, message: t('assetCatalog.kinds.fields.keyHint') }]}>
              <Input disabled={Boolean(kind)} maxLength={40} data-testid="kind-key" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="name" label={t('assetCatalog.kinds.fields.name')} rules={[requiredRule()]}>
              <Input disabled={isBuiltin} maxLength={60} data-testid="kind-name" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="nameEn" label={t('assetCatalog.kinds.fields.nameEn')} rules={[requiredRule()]}>
              <Input disabled={isBuiltin} maxLength={60} data-testid="kind-name-en" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="category" label={t('assetCatalog.kinds.fields.category')} rules={[requiredRule()]}>
              <Select disabled={isBuiltin} options={AssetKindCategory.options.map((c) => ({ value: c, label: t(`assetCatalog.kinds.categories.${c}`) }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="codePrefix" label={t('assetCatalog.kinds.fields.codePrefix')} extra={t('assetCatalog.kinds.fields.codePrefixHint')} rules={[requiredRule(), { pattern: /^[A-Z][A-Z0-9]{1,7}$/, message: t('assetCatalog.kinds.fields.codePrefixHint') }]}>
              <Input disabled={isBuiltin} maxLength={8} data-testid="kind-prefix" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t('assetCatalog.kinds.fields.fields')}>
          <KindFieldsEditor />
        </Form.Item>
      </Form>
    </Modal>
  );
}
