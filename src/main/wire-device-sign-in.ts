import type { CommandHandlers } from '../contract/commands';
import { done, failed } from '../contract/outcome';
import type { Account } from '../core/account/account';
import { messages } from '../core/account/messages';
import { SignInChoice, type BrowserSignIn } from '../core/auth/sign-in-choice';
import { DeviceSignIn, type DeviceSignInDeps } from '../core/device/device-sign-in';
import type { ElectronApi } from './electron-api';

export interface DeviceSignInWiringDeps extends Omit<DeviceSignInDeps, 'backoff'> {
  /** The browser sign-in flow; the device sign-in takes turns with it. */
  browser: BrowserSignIn;
  clipboard: ElectronApi['clipboard'];
}

export interface DeviceSignInWiring {
  /** The one sign-in port the account is given: browser or device, one at a time. */
  signIn: SignInChoice;
  /** The popover's commands for the device sign-in. */
  handlers(account: () => Account): Pick<CommandHandlers, 'signInWithDevice' | 'copyDeviceAddress'>;
  /** Stops polling; the saved attempt stays for the next start. */
  dispose(): void;
}

/** Sign-in with another device (RFC 8628), wired beside the browser sign-in. */
export function wireDeviceSignIn(deps: DeviceSignInWiringDeps): DeviceSignInWiring {
  const { browser, clipboard, ...flow } = deps;
  const device = new DeviceSignIn(flow);
  return {
    signIn: new SignInChoice(browser, device),
    handlers: (account) => ({
      signInWithDevice: () => account().signIn('device'),
      // The address comes from main's own state: the popover only says "copy it".
      copyDeviceAddress: async () => {
        const { state } = account();
        if (state.kind !== 'signingIn' || !state.device) return failed('no_pending_sign_in', messages.noPendingSignIn);
        await clipboard.writeText(state.device.verificationUri);
        return done;
      },
    }),
    dispose: () => device.stop(),
  };
}
