import type { BetterAuthClientPlugin } from 'better-auth/client';
import type { desktopHandoff } from './desktop-handoff.js';
import { handoffProtocol } from './protocol.js';
import { checkReturnAddress } from './return-address.js';

export interface DesktopHandoffClientOptions {
  /**
   * Where the authorize page is on your origin; the same as the server plugin's option.
   * @default '/desktop/authorize'
   */
  authorizePagePath?: string;
  /**
   * Where the device sign-in's page is on your origin; the same as the server plugin's option.
   * @default '/device'
   */
  devicePagePath?: string;
}

/**
 * The client side of `desktopHandoff()`, for your own sign-in page (the server's `signInPage`
 * option). `authClient.desktopHandoff.returnAddress()` reads the `callbackURL` the authorize
 * page sent the browser with and answers it only when it leads back to the authorize page (or
 * the device page) on this origin; after your sign-in succeeds, send the browser there to reach
 * the consent screen (or the device approval).
 */
export function desktopHandoffClient(options: DesktopHandoffClientOptions = {}) {
  const pages = [options.authorizePagePath ?? handoffProtocol.authorizePath, options.devicePagePath ?? handoffProtocol.devicePagePath];
  return {
    id: 'desktop-handoff',
    $InferServerPlugin: {} as ReturnType<typeof desktopHandoff>,
    getActions: () => ({
      desktopHandoff: {
        /** The checked return address from a query string (this page's by default), or null. */
        returnAddress(search: string = globalThis.location?.search ?? ''): string | null {
          return checkReturnAddress(new URLSearchParams(search).get('callbackURL'), pages);
        },
      },
    }),
  } satisfies BetterAuthClientPlugin;
}

export { checkReturnAddress };
