/**
 * Seed data for the work calendar: Chinese public holidays and 调休 make-up workdays from the `chinese-days` package.
 *
 * The package is only a seed (design §4.3): it is imported into the work-calendar table, and the SLA engine reads
 * the table. So this module just turns the package's JSON into plain rows and fails loudly if the shape ever changes.
 */
import { createRequire } from 'node:module';

/** One dated entry: a day off ('holiday') or a 调休 make-up working day ('workday'). */
export interface SeedDay {
  date: string;
  kind: 'holiday' | 'workday';
  name: string /* Chinese name e.g. '春节' */;
  nameEn: string;
}

// createRequire rather than a JSON import attribute: it behaves the same under tsx, Vitest and tsc, and the package
// has no "exports" map, so the data file and package.json are reachable by path.
const require = createRequire(import.meta.url);

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDate(date: string): boolean {
  const m = DATE_PATTERN.exec(date);
  if (!m) return false;
  const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
  const check = new Date(Date.UTC(y, mo - 1, d));
  return check.getUTCFullYear() === y && check.getUTCMonth() === mo - 1 && check.getUTCDate() === d;
}

function asStringMap(value: unknown, what: string): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`chinese-days: ${what} is not an object; the package's data format has changed`);
  }
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string') throw new Error(`chinese-days: ${what}["${k}"] is not a string`);
  }
  return value as Record<string, string>;
}

/** Splits "Spring Festival,春节,4" (English name, Chinese name, statutory days) from the right, in case an English name has a comma. */
function parseLabel(label: string, date: string): { name: string; nameEn: string } {
  const parts = label.split(',');
  if (parts.length < 3) throw new Error(`chinese-days: unexpected label "${label}" for ${date}`);
  const name = (parts[parts.length - 2] ?? '').trim();
  const nameEn = parts.slice(0, -2).join(',').trim();
  if (name === '' || nameEn === '') throw new Error(`chinese-days: unexpected label "${label}" for ${date}`);
  return { name, nameEn };
}

/** Every holiday and 调休 make-up workday that the installed chinese-days package knows, by year. */
export function chineseDaysSeed(): { source: string /* 'chinese-days@<version>' */; years: number[]; days: SeedDay[] } {
  const pkg = require('chinese-days/package.json') as { version?: unknown };
  if (typeof pkg.version !== 'string') throw new Error('chinese-days: package.json has no version');
  const data = require('chinese-days/dist/chinese-days.json') as Record<string, unknown>;
  // `inLieuDays` is deliberately ignored: it lists weekdays that are off *because of* 调休, and every one of them is
  // already in `holidays`. The make-up working days are `workdays`.
  const sources: Array<[SeedDay['kind'], Record<string, string>]> = [
    ['holiday', asStringMap(data.holidays, 'holidays')],
    ['workday', asStringMap(data.workdays, 'workdays')],
  ];

  const byDate = new Map<string, SeedDay>();
  for (const [kind, map] of sources) {
    for (const [date, label] of Object.entries(map)) {
      if (!isRealDate(date)) throw new Error(`chinese-days: invalid date "${date}" in ${kind}s`);
      const seen = byDate.get(date);
      if (seen) throw new Error(`chinese-days: ${date} is listed both as ${seen.kind} and as ${kind}`);
      byDate.set(date, { date, kind, ...parseLabel(label, date) });
    }
  }

  // ISO dates sort chronologically as strings.
  const days = [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const years = [...new Set(days.map((d) => Number(d.date.slice(0, 4))))].sort((a, b) => a - b);
  return { source: `chinese-days@${pkg.version}`, years, days };
}
