import { useState } from 'react';
import { App, Button, Card, Flex, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ImportRowAction, type AssetImport, type ImportRow } from '../../../shared/schemas/asset-imports.ts';
import { errorMessage } from '../../app/api.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { localName } from './asset-format.ts';
import { displayValue, ledgerFieldOf, rowValues } from './import-values.ts';
import { useKinds, useLocations, useVendors } from './useCatalog.ts';
import { useImportMutations, useImportRows } from './useImports.ts';

const ACTION_COLOR: Record<ImportRowAction, string> = { create: 'green', update: 'blue', skip: 'default', error: 'red' };
type Props = { imp: AssetImport; action: ImportRowAction | undefined; onAction: (a: ImportRowAction | undefined) => void };

/** The preview, row by row: values (bad ones in red), errors and warnings, and the per-row choice. */
export function ImportRowsTable({ imp, action, onAction }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [sheet, setSheet] = useState<string | undefined>(undefined);
  const rows = useImportRows(imp.id, { ...paging, action, sheet });
  const { update, skipAllErrors } = useImportMutations();
  const kinds = useKinds();
  const locations = useLocations(imp.orgId);
  const vendors = useVendors(imp.orgId);
  const multiSheet = imp.sheets.length > 1;
  /** Kind keys and the ids a duplicate's changes carry, by name. */
  const format = (key: string, value: unknown): string => {
    const kind = key === 'kindKey' ? kinds.data?.find((k) => k.key === value) : undefined;
    if (kind) return localName(kind);
    if (typeof value === 'string' && key === 'locationId') return locations.data?.find((l) => l.id === value)?.fullName ?? value;
    if (typeof value === 'string' && key === 'vendorId') return vendors.data?.find((v) => v.id === value)?.name ?? value;
    return displayValue(value);
  };
  const onError = (e: unknown) => void message.error(errorMessage(e));
  const setRow = (r: ImportRow, next: 'create' | 'update' | 'skip') => update.mutate({ id: imp.id, input: { rows: [{ sheet: r.sheet, rowNumber: r.rowNumber, action: next }] } }, { onError });
  const fieldLabel = (f: string) => {
    if (f === 'row') return t('assetImports.rows.row');
    const field = ledgerFieldOf(f);
    return field ? t(`assetImports.ledgerFields.${field}`) : f;
  };

  return (
    <Card
      size="small"
      data-testid="import-rows"
      title={
        <Segmented
          size="small"
          value={action ?? 'all'}
          onChange={(v) => {
            onAction(v === 'all' ? undefined : ImportRowAction.parse(v));
            setPaging((p) => ({ ...p, page: 1 }));
          }}
          options={[{ value: 'all', label: t('assetImports.rows.filterAll') }, ...ImportRowAction.options.map((a) => ({ value: a, label: t(`assetImports.actions.${a}`) }))]}
          data-testid="import-row-filter"
        />
      }
      extra={
        <Flex gap={8}>
          {multiSheet && (
            <Select allowClear size="small" style={{ width: 160 }} placeholder={t('assetImports.sheet')} value={sheet} onChange={(v?: string) => setSheet(v)} options={imp.sheets.map((s) => ({ value: s.name, label: s.name }))} />
          )}
          {imp.summary.error > 0 && (
            <ConfirmButton
              size="small"
              danger
              confirm={t('assetImports.rows.skipAllErrors')}
              loading={skipAllErrors.isPending}
              onConfirm={() => skipAllErrors.mutate(imp.id, { onSuccess: () => void message.success(t('assetImports.rows.skippedErrors', { count: imp.summary.error })), onError })}
              data-testid="import-skip-all-errors"
            >
              {t('assetImports.rows.skipAllErrors')}
            </ConfirmButton>
          )}
        </Flex>
      }
    >
      <Table<ImportRow>
        size="small"
        rowKey={(r) => `${r.sheet}#${r.rowNumber}`}
        loading={rows.isFetching}
        dataSource={rows.data?.items ?? []}
        locale={{ emptyText: <EmptyState description={t('assetImports.rows.empty')} /> }}
        pagination={{ current: paging.page, pageSize: paging.pageSize, total: rows.data?.total ?? 0, showSizeChanger: true, showTotal: (total) => t('common.total', { total }), onChange: (page, pageSize) => setPaging({ page, pageSize }) }}
        columns={[
          { title: t('assetImports.rows.row'), width: multiSheet ? 130 : 70, render: (_, r) => (multiSheet ? `${r.sheet} #${r.rowNumber}` : r.rowNumber) },
          { title: t('assetImports.rows.action'), width: 80, render: (_, r) => <Tag color={ACTION_COLOR[r.action]}>{t(`assetImports.actions.${r.action}`)}</Tag> },
          {
            title: t('assetImports.rows.values'),
            render: (_, r) => {
              const bad = new Set(r.errors.map((e) => e.field));
              return (
                <Space size={[4, 4]} wrap>
                  {rowValues(r.values, format).map((v) => (
                    <Tag key={v.key} color={bad.has(v.field) ? 'red' : undefined} style={{ marginInlineEnd: 0 }}>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(`assetImports.ledgerFields.${v.field}`)}</Typography.Text> {v.text}
                    </Tag>
                  ))}
                </Space>
              );
            },
          },
          {
            title: t('assetImports.rows.problems'),
            width: 320,
            render: (_, r) => (
              <Space orientation="vertical" size={2}>
                {r.errors.map((e, i) => (
                  <Typography.Text key={`e${i}`} type="danger" data-testid="import-row-error">{t('assetImports.rows.fieldMessage', { field: fieldLabel(e.field), message: e.message })}</Typography.Text>
                ))}
                {r.warnings.map((w, i) => (
                  <Typography.Text key={`w${i}`} type="warning">{w}</Typography.Text>
                ))}
                {r.duplicateOf && (
                  <Typography.Text type="secondary">
                    {t('assetImports.rows.duplicateOf', { code: r.duplicateOf.code, name: r.duplicateOf.name, reason: t(`assetImports.reasons.${r.duplicateOf.reason}`) })}
                  </Typography.Text>
                )}
                {r.duplicateOf && r.changes && Object.keys(r.changes).length === 0 && <Typography.Text type="secondary">{t('assetImports.rows.unchanged')}</Typography.Text>}
                {Object.entries(r.changes ?? {}).map(([key, [before, after]]) => (
                  <Typography.Text key={key} style={{ fontSize: 12 }}>
                    <span style={{ marginRight: 6 }}>{fieldLabel(key)}</span>
                    <Typography.Text delete type="secondary">{format(key, before) || '—'}</Typography.Text> → {format(key, after) || '—'}
                  </Typography.Text>
                ))}
              </Space>
            ),
          },
          {
            title: t('common.actions'),
            width: 150,
            render: (_, r) => {
              if (r.duplicateOf)
                return (
                  <Segmented
                    size="small"
                    value={r.action === 'update' ? 'update' : 'skip'}
                    onChange={(v) => setRow(r, v === 'update' ? 'update' : 'skip')}
                    options={[
                      { value: 'update', label: t('assetImports.rows.updateRow') },
                      { value: 'skip', label: t('assetImports.rows.skipDuplicate') },
                    ]}
                  />
                );
              if (r.action === 'error') return <Button size="small" danger onClick={() => setRow(r, 'skip')} data-testid="import-skip-row">{t('assetImports.rows.skipRow')}</Button>;
              if (r.action === 'skip' && r.errors.length > 0) return <Button size="small" type="link" onClick={() => setRow(r, 'create')}>{t('assetImports.rows.unskip')}</Button>;
              return null;
            },
          },
        ]}
      />
    </Card>
  );
}
