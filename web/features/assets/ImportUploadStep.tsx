import { useState } from 'react';
import { Alert, Button, Card, Col, Flex, Form, Radio, Row, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { AssetImport } from '../../../shared/schemas/asset-imports.ts';
import { errorMessage } from '../../app/api.ts';
import { useOrgScope } from '../../app/org-scope.tsx';
import { requiredRule } from '../../app/validation.ts';
import { OrgTreeSelect } from '../organisations/OrgTreeSelect.tsx';
import { kindByKey } from './asset-format.ts';
import { kindTemplateUrl } from './catalog.api.ts';
import { KindSelect } from './CatalogSelects.tsx';
import { useKinds } from './useCatalog.ts';
import { useImportMutations } from './useImports.ts';

/** The server refuses larger files too; checking here saves uploading 50 MB to hear it. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
const ACCEPTED = /\.(xlsx|csv)$/i;

type Values = { orgId: string; defaultKindKey?: string | null; duplicateAction: 'update' | 'skip' };

/** Step 1: where to import, how to treat duplicates, the template, and the file itself. */
export function ImportUploadStep({ onUploaded }: { onUploaded: (imp: AssetImport) => void }) {
  const { t } = useTranslation();
  const scope = useOrgScope();
  const [form] = Form.useForm<Values>();
  const kinds = useKinds();
  const { upload } = useImportMutations();
  const [templateKind, setTemplateKind] = useState<string | null>('server');
  const [fileError, setFileError] = useState<string | null>(null);
  const template = kindByKey(kinds.data, templateKind);

  const send = async (file: File) => {
    setFileError(null);
    if (!ACCEPTED.test(file.name)) return setFileError(t('assetImports.badType'));
    if (file.size > MAX_IMPORT_BYTES) return setFileError(t('assetImports.tooLarge'));
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    upload.mutate(
      { file, orgId: values.orgId, defaultKindKey: values.defaultKindKey ?? undefined, duplicateAction: values.duplicateAction },
      { onSuccess: onUploaded, onError: (e) => setFileError(errorMessage(e)) },
    );
  };

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={14}>
        <Card size="small" title={t('assetImports.steps.upload')}>
          <Form<Values> form={form} layout="vertical" initialValues={{ orgId: scope.orgId, duplicateAction: 'skip' }} data-testid="import-options">
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item name="orgId" label={t('assetImports.org')} rules={[requiredRule()]}>
                  <OrgTreeSelect data-testid="import-org" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="defaultKindKey" label={t('assetImports.defaultKind')} extra={t('assetImports.defaultKindHint')}>
                  <KindSelect allowClear placeholder={t('assetImports.autoKind')} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="duplicateAction" label={t('assetImports.duplicateAction')} extra={t('assetImports.duplicateHint')}>
              <Radio.Group
                options={[
                  { value: 'skip', label: t('assetImports.duplicate.skip') },
                  { value: 'update', label: t('assetImports.duplicate.update') },
                ]}
              />
            </Form.Item>
          </Form>
          <div data-testid="import-upload">
            <Upload.Dragger
              accept=".xlsx,.csv"
              multiple={false}
              showUploadList={false}
              disabled={upload.isPending}
              beforeUpload={(file) => {
                void send(file);
                return Upload.LIST_IGNORE; // we send it ourselves, with the options above
              }}
            >
              <p className="ant-upload-drag-icon"><InboxOutlined /></p>
              <p className="ant-upload-text">{upload.isPending ? t('assetImports.uploading') : t('assetImports.dragHint')}</p>
              <p className="ant-upload-hint">{t('assetImports.uploadHint')}</p>
            </Upload.Dragger>
          </div>
          {fileError && <Alert type="error" showIcon title={t('assetImports.failedTitle')} description={fileError} style={{ marginTop: 12 }} data-testid="import-error" />}
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card size="small" title={t('assetImports.template')}>
          <Typography.Paragraph type="secondary">{t('assetImports.templateHint')}</Typography.Paragraph>
          <Flex gap={8} wrap>
            <KindSelect value={templateKind} onChange={setTemplateKind} style={{ minWidth: 200 }} placeholder={t('assetImports.templateKind')} />
            <Button icon={<DownloadOutlined />} disabled={!template} href={template ? kindTemplateUrl(template.id) : undefined} download data-testid="import-template">
              {t('assetImports.template')}
            </Button>
          </Flex>
        </Card>
      </Col>
    </Row>
  );
}
