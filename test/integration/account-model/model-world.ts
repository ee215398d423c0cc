import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import type { Account } from '../../../src/core/account/account';
import { Accounts } from '../../../src/core/accounts/accounts';
import { toAccountView, type ViewContext } from '../../../src/core/account/view';
import { ServerDiscovery } from '../../../src/core/auth/server-discovery';
import { ServerDirectory } from '../../../src/core/auth/server-directory';
import { storedIssuerMemory } from '../../../src/core/auth/issuer-memory';
import { SignInChoice } from '../../../src/core/auth/sign-in-choice';
import { SignInFlow } from '../../../src/core/auth/sign-in-flow';
import { resolveConfig } from '../../../src/core/config';
import { DeviceSignIn } from '../../../src/core/device/device-sign-in';
import { Vault } from '../../../src/core/vault/vault';
import { JsonFileStore } from '../../../src/main/adapters/key-value-store';
import { createSafeStorageCipher } from '../../../src/main/adapters/safe-storage-cipher';
import type { Clock, Http } from '../../../src/core/ports';
import { FailingDisk } from '../../harness/failing-disk';
import { FakeClock } from '../../harness/fake-clock';
import { SafeStorageDouble } from '../../harness/safe-storage-double';
import { quietViewContext } from '../../harness/view-context';
import { RecordingNotifier } from '../../unit/account/fakes';
import { RecordingLogger, systemRandom } from '../../unit/auth/fakes';
import { ModelServer } from './model-server';

const config = resolveConfig({ serverUrl: 'https://auth.example.test' });

/** Longer than any one operation may take: each request has 10 s, and an operation makes a few. */
export const operationDeadlineMs = 60_000;

/** One run of the app: what compose.ts wires, minus Electron. */
interface App {
  vault: Vault;
  /** Every account; `account` is the active one. */
  accounts: Accounts;
  readonly account: Account;
  flow: SignInFlow;
  device: DeviceSignIn;
}

interface Operation {
  name: string;
  startedAt: number;
  settled: boolean;
}

/**
 * The real account, vault, browser sign-in and device sign-in, over real files in a temporary
 * folder, a disk that fails on demand, a keyring double, the model server and a fake clock. The
 * request deadlines' own timers (global setTimeout) are faked too and move with the clock.
 */
export class ModelWorld {
  readonly clock = new FakeClock();
  /** The configured server. */
  readonly server = new ModelServer(this.clock);
  /** A second server, typed by the user, on the same network and the same true time. */
  readonly other = new ModelServer(this.clock, 'https://auth.other.test', this.server.network);
  readonly servers = [this.server, this.other];
  readonly disk = new FailingDisk();
  readonly safeStorage = new SafeStorageDouble();
  readonly logger = new RecordingLogger();
  readonly directory = mkdtempSync(join(tmpdir(), 'latchkey-model-'));
  /** The last page the app opened in the browser. */
  authorize: string | null = null;
  #app: App | null = null;
  #operations: Operation[] = [];
  #endRun = () => {};

  get app(): App {
    if (!this.#app) throw new Error('The app is not running.');
    return this.#app;
  }

  async boot(): Promise<void> {
    // What the run's process reaches the world through: once it has quit, its timers never fire
    // and its requests never answer, as for a process that has ended.
    let ended = false;
    this.#endRun = () => (ended = true);
    const alive = () => !ended;
    const clock: Clock = {
      now: () => this.clock.now(),
      monotonic: () => this.clock.monotonic(),
      setTimeout: (fn, ms) => (alive() ? this.clock.setTimeout(() => alive() && fn(), ms) : () => {}),
    };
    const http: Http = (input, init) => (alive() ? this.serverAt(new URL(String(input)).origin).http(input, init) : new Promise<Response>(() => {}));
    const store = new JsonFileStore(this.disk.storeClass, { directory: this.directory, name: 'latchkey', now: () => this.clock.now() });
    const vault = await Vault.open({ cipher: createSafeStorageCipher(this.safeStorage, 'linux'), store, clock, logger: this.logger, recovery: store });
    const memory = storedIssuerMemory(store, this.logger);
    const discovery = new ServerDiscovery({ http, serverOrigin: this.server.origin, logger: this.logger, issuers: memory });
    const servers = new ServerDirectory(this.server.origin, discovery, (origin) => new ServerDiscovery({ http, serverOrigin: origin, logger: this.logger, issuers: memory }));
    const browser = {
      open: async (url: string) => {
        if (alive()) this.authorize = url;
      },
    };
    const flow = new SignInFlow({
      discovery,
      servers,
      serverOrigin: this.server.origin,
      clientId: config.clientId,
      scheme: config.developmentScheme,
      lifetimeMs: config.signInLifetimeMs,
      secrets: vault,
      http,
      browser,
      clock,
      random: systemRandom,
      logger: this.logger,
    });
    const device = new DeviceSignIn({ clientId: config.clientId, secrets: vault, http, clock, random: systemRandom, logger: this.logger, discovery, servers });
    const accounts = new Accounts({
      clock,
      random: systemRandom,
      logger: this.logger,
      http,
      notifier: new RecordingNotifier(),
      vault,
      signIn: new SignInChoice(flow, device),
      config,
      serverOrigin: this.server.origin,
      discovery,
      servers,
    });
    this.#app = {
      vault,
      accounts,
      get account() {
        return accounts.active;
      },
      flow,
      device,
    };
    await this.settle('start', accounts.start());
  }

  /** The app quits as Electron's before-quit lets it: timers stop, refused deletions get one more try. */
  quit(): { unsaved: boolean } {
    const { accounts, flow, device, vault } = this.app;
    accounts.stop();
    device.stop();
    flow.stop();
    vault.saveDeletionsNow();
    this.#endRun();
    for (const server of this.servers) server.dropConnections();
    this.#app = null;
    this.authorize = null;
    return { unsaved: vault.status().unsaved };
  }

  /**
   * Runs an operation and lets fake time pass a second at a time until it settles. One that has
   * not settled by its deadline is a hang, which the invariants report.
   */
  async settle<T>(name: string, promise: Promise<T>): Promise<void> {
    const operation: Operation = { name, startedAt: this.clock.now(), settled: false };
    this.#operations.push(operation);
    void promise.then(
      () => (operation.settled = true),
      () => (operation.settled = true),
    );
    await this.advance(0);
    for (let waited = 0; !operation.settled && waited <= operationDeadlineMs; waited += 1_000) await this.advance(1_000);
  }

  /** Time passes: the app's timers (the fake clock) and the requests' deadlines (faked setTimeout). */
  async advance(ms: number): Promise<void> {
    await this.clock.advance(ms);
    vi.advanceTimersByTime(ms);
    await this.clock.advance(0);
  }

  /** Operations that outlived their deadline. */
  hung(): string[] {
    const now = this.clock.now();
    return this.#operations.filter((op) => !op.settled && now - op.startedAt > operationDeadlineMs).map((op) => op.name);
  }

  /** Every token the server issued that shows up in a file, the popover's view or the log. */
  leakedTokens(): string[] {
    const places: string[] = [];
    for (const name of readdirSync(this.directory)) places.push(readFileSync(join(this.directory, name), 'latin1'));
    if (this.#app) places.push(JSON.stringify(toAccountView(this.#app.account.state, this.viewContext(), { now: this.clock.now(), otherNotice: this.app.vault.status().notice })));
    places.push(this.logger.text());
    const leaks: string[] = [];
    for (const token of this.servers.flatMap((server) => [...server.issued])) {
      const forms = [token, Buffer.from(token).toString('base64')];
      if (places.some((place) => forms.some((form) => place.includes(form)))) leaks.push(token.slice(0, 12));
    }
    return leaks;
  }

  /** The server at an origin; the app asks no other. */
  serverAt(origin: string): ModelServer {
    const server = this.servers.find((each) => each.origin === origin);
    if (!server) throw new Error(`The app asked ${origin}, which is no server it knows`);
    return server;
  }

  viewContext(): ViewContext {
    const status = this.app.vault.status();
    return quietViewContext({ vault: { persistence: status.persistence, strength: status.strength, weakAllowed: status.weakAllowed } });
  }

  dispose(): void {
    if (this.#app) this.quit();
    rmSync(this.directory, { recursive: true, force: true });
  }
}
