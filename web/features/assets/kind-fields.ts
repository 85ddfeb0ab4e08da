import type { AssetFieldDef, AssetFieldType, AssetKind } from '../../../shared/schemas/assets.ts';

/** A field as the editor holds it: enum options as text lines "value,中文名,English". */
export type FieldDraft = {
  key: string;
  label: string;
  labelEn: string;
  type: AssetFieldType;
  required?: boolean;
  unit?: string;
  optionsText?: string;
  isBuiltin?: boolean;
};

export function toDrafts(fields: AssetKind['fields']): FieldDraft[] {
  return fields.map((f) => ({
    key: f.key,
    label: f.label,
    labelEn: f.labelEn,
    type: f.type,
    required: f.required ?? false,
    unit: f.unit ?? '',
    optionsText: (f.options ?? []).map((o) => `${o.value},${o.label},${o.labelEn}`).join('\n'),
    isBuiltin: f.isBuiltin,
  }));
}

/** "value,label,labelEn" per line (，also accepted; labelEn defaults to label); null with the first bad line number. */
export function parseOptions(text: string): { options: NonNullable<AssetFieldDef['options']> } | { badLine: number } {
  const options: NonNullable<AssetFieldDef['options']> = [];
  const lines = text.split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line) continue;
    const [value = '', label = '', labelEn = ''] = line.split(/[,，]/).map((s) => s.trim());
    if (!value || !label) return { badLine: i + 1 };
    options.push({ value, label, labelEn: labelEn || label });
  }
  return options.length ? { options } : { badLine: 1 };
}

/** Drafts → the contract's field list (options only for enums, empty units dropped). */
export function toFieldDefs(drafts: FieldDraft[]): AssetFieldDef[] {
  return drafts.map((d) => {
    const def: AssetFieldDef = { key: d.key.trim(), label: d.label.trim(), labelEn: d.labelEn.trim(), type: d.type };
    if (d.required) def.required = true;
    if (d.unit?.trim()) def.unit = d.unit.trim();
    if (d.type === 'enum') {
      const parsed = parseOptions(d.optionsText ?? '');
      if ('options' in parsed) def.options = parsed.options;
    }
    return def;
  });
}
