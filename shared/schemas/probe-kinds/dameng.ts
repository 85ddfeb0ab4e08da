import { z } from 'zod';
import { SqlProbeSecrets, sqlProbeFields } from './sql-common.ts';

/** A 达梦 DM8 probe: where to connect, what to run and what to expect. */
export const DamengProbeConfig = z.object({
  ...sqlProbeFields({ port: 5236, query: 'select 1 from dual' }),
  /** default schema for the session; absent means the user's own */
  schema: z.string().trim().min(1).max(128).optional(),
});
export type DamengProbeConfig = z.infer<typeof DamengProbeConfig>;

/** The DM user's password. */
export const DamengProbeSecrets = SqlProbeSecrets;
export type DamengProbeSecrets = z.infer<typeof DamengProbeSecrets>;
