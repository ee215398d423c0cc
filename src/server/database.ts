import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';

/** Where the server keeps its users, sessions and codes. */
export type DatabaseOption =
  /** A SQLite file through Node's built-in `node:sqlite` (no native build). `:memory:` works too. */
  | { sqlite: string }
  /**
   * PostgreSQL through `pg`. With `schema`, everything lives in that schema (created if absent),
   * which lets several servers share one database without seeing each other.
   */
  | { postgres: string; schema?: string };

export interface OpenedDatabase {
  /** What BetterAuth's `database` option takes. */
  handle: DatabaseSync | pg.Pool;
  kind: 'sqlite' | 'postgres';
  /** Resolves when the database answers a trivial query; the readiness check. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

const schemaPattern = /^[a-z_][a-z0-9_]{0,62}$/u;

/** `postgres://` or `postgresql://` URLs mean PostgreSQL; anything else is a SQLite path. */
export function databaseFromUrl(value: string): DatabaseOption {
  return /^postgres(?:ql)?:\/\//iu.test(value) ? { postgres: value } : { sqlite: value };
}

/** unique_violation or duplicate_schema (PostgreSQL error codes, appendix A). */
function isDuplicate(error: unknown): boolean {
  const code = error && typeof error === 'object' && 'code' in error ? (error as { code: unknown }).code : null;
  return code === '23505' || code === '42P06';
}

export async function openDatabase(option: DatabaseOption): Promise<OpenedDatabase> {
  if ('sqlite' in option) {
    if (option.sqlite !== ':memory:') mkdirSync(dirname(option.sqlite), { recursive: true });
    const db = new DatabaseSync(option.sqlite);
    // WAL lets the health check and requests read while a write is in flight.
    if (option.sqlite !== ':memory:') db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA foreign_keys = ON');
    return {
      handle: db,
      kind: 'sqlite',
      ping: async () => void db.prepare('SELECT 1').get(),
      close: async () => db.close(),
    };
  }
  const { schema } = option;
  if (schema !== undefined) {
    if (!schemaPattern.test(schema)) throw new Error(`PostgreSQL schema "${schema}" must be lower-case letters, digits and underscores.`);
    const client = new pg.Client({ connectionString: option.postgres });
    await client.connect();
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    } catch (error) {
      // Two instances starting at once can both pass IF NOT EXISTS; the loser's duplicate is harmless.
      if (!isDuplicate(error)) throw error;
    } finally {
      await client.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: option.postgres,
    max: 10,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  return {
    handle: pool,
    kind: 'postgres',
    ping: async () => void (await pool.query('SELECT 1')),
    close: () => pool.end(),
  };
}
