import { isIP } from 'node:net';
import type { AssetFieldDef } from '../../../shared/schemas/assets.ts';

export type AttributeValue = string | number | boolean | null;
export type AttributeMap = Record<string, AttributeValue>;
export interface AttributeIssue {
  path: string[];
  message: string;
  code: string;
}

const TRUE = new Set(['true', '1', '是', 'yes', 'y', '有']);
const FALSE = new Set(['false', '0', '否', 'no', 'n', '无']);

/** One value coerced to its field's type (ledger text such as "3", "是" or an option label is accepted), or an error message. */
export function coerceAttribute(field: AssetFieldDef, value: Exclude<AttributeValue, null>): { value: Exclude<AttributeValue, null> } | { error: string } {
  const s = typeof value === 'string' ? value.trim() : value;
  switch (field.type) {
    case 'text':
      return String(s).length <= 500 ? { value: String(s) } : { error: 'at most 500 characters' };
    case 'number':
    case 'integer': {
      const n = typeof s === 'number' ? s : typeof s === 'string' && s !== '' ? Number(s) : NaN;
      if (!Number.isFinite(n)) return { error: 'not a number' };
      if (field.type === 'integer' && !Number.isInteger(n)) return { error: 'not a whole number' };
      return { value: n };
    }
    case 'boolean': {
      if (typeof s === 'boolean') return { value: s };
      const t = String(s).toLowerCase();
      return TRUE.has(t) ? { value: true } : FALSE.has(t) ? { value: false } : { error: 'not yes or no' };
    }
    case 'date':
      return typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s)
        ? { value: s }
        : { error: 'not a date like 2024-05-31' };
    case 'month':
      return typeof s === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(s) ? { value: s } : { error: 'not a month like 2024-05' };
    case 'ip':
      return typeof s === 'string' && isIP(s) !== 0 ? { value: s } : { error: 'not an IP address' };
    case 'enum': {
      const t = String(s);
      const option = field.options?.find((o) => o.value === t || o.label === t || o.labelEn.toLowerCase() === t.toLowerCase());
      return option ? { value: option.value } : { error: `one of ${field.options?.map((o) => o.value).join(', ')}` };
    }
  }
}

/**
 * Applies `changes` to `base` under the kind's field definitions: unknown keys and wrongly typed values are
 * issues, null removes a value, and with `requireAll` every required field must end up with a value.
 * Values already stored in `base` are not re-checked, so a later change to a kind does not block edits.
 */
export function applyAttributes(fields: readonly AssetFieldDef[], base: AttributeMap, changes: AttributeMap, opts: { requireAll: boolean }): { attributes: AttributeMap; issues: AttributeIssue[] } {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const attributes: AttributeMap = { ...base };
  const issues: AttributeIssue[] = [];
  for (const [key, raw] of Object.entries(changes)) {
    const field = byKey.get(key);
    if (!field) {
      issues.push({ path: ['attributes', key], message: 'not a field of this kind', code: 'unknown_field' });
      continue;
    }
    if (raw === null || raw === '') {
      delete attributes[key];
      continue;
    }
    const result = coerceAttribute(field, raw);
    if ('error' in result) issues.push({ path: ['attributes', key], message: result.error, code: 'invalid_value' });
    else attributes[key] = result.value;
  }
  if (opts.requireAll) {
    for (const f of fields) {
      if (f.required && (attributes[f.key] === undefined || attributes[f.key] === null)) issues.push({ path: ['attributes', f.key], message: 'required', code: 'required' });
    }
  }
  return { attributes, issues };
}
