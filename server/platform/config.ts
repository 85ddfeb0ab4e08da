import { z } from 'zod';

/** Every setting yiwei reads from the environment; `.env.example` documents each key. No other file reads process.env. */
const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  YIWEI_HOST: z.string().default('0.0.0.0'),
  YIWEI_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
  YIWEI_DATA_DIR: z.string().default('./data'),
  YIWEI_DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  YIWEI_MASTER_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{32}$/, 'must be 32 hex characters (a 128-bit SM4 key)')
    .optional(),
  YIWEI_AUDIT_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (a 256-bit HMAC-SM3 key)')
    .optional(),
  YIWEI_TRUST_PROXY: z.stringbool().default(false),
  YIWEI_SECURE_COOKIES: z.stringbool().optional(),
  YIWEI_DEMO_DATA: z.stringbool().default(true),
  YIWEI_WORKER: z.stringbool().default(true),
  YIWEI_WORKER_ID: z.string().optional(),
  YIWEI_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  YIWEI_LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(20),
  YIWEI_PASSWORD_ITERATIONS: z.coerce.number().int().min(1_000).max(10_000_000).default(100_000),
  YIWEI_PROBES: z.stringbool().default(true),
  MONITORING_RAW_RETENTION_DAYS: z.coerce.number().int().min(2).max(3650).default(30),
  // the contracts ask for ≥ 6 months of monitoring data; 400 days also covers a year-on-year report
  MONITORING_ROLLUP_RETENTION_DAYS: z.coerce.number().int().min(180).max(3650).default(400),
  MONITORING_MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(20_000).default(2000),
  MONITORING_PER_TARGET_LIMIT: z.coerce.number().int().min(1).max(1000).default(4),
  // the address people reach yiwei at; links in WeCom/SMS/e-mail messages start with it
  YIWEI_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  databaseUrl?: string;
  dataDir: string;
  dbPoolSize: number;
  /** SM4 master key for secrets at rest; undefined means "generate and keep one under dataDir". */
  masterKeyHex?: string;
  /** HMAC-SM3 key of the audit chain; undefined means "generate and keep one under dataDir". */
  auditKeyHex?: string;
  trustProxy: boolean;
  secureCookies: boolean;
  demoData: boolean;
  runWorker: boolean;
  workerId?: string;
  logLevel: string;
  loginRatePerMinute: number;
  passwordIterations: number;
  /** whether this worker runs the central probe engine */
  runProbes: boolean;
  monitoring: { rawRetentionDays: number; rollupRetentionDays: number; maxInFlight: number; perTargetLimit: number };
  /** base of links in notifications, without a trailing slash */
  publicUrl: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses the environment once and lists every problem at the same time. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    host: e.YIWEI_HOST,
    port: e.YIWEI_PORT,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.YIWEI_DATA_DIR,
    dbPoolSize: e.YIWEI_DB_POOL_SIZE,
    masterKeyHex: e.YIWEI_MASTER_KEY,
    auditKeyHex: e.YIWEI_AUDIT_KEY,
    trustProxy: e.YIWEI_TRUST_PROXY,
    secureCookies: e.YIWEI_SECURE_COOKIES ?? e.NODE_ENV === 'production',
    demoData: e.YIWEI_DEMO_DATA,
    runWorker: e.YIWEI_WORKER,
    workerId: e.YIWEI_WORKER_ID,
    logLevel: e.YIWEI_LOG_LEVEL,
    loginRatePerMinute: e.YIWEI_LOGIN_RATE_PER_MINUTE,
    passwordIterations: e.YIWEI_PASSWORD_ITERATIONS,
    runProbes: e.YIWEI_PROBES,
    monitoring: {
      rawRetentionDays: e.MONITORING_RAW_RETENTION_DAYS,
      rollupRetentionDays: e.MONITORING_ROLLUP_RETENTION_DAYS,
      maxInFlight: e.MONITORING_MAX_IN_FLIGHT,
      perTargetLimit: e.MONITORING_PER_TARGET_LIMIT,
    },
    publicUrl: (e.YIWEI_PUBLIC_URL ?? `http://localhost:${e.YIWEI_PORT}`).replace(/\/+$/, ''),
  };
}
