import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { popoverPageUrl, rendererResponse } from '../../../src/main/adapters/app-protocol';

/** A renderer folder as Vite writes it, with a secret beside it that must never be served. */
const parent = mkdtempSync(join(tmpdir(), 'latchkey-renderer-'));
const root = join(parent, 'renderer');
mkdirSync(join(root, 'assets'), { recursive: true });
writeFileSync(join(root, 'index.html'), '<!doctype html><title>Latchkey</title>');
writeFileSync(join(root, 'assets', 'index-abc.js'), 'export {}');
writeFileSync(join(root, 'assets', 'index-abc.css'), 'body{}');
writeFileSync(join(root, 'assets', 'notes.txt'), 'not a renderer file');
writeFileSync(join(parent, 'secret.json'), '{"token":"never"}');
writeFileSync(join(parent, 'renderer-evil.html'), 'a sibling folder whose name starts like ours');
afterAll(() => rmSync(parent, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => rendererResponse(new Request(url, { method }), root);

describe("the popover's app:// files", () => {
  it('serves the page and its assets with their own content types, and nosniff', async () => {
    const cases = [
      [popoverPageUrl, 'text/html; charset=utf-8', '<!doctype html><title>Latchkey</title>'],
      ['app://popover/assets/index-abc.js', 'text/javascript; charset=utf-8', 'export {}'],
      ['app://popover/assets/index-abc.css?v=1#top', 'text/css; charset=utf-8', 'body{}'],
      ['app://POPOVER/index.html', 'text/html; charset=utf-8', '<!doctype html><title>Latchkey</title>'],
    ] as const;
    for (const [url, type, body] of cases) {
      const response = await get(url);
      expect(response.status, url).toBe(200);
      expect(response.headers.get('content-type'), url).toBe(type);
      expect(response.headers.get('x-content-type-options'), url).toBe('nosniff');
      expect(await response.text(), url).toBe(body);
    }
  });

  it('refuses every way out of the renderer folder, other hosts, unknown files and writes', async () => {
    const refused = [
      ['app://popover/../secret.json', 404],
      ['app://popover/%2e%2e/secret.json', 404],
      ['app://popover/assets/..%2f..%2fsecret.json', 404],
      ['app://popover/..%5csecret.json', 404],
      ['app://popover/%2e%2e%5c%2e%2e%5csecret.json', 404],
      ['app://popover/../renderer-evil.html', 404],
      ['app://popover/%2Fetc%2Fpasswd', 404],
      ['app://popover/C:%5CWindows%5Cwin.ini', 404],
      ['app://popover/%E0%A4%A', 400],
      ['app://popover/', 404],
      ['app://popover/assets', 404],
      ['app://popover/assets/notes.txt', 404],
      ['app://popover/missing.js', 404],
      ['app://attacker/index.html', 404],
      ['https://popover/index.html', 404],
    ] as const;
    for (const [url, status] of refused) {
      const response = await get(url);
      expect(response.status, url).toBe(status);
      expect(await response.text(), url).not.toContain('never');
    }
    expect((await get(popoverPageUrl, 'POST')).status).toBe(405);
    const head = await get(popoverPageUrl, 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});
