import type { AlertRouteConditions, AlertSource, LabelMatcher } from '../../../../shared/schemas/alerts.ts';
import type { AlertSeverity } from '../../../../shared/schemas/alert-channels.ts';

// Label matching as Alertmanager does it: a missing label reads as '', regexes are anchored, every matcher must hold.
// Silences and routes share it, so "what a silence mutes" and "where a route sends" read the same labels.

const compiled = new Map<string, RegExp>();

function anchored(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (!re) {
    re = new RegExp(`^(?:${pattern})$`, 'u');
    if (compiled.size > 5_000) compiled.clear();
    compiled.set(pattern, re);
  }
  return re;
}

export function labelMatches(m: LabelMatcher, labels: Readonly<Record<string, string>>): boolean {
  const value = labels[m.name] ?? '';
  switch (m.op) {
    case '=':
      return value === m.value;
    case '!=':
      return value !== m.value;
    case '=~':
      return anchored(m.value).test(value);
    case '!~':
      return !anchored(m.value).test(value);
  }
}

/** True when every matcher holds (an empty list matches everything). */
export function matchesAll(matchers: readonly LabelMatcher[], labels: Readonly<Record<string, string>>): boolean {
  return matchers.every((m) => labelMatches(m, labels));
}

/** What routing knows about an alert. */
export interface RouteFacts {
  /** the alert's organisation first, then its ancestors up to the root */
  orgPath: readonly string[];
  severity: AlertSeverity;
  source: AlertSource;
  assetKind: string | null;
  isCore: boolean;
  labels: Readonly<Record<string, string>>;
}

/**
 * Whether a route of organisation `routeOrgId` takes an alert. `isBusinessHours` is the answer of the route's calendar
 * at the alert's time (null when the route does not look at time).
 */
export function routeApplies(routeOrgId: string, c: AlertRouteConditions, facts: RouteFacts, isBusinessHours: boolean | null): boolean {
  const depth = facts.orgPath.indexOf(routeOrgId);
  if (depth < 0 || (depth > 0 && !c.includeSubOrgs)) return false;
  if (c.severities.length && !c.severities.includes(facts.severity)) return false;
  if (c.sources.length && !c.sources.includes(facts.source)) return false;
  if (c.assetKinds.length && (!facts.assetKind || !c.assetKinds.includes(facts.assetKind))) return false;
  if (c.coreOnly && !facts.isCore) return false;
  if (c.time === 'business_hours' && isBusinessHours !== true) return false;
  if (c.time === 'off_hours' && isBusinessHours !== false) return false;
  return matchesAll(c.matchers, facts.labels);
}
