import type { BetterAuthOptions } from 'better-auth';
import { getMigrations } from 'better-auth/db/migration';
import pg from 'pg';
import type { OpenedDatabase } from './database';

/**
 * Runs BetterAuth's migrations. On PostgreSQL, several instances may start at once: each takes a
 * session-level advisory lock keyed by its schema, then computes the missing tables only once it
 * holds it, so the second finds the first's work done instead of racing it into a duplicate
 * CREATE TABLE. (SQLite is one file for one process; its own write lock serialises it.)
 */
export async function migrate(options: BetterAuthOptions, database: OpenedDatabase): Promise<void> {
  if (database.kind !== 'postgres') {
    await (await getMigrations(options)).runMigrations();
    return;
  }
  const client = await (database.handle as pg.Pool).connect();
  const key = "hashtext('latchkey-auth-migrations:' || current_schema())";
  try {
    await client.query(`SELECT pg_advisory_lock(${key})`);
    try {
      await (await getMigrations(options)).runMigrations();
    } finally {
      await client.query(`SELECT pg_advisory_unlock(${key})`);
    }
  } finally {
    client.release();
  }
}
