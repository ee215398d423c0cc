import { createAuthEndpoint } from 'better-auth/api';
import { signInAgain, toConsent } from './account-endpoints.js';
import { callEndpoint, withCookies } from './endpoint-call.js';
import { formTypes, readForm, text } from './form.js';
import { pagePaths, type HandoffSettings } from './handoff-settings.js';
import { errorScreen } from './pages/screens.js';
import { secondFactorScreen } from './pages/sign-in-screens.js';
import { challengeEnded, refusalFor } from './refusals.js';

type Endpoint = Parameters<typeof callEndpoint>[1];

/**
 * The second-factor form: the code goes to the host's own twoFactor plugin (`verifyTOTP` or
 * `verifyBackupCode`), which reads its challenge cookie, counts attempts and, when the code is
 * right, creates the session and sets its cookie. A wrong code leaves the browser signed out.
 */
export function secondFactorEndpoint(settings: HandoffSettings) {
  return {
    desktopSecondFactor: createAuthEndpoint('/desktop/second-factor', { method: 'POST', metadata: formTypes }, async (ctx) => {
      const form = await readForm(ctx, settings);
      if (form instanceof Response) return form;
      const { body, continuation } = form;
      const twoFactor = ctx.context.getPlugin('two-factor') as { endpoints?: Record<string, Endpoint> } | null;
      const backup = body.method === 'backup';
      const endpoint = twoFactor?.endpoints?.[backup ? 'verifyBackupCode' : 'verifyTOTP'];
      if (!endpoint) return errorScreen(pagePaths(ctx), 'This server does not ask for a second factor.');
      const code = text(body, 'code', 64).replace(/\s/gu, '');
      const answer = await callEndpoint(ctx, endpoint, { code });
      if (answer.status === 200) return withCookies(toConsent(continuation), answer.cookies);
      const { sentence, status } = refusalFor(answer, { sentence: 'That code is not right. Nothing was signed in; try again.', status: 401 });
      if (answer.code && challengeEnded.has(answer.code)) {
        const error = answer.code === 'ACCOUNT_TEMPORARILY_LOCKED' ? sentence : 'This sign-in ran out of time or attempts. Sign in again.';
        return withCookies(signInAgain(ctx, continuation, { error, status }), answer.cookies);
      }
      const { clientName, query, returnAddress } = continuation;
      return withCookies(secondFactorScreen(pagePaths(ctx), { clientName, query, restartUrl: returnAddress, error: sentence, status }), answer.cookies);
    }),
  };
}
