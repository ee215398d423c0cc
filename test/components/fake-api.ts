import { vi } from 'vitest';
import type { LatchkeyApi } from '../../src/contract/commands';
import { done, type Outcome } from '../../src/contract/outcome';
import type { AccountView } from '../../src/contract/view';
import type { Ticker } from '../../src/renderer/lib/popover-state.svelte';

const ok = () => vi.fn(async (): Promise<Outcome> => done);

/** The preload API as the popover sees it, with every command recorded and a way to push views. */
export function fakeApi(initial: AccountView) {
  const listeners = new Set<(view: AccountView) => void>();
  const shownListeners = new Set<() => void>();
  const api = {
    getView: vi.fn(async () => initial),
    signIn: ok(),
    signInWithDevice: ok(),
    copyDeviceAddress: ok(),
    cancelSignIn: ok(),
    submitCode: vi.fn(async (_payload: { code: string }): Promise<Outcome> => done),
    useLoopback: ok(),
    signOut: ok(),
    retry: ok(),
    allowWeakEncryption: vi.fn(async (_payload: { allow: boolean }): Promise<Outcome> => done),
    setOpenAtLogin: vi.fn(async (_payload: { enabled: boolean }): Promise<Outcome> => done),
    setTrayPanel: vi.fn(async (_payload: { panel: 'auto' | 'light' | 'dark' }): Promise<Outcome> => done),
    setShortcut: vi.fn(async (_payload: { accelerator: string | null }): Promise<Outcome> => done),
    openLoginItemSettings: ok(),
    copyDiagnostics: ok(),
    hidePopover: ok(),
    fitPopover: vi.fn(async (payload: { height: number }) => ({ height: payload.height })),
    openLogsFolder: ok(),
    quit: ok(),
    restartToUpdate: ok(),
    openReleaseNotes: ok(),
    checkForUpdates: ok(),
    setUpdateChannel: vi.fn(async (_payload: { channel: 'stable' | 'beta' }): Promise<Outcome> => done),
    addAccount: ok(),
    addAccountOnServer: ok(),
    selectAccount: vi.fn(async (_payload: { id: string }): Promise<Outcome> => done),
    signOutAccount: vi.fn(async (_payload: { id: string }): Promise<Outcome> => done),
    signOutAll: ok(),
    onView: vi.fn((listener: (view: AccountView) => void) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    }),
    onShown: vi.fn((listener: () => void) => {
      shownListeners.add(listener);
      return () => void shownListeners.delete(listener);
    }),
  } satisfies LatchkeyApi;
  return {
    api,
    push(view: AccountView) {
      for (const listener of listeners) listener(view);
    },
    /** Main showed the window. */
    shown() {
      for (const listener of shownListeners) listener();
    },
    listenerCount: () => listeners.size,
  };
}

/** A clock the test moves by hand; `every` ticks when the test advances past each interval. */
export function manualTicker(start: number) {
  let time = start;
  const timers = new Set<{ ms: number; next: number; tick: () => void }>();
  const ticker: Ticker = {
    now: () => time,
    every(ms, tick) {
      const timer = { ms, next: time + ms, tick };
      timers.add(timer);
      return () => void timers.delete(timer);
    },
  };
  return {
    ticker,
    advance(ms: number) {
      time += ms;
      for (const timer of timers) {
        while (timer.next <= time) {
          timer.next += timer.ms;
          timer.tick();
        }
      }
    },
    activeTimers: () => timers.size,
  };
}
