import type { GenericEndpointContext } from 'better-auth';
import { createAuthEndpoint, getSessionFromCtx } from 'better-auth/api';
import { signInView } from './account-endpoints.js';
import { seeOther } from './answers.js';
import { devicePageAddress, deviceContinuation } from './continuation.js';
import { consentToken, consentTokenMatches, isOwnNavigation, isSameOriginPost } from './csrf.js';
import { deviceProblemOf, deviceProblems, lookUpDeviceCode } from './device-code.js';
import { callEndpoint, callQueryEndpoint, type EndpointAnswer } from './endpoint-call.js';
import { formTypes } from './form.js';
import { devicePaths, type HandoffSettings } from './handoff-settings.js';
import { deviceConfirmScreen, deviceEntryScreen, deviceOutcomeScreen, deviceProblemScreen, type DeviceProblemText } from './pages/device-screens.js';
import { signInPageLocation } from './return-address.js';
import { normalizeUserCode } from './user-code.js';

type Endpoint = Parameters<typeof callEndpoint>[1];
type DeviceEndpoints = Partial<Record<'deviceVerify' | 'deviceApprove' | 'deviceDeny', Endpoint>>;

/** BetterAuth's `deviceAuthorization` endpoints, when the host runs it. */
function hostDeviceEndpoints(ctx: GenericEndpointContext): DeviceEndpoints | null {
  const plugin = ctx.context.getPlugin('device-authorization') as { endpoints?: DeviceEndpoints } | null;
  return plugin?.endpoints ?? null;
}

/**
 * BetterAuth's refusals of `GET /device`, `/device/approve` and `/device/deny` (device-authorization
 * routes.ts, which answer `{ error, error_description }`), in words: `expired_token`; `access_denied` when another account claimed the code;
 * `invalid_request` for an unknown code or one already approved or denied.
 */
function problemFor(answer: EndpointAnswer): DeviceProblemText {
  const error = answer.body?.error;
  // A host's own refusal (a `before` hook) carries the host's sentence, shown as written.
  if (error === undefined && answer.message && answer.message.length <= 200) return { heading: 'This sign-in cannot continue', sentence: answer.message, status: answer.status };
  if (answer.status === 401) return deviceProblems.signedOut;
  if (error === 'expired_token') return deviceProblems.expired;
  if (error === 'access_denied') return deviceProblems.otherAccount;
  if (answer.status === 400) return deviceProblems.used;
  return { heading: 'Something went wrong', sentence: 'The server could not finish this. Try again in a moment.', status: 503 };
}

/**
 * The verification page (RFC 8628 §3.3) and its decision. Like the desktop authorize page, it
 * decides nothing about who the person is: it signs in through the host's page or BetterAuth's
 * own endpoints, claims the code with BetterAuth's `GET /device`, and approves or denies with
 * BetterAuth's `/device/approve` and `/device/deny`, each through `dispatchAuthEndpoint`.
 */
export function deviceEndpoints(settings: HandoffSettings) {
  return {
    desktopDevicePage: createAuthEndpoint('/desktop/device', { method: 'GET', requireHeaders: true }, async (ctx) => {
      const paths = devicePaths(ctx, settings);
      const endpoints = hostDeviceEndpoints(ctx);
      if (!endpoints?.deviceVerify) return deviceProblemScreen(paths, deviceProblems.unavailable);
      const params = new URL(ctx.request?.url ?? 'http://invalid/').searchParams;
      const typed = params.get('user_code');
      if (typed === null) return deviceEntryScreen(paths);
      // A link from another site (a popup it opened, say) claims nothing and arms nothing: the
      // person types the code their computer shows, which no stray click can do for them.
      if (!isOwnNavigation(ctx.request)) return deviceEntryScreen(paths, 'opened-from-elsewhere');
      const userCode = normalizeUserCode(typed);
      if (!userCode) return deviceProblemScreen(paths, deviceProblems.malformed, typed.slice(0, 64));
      const state = await lookUpDeviceCode(ctx, settings, userCode);
      if (state.kind !== 'pending') return deviceProblemScreen(paths, deviceProblemOf(state), typed);
      const session = await getSessionFromCtx(ctx);
      if (!session) {
        // The host's own page when it has one; its return address brings the browser back here.
        if (settings.signInPage) return seeOther(signInPageLocation(settings.signInPage, devicePageAddress(settings, userCode)));
        const view = params.get('prompt') === 'create' ? 'create-account' : 'sign-in';
        return signInView(ctx, deviceContinuation(settings, userCode, state.clientName), view, { status: 200 });
      }
      // BetterAuth's GET /device binds a pending code to the signed-in account that opens it
      // first, and names the client only to that account.
      const verify = await callQueryEndpoint(ctx, endpoints.deviceVerify, { user_code: userCode });
      if (verify.status !== 200) return deviceProblemScreen(paths, problemFor(verify));
      if (verify.body?.status !== 'pending') return deviceProblemScreen(paths, deviceProblems.used);
      if (verify.body.client_id === undefined) return deviceProblemScreen(paths, deviceProblems.otherAccount);
      return deviceConfirmScreen(paths, { clientName: state.clientName, userCode, email: session.user.email, csrf: consentToken(ctx.context.secret, session.session.id) });
    }),

    desktopDeviceDecide: createAuthEndpoint('/desktop/device/decide', { method: 'POST', metadata: formTypes }, async (ctx) => {
      const paths = devicePaths(ctx, settings);
      const endpoints = hostDeviceEndpoints(ctx);
      if (!endpoints?.deviceApprove || !endpoints.deviceDeny) return deviceProblemScreen(paths, deviceProblems.unavailable);
      const session = await getSessionFromCtx(ctx);
      const body = (ctx.body ?? {}) as Record<string, unknown>;
      // The same two checks as the consent form (csrf.ts): Fetch Metadata / Origin, and a token bound to the session.
      if (!isSameOriginPost(ctx.request, new URL(ctx.context.baseURL).origin) || !session || !consentTokenMatches(ctx.context.secret, session.session.id, body.csrf)) {
        return deviceProblemScreen(paths, deviceProblems.forged);
      }
      const userCode = normalizeUserCode(body.user_code);
      if (!userCode) return deviceProblemScreen(paths, deviceProblems.malformed);
      const state = await lookUpDeviceCode(ctx, settings, userCode);
      if (state.kind !== 'pending') return deviceProblemScreen(paths, deviceProblemOf(state));
      const approve = body.decision === 'approve';
      const answer = await callEndpoint(ctx, approve ? endpoints.deviceApprove : endpoints.deviceDeny, { userCode });
      if (answer.status !== 200) return deviceProblemScreen(paths, problemFor(answer));
      return deviceOutcomeScreen(paths, state.clientName, approve ? 'approved' : 'denied');
    }),
  };
}
