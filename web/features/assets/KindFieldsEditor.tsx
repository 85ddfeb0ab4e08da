import { Button, Card, Checkbox, Col, Form, Input, Row, Select } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { AssetFieldType } from '../../../shared/schemas/assets.ts';
import { requiredRule } from '../../app/validation.ts';
import { parseOptions, type FieldDraft } from './kind-fields.ts';

/** The typed fields of a kind; built-in fields are shown but locked, custom ones can be added and removed. */
export function KindFieldsEditor() {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  return (
    <Form.List name="fields">
      {(items, { add, remove }) => (
        <>
          {items.map(({ key, name }) => {
            const draft = form.getFieldValue(['fields', name]) as FieldDraft | undefined;
            const locked = Boolean(draft?.isBuiltin);
            return (
              <Card key={key} size="small" style={{ marginBottom: 8, background: locked ? '#fafafa' : undefined }}>
                <Row gutter={8} align="top">
                  <Col span={5}>
                    <Form.Item name={[name, 'key']} rules={[requiredRule(), { pattern: /^[a-zA-Z][a-zA-Z0-9_]{0,39}$/, message: t('validation.format') }]} style={{ marginBottom: 8 }}>
                      <Input placeholder={t('assetCatalog.kinds.field.key')} disabled={locked} />
                    </Form.Item>
                  </Col>
                  <Col span={5}>
                    <Form.Item name={[name, 'label']} rules={[requiredRule()]} style={{ marginBottom: 8 }}>
                      <Input placeholder={t('assetCatalog.kinds.field.label')} maxLength={60} disabled={locked} />
                    </Form.Item>
                  </Col>
                  <Col span={5}>
                    <Form.Item name={[name, 'labelEn']} rules={[requiredRule()]} style={{ marginBottom: 8 }}>
                      <Input placeholder={t('assetCatalog.kinds.field.labelEn')} maxLength={60} disabled={locked} />
                    </Form.Item>
                  </Col>
                  <Col span={4}>
                    <Form.Item name={[name, 'type']} rules={[requiredRule()]} style={{ marginBottom: 8 }}>
                      <Select disabled={locked} options={AssetFieldType.options.map((ft) => ({ value: ft, label: t(`assetCatalog.kinds.types.${ft}`) }))} />
                    </Form.Item>
                  </Col>
                  <Col span={3}>
                    <Form.Item name={[name, 'unit']} style={{ marginBottom: 8 }}>
                      <Input placeholder={t('assetCatalog.kinds.field.unit')} maxLength={20} disabled={locked} />
                    </Form.Item>
                  </Col>
                  <Col span={2} style={{ textAlign: 'right' }}>
                    {!locked && <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(name)} aria-label={t('assetCatalog.kinds.field.remove')} />}
                  </Col>
                  <Col span={24}>
                    <Form.Item name={[name, 'required']} valuePropName="checked" style={{ marginBottom: 0 }}>
                      <Checkbox disabled={locked}>{t('assetCatalog.kinds.field.required')}</Checkbox>
                    </Form.Item>
                  </Col>
                  <Form.Item noStyle shouldUpdate={(a, b) => JSON.stringify(a.fields?.[name]?.type) !== JSON.stringify(b.fields?.[name]?.type)}>
                    {() =>
                      form.getFieldValue(['fields', name, 'type']) === 'enum' && (
                        <Col span={24} style={{ marginTop: 8 }}>
                          <Form.Item
                            name={[name, 'optionsText']}
                            extra={t('assetCatalog.kinds.field.optionsHint')}
                            rules={[
                              {
                                validator: async (_, v: string | undefined) => {
                                  const parsed = parseOptions(v ?? '');
                                  if ('badLine' in parsed) throw new Error(t('assetCatalog.kinds.field.badOptions', { line: parsed.badLine }));
                                },
                              },
                            ]}
                            style={{ marginBottom: 0 }}
                          >
                            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} disabled={locked} placeholder="rack,机架式,Rack" />
                          </Form.Item>
                        </Col>
                      )
                    }
                  </Form.Item>
                </Row>
              </Card>
            );
          })}
          <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ type: 'text', required: false } satisfies Partial<FieldDraft>)} data-testid="kind-field-add">
            {t('assetCatalog.kinds.field.add')}
          </Button>
        </>
      )}
    </Form.List>
  );
}
