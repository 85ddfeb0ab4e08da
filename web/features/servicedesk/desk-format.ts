import type { TicketStatus, TicketType } from '../../../shared/schemas/servicedesk.ts';
import type { SlaClockState } from '../../../shared/schemas/sla.ts';
import type { TicketStep } from './tickets.api.ts';

// Pure helpers of the service-desk pages: no i18n instance, no clock. Words and "now" come in as arguments, so the
// same function serves both languages and a unit test needs no browser.

/**
 * The statuses each step may start from: docs/servicedesk.md "Workflow". The server decides (409
 * ticket.invalid_transition); the UI only offers what would be accepted.
 */
export const STEP_FROM: Record<TicketStep, readonly TicketStatus[]> = {
  respond: ['new'],
  arrive: ['new', 'responded', 'in_progress'],
  start: ['responded', 'on_site'],
  pause: ['responded', 'on_site', 'in_progress'],
  resume: ['pending'],
  resolve: ['new', 'responded', 'on_site', 'in_progress', 'pending'],
  close: ['resolved'],
  reopen: ['resolved'],
  reassign: ['new', 'responded', 'on_site', 'in_progress', 'pending'],
  level: ['new', 'responded', 'on_site', 'in_progress', 'pending'],
  merge: ['new', 'responded', 'on_site', 'in_progress', 'pending'],
};

/** Display order of the one-tap actions: the forward path first, then the side steps. */
export const STEP_ORDER: readonly TicketStep[] = ['respond', 'arrive', 'start', 'pause', 'resume', 'resolve', 'close', 'reopen', 'reassign', 'level', 'merge'];

/** Types without an on-site visit (docs/servicedesk.md: consultations and complaints carry no on-site clock). */
const NO_VISIT: readonly TicketType[] = ['consultation', 'complaint'];

/**
 * The steps a ticket in `status` allows, in display order. Arrival is offered once (an arrival already recorded is
 * 409 ticket.already_on_site) and not for ticket types that never need a visit.
 */
export function allowedSteps(ticket: { status: TicketStatus; type: TicketType; onSiteAt?: string | null }): TicketStep[] {
  return STEP_ORDER.filter((step) => {
    if (!STEP_FROM[step].includes(ticket.status)) return false;
    if (step === 'arrive' && (ticket.onSiteAt || NO_VISIT.includes(ticket.type))) return false;
    return true;
  });
}

/** Unit words of a countdown, e.g. { d: '天', h: '小时', m: '分', s: '秒', sep: ' ' }. */
export type CountdownUnits = { d: string; h: string; m: string; s: string; sep: string };

/**
 * A time left (or overdue) as its two largest parts, without sign: 7_500_000 ms → "2 小时 5 分"; under an hour with
 * `withSeconds` → "12 分 30 秒"; otherwise whole minutes ("0 分" for under a minute). Overdue is told by the caller.
 */
export function formatCountdown(ms: number, units: CountdownUnits, withSeconds = false): string {
  if (!Number.isFinite(ms)) return '—';
  const totalSeconds = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(totalSeconds / 86_400);
  const h = Math.floor((totalSeconds % 86_400) / 3_600);
  const m = Math.floor((totalSeconds % 3_600) / 60);
  const s = totalSeconds % 60;
  const part = (n: number, word: string) => `${n}${units.sep}${word}`;
  if (d > 0) return h > 0 ? `${part(d, units.d)} ${part(h, units.h)}` : part(d, units.d);
  if (h > 0) return m > 0 ? `${part(h, units.h)} ${part(m, units.m)}` : part(h, units.h);
  if (withSeconds) return m > 0 ? `${part(m, units.m)} ${part(s, units.s)}` : part(s, units.s);
  return part(m, units.m);
}

/** Minutes (business or wall) as a duration: 90 → "1 小时 30 分", 0 → "0 分", negative → the same without sign. */
export function formatMinutesSpan(minutes: number, units: CountdownUnits): string {
  return formatCountdown(Math.round(minutes) * 60_000, units);
}

export type CountdownTone = 'breached' | 'warning' | 'normal' | 'none';

/**
 * A list row carries no warning time of its own, so a countdown turns orange this close to its due. The ticket's page
 * shows each clock's exact warning (the policy's warn %) from the engine.
 */
export const SOON_MS = 30 * 60_000;

/**
 * The colour of a queue countdown: red once breached or past due, orange when due within SOON_MS (or flagged by the
 * engine), none when no clock is running.
 */
export function countdownTone(args: { dueAt: string | null; isBreached: boolean; isWarning?: boolean; nowMs: number }): CountdownTone {
  if (args.isBreached) return 'breached';
  if (!args.dueAt) return 'none';
  const left = Date.parse(args.dueAt) - args.nowMs;
  if (left <= 0) return 'breached';
  if (args.isWarning || left <= SOON_MS) return 'warning';
  return 'normal';
}

/** antd colours of the tones (Tag colour / text colour). */
export const TONE_COLOR: Record<CountdownTone, string> = { breached: '#cf1322', warning: '#d46b08', normal: '#389e0d', none: 'rgba(0,0,0,0.45)' };

/** The tone of one SLA clock on the ticket page, from the engine's own flags. */
export function clockTone(clock: Pick<SlaClockState, 'status' | 'isBreached' | 'isWarning'>): CountdownTone {
  if (clock.status === 'not_applicable') return 'none';
  if (clock.isBreached || clock.status === 'breached') return 'breached';
  if (clock.status === 'met') return 'normal';
  if (clock.isWarning) return 'warning';
  return 'normal';
}

export const STATUS_COLOR: Record<TicketStatus, string> = {
  new: 'red',
  responded: 'orange',
  on_site: 'gold',
  in_progress: 'blue',
  pending: 'purple',
  resolved: 'green',
  closed: 'default',
};

/** The zh-CN or English text of a { 'zh-CN', en } pair. */
export function localizedText(text: { 'zh-CN': string; en: string }, locale: string): string {
  return locale === 'en' ? text.en : text['zh-CN'];
}

/** A name in the UI language: `nameEn` in English when present. */
export function localName(item: { name: string; nameEn?: string | null }, locale: string): string {
  return locale === 'en' && item.nameEn ? item.nameEn : item.name;
}

/** Levels of several policies merged by key (the first name wins), for a level filter across organisations. */
export function mergeLevels(policies: ReadonlyArray<{ levels: ReadonlyArray<{ key: string; name: string; nameEn: string }> }>): Array<{ key: string; name: string; nameEn: string }> {
  const out = new Map<string, { key: string; name: string; nameEn: string }>();
  for (const p of policies) for (const l of p.levels) if (!out.has(l.key)) out.set(l.key, { key: l.key, name: l.name, nameEn: l.nameEn });
  return [...out.values()];
}

/** A category list in tree order → nested nodes for antd Tree / TreeSelect. */
export type CategoryNode<T> = { item: T; children: CategoryNode<T>[] };
export function categoryTree<T extends { id: string; parentId: string | null }>(items: readonly T[]): CategoryNode<T>[] {
  const nodes = new Map(items.map((item) => [item.id, { item, children: [] as CategoryNode<T>[] }]));
  const roots: CategoryNode<T>[] = [];
  for (const node of nodes.values()) {
    const parent = node.item.parentId ? nodes.get(node.item.parentId) : undefined;
    // a child whose parent is not in the list (inactive, other organisation) stands as a root rather than vanishing
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}
