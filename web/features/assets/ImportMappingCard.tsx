import { useState } from 'react';
import { App, Button, Card, Flex, Radio, Select, Switch, Table, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LedgerField, type AssetImport, type ColumnMapping } from '../../../shared/schemas/asset-imports.ts';
import { errorMessage } from '../../app/api.ts';
import { KindSelect } from './CatalogSelects.tsx';
import { useImportMutations } from './useImports.ts';

type Draft = Record<string, Record<number, LedgerField | null>>;
const IGNORE = '__ignore__';

/** Step 2, top: the header → field mapping per sheet (correctable), sheets to include, default kind, duplicate policy. */
export function ImportMappingCard({ imp }: { imp: AssetImport }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { update } = useImportMutations();
  const [draft, setDraft] = useState<Draft>({});
  const isDirty = Object.values(draft).some((sheet) => Object.keys(sheet).length > 0);
  const onError = (e: unknown) => void message.error(errorMessage(e));
  const fieldOptions = [{ value: IGNORE, label: t('assetImports.ignore') }, ...LedgerField.options.map((f) => ({ value: f, label: t(`assetImports.ledgerFields.${f}`) }))];

  const reapply = () =>
    update.mutate(
      { id: imp.id, input: { sheets: Object.entries(draft).map(([name, m]) => ({ name, mapping: Object.entries(m).map(([index, field]) => ({ index: Number(index), field })) })) } },
      {
        onSuccess: () => {
          setDraft({});
          void message.success(t('assetImports.reapplied'));
        },
        onError,
      },
    );
  const setField = (sheet: string, index: number, field: LedgerField | null) => setDraft((d) => ({ ...d, [sheet]: { ...d[sheet], [index]: field } }));
  const current = (sheet: string, m: ColumnMapping) => {
    const drafted = draft[sheet]?.[m.index];
    return drafted !== undefined ? drafted : m.field;
  };

  return (
    <Card
      size="small"
      title={t('assetImports.mapping')}
      extra={
        <Button type="primary" disabled={!isDirty} loading={update.isPending} onClick={reapply} data-testid="import-reapply">
          {t('assetImports.reapply')}
        </Button>
      }
      data-testid="import-mapping"
    >
      <Flex gap={24} wrap align="center" style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{t('assetImports.mappingHint')}</Typography.Text>
        <Flex gap={8} align="center">
          <span>{t('assetImports.defaultKind')}</span>
          <KindSelect
            allowClear
            placeholder={t('assetImports.autoKind')}
            style={{ width: 180 }}
            value={imp.defaultKindKey}
            onChange={(v) => update.mutate({ id: imp.id, input: { defaultKindKey: v } }, { onError })}
          />
        </Flex>
        <Flex gap={8} align="center">
          <span>{t('assetImports.duplicateAction')}</span>
          <Radio.Group
            optionType="button"
            size="small"
            value={imp.duplicateAction}
            onChange={(e) => update.mutate({ id: imp.id, input: { duplicateAction: e.target.value as 'update' | 'skip' } }, { onError })}
            options={[
              { value: 'skip', label: t('assetImports.duplicate.skip') },
              { value: 'update', label: t('assetImports.duplicate.update') },
            ]}
          />
        </Flex>
      </Flex>
      <Tabs
        size="small"
        items={imp.sheets.map((sheet) => ({
          key: sheet.name,
          label: (
            <span style={{ opacity: sheet.isIncluded ? 1 : 0.45 }}>
              {t('assetImports.sheetTab', { name: sheet.name, count: sheet.rowCount })}
            </span>
          ),
          children: (
            <>
              <Flex gap={12} align="center" style={{ marginBottom: 8 }}>
                <Switch
                  size="small"
                  checked={sheet.isIncluded}
                  loading={update.isPending}
                  onChange={(on) => update.mutate({ id: imp.id, input: { sheets: [{ name: sheet.name, isIncluded: on }] } }, { onError })}
                  data-testid={`import-include-${sheet.name}`}
                />
                <span>{t('assetImports.includeSheet')}</span>
                <Typography.Text type="secondary">{t('assetImports.sheetRows', { count: sheet.rowCount, row: sheet.headerRow })}</Typography.Text>
              </Flex>
              <Table<ColumnMapping>
                size="small"
                rowKey="index"
                pagination={false}
                scroll={{ y: 320 }}
                dataSource={sheet.mapping}
                columns={[
                  { title: '#', width: 56, render: (_, m) => m.index + 1 },
                  { title: t('assetImports.header'), dataIndex: 'header', render: (h: string) => h || <Typography.Text type="secondary">—</Typography.Text> },
                  {
                    title: t('assetImports.field'),
                    width: 240,
                    render: (_, m) => {
                      const field = current(sheet.name, m);
                      return (
                        <Select
                          size="small"
                          style={{ width: '100%' }}
                          disabled={!sheet.isIncluded}
                          showSearch={{ optionFilterProp: 'label' }}
                          value={field ?? IGNORE}
                          status={draft[sheet.name]?.[m.index] !== undefined ? 'warning' : undefined}
                          options={fieldOptions}
                          onChange={(v: string) => setField(sheet.name, m.index, v === IGNORE ? null : LedgerField.parse(v))}
                          data-testid={`map-${sheet.name}-${m.index}`}
                        />
                      );
                    },
                  },
                ]}
              />
            </>
          ),
        }))}
      />
    </Card>
  );
}
