import type dayjs from 'dayjs';
import type { MaintenanceScope, MaintenanceWindowCreateInput, Recurrence } from '../../../shared/schemas/maintenance-windows.ts';
import { DISPLAY_TZ, wallTimeToIso } from '../../app/format.ts';

/** What the maintenance form holds; times are wall-clock times in China, whatever the browser's zone. */
export type MaintenanceFormValues = {
  title: string;
  reason?: string;
  scope: MaintenanceScope;
  probeId?: string | null;
  assetId?: string | null;
  orgId?: string | null;
  type: 'oneOff' | 'recurring';
  /** one-off: the window itself */
  range?: [dayjs.Dayjs, dayjs.Dayjs];
  /** recurring: the first and last day the series is in force */
  validity?: [dayjs.Dayjs, dayjs.Dayjs];
  freq?: Recurrence['freq'];
  weekdays?: number[];
  monthDay?: number;
  time?: dayjs.Dayjs;
  durationMinutes?: number;
};

const RECURRENCE_FIELDS = ['freq', 'weekdays', 'monthDay', 'time', 'durationMinutes'] as const;
const PLAIN_FIELDS = ['title', 'reason', 'probeId', 'assetId', 'orgId', 'scope'] as const;

/** The form's field for an API issue path, so a server or schema complaint lands where it belongs. */
export function maintenanceFieldFor(path: readonly PropertyKey[], type: MaintenanceFormValues['type']): keyof MaintenanceFormValues | null {
  const [head, sub] = path;
  if (head === 'startsAt' || head === 'endsAt') return type === 'oneOff' ? 'range' : 'validity';
  if (head === 'recurrence') return RECURRENCE_FIELDS.find((f) => f === sub) ?? 'freq';
  return PLAIN_FIELDS.find((f) => f === head) ?? null;
}

/** The create body: only the scope's own id, a one-off range or a recurrence inside whole validity days. */
export function toMaintenanceInput(v: MaintenanceFormValues): MaintenanceWindowCreateInput {
  const ids = v.scope === 'probe' ? { probeId: v.probeId ?? undefined } : v.scope === 'asset' ? { assetId: v.assetId ?? undefined } : { orgId: v.orgId ?? undefined };
  const base = { scope: v.scope, ...ids, title: v.title.trim(), reason: v.reason?.trim() || null };
  if (v.type === 'oneOff') {
    const [start, end] = v.range ?? [];
    return { ...base, startsAt: start ? wallTimeToIso(start.second(0)) : '', endsAt: end ? wallTimeToIso(end.second(0)) : '', recurrence: null };
  }
  const [first, last] = v.validity ?? [];
  const timing = { time: v.time?.format('HH:mm') ?? '', durationMinutes: v.durationMinutes ?? 0, timeZone: DISPLAY_TZ };
  const recurrence: Recurrence =
    v.freq === 'weekly'
      ? { freq: 'weekly', weekdays: [...(v.weekdays ?? [])].sort((a, b) => a - b), ...timing }
      : v.freq === 'monthly'
        ? { freq: 'monthly', monthDay: v.monthDay ?? 1, ...timing }
        : { freq: 'daily', ...timing };
  return {
    ...base,
    startsAt: first ? wallTimeToIso(first.startOf('day')) : '',
    // the last day counts whole: the series ends at the following midnight
    endsAt: last ? wallTimeToIso(last.add(1, 'day').startOf('day')) : '',
    recurrence,
  };
}
