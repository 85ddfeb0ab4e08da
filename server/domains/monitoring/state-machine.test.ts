import { describe, expect, it } from 'vitest';
import type { CheckStatus } from '../../../shared/schemas/probes.ts';
import { advance, flapPercent, initialMemory, type MachineMemory, type MachineStep } from './state-machine.ts';

function runAll(statuses: CheckStatus[], o: { retries?: number; upstream?: string | null; maintenanceAt?: number[]; start?: MachineMemory } = {}) {
  let memory = o.start ?? initialMemory('unknown', 0);
  const steps: MachineStep[] = [];
  statuses.forEach((status, i) => {
    const step = advance(memory, {
      status,
      atMs: (i + 1) * 1000,
      message: `run ${i + 1}`,
      retries: o.retries ?? 2,
      isInMaintenance: o.maintenanceAt?.includes(i) ?? false,
      failingUpstreamProbeId: o.upstream ?? null,
    });
    steps.push(step);
    memory = step.memory;
  });
  return { memory, steps, changes: steps.flatMap((s) => (s.change ? [`${s.change.from}->${s.change.to}@${s.change.atMs / 1000}`] : [])) };
}

describe('probe state machine', () => {
  it('goes up at once and down only after retries + 1 failures in a row, asking for retries meanwhile', () => {
    const r = runAll(['up', 'down', 'down', 'down', 'down']);
    expect(r.changes).toEqual(['unknown->up@1', 'up->down@4']);
    expect(r.steps.map((s) => s.wantsRetry)).toEqual([false, true, true, false, false]);
    expect(r.memory.sinceMs).toBe(4000);
  });

  it('does not declare an outage for a failure that recovers before confirmation', () => {
    expect(runAll(['up', 'down', 'down', 'up', 'down', 'up']).changes).toEqual(['unknown->up@1']);
  });

  it('with zero retries the first failure is an outage', () => {
    expect(runAll(['up', 'down'], { retries: 0 }).changes).toEqual(['unknown->up@1', 'up->down@2']);
  });

  it('recovers immediately with one success', () => {
    expect(runAll(['up', 'down', 'down', 'down', 'up']).changes).toEqual(['unknown->up@1', 'up->down@4', 'down->up@5']);
  });

  it('calls a confirmed failure unreachable while an upstream probe is failing, and names it', () => {
    const r = runAll(['up', 'down', 'down', 'down'], { upstream: 'switch-probe' });
    expect(r.changes).toEqual(['unknown->up@1', 'up->unreachable@4']);
    expect(r.steps[3]!.change!.causeProbeId).toBe('switch-probe');
  });

  it('turns down into unreachable when the upstream failure becomes known, and back when it recovers', () => {
    const down = runAll(['up', 'down', 'down', 'down']).memory;
    const unreachable = advance(down, { status: 'down', atMs: 9000, message: 'x', retries: 2, isInMaintenance: false, failingUpstreamProbeId: 'sw' });
    expect(unreachable.change).toMatchObject({ from: 'down', to: 'unreachable', causeProbeId: 'sw' });
    const againDown = advance(unreachable.memory, { status: 'down', atMs: 10_000, message: 'x', retries: 2, isInMaintenance: false, failingUpstreamProbeId: null });
    expect(againDown.change).toMatchObject({ from: 'unreachable', to: 'down' });
  });

  it('needs confirmation for degraded from up, but leaves down for degraded at once', () => {
    expect(runAll(['up', 'degraded', 'degraded', 'degraded']).changes).toEqual(['unknown->up@1', 'up->degraded@4']);
    expect(runAll(['up', 'down', 'down', 'down', 'degraded']).changes).toEqual(['unknown->up@1', 'up->down@4', 'down->degraded@5']);
  });

  it('shows maintenance regardless of the result and does not ask for retries inside it', () => {
    const r = runAll(['up', 'down', 'down', 'down', 'up'], { maintenanceAt: [1, 2, 3] });
    expect(r.changes).toEqual(['unknown->up@1', 'up->maintenance@2', 'maintenance->up@5']);
    expect(r.steps.slice(1, 4).every((s) => !s.wantsRetry)).toBe(true);
  });

  it('a failure right after maintenance is unknown until confirmed, never a silent up', () => {
    const r = runAll(['up', 'up', 'down', 'down', 'down'], { maintenanceAt: [1] });
    expect(r.changes).toEqual(['unknown->up@1', 'up->maintenance@2', 'maintenance->unknown@3', 'unknown->down@5']);
  });

  it('reports unknown when the probe cannot measure, without touching the failure streak', () => {
    const r = runAll(['up', 'unknown']);
    expect(r.changes).toEqual(['unknown->up@1', 'up->unknown@2']);
  });

  it('detects flapping above 50 % weighted changes and clears it below 25 %', () => {
    const alternating: CheckStatus[] = Array.from({ length: 21 }, (_, i) => (i % 2 ? 'down' : 'up'));
    const flapping = runAll(alternating, { retries: 0 });
    expect(flapping.memory.isFlapping).toBe(true);
    expect(flapping.steps.filter((s) => s.flappingChanged)).toHaveLength(1);
    const calm = runAll(Array.from({ length: 21 }, () => 'up' as CheckStatus), { retries: 0, start: flapping.memory });
    expect(calm.memory.isFlapping).toBe(false);
    expect(flapPercent(0)).toBe(0);
    expect(flapPercent((1 << 20) - 1)).toBeCloseTo(100, 5);
  });
});
