import { useEffect } from 'react';
import { App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Location, LocationKind } from '../../../shared/schemas/assets.ts';
import { errorMessage } from '../../app/api.ts';
import { applyFieldErrors, requiredRule } from '../../app/validation.ts';
import { withTestId } from '../../ui/test-id.ts';
import { OrgTreeSelect } from '../organisations/OrgTreeSelect.tsx';
import { CHILD_LOCATION_KINDS } from './location-tree.ts';
import { useLocationMutations } from './useCatalog.ts';

type Values = { orgId: string; kind: LocationKind; name: string; code?: string; rackUnits?: number | null; notes?: string };
/** Editing an existing location, or adding one (at the top, or inside `parent`). */
export type LocationEdit = { mode: 'edit'; location: Location } | { mode: 'create'; parent: Location | null; orgId?: string };
const fromBody = (path: (string | number)[]) => (path[0] === 'body' ? path.slice(1) : null);
const blank = (v: string | undefined) => (v && v.trim() ? v.trim() : null);

export function LocationFormModal({ edit, onClose }: { edit: LocationEdit | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { create, update } = useLocationMutations();
  const kind = Form.useWatch('kind', form);
  const kinds: LocationKind[] = edit?.mode === 'create' ? CHILD_LOCATION_KINDS[edit.parent?.kind ?? 'root'] : edit ? [edit.location.kind] : [];

  useEffect(() => {
    if (!edit) return;
    form.resetFields();
    if (edit.mode === 'edit') {
      const l = edit.location;
      form.setFieldsValue({ orgId: l.orgId, kind: l.kind, name: l.name, code: l.code ?? '', rackUnits: l.rackUnits, notes: l.notes ?? '' });
    } else {
      form.setFieldsValue({ orgId: edit.parent?.orgId ?? edit.orgId, kind: CHILD_LOCATION_KINDS[edit.parent?.kind ?? 'root'][0] });
    }
  }, [edit, form]);

  const onError = (e: unknown) => {
    applyFieldErrors(form, e, fromBody);
    void message.error(errorMessage(e));
  };
  const onSuccess = () => {
    void message.success(t('common.saved'));
    onClose();
  };
  const onFinish = (v: Values) => {
    const common = { name: v.name.trim(), code: blank(v.code), rackUnits: v.kind === 'rack' ? (v.rackUnits ?? null) : null, notes: blank(v.notes) };
    if (edit?.mode === 'edit') update.mutate({ id: edit.location.id, input: common }, { onSuccess, onError });
    else if (edit) create.mutate({ ...common, orgId: v.orgId, kind: v.kind, parentId: edit.parent?.id ?? null }, { onSuccess, onError });
  };

  return (
    <Modal
      open={edit !== null}
      title={edit?.mode === 'edit' ? t('assetCatalog.locations.edit') : t('assetCatalog.locations.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={withTestId({ loading: create.isPending || update.isPending }, 'location-form-ok')}
      forceRender
    >
      <Form<Values> form={form} layout="vertical" onFinish={onFinish}>
        {edit?.mode === 'create' && edit.parent && <Form.Item label={t('assetCatalog.locations.parent')}>{edit.parent.fullName}</Form.Item>}
        {/* a location stays in its organisation; a child lives where its parent does */}
        {edit?.mode === 'create' && !edit.parent ? (
          <Form.Item name="orgId" label={t('assetCatalog.locations.fields.org')} rules={[requiredRule()]}>
            <OrgTreeSelect data-testid="location-org" />
          </Form.Item>
        ) : (
          <Form.Item name="orgId" hidden>
            <Input />
          </Form.Item>
        )}
        <Form.Item name="kind" label={t('assetCatalog.locations.fields.kind')} rules={[requiredRule()]}>
          <Select disabled={edit?.mode === 'edit'} options={kinds.map((k) => ({ value: k, label: t(`assetCatalog.locations.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('assetCatalog.locations.fields.name')} rules={[requiredRule()]}>
          <Input maxLength={100} data-testid="location-name" />
        </Form.Item>
        <Form.Item name="code" label={t('assetCatalog.locations.fields.code')}>
          <Input maxLength={60} />
        </Form.Item>
        {kind === 'rack' && (
          <Form.Item name="rackUnits" label={t('assetCatalog.locations.fields.rackUnits')}>
            <InputNumber min={1} max={60} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        )}
        <Form.Item name="notes" label={t('assetCatalog.locations.fields.notes')}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
