import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handoff, type DeviceCodeResponse } from '../../src/contract/handoff';
import { startAuthServer, type TestAuthServer, type TestUser } from '../harness/auth-server';
import { launchChromium, type Chromium } from '../harness/chromium';
import { pollDeviceToken, requestDeviceCode } from './device-flow';

/**
 * RFC 8628 §5.4 as another site would try it, in real Chromium: the attacker starts a device
 * sign-in of their own and opens its `verification_uri_complete` from their page, in a popup of a
 * browser already signed in to the server. Fetch Metadata (`Sec-Fetch-Site`) exists only in a
 * browser, so this is where the page's defence is proven.
 */

/** A page on another loopback origin: one button that opens the link in a popup where the button was. */
function attackerPage(link: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A game</title></head><body style="margin:0">
<button id="play" style="position:absolute;inset:0;width:100%;height:100%">Double-click to play</button>
<script>
let opened = null;
document.getElementById('play').addEventListener('click', () => {
  opened ??= window.open(${JSON.stringify(link)}, 'game', 'popup,left=0,top=0,width=360,height=480');
});
</script></body></html>`;
}

async function listen(host: string, body: () => string): Promise<{ server: Server; origin: string }> {
  const server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body()));
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return { server, origin: `http://${host}:${(server.address() as AddressInfo).port}` };
}

/**
 * The stray click: the second click of the double-click lands in the popup, where the attacker
 * placed the page's main button. Resolves with what the browser did with it: sent a form, or
 * refused it (the `invalid` event of a required field left empty).
 */
async function strayClick(popup: Page): Promise<'refused' | 'navigated'> {
  const refused = popup.evaluate(() => new Promise<'refused'>((resolve) => document.addEventListener('invalid', () => resolve('refused'), { capture: true, once: true })));
  const navigated = popup.waitForEvent('framenavigated').then(() => 'navigated' as const);
  await popup.locator('button.primary').first().click();
  return Promise.race([refused, navigated]);
}

describe('the device page opened by another site', () => {
  let server: TestAuthServer;
  let chromium: Chromium;
  let victim: TestUser;
  let link = '';
  let crossSite: { server: Server; origin: string };
  let sameSite: { server: Server; origin: string };
  beforeAll(async () => {
    [server, chromium] = await Promise.all([startAuthServer(), launchChromium()]);
    // 127.0.0.2 is another site than the server's 127.0.0.1; another port of 127.0.0.1 is the same site.
    [crossSite, sameSite] = await Promise.all([listen('127.0.0.2', () => attackerPage(link)), listen('127.0.0.1', () => attackerPage(link))]);
    victim = await server.createUser();
    const signIn = await chromium.context.request.post(`${server.url}/api/auth/sign-in/email`, { data: { email: victim.email, password: victim.password } });
    expect(signIn.status()).toBe(200);
  });
  afterAll(async () => {
    await chromium?.close();
    crossSite?.server.close();
    sameSite?.server.close();
    await server?.close();
  });

  const deviceCodeRow = async (userCode: string) => {
    const context = await server.server.auth.$context;
    return context.adapter.findOne<{ userId?: string | null; status: string }>({ model: 'deviceCode', where: [{ field: 'userCode', value: userCode }] });
  };

  it.each([
    ['another site', () => crossSite.origin, 'cross-site'],
    ['a sibling on the same site', () => sameSite.origin, 'same-site'],
  ])('from %s, a double-click claims nothing and the attacker’s poll gets no token', async (_name, origin, fetchSite) => {
    const { body: code } = await requestDeviceCode(server);
    link = code.verification_uri_complete;
    const page = await chromium.context.newPage();
    await page.goto(origin());
    const popupOpened = page.waitForEvent('popup');
    const arrival = chromium.context.waitForEvent('request', (request) => request.url() === link);
    await page.locator('#play').dblclick();
    const popup = await popupOpened;
    expect((await (await arrival).allHeaders())['sec-fetch-site']).toBe(fetchSite);
    await popup.waitForLoadState('domcontentloaded');
    expect(await strayClick(popup), 'the stray click on the popup’s main button').toBe('refused');
    expect((await pollDeviceToken(server, code.device_code)).body.error).toBe('authorization_pending');
    expect(await deviceCodeRow(code.user_code)).toMatchObject({ status: 'pending', userId: null });
    // What the person sees instead: why nothing happened, and an empty field for their own code.
    await popup.getByRole('heading', { name: 'Sign in to the app on your computer' }).waitFor();
    expect(await popup.getByRole('note').textContent()).toBe('This page was opened from another site, so nothing was signed in. If your computer shows a code, type it here to continue.');
    expect(await popup.getByLabel('Code shown on your computer').inputValue()).toBe('');
    expect(await popup.content()).not.toContain(code.user_code);
    await page.close();
  });

  it('a person who follows a link to their own code types it, checks it, and signs the app in', async () => {
    const { body: code }: { body: DeviceCodeResponse } = await requestDeviceCode(server);
    link = code.verification_uri_complete;
    const page = await chromium.context.newPage();
    await page.goto(crossSite.origin);
    const popupOpened = page.waitForEvent('popup');
    await page.locator('#play').click();
    const popup = await popupOpened;
    const field = popup.getByLabel('Code shown on your computer');
    await field.waitFor();
    // As the popover shows it, grouped: the page takes it with its dash.
    await field.fill(`${code.user_code.slice(0, 4)}-${code.user_code.slice(4)}`.toLowerCase());
    await field.press('Enter');
    await popup.getByRole('heading', { name: 'Sign in to Latchkey on your computer?' }).waitFor();
    expect(await popup.getByLabel('Code').textContent()).toBe(`${code.user_code.slice(0, 4)}-${code.user_code.slice(4)}`);
    await popup.getByRole('button', { name: 'Sign in to Latchkey' }).click();
    await popup.getByRole('heading', { name: 'Latchkey is signing in' }).waitFor();
    const token = await pollDeviceToken(server, code.device_code);
    expect(token.status).toBe(200);
    const session = await fetch(`${server.url}${handoff.sessionPath}`, { headers: { authorization: `Bearer ${String(token.body.access_token)}` } });
    expect(((await session.json()) as { user: { email: string } }).user.email).toBe(victim.email);
    await page.close();
  });
});
