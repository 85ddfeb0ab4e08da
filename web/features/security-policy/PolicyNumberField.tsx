import { Form, InputNumber } from 'antd';
import type { z } from 'zod';
import { useTranslation } from 'react-i18next';

type Props = { name: [string, string]; label: string; schema: z.ZodNumber; unit?: string };

/** A policy number whose allowed range is read from the shared schema, so the form and the server agree. */
export function PolicyNumberField({ name, label, schema, unit }: Props) {
  const { t } = useTranslation();
  const min = schema.minValue ?? undefined;
  const max = schema.maxValue ?? undefined;
  return (
    <Form.Item
      name={name}
      label={label}
      extra={t('securityPolicy.range', { min, max })}
      rules={[{ required: true, type: 'number', min, max, message: t('securityPolicy.outOfRange', { min, max }) }]}
    >
      <InputNumber min={min} max={max} precision={0} suffix={unit} style={{ width: 200 }} data-testid={`policy-${name.join('-')}`} />
    </Form.Item>
  );
}
