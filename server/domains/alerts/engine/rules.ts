import { sql, type Selectable } from 'kysely';
import type { Clock } from '../../../platform/clock.ts';
import type { Db } from '../../../platform/db.ts';
import type { Logger } from '../../../platform/log.ts';
import type { AlertRulesTable } from '../alerts.tables.ts';
import type { AlertIngest } from '../store/ingest.ts';
import type { AlertSignal } from '../store/writer.ts';

// Threshold rules, evaluated every minute over the raw results of the rule's window: per probe, the aggregate
// (p95/avg/max/min/last of latency or a measurement, or the share of failed checks) is compared with the threshold.
// A probe over it fires `rule:<rule>:<probe>`; one back under it (or whose rule was disabled or deleted) resolves.
// Checks in maintenance are left out; too few checks in the window decide nothing (the alert stays as it is).

type Rule = Selectable<AlertRulesTable>;
const MAX_PROBES_PER_RULE = 5_000;
const RULES_LOCK = 'alerts.rules';
const UNIT: Record<string, string> = { latency: ' ms', failure_ratio: '' };
const AGG_ZH: Record<string, string> = { p95: 'P95', avg: '平均', max: '最大', min: '最小', last: '最新' };

export const ruleDedupKey = (ruleId: string, probeId: string) => `rule:${ruleId}:${probeId}`;

function crosses(value: number, op: Rule['op'], threshold: number): boolean {
  if (op === '>') return value > threshold;
  if (op === '>=') return value >= threshold;
  if (op === '<') return value < threshold;
  return value <= threshold;
}

interface Measured {
  probeId: string;
  orgId: string;
  assetId: string | null;
  name: string;
  n: number;
  value: number | null;
}

async function measure(db: Db, rule: Rule, now: Date): Promise<Measured[]> {
  const since = new Date(now.getTime() - rule.windowMinutes * 60_000);
  const expr =
    rule.metric === 'latency'
      ? sql<number>`r.latency_ms::float8`
      : rule.metric === 'measurement'
        ? sql<number>`(r.measurements ->> ${rule.measurementKey ?? ''})::float8`
        : sql<number>`case when r.status >= 2 then 1.0 else 0.0 end`;
  const aggregate =
    rule.metric === 'failure_ratio'
      ? sql<number>`avg(${expr})`
      : rule.aggregate === 'p95'
        ? sql<number>`percentile_cont(0.95) within group (order by ${expr})`
        : rule.aggregate === 'avg'
          ? sql<number>`avg(${expr})`
          : rule.aggregate === 'max'
            ? sql<number>`max(${expr})`
            : rule.aggregate === 'min'
              ? sql<number>`min(${expr})`
              : sql<number>`(array_agg(${expr} order by r.checked_at desc) filter (where ${expr} is not null))[1]`;
  let probes = db
    .selectFrom('probes as p')
    .innerJoin('organisations as o', 'o.id', 'p.orgId')
    .leftJoin('assets as a', 'a.id', 'p.assetId')
    .select(['p.id', 'p.orgId', 'p.assetId', sql<string>`coalesce(a.name, p.name)`.as('name')])
    .where('p.deletedAt', 'is', null)
    .where('p.isPaused', '=', false)
    .where(sql<boolean>`${rule.orgId}::uuid = any(o.ancestor_ids)`);
  if (rule.probeId) probes = probes.where('p.id', '=', rule.probeId);
  if (rule.probeKind) probes = probes.where('p.kind', '=', rule.probeKind);
  const targets = await probes.limit(MAX_PROBES_PER_RULE).execute();
  if (targets.length === 0) return [];
  const rows = await db
    .selectFrom('probeResults as r')
    .select(['r.probeId', sql<number>`count(${expr})`.as('n'), aggregate.as('value')])
    .where('r.probeId', 'in', targets.map((t) => t.id))
    .where('r.checkedAt', '>', since)
    .where('r.checkedAt', '<=', now)
    .where('r.isMaintenance', '=', false)
    .groupBy('r.probeId')
    .execute();
  const byProbe = new Map(rows.map((r) => [r.probeId, r]));
  return targets.map((t) => ({ probeId: t.id, orgId: t.orgId, assetId: t.assetId, name: t.name, n: Number(byProbe.get(t.id)?.n ?? 0), value: byProbe.get(t.id)?.value == null ? null : Number(byProbe.get(t.id)!.value) }));
}

/** Evaluates every enabled rule once; the number of alerts firing and resolved by this run. */
export async function evaluateRules(deps: { db: Db; clock: Clock; ingest: AlertIngest }): Promise<{ firing: number; resolved: number }> {
  const { db, clock, ingest } = deps;
  await db.insertInto('feedCursors').values({ name: RULES_LOCK, cursor: '0' }).onConflict((oc) => oc.column('name').doNothing()).execute();
  // one evaluation at a time across workers: the others skip this minute
  return db.transaction().execute(async (trx) => {
    const lock = await trx.selectFrom('feedCursors').select('name').where('name', '=', RULES_LOCK).forUpdate().skipLocked().executeTakeFirst();
    if (!lock) return { firing: 0, resolved: 0 };
    return evaluateLocked(trx, clock, ingest);
  });
}

async function evaluateLocked(db: Db, clock: Clock, ingest: AlertIngest): Promise<{ firing: number; resolved: number }> {
  const now = clock.now();
  const rules = await db.selectFrom('alertRules').selectAll().where('deletedAt', 'is', null).where('isEnabled', '=', true).execute();
  const signals: AlertSignal[] = [];
  const keep = new Set<string>();
  let firing = 0;
  for (const rule of rules) {
    for (const m of await measure(db, rule, now)) {
      const key = ruleDedupKey(rule.id, m.probeId);
      if (m.n < rule.minSamples || m.value === null) {
        keep.add(`${m.orgId}|${key}`);
        continue;
      }
      const metricName = rule.metric === 'measurement' ? rule.measurementKey! : rule.metric === 'latency' ? '延迟' : '失败率';
      const shown = rule.metric === 'failure_ratio' ? `${(m.value * 100).toFixed(1)}%` : `${Math.round(m.value * 100) / 100}${UNIT[rule.metric] ?? ''}`;
      const threshold = rule.metric === 'failure_ratio' ? `${(Number(rule.threshold) * 100).toFixed(1)}%` : `${Number(rule.threshold)}${UNIT[rule.metric] ?? ''}`;
      if (!crosses(m.value, rule.op, Number(rule.threshold))) continue;
      keep.add(`${m.orgId}|${key}`);
      firing++;
      signals.push({
        orgId: m.orgId,
        source: 'rule',
        dedupKey: key,
        status: 'firing',
        severity: rule.severity,
        title: `${m.name} ${rule.name}`,
        summary: `近 ${rule.windowMinutes} 分钟${rule.metric === 'failure_ratio' ? '' : AGG_ZH[rule.aggregate]}${metricName} ${shown} ${rule.op} ${threshold}（${m.n} 次检查）`,
        labels: { rule: rule.name, metric: rule.metric === 'measurement' ? rule.measurementKey! : rule.metric },
        assetId: m.assetId,
        probeId: m.probeId,
        url: null,
        at: now,
      });
    }
  }
  const open = await db.selectFrom('alerts').select(['orgId', 'dedupKey']).where('source', '=', 'rule').where('status', '<>', 'resolved').execute();
  const gone: AlertSignal[] = open
    .filter((a) => !keep.has(`${a.orgId}|${a.dedupKey}`))
    .map((a) => ({ orgId: a.orgId, source: 'rule', dedupKey: a.dedupKey, status: 'resolved', severity: 'P4', title: '', summary: '', labels: {}, assetId: null, probeId: null, url: null, at: now }));
  await ingest.ingest(db, [...signals, ...gone], now);
  return { firing, resolved: gone.length };
}

/** Runs evaluateRules every `intervalMs` (a minute by default) until stopped; one run at a time. */
export function createRuleEvaluator(deps: { db: Db; clock: Clock; ingest: AlertIngest; log: Logger; onNotified?: () => void }, intervalMs = 60_000) {
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> = Promise.resolve();
  let isRunning = false;
  const tick = async () => {
    try {
      const run = await (current = evaluateRules(deps));
      if (run.firing || run.resolved) deps.onNotified?.();
    } catch (err) {
      deps.log.error({ err }, 'threshold rule evaluation failed');
    }
    if (isRunning) timer = setTimeout(() => void tick(), intervalMs);
  };
  return {
    start() {
      if (isRunning) return;
      isRunning = true;
      timer = setTimeout(() => void tick(), intervalMs);
    },
    async stop() {
      isRunning = false;
      clearTimeout(timer);
      await current.catch(() => undefined);
    },
  };
}
