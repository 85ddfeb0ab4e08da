import type { AssetFieldDef, AssetKind } from '../../../shared/schemas/assets.ts';
import { currentLocale } from '../../app/i18n.ts';

const YUAN = new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY', minimumFractionDigits: 2 });
const GROUPED = new Intl.NumberFormat('zh-CN');

/** 分 → "¥1,234,567.00" (千分位, two decimals). */
export function formatFen(fen: number | null | undefined): string {
  return fen === null || fen === undefined ? '—' : YUAN.format(fen / 100);
}

/** 12345 → "12,345". */
export function formatCount(n: number): string {
  return GROUPED.format(n);
}

/** Bytes → "1.2 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The name of a kind (or of anything with name/nameEn) in the UI language. */
export function localName(item: { name: string; nameEn: string }): string {
  return currentLocale() === 'en' ? item.nameEn : item.name;
}

export function fieldLabel(field: Pick<AssetFieldDef, 'label' | 'labelEn'>): string {
  return currentLocale() === 'en' ? field.labelEn : field.label;
}

export function kindByKey(kinds: AssetKind[] | undefined, key: string | null | undefined): AssetKind | undefined {
  return key ? kinds?.find((k) => k.key === key) : undefined;
}

/** A typed attribute value for display: enum values by their label, booleans as 是/否, units appended. */
export function formatAttribute(field: AssetFieldDef | undefined, value: unknown, yesNo: { true: string; false: string }): string {
  if (value === null || value === undefined || value === '') return '—';
  if (!field) return String(value);
  if (field.type === 'boolean') return value === true ? yesNo.true : yesNo.false;
  if (field.type === 'enum') {
    const option = field.options?.find((o) => o.value === value);
    return option ? fieldLabel(option) : String(value);
  }
  if (field.type === 'number' || field.type === 'integer') {
    const n = typeof value === 'number' ? GROUPED.format(value) : String(value);
    return field.unit ? `${n} ${field.unit}` : n;
  }
  return field.unit ? `${String(value)} ${field.unit}` : String(value);
}

/** "戴尔 / R740", or whichever half exists. */
export function brandModel(brand: string | null, model: string | null): string {
  return [brand, model].filter(Boolean).join(' / ') || '—';
}
