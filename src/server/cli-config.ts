import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { AuthServerOptions } from './auth-server';
import { databaseFromUrl } from './database';
import { deploymentFromEnv } from './deployment-env';
import { requestLog } from './request-log';

export const defaultPort = 4455;

/** The user's data directory, per OS convention, with a folder of ours in it. */
export function defaultDataDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Latchkey Auth Server');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Latchkey Auth Server');
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'latchkey-auth-server');
}

function port(value: string | undefined): number {
  if (value === undefined || value === '') return defaultPort;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) throw new Error(`PORT must be a whole number from 0 to 65535; it is "${value}".`);
  return parsed;
}

/** BETTER_AUTH_SECRET, or one generated on first start and kept (owner-only) in the data directory. */
function secret(env: NodeJS.ProcessEnv, dataDir: string): string {
  const given = env.BETTER_AUTH_SECRET;
  if (given !== undefined && given !== '') {
    if (given.length < 32) throw new Error('BETTER_AUTH_SECRET must be at least 32 characters.');
    return given;
  }
  const file = join(dataDir, 'secret');
  if (existsSync(file)) {
    const kept = readFileSync(file, 'utf8').trim();
    if (kept.length >= 32) return kept;
    throw new Error(`${file} holds no usable secret; delete it to have a new one made (existing sessions end).`);
  }
  const made = randomBytes(32).toString('base64url');
  writeFileSync(file, `${made}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return made;
}

function provider(env: NodeJS.ProcessEnv, prefix: 'GITHUB' | 'GOOGLE'): { clientId: string; clientSecret: string } | undefined {
  const clientId = env[`${prefix}_CLIENT_ID`];
  const clientSecret = env[`${prefix}_CLIENT_SECRET`];
  if (!clientId && !clientSecret) return undefined;
  if (!clientId || !clientSecret) throw new Error(`Set both ${prefix}_CLIENT_ID and ${prefix}_CLIENT_SECRET, or neither.`);
  return { clientId, clientSecret };
}

/** The reference server's options from its environment; a bad value throws a sentence naming it. */
export function optionsFromEnv(env: NodeJS.ProcessEnv): AuthServerOptions {
  const dataDir = env.DATA_DIR || defaultDataDir(env);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const github = provider(env, 'GITHUB');
  const google = provider(env, 'GOOGLE');
  const deployment = deploymentFromEnv(env);
  const log = requestLog(deployment.logFormat);
  return {
    port: port(env.PORT),
    host: deployment.host,
    ...(deployment.publicUrl ? { publicUrl: deployment.publicUrl } : {}),
    clientAddress: { trustedProxies: deployment.trustedProxies, clientIpHeader: deployment.clientIpHeader },
    trustedOrigins: deployment.trustedOrigins,
    ...(log ? { requestLog: log } : {}),
    database: databaseFromUrl(env.DATABASE_URL || join(dataDir, 'auth.sqlite')),
    secret: secret(env, dataDir),
    social: { ...(github ? { github } : {}), ...(google ? { google } : {}) },
  };
}
