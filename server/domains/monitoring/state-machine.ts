import type { CheckStatus, ProbeState } from '../../../shared/schemas/probes.ts';

/** What the state machine remembers of one probe between runs; small and JSON-safe so agent-run probes can keep it in the database. */
export interface MachineMemory {
  state: ProbeState;
  sinceMs: number;
  /** failing (down) runs in a row */
  failStreak: number;
  /** degraded runs in a row */
  degradedStreak: number;
  /** last FLAP_WINDOW runs, newest in bit 0: 1 = the run's health differed from the run before it */
  flips: number;
  /** health of the previous run: true ok, false failing, null none yet */
  wasOk: boolean | null;
  isFlapping: boolean;
}

/** One run as the machine sees it. */
export interface MachineInput {
  status: CheckStatus;
  atMs: number;
  message: string;
  /** failed runs after the first one before declaring down (the probe's `retries`) */
  retries: number;
  isInMaintenance: boolean;
  /** an upstream probe (by asset relations) that is failing now, if any: the failure is then 'unreachable' */
  failingUpstreamProbeId: string | null;
}

export interface StateChange {
  from: ProbeState;
  to: ProbeState;
  atMs: number;
  message: string;
  causeProbeId: string | null;
}

export interface MachineStep {
  memory: MachineMemory;
  change: StateChange | null;
  /** the flapping flag turned on or off in this step */
  flappingChanged: boolean;
  /** a failure seen but not yet confirmed: run again after the retry interval rather than waiting a whole interval */
  wantsRetry: boolean;
}

export const FLAP_WINDOW = 21;
// Nagios' defaults: a probe starts flapping above 50 % weighted state changes and stops below 25 %, so it does not
// toggle the flag itself on every run.
const FLAP_START_PCT = 50;
const FLAP_STOP_PCT = 25;

/** Memory for a probe that has never run. */
export function initialMemory(state: ProbeState = 'unknown', sinceMs = 0): MachineMemory {
  return { state, sinceMs, failStreak: 0, degradedStreak: 0, flips: 0, wasOk: null, isFlapping: false };
}

/** Weighted share (0–100) of runs in the window whose health changed; recent changes weigh 1.2, the oldest 0.8. */
export function flapPercent(flips: number): number {
  let weighted = 0;
  for (let i = 0; i < FLAP_WINDOW - 1; i++) {
    if (flips & (1 << i)) weighted += 1.2 - (0.4 * i) / (FLAP_WINDOW - 2);
  }
  return (weighted / (FLAP_WINDOW - 1)) * 100;
}

/**
 * Advances one probe by one run. Recovery is immediate; down and degraded need `retries + 1` runs in a row
 * (confirmation), so one lost packet is not an outage. A confirmed failure while an upstream probe fails is
 * 'unreachable', not 'down', so a dead core switch yields one outage and not twenty. Maintenance wins over all.
 */
export function advance(memory: MachineMemory, input: MachineInput): MachineStep {
  const isOk = input.status === 'up' || input.status === 'degraded';
  const flipped = memory.wasOk !== null && memory.wasOk !== isOk;
  const flips = ((memory.flips << 1) | (flipped ? 1 : 0)) & ((1 << (FLAP_WINDOW - 1)) - 1);
  const pct = flapPercent(flips);
  const isFlapping = memory.isFlapping ? pct >= FLAP_STOP_PCT : pct > FLAP_START_PCT;

  const failStreak = input.status === 'down' ? memory.failStreak + 1 : 0;
  const degradedStreak = input.status === 'degraded' ? memory.degradedStreak + 1 : 0;
  const confirmed = (streak: number) => streak > input.retries;

  let target: ProbeState = memory.state;
  let causeProbeId: string | null = null;
  if (input.isInMaintenance) target = 'maintenance';
  else if (input.status === 'unknown') target = 'unknown';
  else if (input.status === 'up') target = 'up';
  else if (input.status === 'degraded') {
    // Better than failing: leave down/unreachable at once; from up, wait for confirmation like a failure.
    const wasFailing = memory.state === 'down' || memory.state === 'unreachable';
    if (wasFailing || confirmed(degradedStreak) || memory.state === 'maintenance' || memory.state === 'unknown') target = 'degraded';
  } else if (confirmed(failStreak) || memory.state === 'down' || memory.state === 'unreachable') {
    target = input.failingUpstreamProbeId ? 'unreachable' : 'down';
    causeProbeId = input.failingUpstreamProbeId;
  } else if (memory.state === 'maintenance' || memory.state === 'paused') {
    // Leaving maintenance while failing: unconfirmed, so say we do not know yet rather than 'up'.
    target = 'unknown';
  }

  const change: StateChange | null =
    target === memory.state ? null : { from: memory.state, to: target, atMs: input.atMs, message: input.message, causeProbeId };
  const wantsRetry = !input.isInMaintenance && ((input.status === 'down' && !confirmed(failStreak)) || (input.status === 'degraded' && !confirmed(degradedStreak)));
  return {
    memory: {
      state: target,
      sinceMs: change ? input.atMs : memory.sinceMs,
      failStreak,
      degradedStreak,
      flips,
      wasOk: input.status === 'unknown' ? memory.wasOk : isOk,
      isFlapping,
    },
    change,
    flappingChanged: isFlapping !== memory.isFlapping,
    wantsRetry,
  };
}
