import { useEffect } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Checkbox, DatePicker, Form, Input, Modal } from 'antd';
import type dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ApiTokenCreateInput } from '../../../shared/schemas/access.ts';
import { errorMessage } from '../../app/api.ts';
import { useOrgScope } from '../../app/org-scope.tsx';
import { useMe } from '../../app/session.tsx';
import { applyFieldErrors, requiredRule, zodRule } from '../../app/validation.ts';
import { OrgTreeSelect } from '../organisations/OrgTreeSelect.tsx';
import { isPermission } from '../roles/PermissionGroups.tsx';
import { apiTokensKey, createApiToken, type ApiTokenCreatedResult } from './api-tokens.api.ts';

type Values = { name: string; orgId: string; orgIds: string[]; permissions: string[]; expiresAt?: dayjs.Dayjs | null };
type Props = { open: boolean; onClose: () => void; onCreated: (result: ApiTokenCreatedResult) => void };

/** A token for another system (HIS, 集成平台): its owner org, the orgs it may touch and what it may do. */
export function ApiTokenFormModal({ open, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const scope = useOrgScope();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const create = useMutation({
    mutationFn: createApiToken,
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: apiTokensKey });
      onClose();
      onCreated(r);
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e)) message.error(errorMessage(e));
    },
  });
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    const org = scope.orgId ?? me.orgId;
    form.setFieldsValue({ orgId: org, orgIds: [org] });
  }, [open, form, scope.orgId, me.orgId]);

  // A token can only be given what its creator holds; the server checks the same.
  const grantable = me.permissions.filter(isPermission);
  return (
    <Modal open={open} title={t('apiTokens.create')} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: create.isPending }} width={600} forceRender>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => create.mutate({ name: v.name, orgId: v.orgId, orgIds: v.orgIds, permissions: v.permissions, expiresAt: v.expiresAt ? v.expiresAt.endOf('day').toISOString() : null })}
      >
        <Form.Item name="name" label={t('apiTokens.fields.name')} rules={[requiredRule(), zodRule(ApiTokenCreateInput.shape.name)]}>
          <Input maxLength={60} placeholder={t('apiTokens.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="orgId" label={t('apiTokens.fields.org')} rules={[requiredRule()]}>
          <OrgTreeSelect />
        </Form.Item>
        <Form.Item name="orgIds" label={t('apiTokens.fields.orgIds')} extra={t('apiTokens.orgIdsHint')} rules={[{ required: true, type: 'array', min: 1, message: t('validation.required') }]}>
          <OrgTreeSelect multiple />
        </Form.Item>
        <Form.Item name="permissions" label={t('apiTokens.fields.permissions')} rules={[{ required: true, type: 'array', min: 1, message: t('validation.required') }]}>
          <Checkbox.Group options={grantable.map((p) => ({ value: p, label: t(`permissions.${p}`) }))} />
        </Form.Item>
        <Form.Item name="expiresAt" label={t('apiTokens.fields.expiresAt')} extra={t('apiTokens.expiresHint')}>
          <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
