import { z } from 'zod';
import { CalendarDay } from '../../../shared/schemas/calendars.ts';

const ImportDay = CalendarDay.pick({ date: true, kind: true, name: true });
export type ImportDay = z.infer<typeof ImportDay>;
export type ImportParse = { ok: true; days: ImportDay[] } | { ok: false; line: number };

const KIND_ALIASES: Record<string, 'holiday' | 'workday'> = {
  holiday: 'holiday',
  休: 'holiday',
  假: 'holiday',
  放假: 'holiday',
  workday: 'workday',
  班: 'workday',
  上班: 'workday',
  调休上班: 'workday',
};

/**
 * Reads a year's days from an uploaded file: a JSON array of {date, kind, name}, or CSV lines
 * `date,kind,name` (an optional header line is skipped; kind may be holiday/workday or 休/班).
 * Reports the first bad line instead of importing half a year.
 */
export function parseDaysFile(text: string): ImportParse {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed.startsWith('[')) {
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch {
      return { ok: false, line: 1 };
    }
    const parsed = z.array(ImportDay).safeParse(json);
    if (parsed.success) return { ok: true, days: parsed.data };
    const index = parsed.error.issues[0]?.path[0];
    return { ok: false, line: typeof index === 'number' ? index + 1 : 1 };
  }
  const days: ImportDay[] = [];
  const lines = trimmed.split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line || (i === 0 && /^date\b|^日期/i.test(line))) continue;
    const [date = '', kind = '', ...rest] = line.split(/[,，\t]/).map((c) => c.trim());
    const parsed = ImportDay.safeParse({ date, kind: KIND_ALIASES[kind] ?? kind, name: rest.join(',').replace(/^"|"$/g, '') });
    if (!parsed.success) return { ok: false, line: i + 1 };
    days.push(parsed.data);
  }
  return { ok: true, days };
}
