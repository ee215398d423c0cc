import { getCurrentFuseWire, FuseV1Options } from '@electron/fuses';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WebPreferences } from 'electron';
import type { LoginItems } from '../core/ports';
import type { UpdateFeed } from '../core/updates/ports';
import { check, expectedFuses, fusesHold, unsafePreferences, type Check, type Detail } from '../core/self-test/self-test';
import type { ElectronApi } from './electron-api';

export interface SelfTestDeps {
  electron: Pick<ElectronApi, 'safeStorage' | 'app' | 'Notification'>;
  platform: NodeJS.Platform;
  scheme: string;
  /** How strong the OS keyring backend is, as the vault judges it. */
  strengthOf(backend: string): 'strong' | 'weak' | 'unavailable';
  trayCreated(): boolean;
  loginItems: LoginItems | null;
  /** Whether the OS sends the scheme to this copy, with what registration did at start. */
  protocolFacts(): Promise<{ isDefaultClient: boolean } & Detail>;
  /** Sends the self-test's link through the OS and says whether it came back. */
  sendDeepLink(): Promise<{ link: string; received: boolean; advice: string | null }>;
  windows(): { name: string; webPreferences: WebPreferences }[];
  /** The running executable, whose fuses are read back. */
  executablePath: string;
  /** The update feed: where it is, and whether it answers. */
  updates: Pick<UpdateFeed, 'describe' | 'check'>;
}

/** Asks the feed for its newest version and downloads nothing (the core alone starts downloads). */
async function feedAnswer(updates: SelfTestDeps['updates']): Promise<Detail> {
  const { provider, url } = await updates.describe();
  if (url === null) return { provider, url, answers: null };
  try {
    const answer = await updates.check();
    const latest = answer.kind === 'available' ? answer.update.version : answer.kind === 'upToDate' ? answer.latest : null;
    return { provider, url, answers: true, latest };
  } catch (error) {
    return { provider, url, answers: false, error: error instanceof Error ? error.message.split('\n', 1)[0]! : String(error) };
  }
}

function backendOf(deps: SelfTestDeps): string {
  if (deps.platform === 'darwin') return 'keychain';
  if (deps.platform === 'win32') return 'dpapi';
  return deps.electron.safeStorage.getSelectedStorageBackend();
}

/** Encrypts a random value, writes it to a scratch file, reads it back and decrypts it. */
async function keyringRoundTrip(safeStorage: SelfTestDeps['electron']['safeStorage']): Promise<boolean> {
  const value = randomBytes(24).toString('base64url');
  const scratch = await mkdtemp(join(tmpdir(), 'latchkey-self-test-'));
  try {
    await writeFile(join(scratch, 'probe.bin'), await safeStorage.encryptStringAsync(value), { mode: 0o600 });
    const { result } = await safeStorage.decryptStringAsync(await readFile(join(scratch, 'probe.bin')));
    return result === value;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The fuse wire stores ASCII '1' for an enabled fuse and '0' for a disabled one. */
const fuseEnabled = 0x31;
const fuseDisabled = 0x30;

const fuseNames = Object.keys(expectedFuses) as (keyof typeof expectedFuses)[];

export function selfTestChecks(deps: SelfTestDeps): Check[] {
  const { electron } = deps;
  return [
    check('keyring', async () => {
      const available = await electron.safeStorage.isAsyncEncryptionAvailable();
      const backend = backendOf(deps);
      return { available, backend, strength: available ? deps.strengthOf(backend) : 'unavailable', roundTrip: available ? await keyringRoundTrip(electron.safeStorage) : false };
    }, (d) => d.available && d.roundTrip && d.strength === 'strong'),
    // Passes only when the OS holds our own registration, not merely some handler of the scheme.
    check('protocol', async (): Promise<Detail> => ({ scheme: deps.scheme, ...(await deps.protocolFacts()) }), (d) => d.isDefaultClient === true),
    check('deepLink', () => deps.sendDeepLink(), (d) => d.received),
    check('tray', () => ({ created: deps.trayCreated() }), (d) => d.created),
    check('notifications', () => ({ supported: electron.Notification.isSupported() }), (d) => d.supported),
    check('loginItem', async () => {
      if (!deps.loginItems) return { supported: false, enabled: false, requiresApproval: false };
      return { ...(await deps.loginItems.read()) };
    }, () => true),
    check('fuses', async (): Promise<Detail> => {
      if (!electron.app.isPackaged) return { packaged: false };
      const wire = await getCurrentFuseWire(deps.executablePath);
      const states = wire as unknown as Record<number, number>;
      return Object.fromEntries(
        fuseNames.map((name) => {
          const state = states[FuseV1Options[name]];
          return [name, state === fuseEnabled ? true : state === fuseDisabled ? false : null];
        }),
      );
    }, (d, app) => !app.packaged || fusesHold(d)),
    // A checkout has no feed; a packaged app must reach its own.
    check('updates', () => feedAnswer(deps.updates), (d, app) => !app.packaged || d.answers === true),
    check('windows', () => {
      const problems = deps.windows().flatMap(({ name, webPreferences }) =>
        unsafePreferences(webPreferences as Detail).map((problem) => `${name}: ${problem}`),
      );
      return { windows: deps.windows().length, problems: problems.join('; ') || null };
    }, (d) => d.problems === null),
  ];
}
