import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desktopHandoff, type BrandOptions } from '@latchkey/desktop-handoff';
import { contrastRatio, minimumContrast } from '../../packages/desktop-handoff/src/pages/brand';
import { palette } from '../../packages/desktop-handoff/src/pages/stylesheet';
import { startAuthServer, type TestAuthServer } from '../harness/auth-server';
import { launchChromium, type Chromium } from '../harness/chromium';
import { acmeBrand, acmeMark } from './fixtures/acme-brand';
import { startHost, type Host } from './host';

const clients = [{ clientId: 'acme-desk', name: 'Acme Desk', redirectUris: ['com.acme.desk:/auth/callback'] }];
/** `rgb(r, g, b)` for a `#rrggbb`, as getComputedStyle reports colours. */
const rgb = (hex: string) => `rgb(${[1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16)).join(', ')})`;

describe('the host’s brand on the pages', () => {
  it('keeps Latchkey’s own colours above WCAG AA in both themes', () => {
    for (const theme of ['light', 'dark'] as const) {
      expect(contrastRatio(palette[theme].accent, palette[theme].card)).toBeGreaterThanOrEqual(minimumContrast);
      expect(contrastRatio(palette[theme].accent, palette[theme].accentText)).toBeGreaterThanOrEqual(minimumContrast);
    }
  });

  it.each([
    ['a light accent too pale for the light page', { accent: { light: '#7dd3fc', dark: '#5eead4' } }, /^brand\.accent\.light #7dd3fc has a contrast of 1\.\d\d:1 against the light page \(#ffffff\); WCAG AA asks for 4\.5:1 .* Choose a darker colour\.$/u],
    ['a dark accent too deep for the dark page', { accent: { light: '#0f766e', dark: '#1e3a8a' } }, /^brand\.accent\.dark #1e3a8a has a contrast of 1\.\d\d:1 against the dark page \(#2c2c2e\).* Choose a lighter colour\.$/u],
    ['a colour that is not #rrggbb', { accent: { light: 'teal', dark: '#5eead4' } }, /^brand\.accent\.light must be a colour written as #rrggbb/u],
    ['an image on another origin', { mark: { src: 'https://cdn.example.com/logo.png' } }, /^brand\.mark\.src must be a path on your server's origin, such as "\/logo\.png", so the pages' CSP need not allow another origin/u],
    ['markup that is not SVG', { mark: { svg: '<img src=x onerror=alert(1)>' } }, /^brand\.mark\.svg must be SVG markup/u],
  ] as [string, BrandOptions, RegExp][])('refuses at start %s, with a sentence', (_label, brand, sentence) => {
    expect(() => desktopHandoff({ clients, brand })).toThrow(sentence);
  });

  describe('in Chromium', () => {
    let server: TestAuthServer;
    let chromium: Chromium;
    beforeAll(async () => {
      [server, chromium] = await Promise.all([startAuthServer({ handoff: { brand: acmeBrand } }), launchChromium()]);
    });
    afterAll(async () => {
      await chromium?.close();
      await server?.close();
    });

    it.each(['light', 'dark'] as const)('draws the host’s mark and accent on the page in the %s theme, within the page’s CSP', async (theme) => {
      const page = await chromium.context.newPage();
      await page.emulateMedia({ colorScheme: theme });
      const violations: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy/iu.test(message.text())) violations.push(message.text());
      });
      await page.goto(`${server.authorizeUrl({})}&prompt=create`);
      const accent = acmeBrand.accent![theme];
      const button = page.getByRole('button', { name: 'Create account' });
      await expect.poll(() => button.evaluate((element) => getComputedStyle(element).backgroundColor)).toBe(rgb(accent));
      expect(await page.getByRole('link', { name: 'Sign in' }).evaluate((element) => getComputedStyle(element).color)).toBe(rgb(accent));
      const label = await button.evaluate((element) => getComputedStyle(element).color);
      expect(label).toBe(theme === 'light' ? 'rgb(255, 255, 255)' : 'rgb(11, 11, 12)');
      // The mark is the host's SVG, loaded as an image from the page's own origin.
      const mark = page.locator('header.brand img.mark');
      await expect.poll(() => mark.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBe(32);
      expect(await (await page.request.get(await mark.evaluate((image: HTMLImageElement) => image.src))).text()).toBe(acmeMark);
      expect(await page.getByRole('img', { name: 'Latchkey' }).isVisible()).toBe(true);
      expect(violations).toEqual([]);
      await page.close();
    });
  });

  describe('with an image on the host’s origin', () => {
    let host: Host;
    let chromium: Chromium;
    const served: string[] = [];
    beforeAll(async () => {
      const routes = {
        '/brand/acme.svg': (request: IncomingMessage, response: ServerResponse) => {
          served.push(request.url!);
          response.writeHead(200, { 'content-type': 'image/svg+xml' }).end(acmeMark);
        },
      };
      [host, chromium] = await Promise.all([startHost({ handoff: { brand: { mark: { src: '/brand/acme.svg' } } }, routes }), launchChromium()]);
    });
    afterAll(async () => {
      await chromium?.close();
      await host?.close();
    });

    it('loads it through the mark’s address, and the CSP allows nothing wider', async () => {
      const page = await chromium.context.newPage();
      const answer = await page.goto(host.authorizeUrl());
      expect(answer!.headers()['content-security-policy']).toContain("img-src 'self' data:;");
      const mark = page.locator('header.brand img.mark');
      await expect.poll(() => mark.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBe(32);
      expect(served).toEqual(['/brand/acme.svg']);
      await page.close();
    });
  });
});
