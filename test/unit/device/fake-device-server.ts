import { randomBytes } from 'node:crypto';
import type { Http } from '../../../src/core/ports';
import type { FakeClock } from '../../harness/fake-clock';

interface Grant {
  deviceCode: string;
  userCode: string;
  clientId: string;
  expiresAt: number;
  status: 'pending' | 'approved' | 'denied';
  lastPolledAt: number | null;
}

/**
 * A device authorization server in memory, with BetterAuth's rules (device-authorization/routes.ts):
 * a poll sooner than the interval after the last one answers `slow_down`, an expired code
 * `expired_token`, a denied one `access_denied`, an approved one a session token once. Its
 * metadata advertises the endpoints as the desktop-handoff plugin does.
 */
export class FakeDeviceServer {
  readonly origin = 'https://auth.example.test';
  readonly grants: Grant[] = [];
  /** When each poll was sent, by the fake clock. */
  readonly polls: number[] = [];
  readonly sessions = new Map<string, { expiresAt: number; user: { id: string; email: string; name: string; image: null } }>();
  down = false;
  /** Something on the way answers the polls instead of the server (a proxy, a portal). */
  onTheWay: (() => Promise<Response>) | null = null;
  offersDevice = true;
  intervalSeconds = 5;
  lifetimeSeconds = 600;
  /** Answer `slow_down` to every poll while true, as a rate limiter would. */
  forceSlowDown = false;

  constructor(private readonly clock: FakeClock) {}

  get last(): Grant {
    const grant = this.grants.at(-1);
    if (!grant) throw new Error('No device code was issued');
    return grant;
  }

  approve(user = { id: 'u1', email: 'ada@example.com', name: 'Ada', image: null }): void {
    this.last.status = 'approved';
    this.approvedUser = user;
  }

  deny(): void {
    this.last.status = 'denied';
  }

  approvedUser = { id: 'u1', email: 'ada@example.com', name: 'Ada', image: null as null };

  readonly http: Http = async (input, init) => {
    const url = new URL(String(input));
    const now = this.clock.now();
    // Every poll the app sent, answered or not.
    if (url.pathname === '/api/auth/device/token') this.polls.push(now);
    if (this.down) throw new TypeError('fetch failed');
    if (this.onTheWay && url.pathname === '/api/auth/device/token') return this.onTheWay();
    if (url.pathname === '/.well-known/oauth-authorization-server') {
      return Response.json({
        issuer: this.origin,
        authorization_endpoint: `${this.origin}/desktop/authorize`,
        token_endpoint: `${this.origin}/api/auth/desktop/token`,
        response_types_supported: ['code'],
        code_challenge_methods_supported: ['S256'],
        ...(this.offersDevice && {
          device_authorization_endpoint: `${this.origin}/api/auth/device/code`,
          desktop_device_token_endpoint: `${this.origin}/api/auth/device/token`,
        }),
      });
    }
    if (url.pathname === '/api/auth/device/code') {
      const clientId = new URLSearchParams(String(init?.body)).get('client_id') ?? '';
      const userCode = 'WDJBMJHT';
      const grant: Grant = { deviceCode: randomBytes(16).toString('hex'), userCode, clientId, expiresAt: now + this.lifetimeSeconds * 1000, status: 'pending', lastPolledAt: null };
      this.grants.push(grant);
      return Response.json({
        device_code: grant.deviceCode,
        user_code: userCode,
        verification_uri: `${this.origin}/device`,
        verification_uri_complete: `${this.origin}/device?user_code=${userCode}`,
        expires_in: this.lifetimeSeconds,
        interval: this.intervalSeconds,
      });
    }
    if (url.pathname === '/api/auth/device/token') {
      const body = JSON.parse(String(init?.body)) as Record<string, string>;
      const grant = this.grants.find((each) => each.deviceCode === body.device_code);
      const error = (code: string) => Response.json({ error: code, error_description: code }, { status: 400 });
      if (!grant || body.grant_type !== 'urn:ietf:params:oauth:grant-type:device_code' || body.client_id !== grant.clientId) return error('invalid_grant');
      if (this.forceSlowDown || (grant.lastPolledAt !== null && now - grant.lastPolledAt < this.intervalSeconds * 1000)) {
        return error('slow_down');
      }
      grant.lastPolledAt = now;
      if (grant.expiresAt < now) return error('expired_token');
      if (grant.status === 'pending') return error('authorization_pending');
      if (grant.status === 'denied') return error('access_denied');
      this.grants.splice(this.grants.indexOf(grant), 1);
      const token = `session-${randomBytes(8).toString('hex')}`;
      this.sessions.set(token, { expiresAt: now + 7 * 86_400_000, user: this.approvedUser });
      return Response.json({ access_token: token, token_type: 'Bearer', expires_in: 7 * 86_400, scope: '' });
    }
    if (url.pathname === '/api/auth/get-session') {
      const token = new Headers(init?.headers).get('authorization')?.replace(/^Bearer /u, '') ?? '';
      const session = this.sessions.get(token);
      return Response.json(session ? { session: { expiresAt: new Date(session.expiresAt).toISOString() }, user: session.user } : null);
    }
    return Response.json({ error: 'not_found' }, { status: 404 });
  };
}
