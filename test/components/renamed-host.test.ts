// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startHarness, type Harness } from '../harness/app';
import { startAuthServer, type TestAuthServer } from '../harness/auth-server';
import { launchChromium, type Chromium } from '../harness/chromium';

// A renamed build: src/contract/product.ts as a company would edit it. This file sits with the
// component tests because that project isolates each file, so the rename cannot reach another.
vi.mock('../../src/contract/product', () => ({
  product: { productName: 'Acme Desk', appId: 'com.acme.desk', scheme: 'com.acme.desk', developmentScheme: 'com.acme.desk.dev' },
}));

describe('a build renamed in src/contract/product.ts, in the tray and on the pages', () => {
  let server: TestAuthServer;
  let chromium: Chromium;
  let harness: Harness | undefined;
  beforeAll(async () => {
    [server, chromium] = await Promise.all([startAuthServer(), launchChromium()]);
  });
  afterAll(async () => {
    await harness?.close();
    await chromium?.close();
    await server?.close();
  });

  it('names the tray’s tooltip after the product, with no setting of its own', async () => {
    harness = await startHarness({ serverOrigin: server.url });
    expect(harness.double.tray.tooltip).toBe('Acme Desk: Signed out.');
  });

  it('puts the new name beside the mark on the reference server’s pages, and as the app they sign in to', async () => {
    const page = await chromium.context.newPage();
    await page.goto(server.authorizeUrl({}));
    expect(await page.getByRole('img', { name: 'Acme Desk', exact: true }).isVisible()).toBe(true);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Sign in to continue to Acme Desk');
    expect(await page.content()).not.toContain('Latchkey');
    await page.close();
  });
});
