import { useMemo, useState } from 'react';
import { Badge, Button, Card, Flex, Segmented, Space, Spin, Tooltip, Typography } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { OnCallShiftView } from '../../../shared/schemas/alerts.ts';
import { errorMessage } from '../../app/api.ts';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { clipShifts, personColor, type ShiftPiece } from './alert-format.ts';
import { useShifts } from './useOnCall.ts';
import { isoWeekdayOf, WEEKDAYS } from './wall-time.ts';

type Mode = 'week' | 'month';
type Props = { scheduleId: string; timeZone: string; onPickShift?: (shift: OnCallShiftView) => void };

/** A calendar date (no zone) moved by whole days; noon keeps it clear of any daylight-saving edge. */
const addDays = (date: string, days: number) => dayjs(`${date}T12:00`).add(days, 'day').format('YYYY-MM-DD');
const mondayOf = (date: string) => addDays(date, -((dayjs(`${date}T12:00`).day() + 6) % 7));
const HOURS = [0, 6, 12, 18, 24];

/** The dates on screen: one week from Monday, or the six weeks around a month (42 days, inside the API's 62). */
function visibleDates(mode: Mode, anchor: string): string[] {
  const first = mode === 'week' ? mondayOf(anchor) : mondayOf(`${anchor.slice(0, 7)}-01`);
  return Array.from({ length: mode === 'week' ? 7 : 42 }, (_, i) => addDays(first, i));
}

/** 值班日历: the final shifts (layers and overrides applied) by week or month, a colour per person. */
export function ShiftCalendar({ scheduleId, timeZone, onPickShift }: Props) {
  const { t } = useTranslation();
  const today = dayjs().tz(timeZone).format('YYYY-MM-DD');
  const [mode, setMode] = useState<Mode>('week');
  const [anchor, setAnchor] = useState(today);
  const dates = useMemo(() => visibleDates(mode, anchor), [mode, anchor]);
  const dayStart = (date: string) => dayjs.tz(date, timeZone).valueOf();
  const range = useMemo(
    () => ({ from: dayjs.tz(dates[0], timeZone).toISOString(), to: dayjs.tz(addDays(dates.at(-1) ?? anchor, 1), timeZone).toISOString() }),
    [dates, timeZone, anchor],
  );
  const shifts = useShifts(scheduleId, range);
  const items = useMemo(() => shifts.data ?? [], [shifts.data]);
  const people = useMemo(() => [...new Map(items.map((s) => [s.userId, s.userName])).entries()], [items]);
  const time = (ms: number) => dayjs(ms).tz(timeZone).format('HH:mm');
  const shiftTitle = (p: ShiftPiece) =>
    `${p.shift.userName} · ${dayjs(p.shift.start).tz(timeZone).format('MM-DD HH:mm')} – ${dayjs(p.shift.end).tz(timeZone).format('MM-DD HH:mm')}${p.shift.layer === 'override' ? ` · ${t('alerts.schedules.override')}` : ''}`;
  const step = (dir: -1 | 1) =>
    setAnchor((a) => (mode === 'week' ? addDays(a, dir * 7) : dayjs(`${a.slice(0, 7)}-01T12:00`).add(dir, 'month').format('YYYY-MM-DD')));
  const title = mode === 'week' ? `${dates[0]} – ${dates.at(-1)}` : dayjs(`${anchor}T12:00`).format('YYYY-MM');

  const weekRow = (date: string) => {
    const from = dayStart(date);
    const to = dayStart(addDays(date, 1));
    const pieces = clipShifts(items, from, to);
    return (
      <Flex key={date} align="center" gap={8} style={{ marginBottom: 6 }}>
        <Typography.Text style={{ width: 92, flex: 'none', fontWeight: date === today ? 600 : undefined }}>
          {t(`alerts.weekday.${isoWeekdayOf(date)}`)} {date.slice(5)}
        </Typography.Text>
        <div style={{ position: 'relative', flex: 1, height: 30, background: '#fafafa', border: '1px solid #f0f0f0', borderRadius: 4 }} data-testid="shift-day">
          {pieces.map((p, i) => (
            <Tooltip key={i} title={shiftTitle(p)}>
              <div
                role={onPickShift ? 'button' : undefined}
                onClick={onPickShift ? () => onPickShift(p.shift) : undefined}
                data-testid="shift-piece"
                style={{
                  position: 'absolute',
                  top: 2,
                  bottom: 2,
                  left: `${((p.startMs - from) / (to - from)) * 100}%`,
                  width: `${((p.endMs - p.startMs) / (to - from)) * 100}%`,
                  background: personColor(p.shift.userId),
                  border: p.shift.layer === 'override' ? '2px dashed rgba(0,0,0,0.45)' : undefined,
                  borderRadius: 3,
                  color: '#fff',
                  fontSize: 12,
                  lineHeight: '24px',
                  padding: '0 6px',
                  overflow: 'hidden',
                  whiteSpace: 'nowrap',
                  cursor: onPickShift ? 'pointer' : 'default',
                }}
              >
                {p.shift.userName}
              </div>
            </Tooltip>
          ))}
        </div>
      </Flex>
    );
  };

  const monthCell = (date: string) => {
    const from = dayStart(date);
    const pieces = clipShifts(items, from, dayStart(addDays(date, 1)));
    const isOtherMonth = date.slice(0, 7) !== anchor.slice(0, 7);
    return (
      <div key={date} style={{ minHeight: 92, padding: 4, border: '1px solid #f0f0f0', background: date === today ? '#e6f4ff' : isOtherMonth ? '#fafafa' : '#fff' }} data-testid="shift-day">
        <Typography.Text type={isOtherMonth ? 'secondary' : undefined} style={{ fontSize: 12 }}>{Number(date.slice(8))}</Typography.Text>
        {pieces.slice(0, 4).map((p, i) => (
          <Tooltip key={i} title={shiftTitle(p)}>
            <div onClick={onPickShift ? () => onPickShift(p.shift) : undefined} style={{ fontSize: 12, whiteSpace: 'nowrap', overflow: 'hidden', cursor: onPickShift ? 'pointer' : 'default' }} data-testid="shift-piece">
              <Badge color={personColor(p.shift.userId)} /> {time(p.startMs)} {p.shift.userName}
              {p.shift.layer === 'override' && ' *'}
            </div>
          </Tooltip>
        ))}
        {pieces.length > 4 && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('alerts.schedules.morePieces', { count: pieces.length - 4 })}</Typography.Text>}
      </div>
    );
  };

  return (
    <Card
      size="small"
      title={t('alerts.schedules.calendar')}
      extra={
        <Space size={8} wrap>
          <Button size="small" icon={<LeftOutlined />} aria-label={t('alerts.schedules.previous')} onClick={() => step(-1)} />
          <Typography.Text strong data-testid="shift-range">{title}</Typography.Text>
          <Button size="small" icon={<RightOutlined />} aria-label={t('alerts.schedules.next')} onClick={() => step(1)} />
          <Button size="small" onClick={() => setAnchor(today)}>{t('alerts.schedules.today')}</Button>
          <Segmented<Mode>
            size="small"
            value={mode}
            onChange={setMode}
            options={[
              { value: 'week', label: t('alerts.schedules.week') },
              { value: 'month', label: t('alerts.schedules.month') },
            ]}
            data-testid="shift-mode"
          />
        </Space>
      }
      data-testid="shift-calendar"
    >
      {shifts.isError && <ErrorState title={t('alerts.schedules.calendar')} message={errorMessage(shifts.error)} retryLabel={t('common.retry')} onRetry={() => void shifts.refetch()} />}
      <Spin spinning={shifts.isFetching && !shifts.data}>
        {mode === 'week' ? (
          <>
            <Flex style={{ marginLeft: 100, marginBottom: 4, position: 'relative', height: 16 }}>
              {HOURS.map((h) => (
                <Typography.Text key={h} type="secondary" style={{ position: 'absolute', left: `${(h / 24) * 100}%`, fontSize: 11, transform: h === 24 ? 'translateX(-100%)' : undefined }}>
                  {String(h).padStart(2, '0')}:00
                </Typography.Text>
              ))}
            </Flex>
            {dates.map(weekRow)}
          </>
        ) : (
          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)' }}>
            {WEEKDAYS.map((d) => (
              <Typography.Text key={d} type="secondary" style={{ padding: 4, fontSize: 12 }}>
                {t(`alerts.weekday.${d}`)}
              </Typography.Text>
            ))}
            {dates.map(monthCell)}
          </div>
        )}
      </Spin>
      {!shifts.isPending && !shifts.isError && items.length === 0 && <Typography.Text type="secondary">{t('alerts.schedules.noShifts')}</Typography.Text>}
      {people.length > 0 && (
        <Flex gap={12} wrap style={{ marginTop: 12 }} data-testid="shift-legend">
          {people.map(([id, name]) => (
            <Badge key={id} color={personColor(id)} text={name} />
          ))}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('alerts.schedules.overrideLegend')}</Typography.Text>
        </Flex>
      )}
    </Card>
  );
}
