import { z } from 'zod';

/**
 * Heartbeat (push, dead-man switch): a backup job or batch task calls the probe's URL when it runs; no call within
 * the probe's interval plus `graceS` means down.
 */
export const HeartbeatConfig = z.object({
  graceS: z.number().int().min(0).max(86_400).default(60).describe('seconds of slack after the expected interval'),
});
export type HeartbeatConfig = z.infer<typeof HeartbeatConfig>;
