import { describe, expect, it } from 'vitest';
import { createChannelLimiter, effectiveRate, type ChannelRate } from './rate-limit.ts';

const T0 = Date.parse('2026-11-22T00:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms);

describe('channel limiter', () => {
  const limiterFor = (rates: Record<string, ChannelRate>) => createChannelLimiter((id) => rates[id]!);

  it('admits up to perMinute in any sliding 60 s window, then folds', () => {
    const limiter = limiterFor({ wecom1: { perMinute: 20 } });
    const decisions = Array.from({ length: 25 }, (_, i) => limiter.admit('wecom1', at(i * 1_000), { title: `a${i}`, severity: 'P3' }).decision);
    expect(decisions.filter((d) => d === 'send')).toHaveLength(20);
    expect(decisions.slice(20)).toEqual(['fold', 'fold', 'fold', 'fold', 'fold']);
    expect(limiter.pendingCount('wecom1')).toBe(5);
  });

  it('sends ONE digest when the window frees, and folds new messages meanwhile so the digest goes first', () => {
    const limiter = limiterFor({ bot: { perMinute: 2 } });
    expect(limiter.admit('bot', at(0), { title: 'A' })).toEqual({ decision: 'send' });
    expect(limiter.admit('bot', at(10_000), { title: 'B' })).toEqual({ decision: 'send' });
    expect(limiter.admit('bot', at(20_000), { title: 'C', severity: 'P3' })).toEqual({ decision: 'fold', folded: 1 });
    expect(limiter.admit('bot', at(30_000), { title: 'D', severity: 'P1' })).toEqual({ decision: 'fold', folded: 2 });
    expect(limiter.drainDigest('bot', at(59_999))).toBeNull(); // A still counts until 60 s after it was sent
    expect(limiter.nextFreeAt('bot', at(40_000))).toEqual(at(60_000));
    // A slot is free from 60 s, but a message arriving then still joins the digest rather than jumping ahead of it.
    expect(limiter.admit('bot', at(60_000), { title: 'E', severity: 'P2' })).toEqual({ decision: 'fold', folded: 3 });
    expect(limiter.drainDigest('bot', at(60_000))).toEqual({ count: 3, titles: ['C', 'D', 'E'], severity: 'P1', firstAt: at(20_000), lastAt: at(60_000) });
    expect(limiter.drainDigest('bot', at(60_001))).toBeNull();
    // The digest took the slot A freed; B frees the next one at 70 s.
    expect(limiter.admit('bot', at(65_000), { title: 'F' }).decision).toBe('fold');
    expect(limiter.nextFreeAt('bot', at(65_000))).toEqual(at(70_000));
    expect(limiter.drainDigest('bot', at(70_000))).toMatchObject({ count: 1, titles: ['F'] });
    expect(limiter.admit('bot', at(130_000), { title: 'G' })).toEqual({ decision: 'send' });
  });

  it('keeps counting past the stored titles', () => {
    const limiter = limiterFor({ bot: { perMinute: 1 } });
    limiter.admit('bot', at(0), { title: 'first' });
    for (let i = 0; i < 37; i++) limiter.admit('bot', at(100 + i), { title: `t${i}` });
    const digest = limiter.drainDigest('bot', at(60_000))!;
    expect(digest.count).toBe(37);
    expect(digest.titles).toHaveLength(20);
    expect(digest.severity).toBe('P4');
  });

  it('enforces perSecond as well (Feishu: 5/s within 100/min)', () => {
    const limiter = limiterFor({ feishu: { perMinute: 100, perSecond: 5 } });
    const decisions = Array.from({ length: 7 }, (_, i) => limiter.admit('feishu', at(i * 10), { title: `x${i}` }).decision);
    expect(decisions).toEqual(['send', 'send', 'send', 'send', 'send', 'fold', 'fold']);
    expect(limiter.nextFreeAt('feishu', at(100))).toEqual(at(1_000));
    expect(limiter.drainDigest('feishu', at(999))).toBeNull();
    expect(limiter.drainDigest('feishu', at(1_000))).toMatchObject({ count: 2 });
  });

  it('keeps channels apart, reads the limit on every call and can forget a channel', () => {
    const rates: Record<string, ChannelRate> = { a: { perMinute: 1 }, b: { perMinute: 1 } };
    const limiter = limiterFor(rates);
    expect(limiter.admit('a', at(0), { title: 'x' }).decision).toBe('send');
    expect(limiter.admit('b', at(0), { title: 'x' }).decision).toBe('send');
    expect(limiter.admit('a', at(1), { title: 'y' }).decision).toBe('fold');
    rates.a = { perMinute: 5 };
    expect(limiter.drainDigest('a', at(2))).toMatchObject({ count: 1 });
    limiter.forget('b');
    expect(limiter.admit('b', at(3), { title: 'z' }).decision).toBe('send');
  });

  it('lets a channel lower the platform limit but never raise it', () => {
    const kind = { rateLimit: { perMinute: 20 } };
    expect(effectiveRate(kind, { rateLimitPerMinute: 5 })).toEqual({ perMinute: 5 });
    expect(effectiveRate(kind, { rateLimitPerMinute: 500 })).toEqual({ perMinute: 20 });
    expect(effectiveRate({ rateLimit: { perMinute: 100, perSecond: 5 } }, {})).toEqual({ perMinute: 100, perSecond: 5 });
  });
});
