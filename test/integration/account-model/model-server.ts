import { createHash, randomBytes } from 'node:crypto';
import type { Http } from '../../../src/core/ports';
import type { FakeClock } from '../../harness/fake-clock';

/** How the network between the app and the server behaves for the next requests. */
export type NetworkMode =
  /** The server answers. */
  | 'ok'
  /** No route: every request fails at once. */
  | 'down'
  /** Headers arrive, the body never does (a proxy or server that stalls). */
  | 'stalled'
  /** A captive portal answers every request with its own 200 HTML page. */
  | 'html';

interface Session {
  expiresAt: number;
  user: { id: string; email: string; name: string; image: null };
}

export const sessionLifetimeMs = 2 * 3_600_000;
type ModelUser = Session['user'];
/** The people who sign in: Ada, and Grace when a second account is added. */
export const modelUsers = {
  u1: { id: 'u1', email: 'ada@example.com', name: 'Ada', image: null },
  u2: { id: 'u2', email: 'grace@example.com', name: 'Grace', image: null },
} satisfies Record<string, ModelUser>;
export type ModelPerson = keyof typeof modelUsers;

/**
 * The auth server as the account model sees it: BetterAuth's get-session and sign-out, the
 * handoff's code exchange, device sign-in (RFC 8628) and metadata, on a clock of its own. The
 * machine's clock is `clock`; the server's is `clock.now() - skewMs`, so a skewed or jumped local
 * clock leaves the server's view alone. Every answer carries a `Date` header, as HTTP servers do.
 */
export class ModelServer {
  readonly sessions = new Map<string, Session>();
  /** Every token ever issued, to look for on disk and in the view. */
  readonly issued = new Set<string>();
  /** The server's last word on each token: valid until (server time), or refused. */
  readonly lastAnswer = new Map<string, { valid: true; expiresAt: number } | { valid: false }>();
  /** Who signs in at the next approval, in the browser or on the phone. */
  signsInAs: ModelPerson = 'u1';
  readonly #codes = new Map<string, { challenge: string; redirectUri: string; user: ModelUser }>();
  readonly #devices = new Map<string, { approved: boolean; expiresAt: number; user?: ModelUser }>();
  /** Session checks whose answer has not finished arriving. */
  checksInFlight = 0;
  maxChecksInFlight = 0;
  /** Ends every stalled answer, as the connections close when the app's process ends. */
  readonly #open = new Set<() => void>();

  /** Tokens and codes sent here that another server issued: a leak to the wrong server. */
  readonly foreign: string[] = [];
  readonly #issuedCodes = new Set<string>();

  /** `network`: the way to the server and the true time, shared by every server on the machine's network. */
  constructor(
    private readonly clock: FakeClock,
    readonly origin = 'https://auth.example.test',
    readonly network: { mode: NetworkMode; skewMs: number } = { mode: 'ok', skewMs: 0 },
  ) {}

  get mode(): NetworkMode {
    return this.network.mode;
  }

  set mode(mode: NetworkMode) {
    this.network.mode = mode;
  }

  /** How far the machine's clock runs ahead of the servers'. */
  get skewMs(): number {
    return this.network.skewMs;
  }

  set skewMs(ms: number) {
    this.network.skewMs = ms;
  }

  serverNow(): number {
    return this.clock.now() - this.skewMs;
  }

  /** The user approves in the browser: the callback the server redirects to, with a fresh code. */
  approve(authorize: string): { callback: string; code: string } {
    const params = new URL(authorize).searchParams;
    const code = randomBytes(24).toString('base64url');
    this.#codes.set(code, { challenge: params.get('code_challenge')!, redirectUri: params.get('redirect_uri')!, user: modelUsers[this.signsInAs] });
    this.#issuedCodes.add(code);
    return { callback: `${params.get('redirect_uri')}?code=${code}&state=${params.get('state')}&iss=${encodeURIComponent(this.origin)}`, code };
  }

  /** The user approves every device code shown so far. */
  approveDevices(): void {
    for (const grant of this.#devices.values()) {
      grant.user ??= modelUsers[this.signsInAs];
      grant.approved = true;
    }
  }

  /** The app's process ended: its connections close with it. */
  dropConnections(): void {
    for (const drop of [...this.#open]) drop();
  }

  /** The session is ended elsewhere (another device signed it out, an admin revoked it). */
  revokeAll(): void {
    this.sessions.clear();
  }

  readonly http: Http = async (input, init) => {
    if (init?.signal?.aborted) throw init.signal.reason;
    if (this.mode === 'down') throw new TypeError('fetch failed');
    const path = new URL(String(input)).pathname;
    if (this.mode === 'html') return this.#html();
    if (this.mode === 'stalled') return this.#stalled(path, init?.signal ?? undefined);
    return this.#answer(path, init);
  };

  #answer(path: string, init: RequestInit | undefined): Response {
    const now = this.serverNow();
    const bearer = new Headers(init?.headers).get('authorization')?.replace(/^Bearer /u, '') ?? '';
    if (bearer && !this.issued.has(bearer)) this.foreign.push(`token ${bearer.slice(0, 12)}`);
    switch (path) {
      case '/.well-known/oauth-authorization-server':
        return this.#json({
          issuer: this.origin,
          authorization_endpoint: `${this.origin}/desktop/authorize`,
          token_endpoint: `${this.origin}/api/auth/desktop/token`,
          response_types_supported: ['code'],
          code_challenge_methods_supported: ['S256'],
          device_authorization_endpoint: `${this.origin}/api/auth/device/code`,
          desktop_device_token_endpoint: `${this.origin}/api/auth/device/token`,
          authorization_response_iss_parameter_supported: true,
          desktop_session_endpoint: `${this.origin}/api/auth/get-session`,
        });
      case '/api/auth/get-session': {
        this.#countCheck(1);
        this.#countCheck(-1);
        const session = this.sessions.get(bearer);
        if (!session || session.expiresAt <= now) {
          this.lastAnswer.set(bearer, { valid: false });
          return this.#json(null);
        }
        this.lastAnswer.set(bearer, { valid: true, expiresAt: session.expiresAt });
        return this.#json({ session: { expiresAt: new Date(session.expiresAt).toISOString() }, user: session.user });
      }
      case '/api/auth/sign-out':
        this.sessions.delete(bearer);
        this.lastAnswer.set(bearer, { valid: false });
        return this.#json({ success: true });
      case '/api/auth/desktop/token': {
        const body = JSON.parse(String(init?.body)) as Record<string, string>;
        if (!this.#issuedCodes.has(body.code ?? '')) this.foreign.push(`code ${String(body.code).slice(0, 12)}`);
        const grant = this.#codes.get(body.code ?? '');
        this.#codes.delete(body.code ?? '');
        const challenge = createHash('sha256').update(body.code_verifier ?? '').digest('base64url');
        if (!grant || grant.challenge !== challenge || grant.redirectUri !== body.redirect_uri) return this.#json({ error: 'invalid_grant' }, 400);
        return this.#json(this.#issue(grant.user));
      }
      case '/api/auth/device/code': {
        const deviceCode = randomBytes(16).toString('hex');
        this.#devices.set(deviceCode, { approved: false, expiresAt: now + 600_000 });
        return this.#json({ device_code: deviceCode, user_code: 'WDJBMJHT', verification_uri: `${this.origin}/device`, expires_in: 600, interval: 5 });
      }
      case '/api/auth/device/token': {
        const body = JSON.parse(String(init?.body)) as Record<string, string>;
        const grant = this.#devices.get(body.device_code ?? '');
        if (!grant) return this.#json({ error: 'invalid_grant' }, 400);
        if (grant.expiresAt <= now) return this.#json({ error: 'expired_token' }, 400);
        if (!grant.approved) return this.#json({ error: 'authorization_pending' }, 400);
        this.#devices.delete(body.device_code ?? '');
        return this.#json(this.#issue(grant.user ?? modelUsers.u1));
      }
      default:
        return this.#json({ error: 'not_found' }, 404);
    }
  }

  #issue(user: ModelUser) {
    const token = `lk_model_${randomBytes(16).toString('hex')}`;
    const expiresAt = this.serverNow() + sessionLifetimeMs;
    this.sessions.set(token, { expiresAt, user });
    this.issued.add(token);
    this.lastAnswer.set(token, { valid: true, expiresAt });
    return { access_token: token, token_type: 'Bearer', expires_in: sessionLifetimeMs / 1000, expires_at: new Date(expiresAt).toISOString(), user };
  }

  #countCheck(delta: number): void {
    this.checksInFlight += delta;
    this.maxChecksInFlight = Math.max(this.maxChecksInFlight, this.checksInFlight);
  }

  #headers(contentType: string): Headers {
    return new Headers({ 'content-type': contentType, date: new Date(this.serverNow()).toUTCString() });
  }

  #json(body: unknown, status = 200): Response {
    return new Response(JSON.stringify(body), { status, headers: this.#headers('application/json') });
  }

  #html(): Response {
    return new Response('<!doctype html><title>Sign in to the Wi-Fi</title><form>Accept the terms</form>', { status: 200, headers: this.#headers('text/html') });
  }

  /** Headers now, a body that never comes: only the request's own deadline (its signal) ends it. */
  #stalled(path: string, signal: AbortSignal | undefined): Response {
    const check = path === '/api/auth/get-session';
    if (check) this.#countCheck(1);
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      if (check) this.#countCheck(-1);
    };
    const open = this.#open;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"session":'));
        const drop = (reason: unknown) => {
          open.delete(dropConnection);
          end();
          controller.error(reason);
        };
        const dropConnection = () => drop(new TypeError('terminated'));
        open.add(dropConnection);
        signal?.addEventListener('abort', () => drop(signal.reason));
      },
      cancel: () => end(),
    });
    return new Response(body, { status: 200, headers: this.#headers('application/json') });
  }
}
