import { useEffect } from 'react';
import { App, Checkbox, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { RoleCreateInput, type Role } from '../../../shared/schemas/access.ts';
import { BUSINESS_PERMISSIONS } from '../../../shared/permissions.ts';
import { errorMessage } from '../../app/api.ts';
import { applyFieldErrors, requiredRule, zodRule } from '../../app/validation.ts';
import { useRoleMutations } from './useRoles.ts';

type Values = { key: string; name: string; nameEn: string; description?: string; permissions: string[] };
type Props = { open: boolean; role: Role | null; onClose: () => void };
const shape = RoleCreateInput.shape;

/** A custom role: only 业务 permissions, so no account gathers two admin duties (三权分立). */
export function RoleFormModal({ open, role, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { create, update } = useRoleMutations();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (role) form.setFieldsValue({ key: role.key, name: role.name, nameEn: role.nameEn, description: role.description ?? '', permissions: role.permissions });
  }, [open, role, form]);

  const onFinish = (v: Values) => {
    const input = { name: v.name, nameEn: v.nameEn, description: v.description?.trim() || null, permissions: v.permissions };
    const handlers = {
      onSuccess: () => {
        message.success(t('common.saved'));
        onClose();
      },
      onError: (e: unknown) => {
        if (!applyFieldErrors(form, e)) message.error(errorMessage(e));
      },
    };
    if (role) update.mutate({ id: role.id, input }, handlers);
    else create.mutate({ ...input, key: v.key }, handlers);
  };

  return (
    <Modal
      open={open}
      title={role ? t('roles.edit') : t('roles.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: create.isPending || update.isPending }}
      forceRender
    >
      <Form<Values> form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item name="key" label={t('roles.fields.key')} rules={[requiredRule(), zodRule(shape.key, t('roles.keyHint'))]}>
          <Input disabled={Boolean(role)} maxLength={40} />
        </Form.Item>
        <Form.Item name="name" label={t('roles.fields.name')} rules={[requiredRule(), zodRule(shape.name)]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="nameEn" label={t('roles.fields.nameEn')} rules={[requiredRule(), zodRule(shape.nameEn)]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="description" label={t('roles.fields.description')}>
          <Input.TextArea maxLength={200} autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Form.Item name="permissions" label={t('roles.fields.permissions')} extra={t('roles.businessOnly')} rules={[{ required: true, type: 'array', min: 1, message: t('roles.pickPermission') }]}>
          <Checkbox.Group options={BUSINESS_PERMISSIONS.map((p) => ({ value: p, label: t(`permissions.${p}`) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
