import { useEffect } from 'react';
import { App, DatePicker, Form, Input, InputNumber, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { MaintenanceContract } from '../../../shared/schemas/assets.ts';
import { errorMessage } from '../../app/api.ts';
import { useOrgScope } from '../../app/org-scope.tsx';
import { applyFieldErrors, requiredRule } from '../../app/validation.ts';
import { withTestId } from '../../ui/test-id.ts';
import { OrgTreeSelect } from '../organisations/OrgTreeSelect.tsx';
import { VendorSelect } from './CatalogSelects.tsx';
import { useContractMutations } from './useCatalog.ts';

type Values = { orgId: string; vendorId?: string | null; code: string; name: string; period: [Dayjs, Dayjs]; costYuan?: number | null; notes?: string };
const blank = (v: string | undefined) => (v && v.trim() ? v.trim() : null);
const fromBody = (path: (string | number)[]) => {
  if (path[0] !== 'body') return null;
  return path[1] === 'startsOn' || path[1] === 'endsOn' ? ['period'] : path[1] === 'costFen' ? ['costYuan'] : path.slice(1);
};
/** 12,345.67 while typing; the API counts 分. */
const yuanFormatter = (v: string | number | undefined) => (v === undefined || v === '' ? '' : String(v).replace(/\B(?=(\d{3})+(?!\d))/g, ','));

/** 维保合同: code, name, vendor, service period and amount (元 here, 分 on the wire). */
export function ContractFormModal({ open, contract, onClose }: { open: boolean; contract: MaintenanceContract | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const scope = useOrgScope();
  const [form] = Form.useForm<Values>();
  const orgId = Form.useWatch('orgId', form);
  const { create, update } = useContractMutations();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (contract) {
      form.setFieldsValue({
        orgId: contract.orgId,
        vendorId: contract.vendorId,
        code: contract.code,
        name: contract.name,
        period: [dayjs(contract.startsOn), dayjs(contract.endsOn)],
        costYuan: contract.costFen === null ? null : contract.costFen / 100,
        notes: contract.notes ?? '',
      });
    } else form.setFieldsValue({ orgId: scope.orgId });
  }, [open, contract, form, scope.orgId]);

  const onError = (e: unknown) => {
    applyFieldErrors(form, e, fromBody);
    void message.error(errorMessage(e));
  };
  const onSuccess = () => {
    void message.success(t('common.saved'));
    onClose();
  };
  const onFinish = (v: Values) => {
    const common = {
      vendorId: v.vendorId ?? null,
      code: v.code.trim(),
      name: v.name.trim(),
      startsOn: v.period[0].format('YYYY-MM-DD'),
      endsOn: v.period[1].format('YYYY-MM-DD'),
      costFen: v.costYuan === null || v.costYuan === undefined ? null : Math.round(v.costYuan * 100),
      notes: blank(v.notes),
    };
    if (contract) update.mutate({ id: contract.id, input: common }, { onSuccess, onError });
    else create.mutate({ ...common, orgId: v.orgId }, { onSuccess, onError });
  };

  return (
    <Modal open={open} title={contract ? t('assetCatalog.contracts.edit') : t('assetCatalog.contracts.create')} onCancel={onClose} onOk={() => form.submit()} okButtonProps={withTestId({ loading: create.isPending || update.isPending }, 'contract-form-ok')} forceRender>
      <Form<Values> form={form} layout="vertical" onFinish={onFinish}>
        {contract ? (
          <Form.Item name="orgId" hidden>
            <Input />
          </Form.Item>
        ) : (
          <Form.Item name="orgId" label={t('assetCatalog.contracts.fields.org')} rules={[requiredRule()]}>
            <OrgTreeSelect />
          </Form.Item>
        )}
        <Form.Item name="code" label={t('assetCatalog.contracts.fields.code')} rules={[requiredRule(), { pattern: /^[A-Za-z0-9][A-Za-z0-9_.-]*$/, message: t('validation.format') }]}>
          <Input maxLength={60} placeholder="WB-2026-01" data-testid="contract-code" />
        </Form.Item>
        <Form.Item name="name" label={t('assetCatalog.contracts.fields.name')} rules={[requiredRule()]}>
          <Input maxLength={200} data-testid="contract-name" />
        </Form.Item>
        <Form.Item name="vendorId" label={t('assetCatalog.contracts.fields.vendor')}>
          <VendorSelect allowClear orgId={orgId} placeholder={t('assetCatalog.vendors.pick')} />
        </Form.Item>
        <Form.Item name="period" label={t('assetCatalog.contracts.fields.period')} rules={[requiredRule()]}>
          <DatePicker.RangePicker format="YYYY-MM-DD" style={{ width: '100%' }} placeholder={[t('assetCatalog.contracts.fields.startsOn'), t('assetCatalog.contracts.fields.endsOn')]} />
        </Form.Item>
        <Form.Item name="costYuan" label={t('assetCatalog.contracts.fields.cost')}>
          <InputNumber<number> min={0} max={1e11} precision={2} prefix="¥" formatter={yuanFormatter} parser={(v) => Number((v ?? '').replace(/[,¥\s]/g, ''))} style={{ width: '100%' }} data-testid="contract-cost" />
        </Form.Item>
        <Form.Item name="notes" label={t('assetCatalog.contracts.fields.notes')}>
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
