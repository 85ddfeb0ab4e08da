import { canonicalJson } from '../../platform/audit.ts';

/** field → [before, after] for every field whose value differs; arrays and objects compare by content. */
export function diffSnapshots(before: Record<string, unknown> | null, after: Record<string, unknown> | null): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of keys) {
    const b = before?.[key] ?? null;
    const a = after?.[key] ?? null;
    if (canonicalJson(b) !== canonicalJson(a)) out[key] = [b, a];
  }
  return out;
}
