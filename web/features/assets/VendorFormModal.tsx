import { useEffect } from 'react';
import { App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { VendorCreateInput, type Vendor } from '../../../shared/schemas/assets.ts';
import { errorMessage } from '../../app/api.ts';
import { useOrgScope } from '../../app/org-scope.tsx';
import { applyFieldErrors, requiredRule, zodRule } from '../../app/validation.ts';
import { withTestId } from '../../ui/test-id.ts';
import { OrgTreeSelect } from '../organisations/OrgTreeSelect.tsx';
import { useVendorMutations } from './useCatalog.ts';

type Values = { orgId: string; name: string; contactName?: string; contactPhone?: string; email?: string; address?: string; notes?: string };
const shape = VendorCreateInput.shape;
const blank = (v: string | undefined) => (v && v.trim() ? v.trim() : null);
const fromBody = (path: (string | number)[]) => (path[0] === 'body' ? path.slice(1) : null);

/** 厂商: name and contacts; the stored phone comes back masked, so an empty phone field keeps it. */
export function VendorFormModal({ open, vendor, onClose }: { open: boolean; vendor: Vendor | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const scope = useOrgScope();
  const [form] = Form.useForm<Values>();
  const { create, update } = useVendorMutations();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (vendor) form.setFieldsValue({ orgId: vendor.orgId, name: vendor.name, contactName: vendor.contactName ?? '', email: vendor.email ?? '', address: vendor.address ?? '', notes: vendor.notes ?? '' });
    else form.setFieldsValue({ orgId: scope.orgId });
  }, [open, vendor, form, scope.orgId]);

  const onError = (e: unknown) => {
    applyFieldErrors(form, e, fromBody);
    void message.error(errorMessage(e));
  };
  const onSuccess = () => {
    void message.success(t('common.saved'));
    onClose();
  };
  const onFinish = (v: Values) => {
    const phone = blank(v.contactPhone);
    const common = { name: v.name.trim(), contactName: blank(v.contactName), email: blank(v.email), address: blank(v.address), notes: blank(v.notes) };
    if (vendor) update.mutate({ id: vendor.id, input: { ...common, ...(phone ? { contactPhone: phone } : {}) } }, { onSuccess, onError });
    else create.mutate({ ...common, orgId: v.orgId, contactPhone: phone }, { onSuccess, onError });
  };

  return (
    <Modal open={open} title={vendor ? t('assetCatalog.vendors.edit') : t('assetCatalog.vendors.create')} onCancel={onClose} onOk={() => form.submit()} okButtonProps={withTestId({ loading: create.isPending || update.isPending }, 'vendor-form-ok')} forceRender>
      <Form<Values> form={form} layout="vertical" onFinish={onFinish}>
        {vendor ? (
          <Form.Item name="orgId" hidden>
            <Input />
          </Form.Item>
        ) : (
          <Form.Item name="orgId" label={t('assetCatalog.vendors.fields.org')} rules={[requiredRule()]}>
            <OrgTreeSelect />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('assetCatalog.vendors.fields.name')} rules={[requiredRule(), zodRule(shape.name)]}>
          <Input maxLength={100} data-testid="vendor-name" />
        </Form.Item>
        <Form.Item name="contactName" label={t('assetCatalog.vendors.fields.contactName')}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="contactPhone"
          label={t('assetCatalog.vendors.fields.contactPhone')}
          rules={[zodRule(shape.contactPhone, t('validation.phone'))]}
          extra={vendor?.contactPhone ? t('assetCatalog.vendors.phoneMasked', { phone: vendor.contactPhone }) : undefined}
        >
          <Input maxLength={20} placeholder={vendor?.contactPhone ?? undefined} />
        </Form.Item>
        <Form.Item name="email" label={t('assetCatalog.vendors.fields.email')} rules={[zodRule(shape.email)]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="address" label={t('assetCatalog.vendors.fields.address')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="notes" label={t('assetCatalog.vendors.fields.notes')}>
          <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
