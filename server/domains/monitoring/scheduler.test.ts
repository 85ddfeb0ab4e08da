import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createScheduler, nextSlot, phaseOf, type RunReport } from './scheduler.ts';

describe('probe scheduler', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('puts slots on a fixed grid of phase + k × interval', () => {
    expect(nextSlot(1_000_000, 20_000, 7_000)).toBe(1_007_000);
    expect(nextSlot(1_007_000, 20_000, 7_000)).toBe(1_027_000);
    const phase = phaseOf('a5b2c0de-0000-4000-8000-000000000001', 20_000);
    expect(phase).toBeGreaterThanOrEqual(0);
    expect(phase).toBeLessThan(20_000);
  });

  it('runs each probe once per interval on its grid, without drifting even when runs take time', async () => {
    const runs: Array<{ id: string; at: number; slot: number }> = [];
    const s = createScheduler({
      now: () => Date.now(),
      run: async (id, slot) => {
        runs.push({ id, at: Date.now(), slot });
        await new Promise((r) => setTimeout(r, 1_500));
        return { wantsRetry: false };
      },
    });
    s.upsert({ id: 'p1', intervalMs: 10_000, retryIntervalMs: 5_000, targetKey: 't1' });
    s.upsert({ id: 'p2', intervalMs: 20_000, retryIntervalMs: 5_000, targetKey: 't2' });
    s.start();
    await vi.advanceTimersByTimeAsync(100_000);
    s.stop();
    const p1 = runs.filter((r) => r.id === 'p1').map((r) => r.slot);
    const p2 = runs.filter((r) => r.id === 'p2').map((r) => r.slot);
    expect(p1).toHaveLength(10);
    expect(p2).toHaveLength(5);
    expect(p1.every((slot, i) => i === 0 || slot - p1[i - 1]! === 10_000)).toBe(true);
    expect(p1[0]! % 10_000).toBe(phaseOf('p1', 10_000));
    expect(runs.every((r) => r.at === r.slot)).toBe(true);
  });

  it('spreads many probes over the interval instead of firing them together', async () => {
    const perSecond = new Map<number, number>();
    const s = createScheduler({
      now: () => Date.now(),
      run: async () => {
        const sec = Math.floor(Date.now() / 1000);
        perSecond.set(sec, (perSecond.get(sec) ?? 0) + 1);
        return { wantsRetry: false };
      },
    });
    for (let i = 0; i < 2_000; i++) s.upsert({ id: `probe-${i}`, intervalMs: 20_000, retryIntervalMs: 5_000, targetKey: `t${i}` });
    s.start();
    await vi.advanceTimersByTimeAsync(20_000);
    s.stop();
    const counts = [...perSecond.values()];
    expect(counts.reduce((a, b) => a + b, 0)).toBe(2_000);
    // 100 per second on average; no second gets a herd
    expect(Math.max(...counts)).toBeLessThan(200);
  });

  it('retries an unconfirmed failure after the retry interval, between grid slots', async () => {
    const at: number[] = [];
    let n = 0;
    const s = createScheduler({
      now: () => Date.now(),
      run: async () => {
        at.push(Date.now());
        n++;
        return { wantsRetry: n <= 2 };
      },
    });
    s.upsert({ id: 'p', intervalMs: 60_000, retryIntervalMs: 10_000, targetKey: 't' });
    s.start();
    const firstSlot = nextSlot(Date.now(), 60_000, phaseOf('p', 60_000));
    await vi.advanceTimersByTimeAsync(firstSlot - Date.now() + 125_000);
    s.stop();
    const first = at[0]!;
    expect(at.map((t) => t - first)).toEqual([0, 10_000, 20_000, 60_000, 120_000]);
  });

  it('caps runs per target and overall, queueing the rest in order, and skips a slot while a run is still going', async () => {
    let maxSameTarget = 0;
    let current = 0;
    const s = createScheduler({
      now: () => Date.now(),
      perTargetLimit: 2,
      run: async () => {
        current++;
        maxSameTarget = Math.max(maxSameTarget, current);
        await new Promise((r) => setTimeout(r, 3_000));
        current--;
        return { wantsRetry: false } satisfies RunReport;
      },
    });
    for (let i = 0; i < 6; i++) s.upsert({ id: `p${i}`, intervalMs: 10_000, retryIntervalMs: 5_000, targetKey: 'same-host' });
    s.upsert({ id: 'slow', intervalMs: 10_000, retryIntervalMs: 5_000, targetKey: 'other' });
    s.start();
    await vi.advanceTimersByTimeAsync(30_000);
    s.stop();
    expect(maxSameTarget).toBeLessThanOrEqual(3);
    expect(s.stats().started).toBeGreaterThan(6);
  });

  it('stops scheduling a removed probe and reschedules a changed one on its new grid', async () => {
    const runs: string[] = [];
    const s = createScheduler({ now: () => Date.now(), run: async (id) => (runs.push(id), { wantsRetry: false }) });
    s.upsert({ id: 'a', intervalMs: 10_000, retryIntervalMs: 5_000, targetKey: 'a' });
    s.upsert({ id: 'b', intervalMs: 10_000, retryIntervalMs: 5_000, targetKey: 'b' });
    s.start();
    await vi.advanceTimersByTimeAsync(10_000);
    s.remove('a');
    s.upsert({ id: 'b', intervalMs: 30_000, retryIntervalMs: 5_000, targetKey: 'b' });
    runs.length = 0;
    await vi.advanceTimersByTimeAsync(60_000);
    s.stop();
    expect(runs.filter((r) => r === 'a')).toHaveLength(0);
    expect(runs.filter((r) => r === 'b')).toHaveLength(2);
  });

  it('runs a probe added with runNow at once and then on its grid', async () => {
    const at: number[] = [];
    const s = createScheduler({ now: () => Date.now(), run: async () => (at.push(Date.now()), { wantsRetry: false }) });
    s.start();
    const t0 = Date.now();
    s.upsert({ id: 'now', intervalMs: 10_000, retryIntervalMs: 5_000, targetKey: 'n' }, { runNow: true });
    await vi.advanceTimersByTimeAsync(25_000);
    s.stop();
    expect(at[0]).toBe(t0);
    expect(at.length).toBeGreaterThanOrEqual(3);
    expect(at.slice(1).every((t) => (t - phaseOf('now', 10_000)) % 10_000 === 0)).toBe(true);
  });

  it('keeps up with 20,000 probes on two targets without scanning everyone waiting', async () => {
    let done = 0;
    const s = createScheduler({
      now: () => Date.now(),
      perTargetLimit: 4,
      run: async () => {
        await new Promise((r) => setTimeout(r, 1));
        done++;
        return { wantsRetry: false };
      },
    });
    for (let i = 0; i < 20_000; i++) s.upsert({ id: `p${i}`, intervalMs: 20_000, retryIntervalMs: 5_000, targetKey: `t${i % 2}` });
    s.start();
    await vi.advanceTimersByTimeAsync(25_000);
    s.stop();
    // Two targets × 4 at a time × 1 ms each = 8 runs per ms at most: the 20,000 of one interval all ran.
    expect(done).toBeGreaterThanOrEqual(20_000);
    expect(s.stats().waiting).toBeLessThan(20_000);
  });
});
