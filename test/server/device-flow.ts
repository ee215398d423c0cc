import { handoff, type DeviceCodeResponse } from '../../src/contract/handoff';
import type { TestAuthServer, TestUser } from '../harness/auth-server';
import { hiddenField, type HttpBrowser } from './http-flow';

/** An answer of a device endpoint: status and parsed JSON body. */
export interface DeviceAnswer<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

async function post<T>(url: string, fields: Record<string, string>, as: 'form' | 'json'): Promise<DeviceAnswer<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': as === 'form' ? 'application/x-www-form-urlencoded' : 'application/json' },
    body: as === 'form' ? new URLSearchParams(fields).toString() : JSON.stringify(fields),
  });
  return { status: response.status, body: (await response.json()) as T, headers: response.headers };
}

/** `POST /api/auth/device/code` as the app makes it (RFC 8628 §3.1). */
export function requestDeviceCode(server: TestAuthServer, clientId: string = handoff.defaultClientId): Promise<DeviceAnswer<DeviceCodeResponse & Record<string, unknown>>> {
  // RFC 8628 §3.1's form encoding: BetterAuth's /device/code takes it (and JSON).
  return post(`${server.url}${handoff.deviceCodePath}`, { client_id: clientId }, 'form');
}

/**
 * One poll of `POST /api/auth/device/token` (RFC 8628 §3.4), as JSON: BetterAuth's endpoint keeps
 * its default media type and answers a form-encoded poll 415.
 */
export function pollDeviceToken(server: TestAuthServer, deviceCode: string, clientId: string = handoff.defaultClientId, as: 'form' | 'json' = 'json'): Promise<DeviceAnswer> {
  return post(`${server.url}${handoff.deviceTokenPath}`, { grant_type: handoff.deviceCodeGrantType, device_code: deviceCode, client_id: clientId }, as);
}

/** The device page for a code, as the link in `verification_uri_complete` opens it (a path on the origin). */
export function devicePage(code: { verification_uri_complete: string }): string {
  const url = new URL(code.verification_uri_complete);
  return `${url.pathname}${url.search}`;
}

/** Signs in on the device page's own sign-in form, as a person who opened the code's link signed out. */
export async function signInForDevice(browser: HttpBrowser, userCode: string, user: TestUser): Promise<Response> {
  return browser.request(`${handoff.authBasePath}/desktop/sign-in`, {
    method: 'POST',
    form: { authorize_query: new URLSearchParams({ user_code: userCode }).toString(), email: user.email, password: user.password },
  });
}

/** Posts the approve / deny form of a device confirmation page, as the page would. */
export async function decideOnDevice(browser: HttpBrowser, confirmPage: string, decision: 'approve' | 'deny'): Promise<Response> {
  return browser.request(`${handoff.authBasePath}/desktop/device/decide`, {
    method: 'POST',
    form: { user_code: hiddenField(confirmPage, 'user_code'), csrf: hiddenField(confirmPage, 'csrf'), decision },
  });
}
