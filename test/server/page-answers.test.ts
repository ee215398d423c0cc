import { APIError, createAuthMiddleware } from 'better-auth/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handoff } from '../../src/contract/handoff';
import { launchChromium, type Chromium } from '../harness/chromium';
import { hostClient, startHost, type Host } from './host';

/**
 * Answers made before the plugin's handler runs, on the paths a person's browser opens: a host's
 * `before` hook refusing every desktop path, as a host closed for maintenance would. In Chromium,
 * because what a person sees of a JSON answer is the browser's own rendering of it.
 */
let refusal: (() => APIError) | null = null;
const closedForMaintenance = createAuthMiddleware(async (ctx) => {
  if (refusal && ctx.path.startsWith('/desktop/')) throw refusal();
});

let chromium: Chromium;
let host: Host;
beforeAll(async () => {
  [chromium, host] = await Promise.all([launchChromium(), startHost({ auth: { hooks: { before: closedForMaintenance } } })]);
});
afterAll(async () => {
  refusal = null;
  await chromium?.close();
  await host?.close();
});

describe('a host’s hook refusing a desktop page', () => {
  it('is the plugin’s page with the host’s own sentence', async () => {
    refusal = () => new APIError('SERVICE_UNAVAILABLE', { message: 'Sign-in is closed for maintenance until 14:00 UTC.' });
    const page = await chromium.context.newPage();
    const answer = await page.goto(host.authorizeUrl());
    expect([answer!.status(), answer!.headers()['content-type']]).toEqual([503, 'text/html; charset=utf-8']);
    await page.getByRole('heading', { name: 'This sign-in request cannot continue' }).waitFor();
    expect(await page.locator('main').innerText()).toContain('Sign-in is closed for maintenance until 14:00 UTC.');
    expect(await page.getByRole('img', { name: 'Latchkey' }).isVisible()).toBe(true);
    await page.close();
  });

  it('is a page with a plain sentence when the host gave none, on a form the person sent', async () => {
    refusal = null;
    const page = await chromium.context.newPage();
    await page.goto(host.authorizeUrl());
    const form = page.getByRole('form', { name: 'Sign in' });
    await form.getByLabel('Email').fill('someone@example.test');
    await form.getByLabel('Password', { exact: true }).fill('a long enough password');
    refusal = () => new APIError('FORBIDDEN');
    const answer = page.waitForResponse((response) => response.url().endsWith('/desktop/sign-in'));
    await form.getByRole('button', { name: 'Sign in' }).click();
    expect([(await answer).status(), (await answer).headers()['content-type']]).toEqual([403, 'text/html; charset=utf-8']);
    await page.getByRole('heading', { name: 'This sign-in request cannot continue' }).waitFor();
    expect(await page.locator('main').innerText()).toContain('This server refused the request. Start signing in again from the app.');
    await page.close();
  });

  it('leaves a JSON client’s answer JSON', async () => {
    refusal = () => new APIError('SERVICE_UNAVAILABLE', { message: 'Sign-in is closed for maintenance until 14:00 UTC.' });
    const response = await fetch(`${host.url}${handoff.authBasePath}/desktop/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'authorization_code', code: 'x', code_verifier: 'y'.repeat(43), redirect_uri: hostClient.redirectUris[0], client_id: hostClient.clientId }),
    });
    expect([response.status, response.headers.get('content-type')]).toEqual([503, 'application/json']);
    expect(await response.json()).toMatchObject({ message: 'Sign-in is closed for maintenance until 14:00 UTC.' });
  });
});
