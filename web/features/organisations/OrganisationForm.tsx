import { useEffect } from 'react';
import { App, Button, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  OrganisationCreateInput,
  type Organisation,
  type OrganisationKind,
  type OrganisationLevel,
} from '../../../shared/schemas/organisations.ts';
import { errorMessage } from '../../app/api.ts';
import { applyFieldErrors, requiredRule, zodRule } from '../../app/validation.ts';
import { useCreateOrganisation, useUpdateOrganisation } from './useOrganisations.ts';
import { CHILD_KINDS, LEVELS_BY_KIND } from './org-options.ts';

type Values = {
  kind: OrganisationKind;
  code: string;
  name: string;
  level?: OrganisationLevel | null;
  contactName?: string;
  contactPhone?: string;
  address?: string;
};
type Props =
  | { mode: 'edit'; org: Organisation; canEdit: boolean; onSaved: (org: Organisation) => void }
  | { mode: 'create'; parent: Organisation | null; canEdit: true; onSaved: (org: Organisation) => void; onCancel: () => void };

const blankToNull = (v: string | undefined) => (v && v.trim() ? v.trim() : null);
const shape = OrganisationCreateInput.shape;

/** Create or edit one organisation. The phone arrives masked, so an empty phone field on edit means "unchanged". */
export function OrganisationForm(props: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateOrganisation();
  const update = useUpdateOrganisation();
  const org = props.mode === 'edit' ? props.org : null;
  const kinds = CHILD_KINDS[props.mode === 'create' ? (props.parent?.kind ?? 'root') : 'root'];
  const kind = Form.useWatch('kind', form) ?? org?.kind ?? kinds[0];

  useEffect(() => {
    form.resetFields();
    if (org) {
      form.setFieldsValue({ kind: org.kind, code: org.code, name: org.name, level: org.level, contactName: org.contactName ?? '', address: org.address ?? '' });
    } else {
      form.setFieldsValue({ kind: kinds[0] });
    }
  }, [org, form, kinds]);

  const onFinish = (v: Values) => {
    const common = { code: v.code, name: v.name, level: v.level ?? null, contactName: blankToNull(v.contactName), address: blankToNull(v.address) };
    const phone = blankToNull(v.contactPhone);
    const onError = (e: unknown) => {
      if (!applyFieldErrors(form, e)) message.error(errorMessage(e));
    };
    if (props.mode === 'edit') {
      update.mutate(
        { id: props.org.id, input: { ...common, ...(phone ? { contactPhone: phone } : {}) } },
        { onSuccess: (saved) => { message.success(t('common.saved')); props.onSaved(saved); }, onError },
      );
    } else {
      create.mutate(
        { ...common, kind: v.kind, parentId: props.parent?.id ?? null, contactPhone: phone },
        { onSuccess: (saved) => { message.success(t('common.created')); props.onSaved(saved); }, onError },
      );
    }
  };

  const levels = LEVELS_BY_KIND[kind];
  return (
    <Form<Values> form={form} layout="vertical" disabled={!props.canEdit} onFinish={onFinish} data-testid="org-form">
      <Form.Item name="kind" label={t('organisations.fields.kind')} rules={[requiredRule()]}>
        <Select disabled={props.mode === 'edit'} options={kinds.map((k) => ({ value: k, label: t(`organisations.kinds.${k}`) }))} />
      </Form.Item>
      <Form.Item name="code" label={t('organisations.fields.code')} rules={[requiredRule(), zodRule(shape.code, t('organisations.codeHint'))]}>
        <Input maxLength={40} />
      </Form.Item>
      <Form.Item name="name" label={t('organisations.fields.name')} rules={[requiredRule(), zodRule(shape.name)]}>
        <Input maxLength={100} />
      </Form.Item>
      {levels.length > 0 && (
        <Form.Item name="level" label={t('organisations.fields.level')}>
          <Select allowClear options={levels.map((l) => ({ value: l, label: t(`organisations.levels.${l}`) }))} />
        </Form.Item>
      )}
      <Form.Item name="contactName" label={t('organisations.fields.contactName')} rules={[zodRule(shape.contactName)]}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item
        name="contactPhone"
        label={t('organisations.fields.contactPhone')}
        rules={[zodRule(shape.contactPhone, t('validation.phone'))]}
        extra={org?.contactPhone ? t('organisations.phoneMasked', { phone: org.contactPhone }) : undefined}
      >
        <Input maxLength={20} placeholder={org?.contactPhone ?? undefined} />
      </Form.Item>
      <Form.Item name="address" label={t('organisations.fields.address')} rules={[zodRule(shape.address)]}>
        <Input.TextArea maxLength={200} autoSize={{ minRows: 2, maxRows: 4 }} />
      </Form.Item>
      {props.canEdit && (
        <div style={{ display: 'flex', gap: 8, justifyContent: 'flex-end' }}>
          {props.mode === 'create' && <Button onClick={props.onCancel}>{t('common.cancel')}</Button>}
          <Button type="primary" htmlType="submit" loading={create.isPending || update.isPending} data-testid="org-save">
            {props.mode === 'create' ? t('common.create') : t('common.save')}
          </Button>
        </div>
      )}
    </Form>
  );
}
