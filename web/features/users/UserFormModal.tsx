import { useEffect } from 'react';
import { App, DatePicker, Form, Input, Modal } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { UserCreateInput, type User } from '../../../shared/schemas/access.ts';
import { errorMessage } from '../../app/api.ts';
import { withTestId } from '../../ui/test-id.ts';
import { useOrgScope } from '../../app/org-scope.tsx';
import { applyFieldErrors, requiredRule, zodRule } from '../../app/validation.ts';
import { OrgTreeSelect } from '../organisations/OrgTreeSelect.tsx';
import { useCreateUser, useUpdateUser } from './useUsers.ts';
import type { InitialPasswordResult } from './users.api.ts';

type Values = { orgId: string; username: string; displayName: string; email?: string; phone?: string; expiresAt?: dayjs.Dayjs | null };
type Props = { open: boolean; user: User | null; onClose: () => void; onCreated: (result: InitialPasswordResult) => void };

const shape = UserCreateInput.shape;
const blankToNull = (v: string | undefined) => (v && v.trim() ? v.trim() : null);

/** Create a user (the server answers with a one-time initial password) or edit one. */
export function UserFormModal({ open, user, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const scope = useOrgScope();
  const [form] = Form.useForm<Values>();
  const create = useCreateUser();
  const update = useUpdateUser();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (user) {
      form.setFieldsValue({ orgId: user.orgId, username: user.username, displayName: user.displayName, email: user.email ?? '', expiresAt: user.expiresAt ? dayjs(user.expiresAt) : null });
    } else if (scope.orgId) {
      form.setFieldsValue({ orgId: scope.orgId });
    }
  }, [open, user, form, scope.orgId]);

  const onError = (e: unknown) => {
    if (!applyFieldErrors(form, e)) message.error(errorMessage(e));
  };
  const onFinish = (v: Values) => {
    const base = { orgId: v.orgId, displayName: v.displayName, email: blankToNull(v.email), expiresAt: v.expiresAt ? v.expiresAt.endOf('day').toISOString() : null };
    const phone = blankToNull(v.phone);
    if (user) {
      update.mutate(
        { id: user.id, input: { ...base, ...(phone ? { phone } : {}) } },
        { onSuccess: () => { message.success(t('common.saved')); onClose(); }, onError },
      );
    } else {
      create.mutate({ ...base, username: v.username, phone }, { onSuccess: (r) => { onClose(); onCreated(r); }, onError });
    }
  };

  return (
    <Modal
      open={open}
      title={user ? t('users.edit') : t('users.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={user ? t('common.save') : t('common.create')}
      okButtonProps={withTestId({ loading: create.isPending || update.isPending }, 'user-form-ok')}
      forceRender
    >
      <Form<Values> form={form} layout="vertical" onFinish={onFinish} data-testid="user-form">
        <Form.Item name="orgId" label={t('users.fields.org')} rules={[requiredRule()]}>
          <OrgTreeSelect data-testid="user-org" />
        </Form.Item>
        <Form.Item name="username" label={t('users.fields.username')} rules={[requiredRule(), zodRule(shape.username, t('users.usernameHint'))]}>
          <Input disabled={Boolean(user)} maxLength={40} autoComplete="off" data-testid="user-username" />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.fields.displayName')} rules={[requiredRule(), zodRule(shape.displayName)]}>
          <Input maxLength={50} data-testid="user-display-name" />
        </Form.Item>
        <Form.Item name="email" label={t('users.fields.email')} rules={[zodRule(shape.email)]}>
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('users.fields.phone')}
          rules={[zodRule(shape.phone, t('validation.phone'))]}
          extra={user?.phone ? t('users.phoneMasked', { phone: user.phone }) : undefined}
        >
          <Input maxLength={20} placeholder={user?.phone ?? undefined} />
        </Form.Item>
        <Form.Item name="expiresAt" label={t('users.fields.expiresAt')} extra={t('users.expiresHint')}>
          <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
