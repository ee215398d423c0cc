import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultDataDir, defaultPort, optionsFromEnv } from '../../src/server/cli-config';

const dirs: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'latchkey-cli-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the reference server’s environment', () => {
  it('defaults to port 4455 and a SQLite file in DATA_DIR, with no social sign-in', () => {
    const dir = dataDir();
    const options = optionsFromEnv({ DATA_DIR: dir });
    expect(options.port).toBe(defaultPort);
    expect(options.database).toEqual({ sqlite: join(dir, 'auth.sqlite') });
    expect(options.social).toEqual({});
  });

  it('makes a secret once, keeps it readable by the owner only, and reuses it', () => {
    const dir = dataDir();
    const first = optionsFromEnv({ DATA_DIR: dir }).secret;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(statSync(join(dir, 'secret')).mode & 0o777).toBe(0o600);
    expect(optionsFromEnv({ DATA_DIR: dir }).secret).toBe(first);
    expect(readFileSync(join(dir, 'secret'), 'utf8').trim()).toBe(first);
  });

  it('takes BETTER_AUTH_SECRET, DATABASE_URL, PORT and both social providers when set', () => {
    const options = optionsFromEnv({
      DATA_DIR: dataDir(),
      BETTER_AUTH_SECRET: 's'.repeat(40),
      DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/auth',
      PORT: '5000',
      GITHUB_CLIENT_ID: 'gh',
      GITHUB_CLIENT_SECRET: 'gh-secret',
      GOOGLE_CLIENT_ID: 'go',
      GOOGLE_CLIENT_SECRET: 'go-secret',
    });
    expect(options).toMatchObject({
      secret: 's'.repeat(40),
      database: { postgres: 'postgres://u:p@127.0.0.1:5432/auth' },
      port: 5000,
      social: { github: { clientId: 'gh', clientSecret: 'gh-secret' }, google: { clientId: 'go', clientSecret: 'go-secret' } },
    });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT must be a whole number'],
    [{ PORT: '70000' }, 'PORT must be a whole number'],
    [{ BETTER_AUTH_SECRET: 'short' }, 'at least 32 characters'],
    [{ GITHUB_CLIENT_ID: 'only-the-id' }, 'GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET'],
  ])('refuses %o with a sentence naming the setting', (env, sentence) => {
    expect(() => optionsFromEnv({ DATA_DIR: dataDir(), ...env })).toThrow(sentence);
  });

  it('refuses a damaged secret file instead of silently replacing it', () => {
    const dir = dataDir();
    writeFileSync(join(dir, 'secret'), 'short\n');
    expect(() => optionsFromEnv({ DATA_DIR: dir })).toThrow('holds no usable secret');
  });

  it.each([
    ['linux', { XDG_DATA_HOME: '/data' }, '/data/latchkey-auth-server'],
    ['linux', {}, '/home/u/.local/share/latchkey-auth-server'],
    ['darwin', {}, '/home/u/Library/Application Support/Latchkey Auth Server'],
  ] as const)('puts data under the user data directory on %s', (platform, env, expected) => {
    expect(defaultDataDir(env, platform, '/home/u')).toBe(expected);
  });
});
