import { z } from 'zod';
import { DegradedAboveMs, ProbeHost } from './network-target.ts';

/** ICMP echo through the system ping binary. */
export const PingProbeConfig = z.object({
  host: ProbeHost,
  count: z.number().int().min(1).max(20).default(3).describe('Echo requests per run, 0.2 s apart'),
  degradedLossPct: z.number().min(0).max(99).default(0).describe('Report degraded when packet loss is above this percentage'),
  degradedAboveMs: DegradedAboveMs.describe('Report degraded when the average round trip is longer than this (ms)'),
});
export type PingProbeConfig = z.infer<typeof PingProbeConfig>;
