import { Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import { z } from 'zod';
import { useTranslation } from 'react-i18next';
import type { AssetFieldDef } from '../../../shared/schemas/assets.ts';
import { requiredRule, zodRule } from '../../app/validation.ts';
import { fieldLabel } from './asset-format.ts';

export const IpAddress = z.union([z.ipv4(), z.ipv6()]);

/** One input per typed field of the kind (text, number, integer, date, month, boolean, enum, ip), under `attributes`. */
export function KindAttributeFields({ fields }: { fields: AssetFieldDef[] }) {
  const { t } = useTranslation();
  const input = (f: AssetFieldDef) => {
    switch (f.type) {
      case 'number':
        return <InputNumber style={{ width: '100%' }} suffix={f.unit} />;
      case 'integer':
        return <InputNumber style={{ width: '100%' }} precision={0} suffix={f.unit} />;
      case 'date':
        return <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" />;
      case 'month':
        return <DatePicker style={{ width: '100%' }} picker="month" format="YYYY-MM" />;
      case 'boolean':
        return (
          <Select
            allowClear
            options={[
              { value: true, label: t('assets.boolean.true') },
              { value: false, label: t('assets.boolean.false') },
            ]}
          />
        );
      case 'enum':
        return <Select allowClear options={(f.options ?? []).map((o) => ({ value: o.value, label: fieldLabel(o) }))} />;
      case 'ip':
        return <Input maxLength={45} placeholder="10.0.0.1" />;
      case 'text':
        return <Input maxLength={500} suffix={f.unit} />;
    }
  };
  return (
    <Row gutter={16}>
      {fields.map((f) => (
        <Col key={f.key} xs={24} md={12} xl={8}>
          <Form.Item
            name={['attributes', f.key]}
            label={fieldLabel(f)}
            rules={[...(f.required ? [requiredRule()] : []), ...(f.type === 'ip' ? [zodRule(IpAddress)] : [])]}
            data-testid={`attr-${f.key}`}
          >
            {input(f)}
          </Form.Item>
        </Col>
      ))}
    </Row>
  );
}
