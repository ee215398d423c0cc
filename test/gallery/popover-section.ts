import type { Page } from 'playwright-core';
import { accountStatuses, type AccountView } from '../../src/contract/view';
import { now, views } from '../components/views';
import { launchChromium } from '../harness/chromium';
import { startPopoverRig, type PopoverRig } from '../harness/popover-rig';
import { failed } from '../../src/contract/outcome';
import type { GallerySection, Shot } from './gallery';

interface PopoverShot extends Shot {
  view: AccountView;
  /** What the user did before the picture: open the code field, unfold Settings. */
  prepare?: (page: Page, rig: PopoverRig) => Promise<void>;
  /** Undoes `prepare`, so the next shot starts from the plain state. */
  restore?: (page: Page, rig: PopoverRig) => Promise<void>;
}

const toggleSettings = async (page: Page) => page.getByText('Settings', { exact: true }).click();
const togglePaste = async (page: Page) => page.getByRole('button', { name: 'Paste a code' }).click();
/** To the first control by keyboard, so the ring shows: from the last control, past the page's end, round. */
const tabToFirst = async (page: Page) => {
  await page.getByRole('button', { name: 'Quit Latchkey' }).focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
};
const leaveFocus = async (page: Page) => page.keyboard.press('Shift+Tab');
const forcedColours = async (page: Page) => {
  await page.emulateMedia({ forcedColors: 'active' });
  await tabToFirst(page);
};
/** The server form open with an address typed, the cursor in the field. */
const typeServer = async (page: Page) => {
  await page.getByRole('button', { name: 'Add an account on another server' }).click();
  await page.getByRole('textbox', { name: 'Server address' }).fill('auth.example.org');
};
/** The same, sent, and refused by main as a server that is not one the app can sign in to. */
const refusedServer = async (page: Page, rig: PopoverRig) => {
  rig.answer('addAccountOnServer', () => failed('not_a_latchkey_server', 'auth.example.org is not a server Latchkey can sign in to.'));
  await typeServer(page);
  await page.keyboard.press('Enter');
  await page.getByRole('form', { name: 'Add an account on another server' }).getByText('auth.example.org is not a server Latchkey can sign in to.').waitFor();
};
const closeServer = async (page: Page) => page.getByRole('button', { name: 'Cancel' }).click();
const normalColours = async (page: Page) => {
  await leaveFocus(page);
  await page.emulateMedia({ forcedColors: 'none' });
};

export const popoverShots: readonly PopoverShot[] = [
  { name: 'popover-starting', state: 'starting', view: views.startingEmpty, alt: 'Starting, checking the session' },
  { name: 'popover-starting-cached', state: 'starting', view: views.startingCached, alt: 'Starting with the remembered account on screen' },
  { name: 'popover-signed-out', state: 'signedOut', view: views.signedOut, alt: 'Signed out, with Sign in with browser' },
  { name: 'popover-waiting-for-browser', state: 'signingIn', view: views.signingIn, alt: 'Waiting for your browser, with the alternatives as links' },
  {
    name: 'popover-waiting-for-browser-code',
    state: 'signingIn',
    view: views.signingIn,
    alt: 'Waiting for your browser, the code field open',
    prepare: togglePaste,
    restore: togglePaste,
  },
  {
    name: 'popover-device-sign-in',
    state: 'signingIn',
    view: views.signingInDevice,
    alt: 'Sign in on another device: the code in large letters, its QR code, the address with Copy, and Cancel',
  },
  { name: 'popover-device-sign-in-offline', state: 'signingIn', view: views.signingInDeviceOffline, alt: 'Sign in on another device while offline: still trying' },
  { name: 'popover-renewing', state: 'signingIn', view: { ...views.signingIn, profile: views.signedIn.profile }, alt: 'Renewing: the account faded above Waiting for your browser' },
  { name: 'popover-signed-in', state: 'signedIn', view: views.signedIn, alt: 'Signed in: initials, name, email and when the session ends' },
  { name: 'popover-settings', state: 'signedIn', view: views.signedIn, alt: 'Settings unfolded: Open at login and About', prepare: toggleSettings, restore: toggleSettings },
  { name: 'popover-expiring-soon', state: 'expiringSoon', view: views.expiringSoon, alt: 'Expiring soon, with Renew' },
  { name: 'popover-expired', state: 'expired', view: views.expired, alt: 'Expired, with Sign in again' },
  { name: 'popover-offline', state: 'offline', view: views.offline, alt: 'Offline, with when the session was last confirmed' },
  { name: 'popover-keyring-locked', state: 'keyringLocked', view: views.keyringLocked, alt: 'Waiting for the system keyring' },
  { name: 'popover-vault-weak', state: 'signedOut', view: views.vaultWeak, alt: 'A weak keyring, explained' },
  { name: 'popover-update-ready', state: 'signedIn', view: views.updateReady, alt: 'Update ready — Restart to update: Latchkey 0.2.0, with Release notes' },
  { name: 'popover-accounts-two', state: 'signedIn', view: views.accountsTwo, alt: 'Two accounts on one server: the list, the active one marked, each with Sign out; Add another account, Add an account on another server, and Sign out of all' },
  { name: 'popover-accounts-two-servers', state: 'signedIn', view: views.accountsThreeOnTwoServers, alt: 'Three accounts on two servers: each row names its server' },
  { name: 'popover-accounts-attention', state: 'signedIn', view: views.accountsAttention, alt: 'Two accounts, one expired: marked Session expired in the list' },
  {
    name: 'popover-add-on-server',
    state: 'signedIn',
    view: views.signedInAdding,
    alt: 'Add an account on another server, opened: the Server address field with an address typed, a hint, Continue and Cancel',
    prepare: typeServer,
    restore: closeServer,
  },
  {
    name: 'popover-add-on-server-refused',
    state: 'signedIn',
    view: views.signedInAdding,
    alt: 'The server address refused: why, under the field, marked invalid, the address kept',
    prepare: refusedServer,
    restore: closeServer,
  },
  { name: 'popover-vault-unavailable', state: 'signedOut', view: views.vaultUnavailable, alt: 'No keyring, explained' },
  {
    name: 'popover-focus-visible-signed-out',
    state: 'signedOut',
    view: views.signedOut,
    alt: 'Signed out, reached by keyboard: a focus ring around Sign in with browser',
    prepare: tabToFirst,
    restore: leaveFocus,
  },
  {
    name: 'popover-focus-visible-device',
    state: 'signingIn',
    view: views.signingInDevice,
    alt: 'Sign in on another device, reached by keyboard: a focus ring around Copy',
    prepare: tabToFirst,
    restore: leaveFocus,
  },
  {
    name: 'popover-forced-colours-signed-out',
    state: 'signedOut',
    view: views.signedOut,
    alt: 'Signed out in forced colours (Windows high contrast), Sign in with browser focused',
    prepare: forcedColours,
    restore: normalColours,
  },
  {
    name: 'popover-forced-colours-expiring-soon',
    state: 'expiringSoon',
    view: views.expiringSoon,
    alt: 'Expiring soon in forced colours, Renew focused',
    prepare: forcedColours,
    restore: normalColours,
  },
];

/** Every popover state, rendered by the real window adapter in Chromium (test/harness/popover-rig.ts). */
export const popoverSection: GallerySection = {
  name: 'popover',
  states: accountStatuses,
  shots: popoverShots,
  async open(theme) {
    const chromium = await launchChromium({ colorScheme: theme });
    await chromium.context.clock.setFixedTime(new Date(now));
    const rig = await startPopoverRig({ chromium, view: views.signedOut });
    await rig.page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
    rig.popover.show();
    let restore: (() => Promise<void>) | null = null;
    return {
      async take(plain) {
        const shot = popoverShots.find((each) => each.name === plain.name);
        if (!shot) throw new Error(`The popover has no shot named ${plain.name}`);
        await restore?.();
        await rig.push(shot.view);
        if (shot.prepare) {
          await shot.prepare(rig.page, rig);
          await rig.settle();
        }
        restore = shot.restore
          ? async () => {
              await shot.restore!(rig.page, rig);
              await rig.settle();
            }
          : null;
        return { png: await rig.page.screenshot(), page: rig.page };
      },
      async close() {
        rig.close();
        await chromium.close();
      },
    };
  },
};
