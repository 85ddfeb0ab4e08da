import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { CamelCasePlugin, Kysely, PostgresDialect, type Transaction, type UnknownRow } from 'kysely';
import pg from 'pg';
import type { Database } from '../db/database.ts';
import { PGliteDialect } from './pglite-dialect.ts';

export type Db = Kysely<Database> | Transaction<Database>;

export interface DbHandle {
  db: Kysely<Database>;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

// Same JS types from both drivers: int8 counts as numbers, dates as 'YYYY-MM-DD' strings (a calendar
// date has no time zone, and pg's default would shift it through the server's local zone).
const INT8 = 20;
const DATE = 1082;
pg.types.setTypeParser(INT8, (v: string) => Number(v));
pg.types.setTypeParser(DATE, (v: string) => v);

export interface DbOptions {
  databaseUrl?: string;
  /** PGlite data directory; `memory://` for an in-memory database. */
  dataDir?: string;
  poolSize?: number;
  /** told about errors of idle pooled connections (PostgreSQL only) */
  onIdleError?: (err: Error) => void;
}

/** Opens PostgreSQL when a URL is given, PGlite otherwise. */
/**
 * JSON columns whose keys are chosen by people or other systems (alert labels such as `asset_kind` or Prometheus's
 * `pod_name`): CamelCasePlugin would rename their keys on the way out, so these come back exactly as stored.
 */
const VERBATIM_JSON_COLUMNS: ReadonlySet<string> = new Set(['labels']);

class VerbatimJsonCamelCasePlugin extends CamelCasePlugin {
  protected override mapRow(row: UnknownRow): UnknownRow {
    const kept: UnknownRow = {};
    let rest: UnknownRow | undefined;
    for (const key of Object.keys(row)) {
      if (VERBATIM_JSON_COLUMNS.has(key)) {
        kept[key] = row[key];
        rest ??= { ...row };
        delete rest[key];
      }
    }
    return rest ? { ...super.mapRow(rest), ...kept } : super.mapRow(row);
  }
}

export async function createDb(opts: DbOptions): Promise<DbHandle> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 20 });
    // An idle connection dropped by the server (restart, failover, admin kill) emits 'error' on the pool;
    // unhandled, that would crash the process. The pool replaces the connection on the next query.
    pool.on('error', (err) => opts.onIdleError?.(err));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new VerbatimJsonCamelCasePlugin()] });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  const dir = opts.dataDir ?? 'memory://';
  let dataDir = dir;
  if (!dir.startsWith('memory://')) {
    dataDir = path.resolve(dir, 'pglite');
    mkdirSync(dataDir, { recursive: true });
  }
  const pglite = await PGlite.create({
    dataDir,
    // trigram indexes for the asset search (the migration creates the extension)
    extensions: { pg_trgm },
    parsers: {
      [pgliteTypes.INT8]: (v: string) => Number(v),
      [pgliteTypes.DATE]: (v: string) => v,
    },
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite), plugins: [new VerbatimJsonCamelCasePlugin()] });
  return { db, kind: 'pglite', close: () => db.destroy() };
}
