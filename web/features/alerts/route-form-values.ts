import type { AlertSeverity } from '../../../shared/schemas/alert-channels.ts';
import type { AlertRoute, AlertRouteInput, AlertSource, LabelMatcher, RouteTime } from '../../../shared/schemas/alerts.ts';

/** What the route drawer holds: the conditions flattened next to the route's own fields. */
export type RouteFormValues = {
  orgId: string;
  name: string;
  position: number;
  includeSubOrgs: boolean;
  severities: AlertSeverity[];
  assetKinds: string[];
  coreOnly: boolean;
  sources: AlertSource[];
  matchers: LabelMatcher[];
  time: RouteTime;
  calendarId: string | null;
  channelIds: string[];
  escalationPolicyId: string | null;
  notifyResolved: boolean;
  isContinue: boolean;
  isEnabled: boolean;
};

const CONDITION_FIELDS = ['includeSubOrgs', 'severities', 'assetKinds', 'coreOnly', 'sources', 'matchers', 'time', 'calendarId'] as const;

/** A new route: everything matches, at the end of the list, notifying resolutions. */
export function newRouteValues(orgId: string, position: number): RouteFormValues {
  return {
    orgId,
    name: '',
    position,
    includeSubOrgs: true,
    severities: [],
    assetKinds: [],
    coreOnly: false,
    sources: [],
    matchers: [],
    time: 'any',
    calendarId: null,
    channelIds: [],
    escalationPolicyId: null,
    notifyResolved: true,
    isContinue: false,
    isEnabled: true,
  };
}

export function routeToValues(r: AlertRoute): RouteFormValues {
  return { orgId: r.orgId, name: r.name, position: r.position, ...r.conditions, channelIds: r.channelIds, escalationPolicyId: r.escalationPolicyId, notifyResolved: r.notifyResolved, isContinue: r.isContinue, isEnabled: r.isEnabled };
}

/** The create body (the update body is the same without orgId). */
export function toRouteInput(v: RouteFormValues): AlertRouteInput {
  return {
    orgId: v.orgId,
    name: v.name.trim(),
    position: v.position,
    conditions: {
      includeSubOrgs: v.includeSubOrgs,
      severities: v.severities ?? [],
      assetKinds: v.assetKinds ?? [],
      coreOnly: v.coreOnly,
      sources: v.sources ?? [],
      matchers: (v.matchers ?? []).map((m) => ({ name: m.name.trim(), op: m.op, value: m.value ?? '' })),
      time: v.time,
      calendarId: v.time === 'any' ? null : (v.calendarId ?? null),
    },
    channelIds: v.channelIds ?? [],
    escalationPolicyId: v.escalationPolicyId ?? null,
    notifyResolved: v.notifyResolved,
    isContinue: v.isContinue,
    isEnabled: v.isEnabled,
  };
}

/** The form field of an API issue path: conditions.* live at the top of the form. */
export function routeFieldOf(path: readonly PropertyKey[]): (string | number)[] | null {
  const clean = path.filter((p): p is string | number => typeof p !== 'symbol');
  if (clean[0] === 'conditions') {
    const [, head, ...rest] = clean;
    return CONDITION_FIELDS.some((f) => f === head) ? [head as string, ...rest] : null;
  }
  return clean.length ? clean : null;
}
