import { useState } from 'react';
import { Alert, App, Button, Checkbox, Drawer, Flex, Form, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { AssetImportance, AssetStatus, type AssetBulkInput } from '../../../shared/schemas/assets.ts';
import { errorMessage } from '../../app/api.ts';
import { withTestId } from '../../ui/test-id.ts';
import { ContractSelect } from './CatalogSelects.tsx';
import { LocationTreeSelect } from './LocationTreeSelect.tsx';
import { UserSelect } from './SearchSelects.tsx';
import { useAssetMutations } from './useAssets.ts';

type Field = 'status' | 'importance' | 'locationId' | 'engineerId' | 'contractId';
type Values = Partial<AssetBulkInput['set']>;
type Props = { ids: string[]; orgId?: string; open: boolean; onClose: () => void; onDone: () => void };

const FIELDS: Field[] = ['status', 'importance', 'locationId', 'engineerId', 'contractId'];
const LABEL_KEY = { status: 'status', importance: 'importance', locationId: 'location', engineerId: 'engineer', contractId: 'contract' } as const;

/** 批量修改: tick the fields to change, set them, confirm; all assets change or none. */
export function BulkEditDrawer({ ids, orgId, open, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [ticked, setTicked] = useState<Set<Field>>(new Set());
  const { bulk } = useAssetMutations();

  const toggle = (f: Field, on: boolean) =>
    setTicked((prev) => {
      const next = new Set(prev);
      if (on) next.add(f);
      else next.delete(f);
      return next;
    });
  const apply = () => {
    const values = form.getFieldsValue(true) as Values;
    const set: Record<string, unknown> = {};
    for (const f of ticked) set[f] = values[f] ?? null;
    if (Object.keys(set).length === 0) {
      void message.warning(t('assets.bulk.nothing'));
      return;
    }
    modal.confirm({
      title: t('assets.bulk.confirm', { count: ids.length }),
      content: t('assets.bulk.confirmHint'),
      okButtonProps: withTestId({}, 'confirm-ok'),
      onOk: () =>
        bulk.mutateAsync({ ids, set: set as AssetBulkInput['set'] }).then(
          (updated) => {
            void message.success(t('assets.bulk.done', { count: updated }));
            form.resetFields();
            setTicked(new Set());
            onDone();
          },
          (e: unknown) => void message.error(errorMessage(e)),
        ),
    });
  };

  const input = (f: Field) => {
    const disabled = !ticked.has(f);
    switch (f) {
      case 'status':
        return <Select disabled={disabled} options={AssetStatus.options.map((s) => ({ value: s, label: t(`assets.status.${s}`) }))} />;
      case 'importance':
        return <Select disabled={disabled} options={AssetImportance.options.map((i) => ({ value: i, label: t(`assets.importance.${i}`) }))} />;
      case 'locationId':
        return <LocationTreeSelect orgId={orgId} disabled={disabled} placeholder={t('assets.bulk.clearValue')} />;
      case 'engineerId':
        return <UserSelect disabled={disabled} placeholder={t('assets.bulk.clearValue')} />;
      case 'contractId':
        return <ContractSelect allowClear orgId={orgId} disabled={disabled} placeholder={t('assets.bulk.clearValue')} />;
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={480}
      title={t('assets.bulk.title', { count: ids.length })}
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" disabled={ticked.size === 0} loading={bulk.isPending} onClick={apply} data-testid="bulk-apply">
            {t('assets.bulk.apply')}
          </Button>
        </Flex>
      }
    >
      <Alert type="info" showIcon title={t('assets.bulk.hint')} style={{ marginBottom: 16 }} />
      <Form<Values> form={form} layout="vertical" data-testid="bulk-form">
        {FIELDS.map((f) => (
          <Form.Item
            key={f}
            label={
              <Checkbox checked={ticked.has(f)} onChange={(e) => toggle(f, e.target.checked)} data-testid={`bulk-tick-${f}`}>
                {t(`assets.fields.${LABEL_KEY[f]}`)}
              </Checkbox>
            }
          >
            <Form.Item name={f} noStyle>
              {input(f)}
            </Form.Item>
          </Form.Item>
        ))}
      </Form>
    </Drawer>
  );
}
