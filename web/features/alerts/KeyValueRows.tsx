import type { ReactNode } from 'react';
import { Button, Flex, Form, Input } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

type Props = {
  /** the form list's name, e.g. ['config', 'headers'] */
  name: (string | number)[];
  keyPlaceholder?: string;
  valuePlaceholder?: string;
  /** a different value input (a level picker for severity maps); a text box by default */
  valueInput?: ReactNode;
  isSecret?: boolean;
  'data-testid'?: string;
};

/** Name / value rows for a map: HTTP headers, template parameters, severity words → levels. */
export function KeyValueRows({ name, keyPlaceholder, valuePlaceholder, valueInput, isSecret = false, ...rest }: Props) {
  const { t } = useTranslation();
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <Flex vertical gap={0} data-testid={rest['data-testid']}>
          {fields.map((field) => (
            <Flex key={field.key} gap={8} align="flex-start">
              <Form.Item name={[field.name, 'key']} style={{ flex: '0 0 40%', marginBottom: 8 }}>
                <Input placeholder={keyPlaceholder ?? t('alerts.common.key')} autoComplete="off" />
              </Form.Item>
              <Form.Item name={[field.name, 'value']} style={{ flex: 1, marginBottom: 8 }}>
                {valueInput ?? (isSecret ? <Input.Password autoComplete="new-password" visibilityToggle={false} placeholder={valuePlaceholder ?? t('alerts.common.value')} /> : <Input placeholder={valuePlaceholder ?? t('alerts.common.value')} />)}
              </Form.Item>
              <Button type="text" icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={() => remove(field.name)} />
            </Flex>
          ))}
          <div>
            <Button size="small" icon={<PlusOutlined />} onClick={() => add({ key: '', value: undefined })}>{t('alerts.common.addRow')}</Button>
          </div>
        </Flex>
      )}
    </Form.List>
  );
}
