import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { Audit } from './audit.ts';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { CryptoProvider, SecretBox } from './crypto/index.ts';
import type { Logger } from './log.ts';

/** The platform services a domain may ask for; each domain factory names the ones it uses. */
export interface PlatformDeps {
  db: Kysely<Database>;
  audit: Audit;
  crypto: CryptoProvider;
  secrets: SecretBox;
  clock: Clock;
  log: Logger;
  config: Config;
}
