import { DayRanges } from '../../../shared/schemas/calendars.ts';
import { formatMinutes } from '../../app/format.ts';

export type Range = [number, number];
export type ParseResult = { ok: true; ranges: Range[] } | { ok: false; error: 'format' | 'order' };

const TIME = /^([01]?\d|2[0-4]):([0-5]\d)$/;

function toMinutes(text: string): number | null {
  const m = TIME.exec(text.trim());
  if (!m) return null;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return minutes <= 1440 ? minutes : null;
}

/** "08:00-12:00,13:30-17:00" → [[480,720],[810,1020]]; empty text means a day off. */
export function parseRanges(text: string): ParseResult {
  const parts = text
    .split(/[,，;；\s]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  const ranges: Range[] = [];
  for (const part of parts) {
    const [a, b, extra] = part.split(/[-–~～至]/);
    if (a === undefined || b === undefined || extra !== undefined) return { ok: false, error: 'format' };
    const start = toMinutes(a);
    const end = toMinutes(b);
    if (start === null || end === null) return { ok: false, error: 'format' };
    ranges.push([start, end]);
  }
  return DayRanges.safeParse(ranges).success ? { ok: true, ranges } : { ok: false, error: 'order' };
}

export function formatRanges(ranges: readonly (readonly [number, number])[] | null | undefined): string {
  return (ranges ?? []).map(([a, b]) => `${formatMinutes(a)}-${formatMinutes(b)}`).join(',');
}

/** Total working minutes of one day. */
export function rangeMinutes(ranges: readonly (readonly [number, number])[]): number {
  return ranges.reduce((sum, [a, b]) => sum + (b - a), 0);
}

/** The usual 5×8 with a lunch break, the default for a new calendar. */
export const DEFAULT_WEEKDAY: Range[] = [
  [480, 720],
  [810, 1050],
];
