import { Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { CalendarDay } from '../../../shared/schemas/calendars.ts';

type Props = { year: number; month: number; days: Map<string, CalendarDay>; onPick?: (date: string) => void };

const COLORS = {
  holiday: { background: '#fff1f0', color: '#cf1322', border: '1px solid #ffa39e' },
  workday: { background: '#e6f4ff', color: '#0958d9', border: '1px solid #91caff' },
} as const;

/** Groups consecutive days with the same kind and name: "10/1–10/7 国庆节". */
function spans(year: number, month: number, days: Map<string, CalendarDay>) {
  const out: { from: string; to: string; day: CalendarDay }[] = [];
  const count = dayjs(new Date(year, month, 1)).daysInMonth();
  for (let d = 1; d <= count; d += 1) {
    const date = dayjs(new Date(year, month, d)).format('YYYY-MM-DD');
    const day = days.get(date);
    if (!day) continue;
    const last = out.at(-1);
    if (last && last.day.kind === day.kind && last.day.name === day.name && dayjs(last.to).add(1, 'day').format('YYYY-MM-DD') === date) last.to = date;
    else out.push({ from: date, to: date, day });
  }
  return out;
}

/** One month, Monday first: holidays red, 调休 make-up workdays blue, weekends grey. */
export function MonthGrid({ year, month, days, onPick }: Props) {
  const { t } = useTranslation();
  const first = dayjs(new Date(year, month, 1));
  const lead = (first.day() + 6) % 7;
  const cells: (number | null)[] = [...Array<null>(lead).fill(null), ...Array.from({ length: first.daysInMonth() }, (_, i) => i + 1)];
  const today = dayjs().format('YYYY-MM-DD');
  const weekdays = t('calendars.weekdaysShort').split(',');
  return (
    <div data-testid={`month-${month + 1}`}>
      <Typography.Text strong>{first.format(t('calendars.monthFormat'))}</Typography.Text>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 2, marginTop: 4, fontSize: 12, textAlign: 'center' }}>
        {weekdays.map((w, i) => (
          <div key={`h${i}`} style={{ color: i >= 5 ? '#bfbfbf' : '#8c8c8c' }}>{w}</div>
        ))}
        {cells.map((d, i) => {
          if (d === null) return <div key={`b${i}`} />;
          const date = first.date(d).format('YYYY-MM-DD');
          const entry = days.get(date);
          const isWeekend = i % 7 >= 5;
          const style: React.CSSProperties = {
            padding: '2px 0',
            borderRadius: 4,
            cursor: onPick ? 'pointer' : 'default',
            ...(entry ? COLORS[entry.kind] : { border: '1px solid transparent', color: isWeekend ? '#bfbfbf' : undefined }),
            ...(date === today ? { outline: '2px solid #1677ff', outlineOffset: -2 } : {}),
          };
          const cell = (
            <div key={date} style={style} onClick={onPick ? () => onPick(date) : undefined} data-testid={`day-${date}`} data-kind={entry?.kind ?? ''}>
              {d}
            </div>
          );
          return entry ? (
            <Tooltip key={date} title={`${entry.name || t(`calendars.kinds.${entry.kind}`)}`}>
              {cell}
            </Tooltip>
          ) : (
            cell
          );
        })}
      </div>
      <div style={{ marginTop: 4, minHeight: 18 }}>
        {spans(year, month, days).map((s) => (
          <div key={s.from} style={{ fontSize: 12, color: COLORS[s.day.kind].color, lineHeight: '18px' }}>
            {dayjs(s.from).format('M/D')}
            {s.to !== s.from && `–${dayjs(s.to).format('M/D')}`} {s.day.name || t(`calendars.kinds.${s.day.kind}`)}
            {s.day.kind === 'workday' && ` · ${t('calendars.kinds.workday')}`}
          </div>
        ))}
      </div>
    </div>
  );
}
