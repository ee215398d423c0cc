import type { ViewContext } from '../../src/core/account/view';

/** What the view model needs besides the account, as a fresh install has it: for tests that render the real view. */
export function quietViewContext(overrides: Partial<ViewContext> = {}): ViewContext {
  return {
    vault: { persistence: 'persisted', strength: 'strong', weakAllowed: false },
    openAtLogin: { supported: true, enabled: false, requiresApproval: false },
    loopbackAvailable: true,
    appVersion: '0.1.0',
    trayIcon: { overridable: false, panel: 'auto' },
    shortcut: { accelerator: null, label: null, problem: null },
    update: { ready: null, restartWaiting: false, activity: 'idle', supported: true, channel: 'stable', problem: null, lastCheckedAt: null },
    ...overrides,
  };
}
