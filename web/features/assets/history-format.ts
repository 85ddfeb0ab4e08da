import type { AssetFieldDef, AssetHistoryEntry } from '../../../shared/schemas/assets.ts';

export type ChangeLine = { key: string; label: string; before: string; after: string };

/** How to name a field and show a value of it; ids are resolved to names where the console knows them. */
export type HistoryContext = {
  fieldLabel: (field: string) => string;
  attributeField: (key: string) => AssetFieldDef | undefined;
  attributeLabel: (key: string) => string;
  formatValue: (field: string, value: unknown) => string;
  formatAttribute: (field: AssetFieldDef | undefined, value: unknown) => string;
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The lines of one history entry: "field: before → after", attributes one per key. A creation (everything
 * from empty) lists nothing: the asset page above shows the values.
 */
export function changeLines(entry: AssetHistoryEntry, ctx: HistoryContext): ChangeLine[] {
  const pairs = Object.entries(entry.changes).filter(([key]) => key !== 'relation');
  if ((entry.action === 'create' || entry.action === 'import') && pairs.every(([, [before]]) => before === null)) return [];
  const lines: ChangeLine[] = [];
  for (const [field, [before, after]] of pairs) {
    if (field === 'attributes' && (isRecord(before) || isRecord(after))) {
      const b = isRecord(before) ? before : {};
      const a = isRecord(after) ? after : {};
      for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
        if (JSON.stringify(b[key] ?? null) === JSON.stringify(a[key] ?? null)) continue;
        const def = ctx.attributeField(key);
        lines.push({ key: `attributes.${key}`, label: ctx.attributeLabel(key), before: ctx.formatAttribute(def, b[key] ?? null), after: ctx.formatAttribute(def, a[key] ?? null) });
      }
      continue;
    }
    lines.push({ key: field, label: ctx.fieldLabel(field), before: ctx.formatValue(field, before), after: ctx.formatValue(field, after) });
  }
  return lines;
}

/** The relation a relation_add / relation_remove entry names, if it has one. */
export function relationOf(entry: AssetHistoryEntry): { kind: string; fromAssetId: string; toAssetId: string } | null {
  const [before, after] = entry.changes.relation ?? [null, null];
  const r = isRecord(after) ? after : isRecord(before) ? before : null;
  if (!r || typeof r.kind !== 'string' || typeof r.fromAssetId !== 'string' || typeof r.toAssetId !== 'string') return null;
  return { kind: r.kind, fromAssetId: r.fromAssetId, toAssetId: r.toAssetId };
}
