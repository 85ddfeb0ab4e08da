import { AutoComplete, Button, Flex, Form, Input, Select, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { requiredRule } from '../../app/validation.ts';
import { BUILTIN_LABELS, MATCHER_OPS, MAX_MATCHERS } from './alert-format.ts';

type Props = {
  /** the form list's name: 'matchers' or ['conditions', 'matchers'] */
  name: string | (string | number)[];
  /** at least one row (a silence), or none (a route without label conditions) */
  isRequired?: boolean;
};

/** Label matchers as Alertmanager writes them (name, = != =~ !~, value); built-in label names are suggested. */
export function MatcherRows({ name, isRequired = false }: Props) {
  const { t } = useTranslation();
  const nameOptions = BUILTIN_LABELS.map((n) => ({ value: n, label: `${n} · ${t(`alerts.matchers.builtin.${n}`)}` }));
  return (
    <Form.List
      name={name}
      rules={isRequired ? [{ validator: async (_r, rows: unknown[] | undefined) => { if (!rows?.length) throw new Error(t('alerts.matchers.atLeastOne')); } }] : undefined}
    >
      {(fields, { add, remove }, { errors }) => (
        <Flex vertical gap={0} data-testid="matcher-rows">
          {fields.map((field) => (
            <Flex key={field.key} gap={8} align="flex-start">
              <Form.Item name={[field.name, 'name']} rules={[requiredRule()]} style={{ flex: '0 0 200px', marginBottom: 8 }}>
                <AutoComplete options={nameOptions} placeholder={t('alerts.matchers.name')} popupMatchSelectWidth={false} filterOption={(input, option) => String(option?.value ?? '').includes(input)} data-testid="matcher-name" />
              </Form.Item>
              <Form.Item name={[field.name, 'op']} rules={[requiredRule()]} style={{ flex: '0 0 84px', marginBottom: 8 }}>
                <Select options={MATCHER_OPS.map((op) => ({ value: op, label: op }))} data-testid="matcher-op" />
              </Form.Item>
              <Form.Item name={[field.name, 'value']} style={{ flex: 1, marginBottom: 8 }}>
                <Input placeholder={t('alerts.matchers.value')} data-testid="matcher-value" />
              </Form.Item>
              <Button type="text" icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={() => remove(field.name)} />
            </Flex>
          ))}
          <Form.ErrorList errors={errors} />
          <Flex align="center" gap={12}>
            <Button size="small" icon={<PlusOutlined />} disabled={fields.length >= MAX_MATCHERS} onClick={() => add({ name: '', op: '=', value: '' })} data-testid="matcher-add">
              {t('alerts.matchers.add')}
            </Button>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('alerts.matchers.hint')}</Typography.Text>
          </Flex>
        </Flex>
      )}
    </Form.List>
  );
}
