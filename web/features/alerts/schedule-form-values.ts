import dayjs from 'dayjs';
import type { OnCallScheduleInput, OnCallScheduleRecord } from '../../../shared/schemas/alerts.ts';
import type { LayerRestriction, OnCallLayer, OnCallOverride } from '../../../shared/schemas/oncall.ts';

export type RestrictionKind = 'none' | LayerRestriction['kind'];
export type RangeValues = { weekdays: number[]; start?: dayjs.Dayjs; end?: dayjs.Dayjs };
/** One layer as the editor holds it: times as pickers, the restriction flattened to a kind and its weekly ranges. */
export type LayerValues = {
  name: string;
  participants: string[];
  kind: OnCallLayer['kind'];
  handoffTime?: dayjs.Dayjs;
  handoffWeekday?: number;
  everyHours?: number;
  startDate?: dayjs.Dayjs;
  restrictionKind: RestrictionKind;
  ranges?: RangeValues[];
};
export type ScheduleFormValues = {
  orgId: string;
  name: string;
  description?: string;
  calendarId: string | null;
  timeZone: string;
  layers: LayerValues[];
};

/** "09:30" → a picker value at that time of today (no parse plugin needed). */
export function hm(value: string): dayjs.Dayjs {
  const [h, m] = value.split(':').map(Number);
  return dayjs()
    .hour(h ?? 0)
    .minute(m ?? 0)
    .second(0)
    .millisecond(0);
}

/** A first layer that works as is: one week per person, handing over on Monday 09:00, from this Monday. */
export function newLayerValues(name: string): LayerValues {
  const today = dayjs();
  const monday = today.subtract((today.day() + 6) % 7, 'day').startOf('day');
  return { name, participants: [], kind: 'weekly', handoffTime: hm('09:00'), handoffWeekday: 1, everyHours: 12, startDate: monday, restrictionKind: 'none', ranges: [] };
}

export function newScheduleValues(orgId: string, layerName: string): ScheduleFormValues {
  return { orgId, name: '', description: '', calendarId: null, timeZone: 'Asia/Shanghai', layers: [newLayerValues(layerName)] };
}

function layerToValues(l: OnCallLayer): LayerValues {
  const r = l.restriction;
  return {
    name: l.name,
    participants: [...l.participants],
    kind: l.kind,
    handoffTime: hm(l.handoffTime),
    handoffWeekday: l.handoffWeekday,
    everyHours: l.everyHours,
    startDate: dayjs(l.startDate),
    restrictionKind: r ? r.kind : 'none',
    ranges: r?.kind === 'weekly' ? r.ranges.map((x) => ({ weekdays: [...x.weekdays], start: hm(x.start), end: hm(x.end) })) : [],
  };
}

export function scheduleToValues(s: OnCallScheduleRecord): ScheduleFormValues {
  return { orgId: s.orgId, name: s.name, description: s.description, calendarId: s.calendarId, timeZone: s.rules.timeZone, layers: s.rules.layers.map(layerToValues) };
}

function toRestriction(v: LayerValues): LayerRestriction | null {
  if (v.restrictionKind === 'none') return null;
  if (v.restrictionKind === 'weekly') {
    return { kind: 'weekly', ranges: (v.ranges ?? []).map((r) => ({ weekdays: [...(r.weekdays ?? [])].sort((a, b) => a - b), start: r.start?.format('HH:mm') ?? '', end: r.end?.format('HH:mm') ?? '' })) };
  }
  return { kind: v.restrictionKind };
}

function toLayer(v: LayerValues): OnCallLayer {
  return {
    name: v.name?.trim() ?? '',
    participants: (v.participants ?? []).filter(Boolean),
    kind: v.kind,
    handoffTime: v.handoffTime?.format('HH:mm') ?? '',
    handoffWeekday: v.kind === 'weekly' ? v.handoffWeekday : undefined,
    everyHours: v.kind === 'custom' ? v.everyHours : undefined,
    startDate: v.startDate?.format('YYYY-MM-DD') ?? '',
    restriction: toRestriction(v),
  };
}

/** The create body; overrides are kept as they are (they are edited on the schedule's page). */
export function toScheduleInput(v: ScheduleFormValues, overrides: OnCallOverride[]): OnCallScheduleInput {
  return {
    orgId: v.orgId,
    name: v.name.trim(),
    description: v.description?.trim() ?? '',
    calendarId: v.calendarId ?? null,
    rules: { timeZone: v.timeZone, layers: (v.layers ?? []).map(toLayer), overrides },
  };
}

/** The form field of an API issue path: rules.layers.* are the form's layers, a restriction's ranges sit on the layer. */
export function scheduleFieldOf(path: readonly PropertyKey[]): (string | number)[] | null {
  const clean = path.filter((p): p is string | number => typeof p !== 'symbol');
  if (clean[0] !== 'rules') return clean.length ? clean : null;
  const [, section, index, field, ...rest] = clean;
  if (section === 'timeZone') return ['timeZone'];
  if (section !== 'layers' || typeof index !== 'number') return null;
  if (field === 'restriction') {
    // restriction.ranges.0.start → ranges.0.start
    return rest[0] === 'ranges' ? ['layers', index, ...rest] : ['layers', index, 'restrictionKind'];
  }
  return field === undefined ? ['layers', index, 'name'] : ['layers', index, field, ...rest];
}
