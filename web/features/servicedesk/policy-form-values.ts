import type { PriorityMatrix, SlaClockKind, SlaPausableClock, SlaPolicy, SlaPolicyInput, SlaTargets } from '../../../shared/schemas/sla.ts';

/** The four clocks in display order (SlaClockKind's order). */
export const CLOCKS: readonly SlaClockKind[] = ['response', 'onSite', 'diagnosis', 'resolution'];

/** Targets as the form holds them: minutes, or null/undefined when the contract promises nothing. */
export type TargetValues = Partial<Record<SlaClockKind, number | null>>;

export type LevelFormValues = {
  key: string;
  name: string;
  nameEn: string;
  description?: string | null;
  clock: 'calendar' | '7x24';
  targets: TargetValues;
  hasOffHours: boolean;
  offHours: TargetValues;
  resolutionFrom: 'opened' | 'on_site';
};

export type PauseReasonFormValues = { key: string; name: string; nameEn: string; stops: SlaPausableClock[] };

export type CalendarKind = '7x24' | 'business' | 'custom';

/** A matrix as the editor holds it: the axes and a level per "impact×urgency" pair. */
export type MatrixValues = { isEnabled: boolean; impacts: PriorityMatrix['impacts']; urgencies: PriorityMatrix['urgencies']; cells: Record<string, string> };

/** What the policy drawer holds. */
export type PolicyFormValues = {
  name: string;
  nameEn: string;
  source?: string | null;
  calendarKind: CalendarKind;
  calendarId?: string | null;
  warnAtPercent: number;
  autoCloseAfterDays: number;
  levels: LevelFormValues[];
  pauseReasons: PauseReasonFormValues[];
  matrix: MatrixValues;
};

const cellKey = (impact: string, urgency: string) => `${impact}×${urgency}`;

function targetsToValues(t: SlaTargets | undefined): TargetValues {
  return { response: t?.response ?? null, onSite: t?.onSite ?? null, diagnosis: t?.diagnosis ?? null, resolution: t?.resolution ?? null };
}

/** Targets with the empty ones left out (a missing target = not applicable). */
export function toTargets(v: TargetValues | undefined): SlaTargets {
  const out: SlaTargets = {};
  for (const clock of CLOCKS) {
    const n = v?.[clock];
    if (typeof n === 'number' && Number.isFinite(n)) out[clock] = Math.round(n);
  }
  return out;
}

export function matrixToValues(m: PriorityMatrix | undefined): MatrixValues {
  if (!m) return { isEnabled: false, impacts: [], urgencies: [], cells: {} };
  return { isEnabled: true, impacts: m.impacts, urgencies: m.urgencies, cells: Object.fromEntries(m.cells.map((c) => [cellKey(c.impact, c.urgency), c.level])) };
}

/**
 * The matrix body: one cell per impact × urgency pair, in axis order. A pair without a level (a new row or column)
 * gets `fallbackLevel`, the policy's least severe level, so the matrix is always complete.
 */
export function toPriorityMatrix(v: MatrixValues, fallbackLevel: string): PriorityMatrix {
  return {
    impacts: v.impacts.map((a) => ({ key: a.key.trim(), name: a.name.trim(), nameEn: a.nameEn.trim() })),
    urgencies: v.urgencies.map((a) => ({ key: a.key.trim(), name: a.name.trim(), nameEn: a.nameEn.trim() })),
    cells: v.impacts.flatMap((i) => v.urgencies.map((u) => ({ impact: i.key.trim(), urgency: u.key.trim(), level: v.cells[cellKey(i.key, u.key)] || fallbackLevel }))),
  };
}

/** The level of one matrix cell (the editor's grid). */
export function matrixCell(v: MatrixValues, impact: string, urgency: string): string | undefined {
  return v.cells[cellKey(impact, urgency)];
}

/** The matrix with one cell set. */
export function withMatrixCell(v: MatrixValues, impact: string, urgency: string, level: string): MatrixValues {
  return { ...v, cells: { ...v.cells, [cellKey(impact, urgency)]: level } };
}

/** A key not yet among `taken`: prefix1, prefix2 … */
export function nextKey(prefix: string, taken: readonly string[]): string {
  for (let i = 1; ; i++) if (!taken.includes(`${prefix}${i}`)) return `${prefix}${i}`;
}

export function policyToValues(p: SlaPolicy): PolicyFormValues {
  const calendar = p.calendar;
  return {
    name: p.name,
    nameEn: p.nameEn,
    source: p.source ?? null,
    calendarKind: typeof calendar === 'string' ? calendar : 'custom',
    calendarId: typeof calendar === 'string' ? null : calendar.calendarId,
    warnAtPercent: p.warnAtPercent,
    autoCloseAfterDays: p.autoCloseAfterDays,
    levels: p.levels.map((l) => ({
      key: l.key,
      name: l.name,
      nameEn: l.nameEn,
      description: l.description ?? null,
      clock: l.clock,
      targets: targetsToValues(l.targets),
      hasOffHours: Boolean(l.offHours),
      offHours: targetsToValues(l.offHours),
      resolutionFrom: l.resolutionFrom,
    })),
    pauseReasons: p.pauseReasons.map((r) => ({ key: r.key, name: r.name, nameEn: r.nameEn, stops: [...r.stops] })),
    matrix: matrixToValues(p.priorityMatrix),
  };
}

/** A new level at the end: the least severe so far, targets empty. */
export function newLevelValues(taken: readonly string[]): LevelFormValues {
  return { key: nextKey('level', taken), name: '', nameEn: '', description: null, clock: 'calendar', targets: {}, hasOffHours: false, offHours: {}, resolutionFrom: 'opened' };
}

export function newPauseReasonValues(taken: readonly string[]): PauseReasonFormValues {
  return { key: nextKey('reason', taken), name: '', nameEn: '', stops: ['resolution'] };
}

/**
 * The whole definition, as PATCH /sla-policies/:id takes it (a change replaces the old definition, matrix included).
 * A 7×24 policy has no off hours, so off-hours targets are dropped with it; an empty description or source is left out.
 */
export function toSlaPolicy(v: PolicyFormValues): SlaPolicyInput {
  const is7x24 = v.calendarKind === '7x24';
  const levels = v.levels.map((l) => {
    const offHours = toTargets(l.offHours);
    return {
      key: l.key.trim(),
      name: l.name.trim(),
      nameEn: l.nameEn.trim(),
      ...(l.description?.trim() ? { description: l.description.trim() } : {}),
      clock: l.clock,
      targets: toTargets(l.targets),
      ...(!is7x24 && l.hasOffHours && Object.keys(offHours).length ? { offHours } : {}),
      resolutionFrom: l.resolutionFrom,
    };
  });
  const lastLevel = levels.at(-1)?.key ?? '';
  return {
    name: v.name.trim(),
    nameEn: v.nameEn.trim(),
    ...(v.source?.trim() ? { source: v.source.trim() } : {}),
    calendar: v.calendarKind === 'custom' ? { calendarId: v.calendarId ?? '' } : v.calendarKind,
    warnAtPercent: v.warnAtPercent,
    autoCloseAfterDays: v.autoCloseAfterDays,
    pauseReasons: v.pauseReasons.map((r) => ({ key: r.key.trim(), name: r.name.trim(), nameEn: r.nameEn.trim(), stops: r.stops })),
    levels,
    ...(v.matrix.isEnabled && v.matrix.impacts.length && v.matrix.urgencies.length ? { priorityMatrix: toPriorityMatrix(v.matrix, lastLevel) } : {}),
  };
}

/** The form field of an issue of the policy schema (paths as SlaPolicy names them, optionally under body.policy). */
export function policyFieldOf(path: readonly PropertyKey[]): (string | number)[] | null {
  let clean = path.filter((p): p is string | number => typeof p !== 'symbol');
  if (clean[0] === 'body') clean = clean.slice(1);
  if (clean[0] === 'policy') clean = clean.slice(1);
  if (!clean.length) return null;
  if (clean[0] === 'calendar') return ['calendarId'];
  // the matrix is one custom field; its issues are shown as a message instead
  if (clean[0] === 'priorityMatrix') return null;
  if (clean[0] === 'levels' && clean[2] === 'offHours') return ['levels', clean[1] ?? 0, 'offHours', ...clean.slice(3)];
  return clean;
}
