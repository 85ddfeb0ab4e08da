import type { AlertSeverity } from '../../../../shared/schemas/alert-channels.ts';
import type { ChannelKind } from './channel.ts';

// A sliding-window limiter per channel instance with storm folding. Bots punish overflow (DingTalk mutes a robot for
// ten minutes), so we never send past the limit: the overflow is folded into one digest that goes out as soon as a
// slot frees up. Pure and in memory; the caller owns the clock and persistence (the outbox).

const MINUTE_MS = 60_000;
const SECOND_MS = 1_000;
/** Titles kept per digest; the count keeps going. */
const MAX_DIGEST_TITLES = 20;
const SEVERITY_ORDER: readonly AlertSeverity[] = ['P1', 'P2', 'P3', 'P4'];

/** The limit of one channel instance. */
export interface ChannelRate {
  perMinute: number;
  perSecond?: number;
}

/** What was folded while a channel was at its limit. */
export interface StormDigest {
  count: number;
  titles: string[];
  /** The most severe folded severity, for the digest's own severity. */
  severity: AlertSeverity;
  firstAt: Date;
  lastAt: Date;
}

/** What to do with one message: send it now, or fold it into the pending digest. */
export type Admission = { decision: 'send' } | { decision: 'fold'; folded: number };

interface ChannelState {
  sentAt: number[];
  digest?: { count: number; titles: string[]; severity: AlertSeverity; firstAt: number; lastAt: number };
}

/** The effective limit: the platform's, lowered (never raised) by a channel's rateLimitPerMinute setting. */
export function effectiveRate(kind: Pick<ChannelKind, 'rateLimit'>, config: { rateLimitPerMinute?: number } | undefined): ChannelRate {
  const override = config?.rateLimitPerMinute;
  return { ...kind.rateLimit, perMinute: override === undefined ? kind.rateLimit.perMinute : Math.min(override, kind.rateLimit.perMinute) };
}

/** Creates a limiter; `rateOf` gives each channel instance its limit (looked up on every call, so config changes apply). */
export function createChannelLimiter(rateOf: (channelId: string) => ChannelRate) {
  const channels = new Map<string, ChannelState>();

  const stateOf = (channelId: string, t: number): ChannelState => {
    let state = channels.get(channelId);
    if (!state) channels.set(channelId, (state = { sentAt: [] }));
    // Sorted by time, so dropping from the front keeps the window exact.
    while (state.sentAt.length > 0 && state.sentAt[0]! <= t - MINUTE_MS) state.sentAt.shift();
    return state;
  };

  const hasRoom = (state: ChannelState, rate: ChannelRate, t: number): boolean => {
    if (state.sentAt.length >= rate.perMinute) return false;
    if (rate.perSecond === undefined) return true;
    let inLastSecond = 0;
    for (let i = state.sentAt.length - 1; i >= 0 && state.sentAt[i]! > t - SECOND_MS; i--) inLastSecond++;
    return inLastSecond < rate.perSecond;
  };

  return {
    /**
     * Decides for one message. While a digest is pending, new messages join it even if a slot has freed: the digest
     * must go first, and sending it with them included costs one slot instead of two.
     */
    admit(channelId: string, now: Date, item: { title: string; severity?: AlertSeverity }): Admission {
      const t = now.getTime();
      const state = stateOf(channelId, t);
      if (!state.digest && hasRoom(state, rateOf(channelId), t)) {
        state.sentAt.push(t);
        return { decision: 'send' };
      }
      const severity = item.severity ?? 'P4';
      const d = (state.digest ??= { count: 0, titles: [], severity, firstAt: t, lastAt: t });
      d.count++;
      d.lastAt = t;
      if (SEVERITY_ORDER.indexOf(severity) < SEVERITY_ORDER.indexOf(d.severity)) d.severity = severity;
      if (d.titles.length < MAX_DIGEST_TITLES) d.titles.push(item.title);
      return { decision: 'fold', folded: d.count };
    },

    /** The pending digest once a slot is free (the slot is taken for it), else null: send ONE summary with it. */
    drainDigest(channelId: string, now: Date): StormDigest | null {
      const t = now.getTime();
      const state = stateOf(channelId, t);
      const d = state.digest;
      if (!d || !hasRoom(state, rateOf(channelId), t)) return null;
      state.sentAt.push(t);
      state.digest = undefined;
      return { count: d.count, titles: d.titles, severity: d.severity, firstAt: new Date(d.firstAt), lastAt: new Date(d.lastAt) };
    },

    /** When the next slot frees up (now if one is free), for scheduling the digest. */
    nextFreeAt(channelId: string, now: Date): Date {
      const t = now.getTime();
      const state = stateOf(channelId, t);
      const rate = rateOf(channelId);
      if (hasRoom(state, rate, t)) return new Date(t);
      let at = t;
      if (state.sentAt.length >= rate.perMinute) at = Math.max(at, state.sentAt[state.sentAt.length - rate.perMinute]! + MINUTE_MS);
      if (rate.perSecond !== undefined && state.sentAt.length >= rate.perSecond) at = Math.max(at, state.sentAt[state.sentAt.length - rate.perSecond]! + SECOND_MS);
      return new Date(at);
    },

    /** Number of folded messages waiting for a slot. */
    pendingCount(channelId: string): number {
      return channels.get(channelId)?.digest?.count ?? 0;
    },

    /** Forgets a channel (deleted, or its limit reset by hand). */
    forget(channelId: string): void {
      channels.delete(channelId);
    },
  };
}

/** The limiter's public shape, for callers that hold one. */
export type ChannelLimiter = ReturnType<typeof createChannelLimiter>;
