/**
 * Reads the State Council's yearly holiday notice (国务院办公厅关于 YYYY 年部分节假日安排的通知) as pasted by an admin.
 *
 * Pure: no I/O. The notice has one line per festival, e.g.
 *   "二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。"
 * Lines without dates (title, preamble, closing paragraph, signature) are skipped. A festival line that cannot be read
 * fails the whole notice, because importing half a year would silently corrupt SLA clocks.
 */
import { AppError } from '../../platform/errors.ts';

/** One dated entry of the notice: a day off or a 调休 make-up working day. */
export interface NoticeDay {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
}

/** A festival line that could not be read, 1-based line number as pasted. */
export interface NoticeLineError {
  line: number;
  text: string;
  reason: string;
}

interface ParsedDate {
  year: number;
  month: number;
  day: number;
  /** 0 = Monday … 6 = Sunday, when the notice annotated the date with （周x） */
  weekday: number | null;
}

class LineError extends Error {}

const ORDINAL = /^[一二三四五六七八九十]{1,3}、/;
const HOLIDAY_WORDS = /放假|休假|休息/;
const WORKDAY_WORDS = /上班|补班/;
const ACTION = /放假|休假|休息|上班|补班/g;
const HAS_DATE = /\d{1,2}日/;
const WEEKDAYS = '一二三四五六日';
const MAX_RANGE_DAYS = 31;
const DAY_MS = 86_400_000;

const pad2 = (n: number) => String(n).padStart(2, '0');

function dateKey(d: ParsedDate): string {
  return `${d.year}-${pad2(d.month)}-${pad2(d.day)}`;
}

function toUtc(d: ParsedDate): number {
  const t = Date.UTC(d.year, d.month - 1, d.day);
  const check = new Date(t);
  if (check.getUTCMonth() !== d.month - 1 || check.getUTCDate() !== d.day) throw new LineError(`${d.month}月${d.day}日 is not a date`);
  return t;
}

/** Monday = 0, as business-time.ts counts. */
const weekdayOf = (t: number) => (new Date(t).getUTCDay() + 6) % 7;

/**
 * Turns "1月28日{0}至2月4日{1}" or "1月26日{0}、2月8日{1}" (parentheticals already replaced by {n}) into dates.
 * A date without a month takes the month (and year) of the date before it; a range end with a smaller month than its
 * start lies in the next year ("12月31日至1月2日").
 */
function parseDateList(text: string, notes: string[], year: number): number[] {
  const DATE = /^(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日(?:\{(\d+)\})?/;
  const out: number[] = [];
  let prev: ParsedDate | null = null;
  let rest = text;
  let rangeStart: ParsedDate | null = null;
  for (;;) {
    const m = DATE.exec(rest);
    if (!m) throw new LineError(`cannot read the dates "${text}"`);
    rest = rest.slice(m[0].length);
    const note = m[4] === undefined ? '' : (notes[Number(m[4])] ?? '');
    const wd = /(?:周|星期|礼拜)([一二三四五六日天])/.exec(note);
    let d: ParsedDate;
    if (m[2] === undefined) {
      if (!prev) throw new LineError(`"${m[0]}" has no month`);
      d = { year: m[1] ? Number(m[1]) : prev.year, month: prev.month, day: Number(m[3]), weekday: null };
    } else {
      const month = Number(m[2]);
      const y = m[1] ? Number(m[1]) : rangeStart ? (month < rangeStart.month ? rangeStart.year + 1 : rangeStart.year) : year;
      d = { year: y, month, day: Number(m[3]), weekday: null };
    }
    if (wd) d.weekday = WEEKDAYS.indexOf(wd[1] === '天' ? '日' : wd[1]!);
    const t = toUtc(d);
    if (d.weekday !== null && d.weekday !== weekdayOf(t)) {
      // Catches a notice pasted into the wrong year: its weekdays no longer match.
      throw new LineError(`${dateKey(d)} is a 周${WEEKDAYS[weekdayOf(t)]} but the notice says 周${WEEKDAYS[d.weekday]}`);
    }
    if (rangeStart) {
      const from = toUtc(rangeStart);
      if (t < from) throw new LineError(`the range ${dateKey(rangeStart)}–${dateKey(d)} ends before it starts`);
      if ((t - from) / DAY_MS >= MAX_RANGE_DAYS) throw new LineError(`the range ${dateKey(rangeStart)}–${dateKey(d)} is too long`);
      for (let x = from + DAY_MS; x <= t; x += DAY_MS) out.push(x);
      rangeStart = null;
    } else {
      out.push(t);
    }
    prev = d;
    if (rest === '') return out;
    const sep = /^(至|到|-|~|—|–)|^(、|,|和|及|与)/.exec(rest);
    if (!sep) throw new LineError(`cannot read the dates "${text}"`);
    rest = rest.slice(sep[0].length);
    if (sep[1] !== undefined) rangeStart = d;
  }
}

/** Reads the body of one festival line ("1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。"). */
function parseBody(body: string, name: string, year: number): NoticeDay[] {
  // Parentheticals hold lunar dates and weekdays and may contain 、 or ，, so lift them out before splitting.
  const notes: string[] = [];
  const flat = body.replace(/\(([^()]*)\)/g, (_, inner: string) => `{${notes.push(inner) - 1}}`);
  if (/[()]/.test(flat)) throw new LineError('unbalanced brackets');
  const days: NoticeDay[] = [];
  for (const sentence of flat.split(/[。;.]/)) {
    let from = 0;
    for (const action of sentence.matchAll(ACTION)) {
      // The dates are the clauses just before the verb; clauses without a date ("共3天", "调休") are chatter.
      const clauses = sentence.slice(from, action.index).split(',');
      while (clauses.length > 0 && !HAS_DATE.test(clauses[0]!)) clauses.shift();
      // "另外2月14日…": words in front of the first date are not part of the list.
      if (clauses.length > 0) clauses[0] = clauses[0]!.replace(/^\D*/, '');
      from = action.index + action[0].length;
      if (clauses.length === 0) continue;
      const kind = HOLIDAY_WORDS.test(action[0]) ? 'holiday' : 'workday';
      for (const t of parseDateList(clauses.join('、'), notes, year)) {
        days.push({ date: new Date(t).toISOString().slice(0, 10), kind, name });
      }
    }
    if (HAS_DATE.test(sentence.slice(from))) throw new LineError(`"${sentence.slice(from)}" says neither 放假 nor 上班`);
  }
  if (days.length === 0) throw new LineError('no dates found');
  return days;
}

/**
 * Parses the notice text for `year` into dated holidays and make-up workdays, sorted by date.
 * Throws AppError invalid 'calendar.notice_unparsed' with `details.lines` naming every line it could not read.
 */
export function parseHolidayNotice(year: number, text: string): NoticeDay[] {
  const errors: NoticeLineError[] = [];
  const byDate = new Map<string, NoticeDay>();
  const context = { byDate, lastName: null as string | null };
  text.split(/\r?\n/).forEach((pasted, index) => {
    // A notice pasted as one paragraph: a new festival starts at each "二、", "三、" … that follows a full stop.
    for (const segment of pasted.replace(/([。.．])\s*([一二三四五六七八九十]{1,3}、)/g, '$1\n$2').split('\n')) {
      const error = readSegment(segment, year, context);
      if (error) errors.push({ line: index + 1, text: segment.trim(), reason: error });
    }
  });
  if (errors.length === 0 && byDate.size === 0) errors.push({ line: 0, text: '', reason: 'no festival lines found' });
  if (errors.length > 0) {
    throw new AppError('invalid', 'calendar.notice_unparsed', `Could not read ${errors.length} line(s) of the holiday notice`, { lines: errors });
  }
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** Reads one festival line into `byDate`; returns why it failed, or null (also for lines that are not festivals). */
function readSegment(segment: string, year: number, context: { byDate: Map<string, NoticeDay>; lastName: string | null }): string | null {
  const { byDate } = context;
  // NFKC folds full-width digits and punctuation (１：（），；) to ASCII, so one grammar reads both.
  const line = segment.normalize('NFKC').replace(/\s+/g, '');
  const stated = /关于(\d{4})年.*节假日|现将(\d{4})年/.exec(line);
  if (stated && Number(stated[1] ?? stated[2]) !== year) return `the notice is for ${stated[1] ?? stated[2]}, not ${year}`;
  const isFestival = ORDINAL.test(line) || (/\d{1,2}月\d{1,2}日/.test(line) && (HOLIDAY_WORDS.test(line) || WORKDAY_WORDS.test(line)));
  if (!isFestival) return null;
  try {
    const m = /^(?:[一二三四五六七八九十]{1,3}、)?([^:]+):(.*)$/.exec(line);
    // A festival's 上班 sentence wrapped onto a line of its own belongs to the festival above it.
    const isContinuation = !m && !ORDINAL.test(line) && context.lastName !== null;
    if (!m && !isContinuation) throw new LineError('expected "节日：日期放假…" with a colon after the festival name');
    const name = m ? m[1]! : context.lastName!;
    if (/\d/.test(name)) throw new LineError('the festival name is missing');
    context.lastName = name;
    const days = parseBody(m ? m[2]! : line, name, year);
    // Check the whole line before keeping any of it.
    for (const day of days) {
      const seen = byDate.get(day.date);
      if (seen && seen.kind !== day.kind) throw new LineError(`${day.date} is both a holiday and a workday`);
    }
    for (const day of days) if (!byDate.has(day.date)) byDate.set(day.date, day);
    return null;
  } catch (e) {
    if (e instanceof LineError) return e.message;
    throw e;
  }
}
