import { LedgerField } from '../../../shared/schemas/asset-imports.ts';

/** Which ledger field a normalized value belongs to (errors name ledger fields; values use the asset's names). */
const VALUE_FIELD: Record<string, LedgerField> = {
  kindKey: 'kind',
  managementIps: 'ip',
  hostNames: 'hostName',
  warrantyStatusDeclared: 'warrantyStatus',
  locationId: 'location',
  vendorId: 'vendor',
  ownerDepartmentId: 'department',
};
/** Internal bookkeeping of the import (resolved ids, flags), said better by the warnings; not shown as values. */
const HIDDEN = new Set(['brandKey', 'warrantyEndsOnComputed', 'warrantyEndsOnExplicit', 'kindText', 'newLocation', 'newVendor', 'locationId', 'vendorId', 'ownerDepartmentId', 'contractId', 'engineerId']);
const ORDER: LedgerField[] = ['name', 'nameModel', 'kind', 'brand', 'model', 'serialNumber', 'assetCode', 'quantity', 'unit', 'location', 'department', 'ownerPerson', 'purchaseMonth', 'warrantyYears', 'warrantyEndsOn', 'warrantyStatus', 'ip', 'hostName', 'cpu', 'os', 'database', 'middleware', 'importance', 'status', 'vendor', 'relatedTo', 'notes', 'seq'];

/** The ledger field a normalized value key belongs to (managementIps → ip …), if any. */
export function ledgerFieldOf(key: string): LedgerField | null {
  const parsed = LedgerField.safeParse(VALUE_FIELD[key] ?? key);
  return parsed.success ? parsed.data : null;
}

export type RowValue = { field: LedgerField; key: string; text: string };

/** A value as one line of text: lists joined with 、. */
export function displayValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(displayValue).join('、');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Whether a value key is bookkeeping rather than something the user typed. */
export function isHiddenValue(key: string): boolean {
  return HIDDEN.has(key);
}

/** The non-empty values of an import row in ledger order, each with the ledger field it maps to; `format` may name ids and keys. */
export function rowValues(values: Record<string, unknown>, format: (key: string, value: unknown) => string = (_k, v) => displayValue(v)): RowValue[] {
  const out: RowValue[] = [];
  for (const [key, value] of Object.entries(values)) {
    if (HIDDEN.has(key)) continue;
    const text = format(key, value);
    if (!text) continue;
    const field = ledgerFieldOf(key);
    // anything that is not a ledger column is the import's own bookkeeping
    if (field) out.push({ field, key, text });
  }
  const rank = (v: RowValue) => ORDER.indexOf(v.field);
  return out.sort((a, b) => rank(a) - rank(b));
}
