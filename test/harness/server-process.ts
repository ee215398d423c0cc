import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const cli = fileURLToPath(new URL('../../dist/server/cli.js', import.meta.url));

/** The built reference server (`dist/server/cli.js`) in a process of its own, as `npm run server` runs it. */
export interface ServerProcess {
  /** Where it listens, `http://127.0.0.1:<port>`. */
  address: string;
  /** Its public origin: BETTER_AUTH_URL when given, else the address. */
  url: string;
  child: ChildProcess;
  /** Every line it printed on stdout and stderr, in order. */
  lines: string[];
  /** Resolves with the first line matching, waiting for it if it is not there yet. */
  line(pattern: RegExp): Promise<string>;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  /** SIGKILL if still running, and removes its data directory. */
  dispose(): Promise<void>;
}

/** A secret shared by instances that must accept each other's cookies. */
export function sharedSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Starts the server with PORT=0 and the given environment, and resolves once it says where it
 * listens. A start-up failure rejects with what it printed.
 */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'latchkey-server-process-'));
  const child = spawn(process.execPath, [cli], {
    env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters = new Set<() => void>();
  const take = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter((line) => line !== ''));
    for (const waiter of waiters) waiter();
  };
  child.stdout!.on('data', take);
  child.stderr!.on('data', take);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let ended = false;
  void exited.then(() => {
    ended = true;
    for (const waiter of waiters) waiter();
  });
  const line = (pattern: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const found = lines.find((candidate) => pattern.test(candidate));
        if (found !== undefined) {
          waiters.delete(check);
          resolve(found);
        } else if (ended) {
          waiters.delete(check);
          reject(new Error(`The server process ended without printing ${pattern}:\n${lines.join('\n')}`));
        }
      };
      waiters.add(check);
      check();
    });
  const dispose = async () => {
    if (!ended) {
      child.kill('SIGKILL');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const listening = await line(/^Latchkey auth server listening on /u);
    const port = /listening on http:\/\/[^:]+:(\d+)/u.exec(listening)?.[1];
    const address = `http://127.0.0.1:${port}`;
    return { address, url: env.BETTER_AUTH_URL || address, child, lines, line, exited, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

/**
 * A fresh schema in the PostgreSQL of `postgresUrl`, and a DATABASE_URL that puts a server
 * process in it (libpq's `options`). Drop it when done.
 */
export async function postgresSchema(postgresUrl: string, prefix: string): Promise<{ databaseUrl: string; drop(): Promise<void> }> {
  const schema = `${prefix}_${randomBytes(6).toString('hex')}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE SCHEMA "${schema}"`);
  const url = new URL(postgresUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return { databaseUrl: url.href, drop: () => run(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`) };
}
