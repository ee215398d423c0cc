import type { CommandHandlers } from '../contract/commands';
import { done, failed } from '../contract/outcome';
import type { Account } from '../core/account/account';
import { messages } from '../core/account/messages';
import { SignInChoice, type BrowserSignIn } from '../core/auth/sign-in-choice';
import type { EndpointSource } from '../core/auth/server-discovery';
import type { DeviceAttemptSecrets } from '../core/device/device-attempt';
import { DeviceSignIn } from '../core/device/device-sign-in';
import type { Clock, Http, Logger, Random } from '../core/ports';
import type { Trace } from '../core/trace';
import type { ElectronApi } from './electron-api';

export interface DeviceSignInWiringDeps {
  /** The browser sign-in flow; the device sign-in takes turns with it. */
  browser: BrowserSignIn;
  clientId: string;
  secrets: DeviceAttemptSecrets;
  http: Http;
  clock: Clock;
  random: Random;
  logger: Logger;
  discovery: EndpointSource;
  clipboard: ElectronApi['clipboard'];
  trace?: Trace;
}

export interface DeviceSignInWiring {
  /** The one sign-in port the account is given: browser or device, one at a time. */
  signIn: SignInChoice;
  /** The popover's commands for the device sign-in. */
  handlers(account: Account): Pick<CommandHandlers, 'signInWithDevice' | 'copyDeviceAddress'>;
  /** Stops polling; the saved attempt stays for the next start. */
  dispose(): void;
}

/** Sign-in with another device (RFC 8628), wired beside the browser sign-in. */
export function wireDeviceSignIn(deps: DeviceSignInWiringDeps): DeviceSignInWiring {
  const device = new DeviceSignIn({
    clientId: deps.clientId,
    secrets: deps.secrets,
    http: deps.http,
    clock: deps.clock,
    random: deps.random,
    logger: deps.logger,
    discovery: deps.discovery,
    trace: deps.trace,
  });
  return {
    signIn: new SignInChoice(deps.browser, device),
    handlers: (account) => ({
      signInWithDevice: () => account.signIn('device'),
      // The address comes from main's own state: the popover only says "copy it".
      copyDeviceAddress: async () => {
        const { state } = account;
        if (state.kind !== 'signingIn' || !state.device) return failed('no_pending_sign_in', messages.noPendingSignIn);
        await deps.clipboard.writeText(state.device.verificationUri);
        return done;
      },
    }),
    dispose: () => device.stop(),
  };
}
