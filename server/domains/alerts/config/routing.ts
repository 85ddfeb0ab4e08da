import { sql, type SqlBool } from 'kysely';
import { AlertRouteConditions } from '../../../../shared/schemas/alerts.ts';
import type { Db } from '../../../platform/db.ts';
import { isWithinBusinessHours, loadBusinessCalendar, type BusinessCalendar } from '../../calendars/index.ts';
import { routeApplies, type RouteFacts } from './matchers.ts';

// Route selection for every new alert: one query loads the enabled routes of the alert's organisation and its
// ancestors; calendars are read through a small cache, so a storm of alerts does not reload the same holidays.
//
// Which calendar a time-restricted route reads: its own calendarId when set; otherwise the default calendar of the
// ALERT's organisation — the oldest active calendar of that organisation, else of its nearest ancestor that has one,
// else the platform's standard calendar (follows national holidays and 调休; bootstrap.ts seeds it). A route's
// calendarId that no longer exists falls back to that default too, so a deleted calendar does not mute a route.

/** What selectRoutes hands the engine for each route that takes the alert. */
export interface SelectedRoute {
  id: string;
  orgId: string;
  name: string;
  position: number;
  channelIds: string[];
  escalationPolicyId: string | null;
  notifyResolved: boolean;
  isContinue: boolean;
}

export interface RouteSelection {
  /** the routes that take the alert, in order: position, then name; it stops after the first one that does not continue */
  routes: SelectedRoute[];
  /** the alert organisation's default calendar at `at`; null when there is no calendar at all */
  isBusinessHours: boolean | null;
}

/** Alert facts for routing; `orgPath` (self first) is loaded with the routes when not given. */
export type RoutingFacts = Omit<RouteFacts, 'orgPath'> & { orgPath?: readonly string[] };

const TTL_MS = 60_000;
const MAX_ENTRIES = 1_000;

interface Cached<T> {
  value: Promise<T>;
  expiresAt: number;
}
const calendars = new Map<string, Cached<BusinessCalendar | null>>();
const defaults = new Map<string, Cached<string | null>>();
// Parsed conditions by their stored JSON: parsing compiles each regex matcher, which a storm should not repeat.
const parsedConditions = new Map<string, AlertRouteConditions>();

// Wall time on purpose: the cache's freshness is about when rows were read, not about the alert's (injected) time.
function cached<T>(map: Map<string, Cached<T>>, key: string, load: () => Promise<T>): Promise<T> {
  const now = performance.now();
  const hit = map.get(key);
  if (hit && hit.expiresAt > now) return hit.value;
  if (map.size >= MAX_ENTRIES) map.clear();
  // The promise is cached so concurrent alerts share one load; a failed load is forgotten at once.
  const value = load();
  map.set(key, { value, expiresAt: now + TTL_MS });
  value.catch(() => map.delete(key));
  return value;
}

/** Forgets cached calendars and defaults, e.g. after a test changed them; otherwise they refresh within a minute. */
export function clearRoutingCache(): void {
  calendars.clear();
  defaults.clear();
  parsedConditions.clear();
}

function conditionsOf(r: RouteRow): AlertRouteConditions {
  const key = JSON.stringify(r.conditions);
  let c = parsedConditions.get(key);
  if (!c) {
    // Parsed again on the way out: rows written before a new condition existed get its default.
    c = AlertRouteConditions.parse(r.conditions);
    if (parsedConditions.size >= MAX_ENTRIES) parsedConditions.clear();
    parsedConditions.set(key, c);
  }
  return c;
}

function calendarById(db: Db, id: string): Promise<BusinessCalendar | null> {
  return cached(calendars, id, () =>
    loadBusinessCalendar(db, id).catch((e: unknown) => {
      if ((e as { kind?: string }).kind === 'not_found') return null;
      throw e;
    }),
  );
}

/** The default calendar's id for an organisation path (self first), or null when there is none. */
function defaultCalendarId(db: Db, orgPath: readonly string[]): Promise<string | null> {
  return cached(defaults, orgPath.join('/'), async () => {
    const rows = await db
      .selectFrom('workCalendars')
      .select(['id', 'orgId', 'followsNationalHolidays', 'createdAt'])
      .where('isActive', '=', true)
      .where((eb) => eb.or([eb('orgId', 'is', null), ...(orgPath.length ? [eb('orgId', 'in', [...orgPath])] : [])]))
      .execute();
    const rank = (r: (typeof rows)[number]) => (r.orgId === null ? orgPath.length : orgPath.indexOf(r.orgId));
    rows.sort(
      (a, b) =>
        rank(a) - rank(b) ||
        // Among platform calendars the one with national holidays is the standard one, not 7×24.
        Number(b.followsNationalHolidays) - Number(a.followsNationalHolidays) ||
        a.createdAt.getTime() - b.createdAt.getTime() ||
        (a.id < b.id ? -1 : 1),
    );
    return rows[0]?.id ?? null;
  });
}

/** The default calendar of an organisation path (self first), through the cache; null when there is none. */
export async function defaultCalendarOf(db: Db, orgPath: readonly string[]): Promise<BusinessCalendar | null> {
  const id = await defaultCalendarId(db, orgPath);
  return id ? calendarById(db, id) : null;
}

interface RouteRow {
  id: string;
  orgId: string;
  name: string;
  position: number;
  conditions: unknown;
  channelIds: string[];
  escalationPolicyId: string | null;
  notifyResolved: boolean;
  isContinue: boolean;
}

const ROUTE_COLUMNS = ['r.id', 'r.orgId', 'r.name', 'r.position', 'r.conditions', 'r.channelIds', 'r.escalationPolicyId', 'r.notifyResolved', 'r.isContinue'] as const;

/** Enabled routes of the path's organisations, in order, plus the path itself (self first); one query either way. */
async function loadRoutes(db: Db, orgId: string, givenPath: readonly string[] | undefined): Promise<{ orgPath: string[]; rows: RouteRow[] }> {
  if (givenPath?.length) {
    const rows = await db
      .selectFrom('alertRoutes as r')
      .select(ROUTE_COLUMNS)
      .where('r.orgId', 'in', [...givenPath])
      .where('r.deletedAt', 'is', null)
      .where('r.isEnabled', '=', true)
      .orderBy('r.position')
      .orderBy('r.name')
      .orderBy('r.id')
      .execute();
    return { orgPath: [...givenPath], rows };
  }
  const rows = await db
    .selectFrom('organisations as o')
    .leftJoin('alertRoutes as r', (join) => join.on(sql<SqlBool>`r.org_id = any(o.ancestor_ids) and r.deleted_at is null and r.is_enabled`))
    .select(['o.ancestorIds', ...ROUTE_COLUMNS])
    .where('o.id', '=', orgId)
    .orderBy('r.position')
    .orderBy('r.name')
    .orderBy('r.id')
    .execute();
  // ancestor_ids runs root → self; routing wants self → root
  const orgPath = rows[0] ? [...rows[0].ancestorIds].reverse() : [orgId];
  return { orgPath, rows: rows.filter((r): r is typeof r & RouteRow => r.id !== null) };
}

/**
 * The routes an alert of organisation `orgId` takes at `at`: enabled routes of the organisation and its ancestors,
 * tried by position then name, each matched with routeApplies; the walk stops after the first match that does not
 * continue. Time-restricted routes read their calendar (or the alert organisation's default, see above).
 */
export async function selectRoutes(db: Db, orgId: string, facts: RoutingFacts, at: Date): Promise<RouteSelection> {
  const { orgPath, rows } = await loadRoutes(db, orgId, facts.orgPath);
  const full: RouteFacts = { ...facts, orgPath };
  const fallback = await defaultCalendarOf(db, orgPath);
  const isDefaultBusiness = fallback ? isWithinBusinessHours(fallback, at) : null;
  const answers = new Map<string, boolean | null>();

  async function isBusinessHoursFor(calendarId: string | null): Promise<boolean | null> {
    if (!calendarId) return isDefaultBusiness;
    if (!answers.has(calendarId)) {
      const calendar = await calendarById(db, calendarId);
      answers.set(calendarId, calendar ? isWithinBusinessHours(calendar, at) : isDefaultBusiness);
    }
    return answers.get(calendarId)!;
  }

  const routes: SelectedRoute[] = [];
  for (const r of rows) {
    const conditions = conditionsOf(r);
    const isBusiness = conditions.time === 'any' ? null : await isBusinessHoursFor(conditions.calendarId);
    if (!routeApplies(r.orgId, conditions, full, isBusiness)) continue;
    routes.push({ id: r.id, orgId: r.orgId, name: r.name, position: r.position, channelIds: r.channelIds, escalationPolicyId: r.escalationPolicyId, notifyResolved: r.notifyResolved, isContinue: r.isContinue });
    if (!r.isContinue) break;
  }
  return { routes, isBusinessHours: isDefaultBusiness };
}
