import { App, Button, Space, Tooltip, Typography, Upload } from 'antd';
import { DeleteOutlined, DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { CONTRACT_DOCUMENT_MAX_BYTES, type MaintenanceContract } from '../../../shared/schemas/assets.ts';
import { errorMessage } from '../../app/api.ts';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { formatBytes } from './asset-format.ts';
import { contractDocumentUrl } from './catalog.api.ts';
import { useContractMutations } from './useCatalog.ts';

const ACCEPT = '.pdf,.ofd,.png,.jpg,.jpeg,.doc,.docx,.xls,.xlsx';

/** The contract document: download, replace, remove; or upload one (≤ 10 MB). */
export function ContractDocumentCell({ contract, canManage }: { contract: MaintenanceContract; canManage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { upload, removeDocument } = useContractMutations();
  const doc = contract.document;
  const pick = (
    <Upload
      accept={ACCEPT}
      showUploadList={false}
      beforeUpload={(file) => {
        if (file.size > CONTRACT_DOCUMENT_MAX_BYTES) void message.error(t('assetCatalog.contracts.tooLarge'));
        else upload.mutate({ id: contract.id, file }, { onSuccess: () => void message.success(t('assetCatalog.contracts.uploaded')), onError: (e) => void message.error(errorMessage(e)) });
        return Upload.LIST_IGNORE;
      }}
    >
      <Tooltip title={t('assetCatalog.contracts.documentHint')}>
        <Button size="small" type="link" icon={<UploadOutlined />} loading={upload.isPending}>
          {doc ? t('assetCatalog.contracts.replace') : t('assetCatalog.contracts.upload')}
        </Button>
      </Tooltip>
    </Upload>
  );
  if (!doc) return canManage ? pick : <Typography.Text type="secondary">{t('assetCatalog.contracts.noDocument')}</Typography.Text>;
  return (
    <Space size={0} wrap>
      <Tooltip title={`${doc.fileName} · ${formatBytes(doc.sizeBytes)}`}>
        <Button size="small" type="link" icon={<DownloadOutlined />} href={contractDocumentUrl(contract.id)} download={doc.fileName} style={{ maxWidth: 160 }}>
          <Typography.Text ellipsis style={{ maxWidth: 120, color: 'inherit' }}>{doc.fileName}</Typography.Text>
        </Button>
      </Tooltip>
      {canManage && pick}
      {canManage && (
        <ConfirmButton
          size="small"
          type="text"
          danger
          icon={<DeleteOutlined />}
          aria-label={t('assetCatalog.contracts.removeDocument')}
          confirm={t('assetCatalog.contracts.confirmRemoveDocument')}
          onConfirm={() => removeDocument.mutate(contract.id, { onError: (e) => void message.error(errorMessage(e)) })}
        />
      )}
    </Space>
  );
}
