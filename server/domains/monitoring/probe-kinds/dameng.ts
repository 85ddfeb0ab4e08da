import { DamengProbeConfig, DamengProbeSecrets } from '../../../../shared/schemas/probe-kinds/dameng.ts';
import { redact } from './device-support.ts';
import type { CheckOutcome, ProbeKind } from './probe-kind.ts';
import { classifyGeneric, runSqlProbe, type FirstCell, type SqlDriver } from './sql-common.ts';

/** The part of the official `dmdb` driver this probe uses (its API is modelled on node-oracledb). */
interface DmConnection {
  execute(sql: string, binds: unknown[], options: { outFormat: unknown }): Promise<{ rows?: unknown[] }>;
  close(): Promise<void>;
}
interface DmDriver {
  getConnection(connectString: string): Promise<DmConnection>;
  OUT_FORMAT_ARRAY?: unknown;
}

/** Shown when the driver is missing; the operator fixes it on the server, so the message says how. */
export const DAMENG_DRIVER_MISSING = '达梦 driver (dmdb) is not installed on this server: npm install dmdb';

// A variable specifier keeps TypeScript and bundlers from resolving a package that is optional by design.
const DRIVER_PACKAGE = 'dmdb';

/** The driver, or why there is none: not installed at all, or installed but failing to load (a native part, say). */
async function loadDriver(): Promise<DmDriver | string> {
  try {
    const loaded = (await import(DRIVER_PACKAGE)) as { default?: DmDriver } & DmDriver;
    const dm = typeof loaded.getConnection === 'function' ? loaded : loaded.default;
    return dm && typeof dm.getConnection === 'function' ? dm : '达梦 driver (dmdb) has no getConnection; check its version';
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') return DAMENG_DRIVER_MISSING;
    return `达梦 driver (dmdb) failed to load: ${err instanceof Error ? err.message : 'unknown error'}`;
  }
}

/** dm://user:password@host:port?…, the connect-string form dmdb documents; credentials are URL-encoded, IPv6 hosts bracketed. */
function connectString(config: DamengProbeConfig, secrets: DamengProbeSecrets, timeoutMs: number): string {
  const params = new URLSearchParams({
    connectTimeout: String(Math.max(1, Math.ceil(timeoutMs))),
    ...(config.schema ? { schema: config.schema } : {}),
  });
  const credentials = `${encodeURIComponent(config.user)}:${encodeURIComponent(secrets.password ?? '')}`;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return `dm://${credentials}@${host}:${config.port}?${params.toString()}`;
}

/** DM error codes: -2501 bad user or password, -2504 account locked, -5504 no privilege. */
function classify(err: unknown, where: string): { code: string; message: string } {
  const text = err instanceof Error ? err.message : '';
  const code = (err as { code?: unknown; errCode?: unknown }).errCode ?? (err as { code?: unknown }).code;
  if (code === -2501 || code === -2504 || /\[-250[14]\]/.test(text)) return { code: 'auth', message: `login rejected: ${text}` };
  if (code === -5504 || /\[-5504\]/.test(text)) return { code: 'privilege', message: text };
  return classifyGeneric(err, where);
}

function driver(dm: DmDriver, config: DamengProbeConfig, secrets: DamengProbeSecrets): SqlDriver {
  return {
    classify: (err) => classify(err, `${config.host}:${config.port}`),
    async open(_signal, timeoutMs) {
      // dmdb takes no abort signal: the shared runner drops a connection that arrives after the deadline.
      const conn = await dm.getConnection(connectString(config, secrets, timeoutMs));
      let isClosed = false;
      const close = async () => {
        if (isClosed) return;
        isClosed = true;
        await conn.close();
      };
      return {
        async firstCell(sql): Promise<FirstCell> {
          const result = await conn.execute(sql, [], { outFormat: dm.OUT_FORMAT_ARRAY });
          const row = result.rows?.[0];
          return Array.isArray(row) ? { hasRow: true, value: row[0] } : { hasRow: false };
        },
        close,
        destroy: () => void close().catch(() => undefined),
      };
    },
  };
}

/** 达梦 DM8 through the optional `dmdb` driver, loaded at run time; without it the outcome is `unknown`. */
export const damengProbe: ProbeKind<DamengProbeConfig, DamengProbeSecrets> = {
  kind: 'dameng',
  configSchema: DamengProbeConfig,
  secretsSchema: DamengProbeSecrets,
  targetKey: (config) => `dameng:${config.host}:${config.port}`,
  async run(config, secrets, ctx): Promise<CheckOutcome> {
    const dm = await loadDriver();
    if (typeof dm === 'string') return { status: 'unknown', latencyMs: null, code: 'driver', message: redact(dm, [secrets.password]) };
    return runSqlProbe(config, driver(dm, config, secrets), [secrets.password], ctx);
  },
};
