import { sql } from 'kysely';
import type { AlertSeverity, ChannelKindKey } from '../../../../shared/schemas/alert-channels.ts';
import type { EscalationStep, EscalationTarget } from '../../../../shared/schemas/alerts.ts';
import type { ChannelMessage } from '../../../../shared/schemas/notifications.ts';
import type { Locale } from '../../../../shared/schemas/common.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { SecretBox } from '../../../platform/crypto/index.ts';
import type { Db } from '../../../platform/db.ts';
import { USER_PHONE_CONTEXT } from '../../access/index.ts';
import { loadBusinessCalendar } from '../../calendars/index.ts';
import { effectiveRate, getChannelKind } from '../channels/index.ts';
import { digestVars, formatDuration, formatLocalTime, renderChannelMessage, type NotificationEvent } from '../channels/templates.ts';
import { enqueue } from '../notifications/outbox.ts';
import { businessTimePredicate, whoIsOnCall } from '../oncall/index.ts';
import type { RouteFacts } from '../config/matchers.ts';
import type { AlertRow } from './writer.ts';

// From an alert to rows of the outbox. Routes pick channels and an escalation policy; the policy's steps reach group
// robots, the person on call and named people (in-app always, plus SMS / e-mail / @mention through `via` channels).
// Two things keep a storm readable: alerts of one group (organisation + system) within GROUP_WINDOW_MS after a message
// to a channel are folded into one group digest for that channel, and past a channel's rate limit every further message
// is folded into one storm digest — so a WeCom group gets at most its 20 a minute and never loses the count.

/** Alerts of a group that follow a notified one within this window share one digest. */
export const GROUP_WINDOW_MS = 60_000;
/** A storm digest collects for this long before it may go out (the outbox then holds it to the rate limit). */
const STORM_COLLECT_MS = 10_000;
const MINUTE_MS = 60_000;
const MAX_DIGEST_TITLES = 20;
const SEVERITY_ORDER: readonly AlertSeverity[] = ['P1', 'P2', 'P3', 'P4'];

/** A route chosen for an alert, as routing answers it. */
export interface ChosenRoute {
  id: string;
  channelIds: string[];
  escalationPolicyId: string | null;
  notifyResolved: boolean;
}

export type RouteSelector = (db: Db, orgId: string, facts: RouteFacts, at: Date) => Promise<ChosenRoute[]>;

export interface NotifierDeps {
  clock: Clock;
  secrets: SecretBox;
  publicUrl: string;
  selectRoutes: RouteSelector;
  /** a signed link that acknowledges the alert (as `userId` when the message went to one person) */
  ackLink: (alertId: string, userId: string | null) => string;
  locale?: Locale;
}

interface ChannelRow {
  id: string;
  orgId: string;
  kind: string;
  config: Record<string, unknown>;
  ratePerMinute: number | null;
  isEnabled: boolean;
  deletedAt: Date | null;
}

/** What a message is for. */
interface Delivery {
  channel: ChannelRow;
  event: NotificationEvent;
  to?: string[];
  mentions?: ChannelMessage['mentions'];
  recipientUserId?: string | null;
  step?: number | null;
}

type StateWords = Record<string, [string, string]>;
const STATE_WORDS: StateWords = {
  down: ['故障', 'is down'],
  degraded: ['性能下降', 'is degraded'],
  unreachable: ['不可达', 'is unreachable'],
  unknown: ['状态未知', 'state unknown'],
};

function varsOf(alert: AlertRow, now: Date, locale: Locale, orgName: string): Record<string, string> {
  const labels = alert.labels;
  const isZh = locale === 'zh-CN';
  const stateWord = alert.source === 'probe' && labels.state ? (STATE_WORDS[labels.state]?.[isZh ? 0 : 1] ?? labels.state) : alert.title;
  const since = alert.status === 'resolved' && alert.resolvedAt ? alert.resolvedAt : alert.firstFiredAt;
  const endedAt = alert.resolvedAt ?? now;
  return {
    org: orgName,
    asset: alert.source === 'probe' ? (labels.asset ?? labels.probe ?? '') : (labels.asset ?? ''),
    probe: labels.probe ?? '—',
    state: stateWord,
    since: formatLocalTime(since),
    duration: formatDuration(endedAt.getTime() - alert.firstFiredAt.getTime(), locale),
    summary: alert.summary || alert.title,
    step: String(alert.escalationStep),
    count: String(alert.count),
  };
}

function titleLine(alert: AlertRow): string {
  const who = alert.labels.asset ?? alert.labels.probe;
  return who && alert.source === 'probe' ? `[${alert.severity}] ${who} ${alert.labels.state ?? ''}`.trim() : `[${alert.severity}] ${alert.title}`;
}

export function createNotifier(deps: NotifierDeps) {
  const locale: Locale = deps.locale ?? 'zh-CN';
  const orgNames = new Map<string, string>();

  async function orgName(db: Db, orgId: string): Promise<string> {
    let name = orgNames.get(orgId);
    if (name === undefined) {
      name = (await db.selectFrom('organisations').select('name').where('id', '=', orgId).executeTakeFirst())?.name ?? '';
      if (orgNames.size > 10_000) orgNames.clear();
      orgNames.set(orgId, name);
    }
    return name;
  }

  async function channels(db: Db, ids: readonly string[]): Promise<ChannelRow[]> {
    if (ids.length === 0) return [];
    const rows = await db
      .selectFrom('notificationChannels')
      .select(['id', 'orgId', 'kind', 'config', 'ratePerMinute', 'isEnabled', 'deletedAt'])
      .where('id', 'in', [...new Set(ids)])
      .execute();
    return rows.filter((c) => c.isEnabled && !c.deletedAt);
  }

  function perMinute(c: ChannelRow): number {
    const kind = getChannelKind(c.kind);
    const platform = kind ? effectiveRate(kind, c.config as { rateLimitPerMinute?: number }).perMinute : 20;
    return c.ratePerMinute ? Math.min(c.ratePerMinute, platform) : platform;
  }

  function render(alert: AlertRow, d: Delivery, vars: Record<string, string>, severity: AlertSeverity): ChannelMessage {
    return renderChannelMessage({
      kind: d.channel.kind as ChannelKindKey,
      event: d.event,
      locale,
      severity,
      vars,
      url: d.event === 'digest' ? `${deps.publicUrl}/alerts` : deps.ackLink(alert.id, d.recipientUserId ?? null),
      mentions: d.mentions,
      to: d.to,
    });
  }

  /** Folds the message into the channel's pending digest of `key`, creating the digest when there is none. */
  async function fold(trx: Db, alert: AlertRow, d: Delivery, key: string, dueAt: Date, now: Date): Promise<void> {
    const pending = await trx
      .selectFrom('notifications')
      .select(['id', 'message'])
      .where('channelId', '=', d.channel.id)
      .where('kind', '=', 'digest')
      .where('status', '=', 'pending')
      .where('leasedBy', 'is', null)
      .where(sql<boolean>`message->'vars'->>'digestKey' = ${key}`)
      .where(sql<boolean>`coalesce(recipient_user_id::text, '') = ${d.recipientUserId ?? ''}`)
      .forUpdate()
      .skipLocked()
      .limit(1)
      .executeTakeFirst();
    const before = (pending?.message as ChannelMessage | undefined)?.vars;
    const titles: string[] = before?.titlesJson ? (JSON.parse(before.titlesJson) as string[]) : [];
    // Worst first (each line starts with "[P1]" …, the sort is stable): the P1 core switch that folds in after
    // thousands of P3 servers is named at the top of the digest instead of being cut off.
    titles.push(titleLine(alert));
    titles.sort((a, b) => SEVERITY_ORDER.indexOf(a.slice(1, 3) as AlertSeverity) - SEVERITY_ORDER.indexOf(b.slice(1, 3) as AlertSeverity));
    titles.length = Math.min(titles.length, MAX_DIGEST_TITLES);
    const count = Number(before?.count ?? 0) + 1;
    const worst = SEVERITY_ORDER[Math.min(SEVERITY_ORDER.indexOf((before?.worst as AlertSeverity) ?? 'P4'), SEVERITY_ORDER.indexOf(alert.severity))]!;
    const vars = { ...digestVars({ count, titles }, locale), digestKey: key, titlesJson: JSON.stringify(titles), worst, org: await orgName(trx, alert.orgId) };
    const message = render(alert, { ...d, event: 'digest' }, vars, worst);
    if (pending) {
      await trx.updateTable('notifications').set({ message: JSON.stringify(message) }).where('id', '=', pending.id).execute();
      return;
    }
    const id = await enqueue(trx, { orgId: d.channel.orgId, channelId: d.channel.id, alertId: null, kind: 'digest', message, at: now });
    await trx.updateTable('notifications').set({ nextAttemptAt: dueAt, recipientUserId: d.recipientUserId ?? null, escalationStep: d.step ?? null }).where('id', '=', id).execute();
  }

  /** One message to one channel (maybe for one person), folded when the group or the rate says so. */
  async function deliver(trx: Db, alert: AlertRow, d: Delivery, now: Date): Promise<void> {
    const since = new Date(now.getTime() - MINUTE_MS);
    const recent = await trx
      .selectFrom('notifications as n')
      .leftJoin('alerts as a', 'a.id', 'n.alertId')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('n.createdAt').filterWhere('a.groupKey', '=', alert.groupKey).filterWhere('n.kind', '=', 'alert').as('groupAt')])
      .where('n.channelId', '=', d.channel.id)
      .where('n.createdAt', '>', since)
      .executeTakeFirstOrThrow();
    const groupAt = recent.groupAt ? new Date(recent.groupAt as unknown as string) : null;
    const isFirstOfAlert = d.event === 'firing';
    if (isFirstOfAlert && groupAt && now.getTime() - groupAt.getTime() < GROUP_WINDOW_MS) {
      return fold(trx, alert, d, `group:${alert.groupKey}`, new Date(groupAt.getTime() + GROUP_WINDOW_MS), now);
    }
    if (Number(recent.n) >= perMinute(d.channel)) return fold(trx, alert, d, 'storm', new Date(now.getTime() + STORM_COLLECT_MS), now);
    const vars = varsOf(alert, now, locale, await orgName(trx, alert.orgId));
    const message = render(alert, d, vars, alert.severity);
    const id = await enqueue(trx, { orgId: d.channel.orgId, channelId: d.channel.id, alertId: alert.id, kind: d.event === 'escalation' ? 'escalation' : 'alert', message, at: now });
    if (d.recipientUserId || d.step) await trx.updateTable('notifications').set({ recipientUserId: d.recipientUserId ?? null, escalationStep: d.step ?? null }).where('id', '=', id).execute();
  }

  /** A person: an in-app notification always, and each `via` channel at their phone or e-mail. */
  async function notifyPerson(trx: Db, alert: AlertRow, userId: string, via: readonly string[], event: NotificationEvent, step: number, now: Date): Promise<{ userId: string; name: string; reached: string[] } | null> {
    const user = await trx.selectFrom('users').select(['id', 'displayName', 'email', 'phoneSealed', 'status']).where('id', '=', userId).executeTakeFirst();
    if (!user || user.status !== 'active') return null;
    const vars = varsOf(alert, now, locale, await orgName(trx, alert.orgId));
    const inApp = renderChannelMessage({ kind: 'webhook', event, locale, severity: alert.severity, vars, url: `${deps.publicUrl}/alerts/${alert.id}` });
    await trx.insertInto('inboxItems').values({ userId, orgId: alert.orgId, alertId: alert.id, title: inApp.title, text: inApp.text, severity: alert.severity, url: `/alerts/${alert.id}`, readAt: null, createdAt: now }).execute();
    const reached = ['in_app'];
    const phone = user.phoneSealed ? deps.secrets.open(user.phoneSealed, USER_PHONE_CONTEXT) : null;
    for (const channel of await channels(trx, via)) {
      const kind = channel.kind;
      let d: Delivery | null = null;
      if (kind.startsWith('sms_') && phone) d = { channel, event, to: [phone] };
      else if (kind === 'email' && user.email) d = { channel, event, to: [user.email] };
      else if ((kind === 'wecom' || kind === 'dingtalk' || kind === 'feishu') && phone) d = { channel, event, mentions: { mobiles: [phone] } };
      else if (kind === 'webhook') d = { channel, event, to: [user.id] };
      if (!d) continue;
      await deliver(trx, alert, { ...d, recipientUserId: user.id, step }, now);
      reached.push(kind);
    }
    return { userId: user.id, name: user.displayName, reached };
  }

  async function runTargets(trx: Db, alert: AlertRow, targets: readonly EscalationTarget[], event: NotificationEvent, step: number, now: Date) {
    const reached: Array<Record<string, unknown>> = [];
    for (const t of targets) {
      if (t.kind === 'channel') {
        const [channel] = await channels(trx, [t.channelId]);
        if (channel) {
          await deliver(trx, alert, { channel, event, step }, now);
          reached.push({ kind: 'channel', channelId: channel.id });
        }
      } else if (t.kind === 'user') {
        const person = await notifyPerson(trx, alert, t.userId, t.via, event, step, now);
        if (person) reached.push({ kind: 'user', ...person });
      } else {
        const schedule = await trx.selectFrom('oncallSchedules').select(['id', 'name', 'rules', 'calendarId']).where('id', '=', t.scheduleId).where('deletedAt', 'is', null).executeTakeFirst();
        if (!schedule) continue;
        const calendar = schedule.calendarId ? businessTimePredicate(await loadBusinessCalendar(trx, schedule.calendarId)) : undefined;
        const onCall = whoIsOnCall(schedule.rules, now, calendar);
        if (!onCall) {
          reached.push({ kind: 'schedule', scheduleId: schedule.id, scheduleName: schedule.name, userId: null });
          continue;
        }
        const person = await notifyPerson(trx, alert, onCall.userId, t.via, event, step, now);
        reached.push({ kind: 'schedule', scheduleId: schedule.id, scheduleName: schedule.name, ...(person ?? { userId: onCall.userId, reached: [] }) });
      }
    }
    return reached;
  }

  /**
   * Takes the alert's next escalation step now: notifies its targets, writes the timeline, and sets when the step after
   * it is due (or none after the last step of the last round).
   */
  async function escalate(trx: Db, alert: AlertRow, now: Date): Promise<AlertRow> {
    const policy = alert.escalationPolicyId
      ? await trx.selectFrom('escalationPolicies').select(['id', 'steps', 'repeat']).where('id', '=', alert.escalationPolicyId).where('deletedAt', 'is', null).executeTakeFirst()
      : undefined;
    if (!policy || policy.steps.length === 0) {
      return trx.updateTable('alerts').set({ nextEscalationAt: null }).where('id', '=', alert.id).returningAll().executeTakeFirstOrThrow();
    }
    const steps: EscalationStep[] = policy.steps;
    const index = alert.escalationStep % steps.length;
    const isFirst = alert.escalationStep === 0 && alert.escalationRound === 0;
    const taken = alert.escalationStep + 1;
    const reached = await runTargets(trx, { ...alert, escalationStep: taken }, steps[index]!.targets, isFirst ? 'firing' : 'escalation', taken, now);
    let next: Date | null = null;
    let round = alert.escalationRound;
    let step = taken;
    if (index + 1 < steps.length) next = new Date(now.getTime() + steps[index + 1]!.delayMinutes * MINUTE_MS);
    else if (round < policy.repeat) {
      round += 1;
      step = 0;
      // a repeat waits at least a minute, so a policy of zero delays cannot loop
      next = new Date(now.getTime() + Math.max(1, steps[0]!.delayMinutes) * MINUTE_MS);
    }
    await trx.insertInto('alertEvents').values({ alertId: alert.id, kind: 'escalated', at: now, actorId: null, details: JSON.stringify({ step: taken, round: alert.escalationRound, targets: reached }) }).execute();
    return trx
      .updateTable('alerts')
      .set({ escalationStep: step === 0 ? 0 : taken, escalationRound: round, nextEscalationAt: next })
      .where('id', '=', alert.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  return {
    escalate,

    /**
     * An alert became actionable (new and not suppressed, or its suppression lifted): routes choose channels, which
     * hear of it now, and an escalation policy, whose first step runs now or after its delay.
     */
    async start(trx: Db, alert: AlertRow, facts: RouteFacts, now: Date): Promise<AlertRow> {
      const routes = await deps.selectRoutes(trx, alert.orgId, facts, now);
      const channelIds = [...new Set(routes.flatMap((r) => r.channelIds))];
      for (const channel of await channels(trx, channelIds)) await deliver(trx, alert, { channel, event: 'firing' }, now);
      const policyId = routes.find((r) => r.escalationPolicyId)?.escalationPolicyId ?? null;
      let updated = await trx
        .updateTable('alerts')
        .set({ routeId: routes[0]?.id ?? null, escalationPolicyId: policyId, escalationStep: 0, escalationRound: 0, nextEscalationAt: null })
        .where('id', '=', alert.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('alertEvents')
        .values({ alertId: alert.id, kind: 'notified', at: now, actorId: null, details: JSON.stringify({ routes: routes.map((r) => r.id), channels: channelIds, escalationPolicyId: policyId }) })
        .execute();
      if (policyId) {
        const policy = await trx.selectFrom('escalationPolicies').select(['steps']).where('id', '=', policyId).executeTakeFirst();
        const delay = policy?.steps[0]?.delayMinutes ?? 0;
        if (delay === 0) updated = await escalate(trx, updated, now);
        else updated = await trx.updateTable('alerts').set({ nextEscalationAt: new Date(now.getTime() + delay * MINUTE_MS) }).where('id', '=', alert.id).returningAll().executeTakeFirstOrThrow();
      }
      return updated;
    },

    /** Tells whoever heard of the alert that it is resolved, where the route asks for it. */
    async resolved(trx: Db, alert: AlertRow, now: Date): Promise<void> {
      if (alert.routeId) {
        const route = await trx.selectFrom('alertRoutes').select('notifyResolved').where('id', '=', alert.routeId).executeTakeFirst();
        if (route && !route.notifyResolved) return;
      }
      const sent = await trx
        .selectFrom('notifications')
        .select(['channelId', 'recipientUserId', 'message'])
        .where('alertId', '=', alert.id)
        .where('kind', 'in', ['alert', 'escalation'])
        .execute();
      const seen = new Set<string>();
      const byId = new Map((await channels(trx, sent.map((s) => s.channelId))).map((c) => [c.id, c]));
      for (const s of sent) {
        const key = `${s.channelId}:${s.recipientUserId ?? ''}`;
        const channel = byId.get(s.channelId);
        if (seen.has(key) || !channel) continue;
        seen.add(key);
        const m = s.message as ChannelMessage;
        await deliver(trx, alert, { channel, event: 'resolved', to: m.to, mentions: undefined, recipientUserId: s.recipientUserId }, now);
      }
    },
  };
}

export type Notifier = ReturnType<typeof createNotifier>;
