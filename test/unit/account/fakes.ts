import type { AccountDeps } from '../../../src/core/account/account';
import { resolveConfig, type LatchkeyConfigInput } from '../../../src/core/config';
import type { CachedAccount, PendingSignIn, SecretRead, SignInPort, SignInStep, TokenVault } from '../../../src/core/account/ports';
import type { Http, NotificationRequest, Notifier } from '../../../src/core/ports';
import type { FakeClock } from '../../harness/fake-clock';

/** A vault in memory whose keyring can be locked, as at login before the keyring opens. */
export class MemoryVault implements TokenVault {
  token: string | null = null;
  cached: CachedAccount | null = null;
  locked = false;
  lost = false;
  async readToken(): Promise<SecretRead> {
    if (this.locked) return { kind: 'locked' };
    if (this.lost) return { kind: 'lost' };
    return this.token === null ? { kind: 'none' } : { kind: 'value', value: this.token };
  }
  async writeToken(token: string) {
    this.token = token;
  }
  async deleteToken() {
    this.token = null;
  }
  readCachedAccount() {
    return this.cached;
  }
  writeCachedAccount(account: CachedAccount) {
    this.cached = account;
  }
  clearCachedAccount() {
    this.cached = null;
  }
}

/** A sign-in flow whose steps the test decides. */
export class ScriptedSignIn implements SignInPort {
  attempt: PendingSignIn | null = null;
  nextStep: SignInStep = { kind: 'ignored' };
  starts: string[] = [];
  cancels = 0;
  #timeout: (() => void) | null = null;
  constructor(private readonly clock: FakeClock) {}
  async start(via: 'scheme' | 'loopback') {
    this.starts.push(via);
    this.attempt = { expiresAt: this.clock.now() + 600_000, via };
    return { ok: true as const, pending: this.attempt };
  }
  async resume() {
    return this.attempt;
  }
  pending() {
    return this.attempt;
  }
  async receiveCallback(): Promise<SignInStep> {
    const step = this.nextStep;
    if (step.kind === 'signedIn' || step.kind === 'ended') this.attempt = null;
    return step;
  }
  async submitCode(): Promise<SignInStep> {
    return this.receiveCallback();
  }
  async cancel() {
    this.cancels += 1;
    this.attempt = null;
  }
  onTimeout(listener: () => void) {
    this.#timeout = listener;
  }
  timeOut() {
    this.attempt = null;
    this.#timeout?.();
  }
}

export interface ServerSession {
  expiresAt: number;
  user: { id: string; email: string; name: string; image: string | null };
}

/** BetterAuth's get-session and sign-out, as far as the account sees them. */
export class SessionServer {
  sessions = new Map<string, ServerSession>();
  down = false;
  failing = false;
  checks = 0;
  signOuts: string[] = [];
  /** The server's own clock; when set, its answers carry a `Date` header, as BetterAuth's do. */
  clock: (() => number) | null = null;
  /** Something between the app and the server answers instead of it (a portal, a filter, a stall). */
  onTheWay: (() => Response | Promise<Response>) | null = null;
  readonly http: Http = async (input, init) => {
    if (this.down) throw new TypeError('fetch failed');
    if (this.failing) return new Response('oops', { status: 502 });
    const path = new URL(String(input)).pathname;
    const token = new Headers(init?.headers).get('authorization')?.replace(/^Bearer /u, '') ?? '';
    if (path === '/api/auth/get-session') {
      this.checks += 1;
      if (this.onTheWay) return this.onTheWay();
      const session = this.sessions.get(token);
      const headers = this.clock ? { date: new Date(this.clock()).toUTCString() } : undefined;
      // By its own clock, a server forgets a session that has run out.
      if (!session || (this.clock && session.expiresAt <= this.clock())) return Response.json(null, { headers });
      return Response.json({ session: { expiresAt: new Date(session.expiresAt).toISOString() }, user: session.user }, { headers });
    }
    if (path === '/api/auth/sign-out') {
      this.signOuts.push(token);
      this.sessions.delete(token);
      return Response.json({ success: true });
    }
    return new Response('not found', { status: 404 });
  };
}

export class RecordingNotifier implements Notifier {
  shown: { request: NotificationRequest; act?: () => void }[] = [];
  isSupported() {
    return true;
  }
  notify(request: NotificationRequest, onAction?: () => void) {
    this.shown.push({ request, act: onAction });
  }
  titles() {
    return this.shown.map((each) => each.request.title);
  }
}

/** An account's dependencies, all in memory: the fakes above on a fake clock, with a short backoff. */
export function memoryAccountDeps(parts: {
  clock: FakeClock;
  vault: MemoryVault;
  server: SessionServer;
  notifier: RecordingNotifier;
  signIn: ScriptedSignIn;
  config?: Partial<LatchkeyConfigInput>;
}): AccountDeps {
  return {
    clock: parts.clock,
    random: { bytes: (n) => new Uint8Array(n).fill(128) },
    logger: { log() {} },
    http: parts.server.http,
    notifier: parts.notifier,
    vault: parts.vault,
    signIn: parts.signIn,
    config: resolveConfig(parts.config ?? {}),
    serverOrigin: 'http://127.0.0.1:4455',
    backoff: { baseMs: 10_000, capMs: 80_000 },
  };
}
