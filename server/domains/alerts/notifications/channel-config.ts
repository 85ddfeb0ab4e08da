import type { z } from 'zod';
import { invalid } from '../../../platform/errors.ts';
import { getChannelKind } from '../channels/index.ts';

type Issue = { path: Array<string | number>; message: string };

/** The sealed-secrets context binds a ciphertext to its channel, so a value copied to another row does not open. */
export const channelSecretsContext = (channelId: string) => `notification-channel:${channelId}`;

function issuesOf(error: z.ZodError, prefix: string): Issue[] {
  return error.issues.map((i) => ({ path: [prefix, ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))], message: i.message }));
}

/** Config and secrets after the kind's schemas (defaults applied); secrets null when there are none. */
export interface CheckedChannelConfig {
  config: Record<string, unknown>;
  secrets: Record<string, unknown> | null;
}

/**
 * Parses a channel's config and secrets with its kind's schemas and throws one 400 naming every bad field. Secrets are
 * always checked, also when absent, because most kinds cannot send without them (a WeCom robot without its key).
 */
export function assertChannelConfig(kind: string, config: unknown, secrets: unknown): CheckedChannelConfig {
  const sender = getChannelKind(kind);
  if (!sender) throw invalid('notification_channel.invalid_config', 'Unknown channel kind', [{ path: ['kind'], message: `channel kind ${kind} is not available on this server` }]);
  const parsedConfig = sender.configSchema.safeParse(config ?? {});
  const parsedSecrets = sender.secretsSchema.safeParse(secrets ?? {});
  const issues = [...(parsedConfig.success ? [] : issuesOf(parsedConfig.error, 'config')), ...(parsedSecrets.success ? [] : issuesOf(parsedSecrets.error, 'secrets'))];
  if (!parsedConfig.success || !parsedSecrets.success) throw invalid('notification_channel.invalid_config', 'The channel configuration is not valid for its kind', issues);
  const opened = parsedSecrets.data as Record<string, unknown>;
  return { config: parsedConfig.data as Record<string, unknown>, secrets: Object.keys(opened).length > 0 ? opened : null };
}
