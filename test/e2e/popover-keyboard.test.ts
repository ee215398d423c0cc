import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventChannel } from '../../src/contract/channels';
import { done, failed } from '../../src/contract/outcome';
import type { AccountView } from '../../src/contract/view';
import { now, views, type ViewName } from '../components/views';
import { AccessibilityTree, readPopover } from '../harness/accessibility-tree';
import type { PopoverRig } from '../harness/popover-rig';

/**
 * Every popover state used with the keyboard alone, read through Chromium's accessibility tree:
 * where focus lands when the popover opens, the Tab order by role and name, Enter and Space on
 * every control, and where focus goes when a press changes the view.
 */
let rig: PopoverRig;
let tree: AccessibilityTree;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ rig, tree, close } = await readPopover(views.signedOut, now));
});
afterAll(async () => {
  await close?.();
});

const settings = 'DisclosureTriangle Settings';
const quit = 'button Quit Latchkey';
const signOut = 'button Sign out';
const addOnServer = 'button Add an account on another server';
const serverField = 'textbox Server address';
const signInButtons = ['button Sign in with browser', 'button Sign in with another device'];

interface Row {
  name: string;
  view: AccountView;
  heading: string;
  order: string[];
  /** Settings unfolded before the journey. */
  settingsOpen?: boolean;
}

const rows: Row[] = [
  { name: 'starting', view: views.startingEmpty, heading: 'heading Latchkey', order: [settings, quit] },
  { name: 'starting, account remembered', view: views.startingCached, heading: 'heading Ada Lovelace', order: [settings, quit] },
  { name: 'signed out', view: views.signedOut, heading: "heading You're signed out", order: [...signInButtons, settings, quit] },
  {
    name: 'waiting for the browser',
    view: views.signingIn,
    heading: 'heading Waiting for your browser',
    order: ['button Paste a code', 'button Use loopback instead', 'button Sign in with another device', 'button Cancel sign-in', settings, quit],
  },
  {
    name: 'device sign-in',
    view: views.signingInDevice,
    heading: 'heading Sign in on another device',
    order: ['button Copy', 'button Sign in with browser instead', 'button Cancel sign-in', settings, quit],
  },
  {
    name: 'device sign-in, offline',
    view: views.signingInDeviceOffline,
    heading: 'heading Sign in on another device',
    order: ['button Copy', 'button Sign in with browser instead', 'button Cancel sign-in', settings, quit],
  },
  { name: 'signed in', view: views.signedIn, heading: 'heading Ada Lovelace', order: [settings, signOut, quit] },
  {
    name: 'signed in, Settings open',
    view: views.signedIn,
    heading: 'heading Ada Lovelace',
    settingsOpen: true,
    order: [
      settings,
      'checkbox Open at login',
      'combobox Updates',
      'button Check for updates',
      'button Change shortcut',
      'button Turn off',
      'button Open logs folder',
      'button Copy diagnostics',
      signOut,
      quit,
    ],
  },
  { name: 'expiring soon', view: views.expiringSoon, heading: 'heading Ada Lovelace', order: ['button Renew', settings, signOut, quit] },
  { name: 'expired', view: views.expired, heading: 'heading Ada Lovelace', order: ['button Sign in again', settings, signOut, quit] },
  { name: 'offline', view: views.offline, heading: 'heading Ada Lovelace', order: ['button Retry', settings, signOut, quit] },
  {
    name: 'two accounts, one expired',
    view: views.accountsAttention,
    heading: 'heading Ada Lovelace',
    order: [
      'button Ada Lovelace ada@example.com Session expires in 3 days (active)',
      'button Sign out of ada@example.com',
      'button Grace Hopper grace@example.com Session expired',
      'button Sign out of grace@example.com',
      settings,
      'button Add another account',
      addOnServer,
      'button Sign out of all',
      quit,
    ],
  },
  {
    name: 'signed in, another account may be added',
    view: views.signedInAdding,
    heading: 'heading Ada Lovelace',
    order: [settings, 'button Add another account', addOnServer, signOut, quit],
  },
  { name: 'keyring locked', view: views.keyringLocked, heading: 'heading Ada Lovelace', order: [settings, signOut, quit] },
  {
    name: 'weak keyring',
    view: views.vaultWeak,
    heading: "heading You're signed out",
    order: [...signInButtons, 'checkbox Allow weaker encryption', settings, quit],
  },
  { name: 'no keyring', view: views.vaultUnavailable, heading: "heading You're signed out", order: [...signInButtons, settings, quit] },
];

/** The window is shown again, as a tray click or the shortcut does; the page then focuses its heading. */
async function open(row: Row): Promise<void> {
  rig.popover.hide();
  // Another view in between, so what the last press opened (the code field) is closed again.
  rig.window.webContents.send(eventChannel('view'), row.view === views.startingEmpty ? views.signedOut : views.startingEmpty);
  await rig.push(row.view);
  if (((await tree.expanded(settings)) ?? false) !== Boolean(row.settingsOpen)) {
    await rig.page.getByText('Settings', { exact: true }).click();
    await rig.settle();
  }
  rig.popover.show();
  await expect.poll(() => tree.focused(), { message: `${row.name}: focus on the heading when the popover opens` }).toBe(row.heading);
}

/** Tab from the heading until focus leaves the popover, or comes back round. */
async function tabOrder(): Promise<string[]> {
  const seen: string[] = [];
  for (let step = 0; step < 20; step += 1) {
    await rig.page.keyboard.press('Tab');
    const focused = await tree.focused();
    if (focused === 'RootWebArea' || focused === seen[0]) break;
    seen.push(focused);
  }
  return seen;
}

async function tabTo(row: Row, control: string): Promise<void> {
  await open(row);
  for (let step = 0; step <= row.order.indexOf(control); step += 1) await rig.page.keyboard.press('Tab');
  expect(await tree.focused()).toBe(control);
}

describe('the popover by keyboard alone', () => {
  it.each(rows)('$name: focus on the heading when opened, Tab order by role and name, Enter and Space on each control', async (row) => {
    await open(row);
    expect(await tabOrder(), `${row.name}: Tab order`).toEqual(row.order);
    for (const [index, control] of row.order.entries()) {
      // From the last control one Tab on, unless a press took focus elsewhere or changed the order.
      if (index === 0 || (await tree.focused()) !== row.order[index - 1]) await tabTo(row, control);
      else await rig.page.keyboard.press('Tab');
      for (const key of ['Enter', 'Space'] as const) {
        if ((await tree.focused()) !== control) await tabTo(row, control);
        // Enter does not toggle a checkbox in any browser; Space does. Enter opens a select's list,
        // and Space then lands inside that open list, which changes nothing the tree reports.
        const mustAct = !(key === 'Enter' && control.startsWith('checkbox')) && !(key === 'Space' && control.startsWith('combobox'));
        const before = { calls: rig.calls.length, expanded: await tree.expanded(control) };
        await rig.page.keyboard.press(key);
        const acted = async () =>
          rig.calls.length > before.calls || (await tree.focused()) !== control || (await tree.expanded(control)) !== before.expanded;
        if (mustAct) await expect.poll(acted, { message: `${row.name}: ${key} on ${control} does something`, interval: 20 }).toBe(true);
        expect(await tree.focused(), `${row.name}: focus after ${key} on ${control}`).not.toBe('RootWebArea');
      }
    }
  });
});

interface Transition {
  from: ViewName;
  press: string;
  command: string;
  to: AccountView;
  focus: string;
}

const renewing: AccountView = { ...views.signingIn, profile: views.signedIn.profile };
const transitions: Transition[] = [
  { from: 'signedOut', press: 'button Sign in with browser', command: 'signIn', to: views.signingIn, focus: 'heading Waiting for your browser' },
  { from: 'signedOut', press: 'button Sign in with another device', command: 'signInWithDevice', to: views.signingInDevice, focus: 'heading Sign in on another device' },
  { from: 'signingIn', press: 'button Sign in with another device', command: 'signInWithDevice', to: views.signingInDevice, focus: 'heading Sign in on another device' },
  { from: 'signingIn', press: 'button Cancel sign-in', command: 'cancelSignIn', to: views.signedOut, focus: "heading You're signed out" },
  { from: 'signingInDevice', press: 'button Cancel sign-in', command: 'cancelSignIn', to: views.signedOut, focus: "heading You're signed out" },
  { from: 'signingInDevice', press: 'button Sign in with browser instead', command: 'signIn', to: views.signingIn, focus: 'heading Waiting for your browser' },
  { from: 'expiringSoon', press: 'button Renew', command: 'signIn', to: renewing, focus: 'heading Waiting for your browser' },
  { from: 'expired', press: 'button Sign in again', command: 'signIn', to: renewing, focus: 'heading Waiting for your browser' },
  { from: 'offline', press: 'button Retry', command: 'retry', to: views.signedIn, focus: 'heading Ada Lovelace' },
  { from: 'signedIn', press: signOut, command: 'signOut', to: views.signedOut, focus: "heading You're signed out" },
];

describe('focus is never lost when a press changes the view', () => {
  it.each(transitions)('$from, $press → focus on the new view ($focus)', async ({ from, press, command, to, focus }) => {
    const row = rows.find((each) => each.view === views[from] && !each.settingsOpen)!;
    await tabTo(row, press);
    const before = rig.calls.length;
    await rig.page.keyboard.press('Enter');
    await expect.poll(() => rig.calls.slice(before)).toContain(command);
    await rig.push(to);
    await expect.poll(() => tree.focused(), { message: 'focus moves to the new view, not to the page' }).toBe(focus);
  });

  it('the server form: opened by keyboard, a refusal tied to the field, an empty address refused here, Escape back', async () => {
    const row = rows.find((each) => each.view === views.signedInAdding)!;
    const refusal = 'auth.example.org is not a server Latchkey can sign in to.';
    const hint = 'Latchkey checks the server, then opens your browser to sign in there.';
    rig.answer('addAccountOnServer', () => failed('not_a_latchkey_server', refusal));
    await tabTo(row, addOnServer);
    await rig.page.keyboard.press('Enter');
    await expect.poll(() => tree.focused(), { message: 'opening the form puts the cursor in the field' }).toBe(serverField);
    expect(await tree.expanded(addOnServer)).toBe(true);
    expect(await tree.field(serverField)).toEqual({ description: hint, invalid: false });
    await rig.page.keyboard.type('auth.example.org');
    const before = rig.calls.length;
    await rig.page.keyboard.press('Enter');
    await expect.poll(() => rig.calls.slice(before)).toEqual(['addAccountOnServer']);
    await expect.poll(() => tree.liveRegion('alert'), { message: 'the refusal is read out' }).toBe(refusal);
    expect(await tree.field(serverField), 'the refusal is tied to the field').toEqual({ description: `${refusal} ${hint}`, invalid: true });
    expect(await tree.focused()).toBe(serverField);
    expect(await rig.page.getByRole('textbox', { name: 'Server address' }).inputValue(), 'the address is kept').toBe('auth.example.org');

    await rig.page.keyboard.press('Tab');
    expect(await tree.focused(), 'Continue follows the field').toBe('button Continue');
    await rig.page.keyboard.press('Enter');
    await expect.poll(() => rig.calls.length, { message: 'Continue sends it again' }).toBe(before + 2);
    await expect.poll(() => tree.focused(), { message: 'the refusal sends focus back to the field' }).toBe(serverField);

    await rig.page.keyboard.press('ControlOrMeta+A');
    await rig.page.keyboard.press('Backspace');
    await rig.page.keyboard.press('Enter');
    await expect.poll(() => tree.liveRegion('alert')).toBe('Type the address of the server, such as auth.example.com.');
    expect(rig.calls.length, 'an empty address is not sent').toBe(before + 2);

    await rig.page.keyboard.press('Escape');
    await expect.poll(() => tree.focused(), { message: 'Escape closes the form and returns to its button' }).toBe(addOnServer);
    expect(await tree.expanded(addOnServer)).toBe(false);
    expect(await tree.field(serverField)).toBeNull();
  });

  it('the server form: an address that goes through closes it, and the view that follows keeps focus', async () => {
    const row = rows.find((each) => each.view === views.signedInAdding)!;
    rig.answer('addAccountOnServer', () => done);
    await tabTo(row, addOnServer);
    await rig.page.keyboard.press('Enter');
    await expect.poll(() => tree.focused()).toBe(serverField);
    await rig.page.keyboard.type('auth.staging.example.com');
    const before = rig.calls.length;
    await rig.page.keyboard.press('Enter');
    await expect.poll(() => rig.calls.slice(before)).toEqual(['addAccountOnServer']);
    await expect.poll(() => tree.focused(), { message: 'the form closes; focus back on its button' }).toBe(addOnServer);
    // An account is being added: main offers no more additions for now.
    await rig.push({ ...views.signedInAdding, accounts: { ...views.signedInAdding.accounts, canAdd: false, otherServers: false } });
    await expect.poll(() => tree.focused(), { message: 'focus moves to the view, not to the page' }).toBe('heading Ada Lovelace');
  });

  it('the server form leaves when the view stops offering it, and focus stays in the popover', async () => {
    const row = rows.find((each) => each.view === views.signedInAdding)!;
    await tabTo(row, addOnServer);
    await rig.page.keyboard.press('Enter');
    await expect.poll(() => tree.focused()).toBe(serverField);
    await rig.push({ ...views.signedInAdding, accounts: { ...views.signedInAdding.accounts, canAdd: false, otherServers: false } });
    await expect.poll(() => tree.focused(), { message: 'focus moves to the view, not to the page' }).toBe('heading Ada Lovelace');
    expect(await tree.field(serverField)).toBeNull();
  });

  it('an empty code keeps focus in the field and is announced', async () => {
    const row = rows.find((each) => each.view === views.signingIn)!;
    await tabTo(row, 'button Paste a code');
    await rig.page.keyboard.press('Enter');
    await expect.poll(() => tree.focused()).toBe('textbox Sign-in code from your browser');
    await rig.page.keyboard.press('Enter');
    await expect.poll(() => tree.liveRegion('alert')).toBe('Paste the code your browser showed you.');
    expect(await tree.focused()).toBe('textbox Sign-in code from your browser');
    await rig.page.keyboard.press('Tab');
    expect(await tree.focused(), 'Continue follows the field').toBe('button Continue');
    await rig.page.keyboard.press('Enter');
    await expect.poll(() => tree.focused(), { message: 'the problem sends focus back to the field' }).toBe('textbox Sign-in code from your browser');
  });
});
