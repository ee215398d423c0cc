import { describe, expect, it } from 'vitest';
import { ConfigError, defaultConfig, environmentOverrides, resolveConfig } from '../../../src/core/config';

function errorFor(overrides: Record<string, unknown>, env: Record<string, string> = {}): ConfigError {
  try {
    resolveConfig(overrides, env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('resolveConfig', () => {
  it('accepts the defaults, with the embedded server and thresholds largest first', () => {
    const config = resolveConfig();
    expect(config.serverUrl).toBeNull();
    expect(config.expiryNoticeThresholds).toEqual([86_400_000, 3_600_000]);
    expect(config.scheme).toBe(defaultConfig.scheme);
  });

  it('takes overrides from the environment and normalises the server URL to its origin', () => {
    const config = resolveConfig({}, {
      LATCHKEY_SERVER_URL: 'https://auth.example.com/',
      LATCHKEY_CLIENT_ID: 'acme-desktop',
      LATCHKEY_LOOPBACK_FALLBACK: 'false',
      LATCHKEY_SIGN_IN_LIFETIME_MS: '120000',
    });
    expect(config).toMatchObject({ serverUrl: 'https://auth.example.com', clientId: 'acme-desktop', loopbackFallback: false, signInLifetimeMs: 120_000 });
  });

  it.each([
    [{ productName: '' }, 'productName'],
    [{ appId: 'Latchkey' }, 'appId'],
    [{ scheme: 'latchkey' }, 'scheme'],
    [{ developmentScheme: 'http' }, 'developmentScheme'],
    [{ serverUrl: 'not a url' }, 'serverUrl'],
    [{ serverUrl: 'http://auth.example.com' }, 'serverUrl'],
    [{ serverUrl: 'https://auth.example.com/api' }, 'serverUrl'],
    [{ clientId: 'has spaces' }, 'clientId'],
    [{ expiryNoticeThresholds: [-1] }, 'expiryNoticeThresholds.0'],
    [{ revalidateIntervalMs: 5 }, 'revalidateIntervalMs'],
    [{ signInLifetimeMs: 10 * 3_600_000 }, 'signInLifetimeMs'],
    [{ loopbackFallback: 'yes' }, 'loopbackFallback'],
    [{ colour: 'blue' }, 'colour'],
  ])('%o stops start-up with a sentence naming %s', (overrides, key) => {
    const error = errorFor(overrides);
    expect(error.key).toBe(key);
    expect(error.message).toMatch(new RegExp(`^Latchkey's setting "${key.replace('.', '\\.')}" .+\\.$`, 'u'));
  });

  it('names the key behind a bad environment variable', () => {
    expect(errorFor({}, { LATCHKEY_SERVER_URL: 'ftp://files.example.com' }).key).toBe('serverUrl');
    expect(errorFor({}, { LATCHKEY_REVALIDATE_INTERVAL_MS: 'soon' }).key).toBe('revalidateIntervalMs');
  });

  it('allows plain http only on loopback, for the development server', () => {
    expect(resolveConfig({ serverUrl: 'http://127.0.0.1:4455' }).serverUrl).toBe('http://127.0.0.1:4455');
    expect(resolveConfig({ serverUrl: 'http://localhost:4455' }).serverUrl).toBe('http://localhost:4455');
  });

  it('keeps a build pinned to its server whatever the environment says', () => {
    const everyVariable = Object.fromEntries(Object.keys(environmentOverrides).map((name) => [name, name === 'LATCHKEY_SERVER_URL' ? 'https://auth.example.com' : 'true']));
    const env = { ...everyVariable, LATCHKEY_ALLOW_OTHER_SERVERS: 'true', LATCHKEY_REVALIDATE_INTERVAL_MS: '60000', LATCHKEY_REQUEST_TIMEOUT_MS: '5000', LATCHKEY_SIGN_IN_LIFETIME_MS: '60000', LATCHKEY_CLIENT_ID: 'acme', LATCHKEY_SCHEME: 'com.acme.app' };
    expect(resolveConfig({ allowOtherServers: false }, env).allowOtherServers).toBe(false);
    expect(resolveConfig().allowOtherServers).toBe(true);
  });
});
