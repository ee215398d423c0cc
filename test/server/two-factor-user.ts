import type { TestUser } from '../harness/auth-server';
import { totpCode } from './totp';

/** The twoFactor endpoints this needs, as `auth.api` has them on a host with the plugin. */
interface TwoFactorApi {
  signInEmail(input: { body: { email: string; password: string }; returnHeaders: true }): Promise<{ headers: Headers }>;
  enableTwoFactor(input: { body: { password: string }; headers: Headers }): Promise<unknown>;
  verifyTOTP(input: { body: { code: string }; headers: Headers }): Promise<unknown>;
}

export interface TotpEnrolment {
  totpURI: string;
  backupCodes: string[];
}

/**
 * Turns on TOTP for the user the way the account page does, through BetterAuth's own
 * endpoints: sign in, enable (answers the otpauth URI and backup codes), confirm with a code.
 */
export async function enrolTotp(api: unknown, user: TestUser): Promise<TotpEnrolment> {
  const twoFactor = api as TwoFactorApi;
  const signIn = await twoFactor.signInEmail({ body: { email: user.email, password: user.password }, returnHeaders: true });
  const cookie = signIn.headers.getSetCookie().map((line) => line.split(';')[0]).join('; ');
  const headers = new Headers({ cookie });
  const enabled = (await twoFactor.enableTwoFactor({ body: { password: user.password }, headers })) as TotpEnrolment;
  await twoFactor.verifyTOTP({ body: { code: totpCode(enabled.totpURI) }, headers });
  return enabled;
}
