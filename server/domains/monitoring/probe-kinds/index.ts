import type { ProbeKind } from './probe-kind.ts';

export type { CheckContext, CheckOutcome, ProbeKind } from './probe-kind.ts';

const registry = new Map<string, ProbeKind<any, any>>();

/** Registers probe kinds (done once at start-up from network.ts and devices.ts). */
export function registerProbeKinds(kinds: ReadonlyArray<ProbeKind<any, any>>) {
  for (const k of kinds) registry.set(k.kind, k);
}

/** The runner of a kind, or undefined for kinds that are not run (heartbeat) or not known. */
export function getProbeKind(kind: string): ProbeKind<any, any> | undefined {
  return registry.get(kind);
}
