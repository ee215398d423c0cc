import { createHash, randomBytes } from 'node:crypto';
import type { AttemptSecretRead, AttemptSecrets } from '../../../src/core/auth/attempt';
import type { Browser, Http, Logger, LogLevel, Random } from '../../../src/core/ports';

/** The vault's 'attempt' secret in memory, shared by two flows to play a restart. */
export class MemorySecrets implements AttemptSecrets {
  value: string | null = null;
  read: 'normal' | 'locked' | 'lost' = 'normal';
  failWrites = false;
  writes = 0;
  async readSecret(): Promise<AttemptSecretRead> {
    if (this.read !== 'normal') return { kind: this.read };
    return this.value === null ? { kind: 'none' } : { kind: 'value', value: this.value };
  }
  async writeSecret(_name: 'attempt', value: string) {
    if (this.failWrites) throw new Error('disk full');
    this.writes += 1;
    this.value = value;
  }
  async deleteSecret() {
    this.value = null;
  }
}

export class RecordingLogger implements Logger {
  lines: { level: LogLevel; message: string; fields?: Record<string, unknown> }[] = [];
  log(level: LogLevel, message: string, fields?: Record<string, string | number | boolean | null>) {
    this.lines.push({ level, message, ...(fields ? { fields } : {}) });
  }
  text(): string {
    return JSON.stringify(this.lines);
  }
}

export class RecordingBrowser implements Browser {
  opened: string[] = [];
  fail = false;
  async open(url: string) {
    if (this.fail) throw new Error('no browser');
    this.opened.push(url);
  }
  last(): URL {
    const url = this.opened.at(-1);
    if (!url) throw new Error('The browser was never opened');
    return new URL(url);
  }
}

export const systemRandom: Random = { bytes: (n) => new Uint8Array(randomBytes(n)) };

interface Grant {
  challenge: string;
  redirectUri: string;
  clientId: string;
  used: boolean;
}

/**
 * The auth server's side of the handoff, in memory, with the protocol's rules: codes bound to the
 * S256 challenge, the redirect URI and the client; single use, spent by any attempt.
 */
export class FakeAuthServer {
  readonly grants = new Map<string, Grant>();
  exchanges = 0;
  down = false;
  failWith: number | null = null;

  constructor(readonly origin = 'https://auth.example.test') {}

  /** What the browser does when the user approves: the callback URL the server redirects to. */
  approve(authorize: string | URL, code = randomBytes(32).toString('base64url')): string {
    const url = new URL(authorize);
    const params = url.searchParams;
    this.grants.set(code, {
      challenge: params.get('code_challenge')!,
      redirectUri: params.get('redirect_uri')!,
      clientId: params.get('client_id')!,
      used: false,
    });
    return `${params.get('redirect_uri')}?code=${code}&state=${params.get('state')}`;
  }

  deny(authorize: string | URL): string {
    const params = new URL(authorize).searchParams;
    return `${params.get('redirect_uri')}?error=access_denied&state=${params.get('state')}`;
  }

  codeOf(callback: string): string {
    return new URL(callback).searchParams.get('code')!;
  }

  readonly fetch: Http = async (input, init) => {
    if (this.down) throw new TypeError('fetch failed');
    const url = new URL(String(input));
    if (url.origin !== this.origin || url.pathname !== '/api/auth/desktop/token' || init?.method !== 'POST') {
      return Response.json({ error: 'not_found' }, { status: 404 });
    }
    this.exchanges += 1;
    if (this.failWith) return new Response('oops', { status: this.failWith });
    const body = JSON.parse(String(init.body)) as Record<string, string>;
    const grant = this.grants.get(body.code ?? '');
    if (!grant || grant.used) return Response.json({ error: 'invalid_grant' }, { status: 400 });
    grant.used = true;
    const challenge = createHash('sha256').update(body.code_verifier ?? '').digest('base64url');
    if (challenge !== grant.challenge || body.redirect_uri !== grant.redirectUri || body.client_id !== grant.clientId) {
      return Response.json({ error: 'invalid_grant' }, { status: 400 });
    }
    return Response.json({
      access_token: `session-${randomBytes(8).toString('hex')}`,
      token_type: 'Bearer',
      expires_at: '2026-12-23T09:00:00.000Z',
      user: { id: 'u1', email: 'ada@example.com', name: 'Ada', image: null },
    });
  };
}
