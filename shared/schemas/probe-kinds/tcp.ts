import { z } from 'zod';
import { DegradedAboveMs, ProbeHost, ProbePort } from './network-target.ts';

/** TCP connect: up when the three-way handshake completes. */
export const TcpProbeConfig = z.object({
  host: ProbeHost,
  port: ProbePort,
  degradedAboveMs: DegradedAboveMs,
});
export type TcpProbeConfig = z.infer<typeof TcpProbeConfig>;
