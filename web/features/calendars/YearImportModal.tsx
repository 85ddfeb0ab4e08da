import { useState } from 'react';
import { Alert, App, Button, Checkbox, Flex, InputNumber, Modal, Tabs, Upload, Input, Typography } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api.ts';
import { parseDaysFile, type ImportDay } from './import-file.ts';
import { useCalendarMutations } from './useCalendars.ts';

type Props = { calendarId: string; open: boolean; defaultYear: number; onClose: (importedYear?: number) => void };

/** Import a year's holidays: paste the State Council notice (国办发明电) as-is, or upload JSON / CSV. */
export function YearImportModal({ calendarId, open, defaultYear, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { importYear } = useCalendarMutations();
  const [year, setYear] = useState(defaultYear);
  const [tab, setTab] = useState<'notice' | 'file'>('notice');
  const [noticeText, setNoticeText] = useState('');
  const [fileDays, setFileDays] = useState<ImportDay[] | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [isReplace, setReplace] = useState(true);

  const canSubmit = tab === 'notice' ? noticeText.trim().length > 0 : (fileDays?.length ?? 0) > 0;
  const submit = () =>
    importYear.mutate(
      { id: calendarId, input: tab === 'notice' ? { year, noticeText, replace: isReplace } : { year, days: fileDays ?? [], replace: isReplace } },
      {
        onSuccess: (r) => {
          message.success(t('calendars.import.done', { year: r.year, holidays: r.holidays, workdays: r.workdays }));
          setNoticeText('');
          setFileDays(null);
          onClose(r.year);
        },
        onError: (e) => message.error(errorMessage(e)),
      },
    );
  const readFile = async (file: File) => {
    const parsed = parseDaysFile(await file.text());
    if (parsed.ok) {
      setFileDays(parsed.days);
      setFileError(null);
    } else {
      setFileDays(null);
      setFileError(t('calendars.import.badLine', { line: parsed.line }));
    }
    return false; // never upload: we parse in the browser and send JSON
  };

  return (
    <Modal
      open={open}
      width={640}
      title={t('calendars.import.title')}
      onCancel={() => onClose()}
      footer={[
        <Button key="cancel" onClick={() => onClose()}>{t('common.cancel')}</Button>,
        <Button key="ok" type="primary" disabled={!canSubmit} loading={importYear.isPending} onClick={submit} data-testid="import-submit">
          {t('calendars.import.submit')}
        </Button>,
      ]}
    >
      <Flex gap={16} align="center" style={{ marginBottom: 12 }}>
        <span>{t('calendars.import.year')}</span>
        <InputNumber min={2000} max={2100} value={year} onChange={(v) => setYear(v ?? defaultYear)} />
        <Checkbox checked={isReplace} onChange={(e) => setReplace(e.target.checked)}>{t('calendars.import.replace')}</Checkbox>
      </Flex>
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k === 'file' ? 'file' : 'notice')}
        items={[
          {
            key: 'notice',
            label: t('calendars.import.notice'),
            children: (
              <>
                <Typography.Paragraph type="secondary">{t('calendars.import.noticeHint')}</Typography.Paragraph>
                <Input.TextArea rows={9} value={noticeText} onChange={(e) => setNoticeText(e.target.value)} placeholder={t('calendars.import.noticePlaceholder')} data-testid="import-notice" />
              </>
            ),
          },
          {
            key: 'file',
            label: t('calendars.import.file'),
            children: (
              <Flex vertical gap={12}>
                <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('calendars.import.fileHint')}</Typography.Paragraph>
                <Upload accept=".json,.csv,.txt" maxCount={1} beforeUpload={readFile} showUploadList={false}>
                  <Button icon={<UploadOutlined />}>{t('calendars.import.pickFile')}</Button>
                </Upload>
                {fileError && <Alert type="error" showIcon title={fileError} />}
                {fileDays && (
                  <Alert
                    type="info"
                    showIcon
                    title={t('calendars.import.parsed', {
                      holidays: fileDays.filter((d) => d.kind === 'holiday').length,
                      workdays: fileDays.filter((d) => d.kind === 'workday').length,
                    })}
                  />
                )}
              </Flex>
            ),
          },
        ]}
      />
    </Modal>
  );
}
