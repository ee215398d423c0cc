import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { Vault } from '../../src/core/vault/vault';
import { accountSlots } from '../../src/core/vault/records';
import { JsonFileStore } from '../../src/main/adapters/key-value-store';
import { createSafeStorageCipher } from '../../src/main/adapters/safe-storage-cipher';
import { startHarness } from '../../test/harness/app';
import { launchChromium } from '../../test/harness/chromium';
import { SafeStorageDouble } from '../../test/harness/safe-storage-double';
import { summarise, type Figure, type FigureResult } from '../stats';
import { TraceRecorder } from '../trace-recorder';

/** The server the accounts belong to; nothing listens there, so each start is the cached view, then offline. */
const serverOrigin = 'http://127.0.0.1:9';

/** A store with ten accounts, written by the vault itself, as ten sign-ins would leave it. */
async function tenAccountStore(userData: string, keyring: SafeStorageDouble): Promise<void> {
  const store = new JsonFileStore(Conf, { directory: userData, name: 'latchkey' });
  const vault = await Vault.open({ cipher: createSafeStorageCipher(keyring, 'linux'), store, clock: { now: Date.now } });
  for (const slot of accountSlots) {
    const slotVault = vault.forSlot(slot);
    await slotVault.writeToken(`bench-token-${slot}-${'x'.repeat(32)}`);
    const now = Date.now();
    slotVault.writeCachedAccount({
      profile: { id: `user-${slot}`, name: `Person ${slot}`, email: `person${slot}@example.test`, image: null },
      expiresAt: now + (slot + 1) * 24 * 3_600_000,
      lastConfirmedAt: now,
      serverOrigin,
    });
  }
  await vault.settled();
}

/** In the popover's page: each frame after a DOM change, and the first frame with all ten accounts listed, by the wall clock. */
function recordPaints(): void {
  const w = window as unknown as { __paints: number[]; __tenListed?: number };
  w.__paints = [];
  document.addEventListener('DOMContentLoaded', () => {
    new MutationObserver(() =>
      requestAnimationFrame(() => {
        const at = performance.timeOrigin + performance.now();
        w.__paints.push(at);
        if (w.__tenListed === undefined && document.querySelectorAll('.accounts li').length === 10) w.__tenListed = at;
      }),
    ).observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
    });
  });
}

/**
 * Ten accounts: a restart to the first view with all ten listed (from the start call, through the
 * store, the keyring and the popover's page, to the first frame with ten rows in Chromium), and a
 * switch of the active account to painted.
 */
export const tenAccounts: Figure = {
  name: 'ten accounts',
  reference: 'one frame, 16 ms',
  async measure({ quick }): Promise<FigureResult[]> {
    const userData = mkdtempSync(join(tmpdir(), 'latchkey-bench-accounts-'));
    const keyring = new SafeStorageDouble();
    const chromium = await launchChromium();
    await chromium.context.addInitScript(recordPaints);
    try {
      await tenAccountStore(userData, keyring);
      const starts: number[] = [];
      const paints: number[] = [];
      for (let run = 0; run < (quick ? 1 : 6); run += 1) {
        const trace = new TraceRecorder();
        const started = performance.timeOrigin + performance.now();
        const harness = await startHarness({ chromium, userData, safeStorage: keyring, serverOrigin, trace });
        try {
          if (harness.app.accounts.list().length !== 10) throw new Error('The store did not open as ten accounts.');
          const page = harness.popoverWindow().page();
          const listed = await page.waitForFunction(() => (window as unknown as { __tenListed?: number }).__tenListed);
          starts.push(((await listed.jsonValue()) as number) - started);
          for (let i = 0; i < (quick ? 2 : 6); i += 1) {
            trace.clear();
            harness.app.accounts.select(accountSlots[(i + 1) % 10]!);
            const pushed = performance.timeOrigin + trace.at('view pushed');
            const painted = await page.waitForFunction((after) => (window as unknown as { __paints: number[] }).__paints.find((at) => at > after), pushed);
            paints.push(((await painted.jsonValue()) as number) - pushed);
          }
        } finally {
          await harness.close();
        }
      }
      return [
        summarise('Ten accounts: restart → first view with all ten listed', starts.slice(quick ? 0 : 1), 'ms', 'the cached list, before any server answers'),
        summarise('Ten accounts: switch the active one → painted (Chromium)', paints.slice(quick ? 0 : 1), 'ms', 'one frame, 16 ms'),
      ];
    } finally {
      await chromium.close();
      rmSync(userData, { recursive: true, force: true });
    }
  },
};
