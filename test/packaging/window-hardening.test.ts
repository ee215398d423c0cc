import type * as Electron from 'electron';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { commandChannel, commandNames } from '../../src/contract/channels';
import { popoverPageUrl } from '../../src/main/adapters/app-protocol';
import { popoverWindowOptions } from '../../src/main/adapters/popover-window';
import { builtPaths, startHarness, type Harness } from '../harness/app';
import type { BrowserWindowDouble } from '../harness/window-double';

/** Places a compromised or buggy page might try to go; none of them may load in our window. */
/** Places a compromised or buggy page might try to go, and where the refusal says it was headed. */
const navigationTargets = [
  ['https://attacker.example/phish', 'https://attacker.example'],
  ['http://127.0.0.1:4455/desktop/authorize', 'http://127.0.0.1:4455'],
  ['dev.latchkey.app://callback?code=x&state=y', 'dev.latchkey.app://callback'],
] as const;

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
}, 60_000);
afterAll(async () => harness?.close());

/** The app's next log line with this message: how a test knows something was refused. */
function nextLog(message: string): Promise<Harness['logs'][number]> {
  const seen = harness.logs.length;
  return expect
    .poll(() => harness.logs.slice(seen).find((entry) => entry.message === message), { interval: 10, timeout: 10_000 })
    .toBeDefined()
    .then(() => harness.logs.slice(seen).find((entry) => entry.message === message)!);
}

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

  it('never navigates away from the popover, whatever the page tries', async () => {
    const page = harness.popoverWindow().page();
    const answered: string[] = [];
    page.on('response', (response) => void answered.push(response.url()));
    for (const [url, to] of navigationTargets) {
      const refused = nextLog('Navigation refused');
      await page.evaluate((target) => void (window.location.href = target), url);
      expect((await refused).fields, url).toEqual({ to });
    }
    const link = nextLog('Navigation refused');
    await page.evaluate(() => {
      const anchor = Object.assign(document.createElement('a'), { href: 'https://attacker.example/clicked' });
      document.body.append(anchor);
      anchor.click();
    });
    expect((await link).fields).toEqual({ to: 'https://attacker.example' });
    expect(harness.popoverWindow().webContents.getURL()).toBe(popoverPageUrl);
    expect(answered, 'no request left the popover').toEqual([]);
    await page.getByRole('button', { name: 'Sign in with browser' }).waitFor();
  });

  it('never even starts file: or javascript: navigations: the renderer refuses them itself', async () => {
    const page = harness.popoverWindow().page();
    const local = page.waitForEvent('console', (message) => message.text().includes('Not allowed to load local resource: file:///etc/passwd'));
    await page.evaluate(() => void (window.location.href = 'file:///etc/passwd'));
    await local;
    const csp = page.waitForEvent('console', (message) => message.text().includes('Content Security Policy'));
    await page.evaluate(() => void (window.location.href = 'javascript:alert(1)'));
    expect((await csp).text()).toContain("script-src 'self'");
    expect(harness.popoverWindow().webContents.getURL()).toBe(popoverPageUrl);
  });

  it('opens no new window, whatever the page asks for', async () => {
    const page = harness.popoverWindow().page();
    const refused = nextLog('New window refused');
    await page.evaluate(() => void window.open('https://attacker.example/popup', 'popup', 'width=300'));
    expect((await refused).fields).toEqual({ to: 'https://attacker.example' });
    const blank = nextLog('New window refused');
    await page.evaluate(() => {
      const anchor = Object.assign(document.createElement('a'), { href: 'http://127.0.0.1:4455/desktop/authorize', target: '_blank' });
      document.body.append(anchor);
      anchor.click();
    });
    expect((await blank).fields).toEqual({ to: 'http://127.0.0.1:4455' });
    expect(harness.popoverWindow().webContents.allowedWindows).toEqual([]);
  });

  it('has no <webview>: with webviewTag off the element is inert and attaches nothing', async () => {
    const page = harness.popoverWindow().page();
    const answered: string[] = [];
    page.on('response', (response) => void answered.push(response.url()));
    const frames = page.frames().length;
    const api = await page.evaluate(() => {
      const webview = document.createElement('webview');
      webview.setAttribute('src', 'https://attacker.example/');
      document.body.append(webview);
      return typeof (webview as unknown as { getWebContentsId?: unknown }).getWebContentsId;
    });
    expect(api, "Electron's <webview> API").toBe('undefined');
    // A round trip through the page: had the element started a guest, its frame would exist by now.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    expect(page.frames().length).toBe(frames);
    expect(answered).toEqual([]);
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
  it('is refused to any frame but the popover\'s main frame, before it does anything', async () => {
    const popover = harness.popoverWindow();
    const page = popover.page();
    // A frame inside the popover showing the popover's own page: same URL, not the same frame.
    // The page's own load event, not playwright's frame lookup: right after the append the frame
    // may not be known to playwright yet, and a missing frame would skip the wait.
    await page.evaluate(
      (src) =>
        new Promise<void>((resolve) => {
          const frame = Object.assign(document.createElement('iframe'), { name: 'intruder', src });
          frame.addEventListener('load', () => resolve(), { once: true });
          document.body.append(frame);
        }),
      '/index.html',
    );
    // The double learns of the frame from its own CDP session, which may hear it a moment later.
    await expect.poll(() => popover.webContents.frames.named('intruder')?.url, { timeout: 10_000 }).toBe(popoverPageUrl);
    for (const name of commandNames) {
      const refused = nextLog('IPC refused from a foreign frame');
      await expect(popover.webContents.invokeFrom('intruder', commandChannel(name)), name).rejects.toThrow(/only accepted from the Latchkey popover/u);
      expect((await refused).fields, name).toEqual({ command: name, reason: "a frame that is not the popover's main frame" });
    }
    const gone = await harness.double.ipcMain.invoke({ sender: popover.webContents, senderFrame: null }, commandChannel('quit')).catch((error: Error) => error);
    expect(String(gone)).toMatch(/only accepted from the Latchkey popover/u);
    expect(harness.double.app.quitRequested, 'a refused quit quits nothing').toBe(false);
  });

  it('is refused to another window showing the same page', async () => {
    const other = new harness.double.electron.BrowserWindow(popoverWindowOptions(builtPaths.preload)) as unknown as BrowserWindowDouble;
    await other.loadURL(popoverPageUrl);
    const refused = nextLog('IPC refused from a foreign frame');
    await expect(other.page().evaluate(() => (window as unknown as { latchkey: { quit(): Promise<unknown> } }).latchkey.quit())).rejects.toThrow(
      /only accepted from the Latchkey popover/u,
    );
    expect((await refused).fields).toEqual({ command: 'quit', reason: 'another web contents' });
    expect(harness.double.app.quitRequested).toBe(false);
    other.destroy();
  });

  it('answers a payload the contract does not allow with invalid_request, and runs nothing', async () => {
    const page = harness.popoverWindow().page();
    for (const name of commandNames) {
      const answer = await page.evaluate(
        (command) => (window as unknown as { latchkey: Record<string, (payload: unknown) => Promise<unknown>> }).latchkey[command]!({ unexpected: '<script>' }),
        name,
      );
      expect(answer, name).toMatchObject({ ok: false, code: 'invalid_request' });
    }
    expect(harness.double.app.quitRequested, 'a malformed quit quits nothing').toBe(false);
  });
});
