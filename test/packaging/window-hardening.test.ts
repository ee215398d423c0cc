import type * as Electron from 'electron';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { commandChannel, commandNames } from '../../src/contract/channels';
import { builtPaths, startHarness, type Harness } from '../harness/app';
import type { BrowserWindowDouble } from '../harness/window-double';

/** Places a compromised or buggy page might try to go; none of them may load in our window. */
const navigationTargets = [
  'https://attacker.example/phish',
  'http://127.0.0.1:4455/desktop/authorize',
  'file:///etc/passwd',
  'javascript:alert(1)',
  'dev.latchkey.app://callback?code=x&state=y',
];

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
}, 60_000);
afterAll(async () => harness?.close());

function eachWindow(check: (window: BrowserWindowDouble, index: number) => void): void {
  expect(harness.double.windows.length, 'the app creates at least its popover').toBeGreaterThan(0);
  harness.double.windows.forEach(check);
}

describe('every window the app creates', () => {
  it('keeps the page away from Node and from Electron: isolated, sandboxed, web security on', () => {
    eachWindow((window, index) => {
      const preferences = window.options.webPreferences ?? {};
      expect(preferences, `window ${index}`).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
      });
      for (const risky of ['allowRunningInsecureContent', 'experimentalFeatures', 'webviewTag', 'nodeIntegrationInWorker', 'nodeIntegrationInSubFrames'] as const) {
        expect(preferences[risky] ?? false, `window ${index}: ${risky}`).toBe(false);
      }
      expect(preferences.enableBlinkFeatures, `window ${index}: enableBlinkFeatures`).toBeUndefined();
      expect(preferences.preload, `window ${index} runs only our built preload`).toBe(builtPaths.preload);
    });
  });

  it('never navigates away from the popover', () => {
    eachWindow((window, index) => {
      const listeners = window.webContents.listeners('will-navigate') as ((event: Electron.Event, url: string) => void)[];
      expect(listeners.length, `window ${index} handles will-navigate`).toBeGreaterThan(0);
      for (const url of navigationTargets) {
        const event = { preventDefault: vi.fn(), url } as unknown as Electron.Event;
        for (const listener of listeners) listener(event, url);
        expect(event.preventDefault, `window ${index} must refuse ${url}`).toHaveBeenCalled();
      }
    });
  });

  it('opens no new window, whatever the page asks for', () => {
    eachWindow((window, index) => {
      const handler = window.webContents.windowOpenHandler;
      expect(handler, `window ${index} sets a window-open handler`).not.toBeNull();
      for (const url of navigationTargets) {
        const details = { url, frameName: '', features: '', disposition: 'new-window', referrer: { url: '', policy: 'no-referrer' } };
        expect(handler?.(details as Electron.HandlerDetails), `window ${index}: open ${url}`).toEqual({ action: 'deny' });
      }
    });
  });

  it('refuses every permission the page might request or probe', () => {
    eachWindow((window, index) => {
      const request = window.webContents.permissionRequestHandler as
        | ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void)
        | null;
      const check = window.webContents.permissionCheckHandler as ((contents: unknown, permission: string) => boolean) | null;
      expect(request, `window ${index} sets a permission request handler`).toBeTypeOf('function');
      expect(check, `window ${index} sets a permission check handler`).toBeTypeOf('function');
      for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
        const callback = vi.fn();
        request?.(window.webContents, permission, callback);
        expect(callback, `window ${index}: ${permission}`).toHaveBeenCalledWith(false);
        expect(check?.(window.webContents, permission), `window ${index}: ${permission}`).toBe(false);
      }
    });
  });
});

describe('every IPC command', () => {
  const foreignFrames = ['https://attacker.example/', 'file:///tmp/other.html', 'about:blank', ''];

  it('is refused to any frame but the popover, before it does anything', async () => {
    for (const name of commandNames) {
      for (const frame of foreignFrames) {
        await expect(
          harness.double.ipcMain.invoke(frame, commandChannel(name)),
          `${name} from ${frame || 'a frame with no URL'}`,
        ).rejects.toThrow(/only accepted from the Latchkey popover/u);
      }
    }
    expect(harness.double.app.quitRequested, 'a refused quit quits nothing').toBe(false);
  });

  it('answers a payload the contract does not allow with invalid_request, and runs nothing', async () => {
    const popover = harness.popoverWindow().webContents.url;
    for (const name of commandNames) {
      const answer = await harness.double.ipcMain.invoke(popover, commandChannel(name), { unexpected: '<script>' });
      expect(answer, name).toMatchObject({ ok: false, code: 'invalid_request' });
    }
    expect(harness.double.app.quitRequested, 'a malformed quit quits nothing').toBe(false);
  });
});
