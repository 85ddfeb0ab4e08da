import { useEffect, useState } from 'react';
import { App, Button, Flex, Form, Input, Modal, Popconfirm, Select } from 'antd';
import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { SavedFilterCreateInput } from '../../../shared/schemas/saved-filters.ts';
import { ApiError, errorMessage } from '../../app/api.ts';
import { applyFieldErrors, requiredRule, zodRule } from '../../app/validation.ts';
import { withTestId } from '../../ui/test-id.ts';
import { sameQuery, useSavedFilterMutations, useSavedFilters } from './saved-filters.api.ts';

type Props = {
  /** The list's current filters (URL parameters without page / pageSize). */
  query: Record<string, string>;
  /** Replaces the list's filters with a saved one. */
  onApply: (query: Record<string, string>) => void;
};
type Values = { name: string };

/** 保存的筛选: saves the ledger's current filters under a name and brings them back; the user's own, per page. */
export function SavedFilters({ query, onApply }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const saved = useSavedFilters('assets');
  const { create, remove } = useSavedFilterMutations('assets');
  const [isModalOpen, setModalOpen] = useState(false);
  const [isSelectOpen, setSelectOpen] = useState(false);
  const [confirmingId, setConfirmingId] = useState<string | null>(null);
  const [form] = Form.useForm<Values>();
  const hasFilter = Object.keys(query).some((k) => k !== 'sort');
  const items = saved.data ?? [];
  const current = items.find((f) => sameQuery(f.query, query));

  useEffect(() => {
    if (isModalOpen) form.resetFields();
  }, [isModalOpen, form]);

  const onFinish = ({ name }: Values) =>
    create.mutate(
      { name: name.trim(), query },
      {
        onSuccess: () => {
          void message.success(t('common.saved'));
          setModalOpen(false);
        },
        onError: (e) => {
          if (e instanceof ApiError && e.code === 'saved_filter.name_taken') {
            form.setFields([{ name: 'name', errors: [t('assets.savedFilters.nameTaken')] }]);
            return;
          }
          if (e instanceof ApiError && e.code === 'saved_filter.too_many') {
            void message.error(t('assets.savedFilters.tooMany'));
            return;
          }
          applyFieldErrors(form, e, (path) => (path[0] === 'body' ? path.slice(1) : path));
          void message.error(errorMessage(e));
        },
      },
    );

  const onDelete = (id: string) =>
    remove.mutate(id, {
      onSuccess: () => void message.success(t('common.deleted')),
      onError: (e) => void message.error(errorMessage(e)),
    });

  return (
    <>
      <Button icon={<SaveOutlined />} disabled={!hasFilter} onClick={() => setModalOpen(true)} data-testid="saved-filter-save">
        {t('assets.savedFilters.save')}
      </Button>
      <Select
        style={{ width: 200 }}
        placeholder={t('assets.savedFilters.placeholder')}
        aria-label={t('assets.savedFilters.placeholder')}
        loading={saved.isLoading}
        value={current?.id ?? null}
        open={isSelectOpen}
        // a delete confirmation sits outside the dropdown: clicking it must not close the list under it
        onOpenChange={(open) => {
          if (open || !confirmingId) setSelectOpen(open);
        }}
        onChange={(id: string) => {
          const picked = items.find((f) => f.id === id);
          if (picked) onApply(picked.query);
        }}
        options={items.map((f) => ({ value: f.id, label: f.name }))}
        optionRender={(option) => (
          <Flex justify="space-between" align="center" gap={8} data-testid={`saved-filter-option-${String(option.label)}`}>
            <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{option.label}</span>
            {/* clicks inside the confirmation bubble reach the option through the portal: keep them from picking it */}
            <span onClick={(e) => e.stopPropagation()} onMouseDown={(e) => e.stopPropagation()}>
              <Popconfirm
                title={t('assets.savedFilters.confirmDelete', { name: String(option.label) })}
                okButtonProps={withTestId({ danger: true }, 'confirm-ok')}
                open={confirmingId === option.value}
                onOpenChange={(open) => setConfirmingId(open ? String(option.value) : null)}
                onConfirm={() => {
                  setConfirmingId(null);
                  onDelete(String(option.value));
                }}
              >
                <Button
                  type="text"
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('common.delete')}
                  loading={remove.isPending && remove.variables === option.value}
                  data-testid="saved-filter-delete"
                />
              </Popconfirm>
            </span>
          </Flex>
        )}
        notFoundContent={saved.isError ? errorMessage(saved.error) : t('assets.savedFilters.empty')}
        data-testid="saved-filter-select"
      />
      <Modal
        open={isModalOpen}
        title={t('assets.savedFilters.saveTitle')}
        onCancel={() => setModalOpen(false)}
        onOk={() => form.submit()}
        okButtonProps={withTestId({ loading: create.isPending }, 'saved-filter-ok')}
        forceRender
      >
        <Form<Values> form={form} layout="vertical" onFinish={onFinish}>
          <Form.Item name="name" label={t('assets.savedFilters.name')} rules={[requiredRule(), zodRule(SavedFilterCreateInput.shape.name)]} extra={t('assets.savedFilters.nameHint')}>
            <Input maxLength={40} showCount autoFocus placeholder={t('assets.savedFilters.namePlaceholder')} data-testid="saved-filter-name" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
