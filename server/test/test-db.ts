import pg from 'pg';
import { createDb, type DbHandle } from '../platform/db.ts';

/**
 * A fresh, empty database for one test file: in-memory PGlite by default, or — when DATABASE_URL is
 * set — a new database on that PostgreSQL server, dropped again by `close()`.
 */
export async function createTestDb(): Promise<DbHandle> {
  const url = process.env.DATABASE_URL;
  if (!url) return createDb({ dataDir: 'memory://' });
  const name = `yiwei_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const testUrl = new URL(url);
  testUrl.pathname = `/${name}`;
  const handle = await createDb({ databaseUrl: testUrl.toString(), poolSize: 10 });
  return {
    ...handle,
    async close() {
      await handle.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
