import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandNames, exposedApiKey } from '../../src/contract/channels';
import { popoverPageUrl } from '../../src/main/adapters/app-protocol';
import { builtPaths, startHarness, type Harness } from '../harness/app';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
}, 60_000);
afterAll(async () => harness?.close());

const builtPage = () => readFileSync(builtPaths.rendererIndex, 'utf8');

describe("the popover's origin", () => {
  it('is app://popover, a secure context, showing the built page under its own CSP', async () => {
    const popover = harness.popoverWindow();
    expect(popover.webContents.getURL()).toBe(popoverPageUrl);
    expect(popover.webContents.mainFrame.url).toBe(popoverPageUrl);
    const page = popover.page();
    await page.getByRole('button', { name: 'Sign in with browser' }).waitFor();
    expect(await page.evaluate(() => window.isSecureContext)).toBe(true);
    const policy = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content'));
    expect(builtPage()).toContain(`content="${policy}"`);
    const served = await harness.double.protocol.respond(new Request(popoverPageUrl));
    expect(served?.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await served?.text()).toBe(builtPage());
  });

  it("makes 'self' the app's own files only: the same files over file:// are refused", async () => {
    const page = harness.popoverWindow().page();
    const asset = /src="\.\/(assets\/[^"]+\.js)"/u.exec(builtPage())?.[1];
    expect(asset, 'the built page loads a script from assets/').toBeTypeOf('string');
    const load = (url: string) =>
      page.evaluate(
        (src) =>
          new Promise<string>((resolve) => {
            const script = Object.assign(document.createElement('script'), { type: 'module', src });
            script.addEventListener('load', () => resolve('loaded'));
            script.addEventListener('error', () => resolve('refused'));
            document.head.append(script);
          }),
        url,
      );
    expect(await load(`./${asset}?again`), 'its own file, from app://popover').toBe('loaded');
    const onDisk = pathToFileURL(builtPaths.rendererIndex.replace(/index\.html$/u, asset!)).href;
    expect(await load(onDisk), 'the same file, from file://').toBe('refused');
  });
});

describe('what the page can reach', () => {
  it('is the contract API alone, copied and frozen: no require, no ipcRenderer, no preload globals', async () => {
    const page = harness.popoverWindow().page();
    const seen = await page.evaluate((key) => {
      const api = (window as unknown as Record<string, Record<string, unknown>>)[key]!;
      return {
        keys: Object.keys(api).sort(),
        frozen: Object.isFrozen(api),
        functions: Object.values(api).every((value) => typeof value === 'function'),
        globals: ['require', 'process', 'ipcRenderer', 'module', '__latchkeyIpc', '__latchkeyFromMain'].filter((name) => name in window),
      };
    }, exposedApiKey);
    expect(seen).toEqual({ keys: [...commandNames, 'onView', 'onShown'].sort(), frozen: true, functions: true, globals: [] });
  });

  it('gets copies across the bridge: results are fresh objects, symbols are dropped, listeners are proxied', async () => {
    const page = harness.popoverWindow().page();
    const seen = await page.evaluate(async (key) => {
      const api = (window as unknown as Record<string, Record<string, (...args: unknown[]) => unknown>>)[key]!;
      const first = (await api.getView!()) as { status: string };
      const second = await api.getView!();
      const unsubscribe = api.onView!(() => {});
      const dropped = await api.submitCode!({ code: Symbol('not copied') });
      return { status: first.status, same: first === second, unsubscribe: typeof unsubscribe, dropped };
    }, exposedApiKey);
    expect(seen).toMatchObject({ status: 'signedOut', same: false, unsubscribe: 'function', dropped: { ok: false, code: 'invalid_request' } });
  });
});
