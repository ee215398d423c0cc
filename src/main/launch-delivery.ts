import { launchModeFor, type LaunchMode } from '../core/login-items/launch-mode';
import type { LoginItems } from '../core/ports';
import type { DeepLinks } from './adapters/deep-links';
import type { DeepLinkProbe } from './deep-link-probe';

export interface LaunchDeliveryDeps {
  deepLinks: DeepLinks;
  /** The self-test's probe: its links are answered there and never reach sign-in. */
  probe: Pick<DeepLinkProbe, 'claim'>;
  loginItems: Pick<LoginItems, 'wasOpenedAtLogin'>;
  receiveCallback(url: string): void;
  showPopover(): void;
}

/**
 * The end of the start, once the account can take a link: replays the links the OS delivered
 * early (and every later one), and shows the popover when a person started the app. Started by
 * hand, a tray icon alone is easy to miss (GNOME shows none without an extension); started at
 * login, the app stays quiet in the tray.
 */
export function deliverLaunch(deps: LaunchDeliveryDeps): LaunchMode {
  deps.deepLinks.deliverTo((event) => {
    if (event.kind === 'activate') deps.showPopover();
    else if (!deps.probe.claim(event.url)) deps.receiveCallback(event.url);
  });
  const launchMode = launchModeFor(deps.loginItems.wasOpenedAtLogin());
  if (launchMode.showPopover) deps.showPopover();
  return launchMode;
}
