/**
 * The human explanation of one SLA clock, in zh-CN and en, e.g.
 *   "Resolution due 2025-10-09 12:50: opened 2025-09-30 16:30, 4 business hours on 08:00–17:00,
 *    2025-10-01..08 holiday (National Day, Mid-Autumn Festival), paused 1 h 20 min waiting for spare parts. Running: …"
 * Pure: everything comes from the facts the clock engine worked out and from the calendar it measured on.
 * Times are shown in the calendar's time zone.
 */
import { workingRangesOn, type BusinessCalendar, type DayRanges } from '../../calendars/index.ts';
import type { SlaClockKind, SlaClockStatus, SlaLevel } from '../../../../shared/schemas/sla.ts';

type LevelName = Pick<SlaLevel, 'key' | 'name' | 'nameEn'>;

/** What the engine knows about one clock; explainClock turns it into sentences. */
export interface ClockFacts {
  kind: SlaClockKind;
  status: SlaClockStatus;
  level: LevelName;
  band: 'in_hours' | 'off_hours';
  offHoursTarget: boolean;
  measuredOn: 'calendar' | '7x24';
  targetMinutes: number | null;
  openedAt: Date;
  startedAt: Date | null;
  startedFrom: 'opened' | 'on_site' | 'on_site_due';
  dueAt: Date | null;
  stoppedAt: Date | null;
  stoppedBy: 'responded' | 'on_site' | 'diagnosed' | 'resolved' | 'closed' | null;
  breachedAt: Date | null;
  elapsedMinutes: number;
  remainingMinutes: number;
  percentUsed: number;
  isWarning: boolean;
  warnAtPercent: number;
  pauses: Array<{
    reason: string;
    name: string;
    nameEn: string;
    from: Date;
    ongoing: boolean;
    businessMinutes: number;
    wallMinutes: number;
  }>;
  levelChanges: Array<{ at: Date; from: LevelName; to: LevelName }>;
}

export interface Explanation {
  'zh-CN': string;
  en: string;
}

const CLOCK_EN: Record<SlaClockKind, string> = { response: 'Response', onSite: 'On-site', diagnosis: 'Diagnosis', resolution: 'Resolution' };
const CLOCK_ZH: Record<SlaClockKind, string> = { response: '响应', onSite: '到场', diagnosis: '诊断', resolution: '解决' };
const STOP_EN = { responded: 'responded', on_site: 'on site', diagnosed: 'diagnosed', resolved: 'resolved', closed: 'closed' } as const;
const STOP_ZH = { responded: '已响应', on_site: '已到场', diagnosed: '已确诊', resolved: '已解决', closed: '已关闭' } as const;
const WEEKDAY_EN = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const WEEKDAY_ZH = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];
/** English names of the statutory holidays, for calendars whose day names are Chinese. */
const HOLIDAY_EN: Record<string, string> = {
  元旦: "New Year's Day",
  春节: 'Spring Festival',
  清明: 'Qingming Festival',
  清明节: 'Qingming Festival',
  劳动节: 'Labour Day',
  端午: 'Dragon Boat Festival',
  端午节: 'Dragon Boat Festival',
  中秋: 'Mid-Autumn Festival',
  中秋节: 'Mid-Autumn Festival',
  国庆: 'National Day',
  国庆节: 'National Day',
};
/** At most this many non-working spans are listed; longer windows end with "and N more". */
const MAX_SPANS = 6;
/** Explanations never scan more than this many days between start and due. */
const MAX_WINDOW_DAYS = 400;

// ---------------------------------------------------------------------------------------------------------------
// Formatting
// ---------------------------------------------------------------------------------------------------------------

const formatters = new Map<string, Intl.DateTimeFormat>();

function localParts(t: Date, timeZone: string): { date: string; time: string } {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(t)) p[part.type] = part.value;
  const hour = String(Number(p.hour) % 24).padStart(2, '0');
  const seconds = p.second === '00' ? '' : `:${p.second}`;
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${hour}:${p.minute}${seconds}` };
}

/** "2025-10-09 12:50" (seconds only when not zero), in the calendar's zone. */
export function formatLocal(t: Date, timeZone: string): string {
  const { date, time } = localParts(t, timeZone);
  return `${date} ${time}`;
}

/** "1 h 20 min", "4 h", "45 min" / "1 小时 20 分钟". Rounded to whole minutes. */
export function formatDuration(minutes: number, locale: 'zh-CN' | 'en'): string {
  const m = Math.round(Math.abs(minutes));
  const h = Math.floor(m / 60);
  const r = m % 60;
  if (locale === 'en') return h === 0 ? `${r} min` : r === 0 ? `${h} h` : `${h} h ${r} min`;
  return h === 0 ? `${r} 分钟` : r === 0 ? `${h} 小时` : `${h} 小时 ${r} 分钟`;
}

function targetEn(minutes: number, calendar: boolean): string {
  const h = minutes / 60;
  const unit = calendar ? 'business ' : '';
  if (minutes % 60 === 0) return `${h} ${unit}hour${h === 1 ? '' : 's'}`;
  if (minutes < 60) return `${minutes} ${unit}minute${minutes === 1 ? '' : 's'}`;
  return calendar ? `${formatDuration(minutes, 'en')} of business time` : formatDuration(minutes, 'en');
}

const rangesText = (r: DayRanges): string =>
  r.map(([a, b]) => `${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}–${String(Math.floor(b / 60)).padStart(2, '0')}:${String(b % 60).padStart(2, '0')}`).join(', ');

/** "08:00–17:00" when every working weekday has the same hours, else "Mon–Fri 08:00–17:00; Sat 08:00–12:00". */
export function describeHours(cal: BusinessCalendar): { en: string; zh: string } {
  const days = cal.weekly.map((r) => rangesText(r));
  const working = days.filter((d) => d !== '');
  if (working.length === 0) return { en: 'no working hours', zh: '无工作时间' };
  if (working.every((d) => d === working[0])) return { en: working[0]!, zh: working[0]! };
  const groups: Array<{ from: number; to: number; text: string }> = [];
  days.forEach((text, i) => {
    const last = groups.at(-1);
    if (text !== '' && last && last.text === text && last.to === i - 1) last.to = i;
    else if (text !== '') groups.push({ from: i, to: i, text });
  });
  const label = (names: string[], g: { from: number; to: number }) => (g.from === g.to ? names[g.from] : `${names[g.from]}–${names[g.to]}`);
  return {
    en: groups.map((g) => `${label(WEEKDAY_EN, g)} ${g.text}`).join('; '),
    zh: groups.map((g) => `${label(WEEKDAY_ZH, g)} ${g.text}`).join('；'),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Non-working days between start and due
// ---------------------------------------------------------------------------------------------------------------

interface DaySpan {
  from: string;
  to: string;
  kind: 'holiday' | 'weekend' | 'day_off';
  names: string[];
}

const nextDate = (date: string): string => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const weekdayOf = (date: string): number => (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7; // 0 = Monday

/** Whole non-working days (merged into spans) and 调休 make-up working days from the start date to the due date. */
function calendarWindow(cal: BusinessCalendar, from: Date, to: Date): { spans: DaySpan[]; makeup: string[] } {
  const spans: DaySpan[] = [];
  const makeup: string[] = [];
  const last = localParts(to, cal.timeZone).date;
  let date = localParts(from, cal.timeZone).date;
  let open: (DaySpan & { days: Array<'holiday' | 'weekend' | 'day_off'> }) | null = null;
  for (let n = 0; n <= MAX_WINDOW_DAYS && date <= last; n++, date = nextDate(date)) {
    const day = workingRangesOn(cal, date);
    if (day.reason === 'makeup_workday') makeup.push(date);
    if (day.ranges.length > 0) {
      open = null;
      continue;
    }
    const kind = day.reason === 'holiday' ? 'holiday' : weekdayOf(date) >= 5 ? 'weekend' : 'day_off';
    if (!open) {
      open = { from: date, to: date, kind, names: [], days: [] };
      spans.push(open);
    }
    open.to = date;
    open.days.push(kind);
    if (kind === 'holiday') open.kind = 'holiday';
    else if (open.kind === 'weekend' && kind === 'day_off') open.kind = 'day_off';
    for (const name of (day.name ?? '').split(/[、,，]/)) {
      const trimmed = name.trim();
      if (day.reason === 'holiday' && trimmed !== '' && !open.names.includes(trimmed)) open.names.push(trimmed);
    }
  }
  return { spans: spans.map(({ from: f, to: t, kind, names }) => ({ from: f, to: t, kind, names })), makeup };
}

/** "2025-10-01..08", "2025-01-28..02-04", "2025-12-31..2026-01-01", or one date. */
function spanText(s: { from: string; to: string }): string {
  if (s.from === s.to) return s.from;
  if (s.from.slice(0, 4) !== s.to.slice(0, 4)) return `${s.from}..${s.to}`;
  if (s.from.slice(0, 7) !== s.to.slice(0, 7)) return `${s.from}..${s.to.slice(5)}`;
  return `${s.from}..${s.to.slice(8)}`;
}

function spanEn(s: DaySpan): string {
  if (s.kind !== 'holiday') return `${spanText(s)} ${s.kind === 'weekend' ? 'weekend' : 'days off'}`;
  const names = [...new Set(s.names.map((n) => HOLIDAY_EN[n] ?? n))];
  return `${spanText(s)} holiday${names.length ? ` (${names.join(', ')})` : ''}`;
}

function spanZh(s: DaySpan): string {
  if (s.kind !== 'holiday') return `${spanText(s)} ${s.kind === 'weekend' ? '周末' : '休息日'}`;
  return `${spanText(s)} 假期${s.names.length ? `（${s.names.join('、')}）` : ''}`;
}

// ---------------------------------------------------------------------------------------------------------------
// The sentences
// ---------------------------------------------------------------------------------------------------------------

/** Explains one clock: what it is due, from when, on which hours, what was skipped and paused, and where it stands. */
export function explainClock(f: ClockFacts, cal: BusinessCalendar): Explanation {
  const tz = cal.timeZone;
  const at = (t: Date) => formatLocal(t, tz);
  const levelEn = `${f.level.name} (${f.level.nameEn})`;
  if (f.status === 'not_applicable' || f.targetMinutes === null || f.dueAt === null || f.startedAt === null) {
    return {
      en: `${CLOCK_EN[f.kind]}: not applicable, no ${CLOCK_EN[f.kind].toLowerCase()} target for ${levelEn}.`,
      'zh-CN': `${CLOCK_ZH[f.kind]}：不适用，${f.level.name}未约定${CLOCK_ZH[f.kind]}时限。`,
    };
  }
  const target = f.targetMinutes;
  const hours = describeHours(cal);
  const onCalendar = f.measuredOn === 'calendar';
  const en: string[] = [];
  const zh: string[] = [];

  if (f.band === 'off_hours') {
    en.push(`opened ${at(f.openedAt)} outside working hours (${hours.en})`);
    zh.push(`${at(f.openedAt)} 非工作时间报修（工作时间 ${hours.zh}）`);
  } else {
    en.push(`opened ${at(f.openedAt)}`);
    zh.push(`${at(f.openedAt)} 报修`);
  }
  if (f.startedFrom === 'on_site') {
    en.push(`counted from on-site arrival ${at(f.startedAt)}`);
    zh.push(`自 ${at(f.startedAt)} 到场起算`);
  } else if (f.startedFrom === 'on_site_due') {
    en.push(`counted from the on-site due time ${at(f.startedAt)} (no arrival by then)`);
    zh.push(`自到场时限 ${at(f.startedAt)} 起算（届时未到场）`);
  }

  if (onCalendar) {
    en.push(`${targetEn(target, true)} on ${hours.en}`);
    zh.push(`按工作时间 ${hours.zh} 计 ${formatDuration(target, 'zh-CN')}`);
    const window = calendarWindow(cal, f.startedAt, f.dueAt);
    const shown = window.spans.slice(0, MAX_SPANS);
    const more = window.spans.length - shown.length;
    if (shown.length > 0) {
      en.push(shown.map(spanEn).join(', ') + (more > 0 ? ` and ${more} more non-working spans` : ''));
      zh.push(`跳过 ${shown.map(spanZh).join('、')}${more > 0 ? ` 等 ${window.spans.length} 段非工作日` : ''}`);
    }
    for (const d of window.makeup) {
      en.push(`${d} (${WEEKDAY_EN[weekdayOf(d)]}) make-up working day`);
      zh.push(`${d}（${WEEKDAY_ZH[weekdayOf(d)]}）调休上班`);
    }
  } else if (f.offHoursTarget) {
    en.push(`off-hours target ${targetEn(target, false)} round the clock (7×24)`);
    zh.push(`适用非工作时间时限，7×24 连续计 ${formatDuration(target, 'zh-CN')}`);
  } else {
    en.push(`${targetEn(target, false)} round the clock (7×24)`);
    zh.push(`7×24 连续计 ${formatDuration(target, 'zh-CN')}`);
  }

  // Pauses, summed per reason, in the clock's own minutes (what moved the due time).
  const byReason = new Map<string, { name: string; nameEn: string; business: number; wall: number }>();
  for (const p of f.pauses) {
    const r = byReason.get(p.reason) ?? { name: p.name, nameEn: p.nameEn, business: 0, wall: 0 };
    r.business += p.businessMinutes;
    r.wall += p.wallMinutes;
    byReason.set(p.reason, r);
  }
  const reasons = [...byReason.values()].filter((r) => r.wall > 0);
  if (reasons.length > 0) {
    const total = reasons.reduce((s, r) => s + r.business, 0);
    if (Math.round(total) === 0) {
      en.push(`paused outside working hours only (${reasons.map((r) => r.nameEn).join(', ')}), which moves nothing`);
      zh.push(`仅在非工作时间暂停（${reasons.map((r) => r.name).join('、')}），不影响时限`);
    } else if (reasons.length === 1) {
      en.push(`paused ${formatDuration(total, 'en')} ${reasons[0]!.nameEn}`);
      zh.push(`因${reasons[0]!.name}暂停 ${formatDuration(total, 'zh-CN')}`);
    } else {
      en.push(`paused ${formatDuration(total, 'en')} (${reasons.map((r) => `${r.nameEn} ${formatDuration(r.business, 'en')}`).join(', ')})`);
      zh.push(`暂停共 ${formatDuration(total, 'zh-CN')}（${reasons.map((r) => `${r.name} ${formatDuration(r.business, 'zh-CN')}`).join('、')}）`);
    }
  }

  for (const c of f.levelChanges) {
    en.push(`level changed from ${c.from.name} (${c.from.nameEn}) to ${c.to.name} (${c.to.nameEn}) at ${at(c.at)}: target replaced, time used kept`);
    zh.push(`${at(c.at)} 级别由${c.from.name}调整为${c.to.name}，时限按新级别重算，已用时间保留`);
  }

  const used = { en: `${formatDuration(f.elapsedMinutes, 'en')} of ${formatDuration(target, 'en')}`, zh: `${formatDuration(f.elapsedMinutes, 'zh-CN')} / ${formatDuration(target, 'zh-CN')}` };
  const left = { en: formatDuration(f.remainingMinutes, 'en'), zh: formatDuration(f.remainingMinutes, 'zh-CN') };
  const pct = Math.round(f.percentUsed);
  let statusEn: string;
  let statusZh: string;
  const ongoing = f.pauses.find((p) => p.ongoing);
  const breached = f.breachedAt;
  switch (f.status) {
    case 'met':
      statusEn = `Met: ${STOP_EN[f.stoppedBy!]} ${at(f.stoppedAt!)}, ${used.en} used.`;
      statusZh = `达标：${at(f.stoppedAt!)} ${STOP_ZH[f.stoppedBy!]}，用时 ${used.zh}。`;
      break;
    case 'breached':
      statusEn = `Breached at ${at(breached!)}: ${STOP_EN[f.stoppedBy!]} ${at(f.stoppedAt!)}, ${used.en} used.`;
      statusZh = `超时：${at(breached!)} 起超时，${at(f.stoppedAt!)} ${STOP_ZH[f.stoppedBy!]}，用时 ${used.zh}。`;
      break;
    case 'paused':
      statusEn =
        (breached ? `Overdue since ${at(breached)}; paused` : 'Paused') +
        ` since ${at(ongoing!.from)} (${ongoing!.nameEn}): ${used.en} used, ${f.remainingMinutes >= 0 ? `${left.en} left` : `${left.en} over`}; the due time moves while paused.`;
      statusZh =
        (breached ? `已超时（${at(breached)} 起），` : '') +
        `暂停中（${at(ongoing!.from)} 起，${ongoing!.name}）：已用 ${used.zh}，${f.remainingMinutes >= 0 ? `剩余 ${left.zh}` : `超出 ${left.zh}`}，暂停期间时限顺延。`;
      break;
    default:
      if (breached && f.remainingMinutes < 0) {
        statusEn = `Overdue since ${at(breached)}: ${used.en} used, ${left.en} over.`;
        statusZh = `已超时（${at(breached)} 起）：已用 ${used.zh}，超出 ${left.zh}。`;
      } else if (breached) {
        statusEn = `Breached at ${at(breached)} under an earlier level, which stays recorded; running: ${used.en} used (${pct} %), ${left.en} left.`;
        statusZh = `曾于 ${at(breached)} 按原级别超时，超时记录保留；进行中：已用 ${used.zh}（${pct}%），剩余 ${left.zh}。`;
      } else if (f.isWarning) {
        statusEn = `Warning, over ${f.warnAtPercent} %: ${used.en} used (${pct} %), ${left.en} left.`;
        statusZh = `预警（超过 ${f.warnAtPercent}%）：已用 ${used.zh}（${pct}%），剩余 ${left.zh}。`;
      } else {
        statusEn = `Running: ${used.en} used (${pct} %), ${left.en} left.`;
        statusZh = `进行中：已用 ${used.zh}（${pct}%），剩余 ${left.zh}。`;
      }
  }

  return {
    en: `${CLOCK_EN[f.kind]} due ${at(f.dueAt)}: ${en.join(', ')}. ${statusEn}`,
    'zh-CN': `${CLOCK_ZH[f.kind]}时限 ${at(f.dueAt)}：${zh.join('，')}。${statusZh}`,
  };
}
