import { cleanup, fireEvent, screen, waitFor } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { renderPopover } from './render-popover';
import { ada, views } from './views';

afterEach(() => cleanup());

const account = () => screen.getByRole('region', { name: 'Account' });

describe('starting', () => {
  it('shows the cached account while checking, never a signed-out flash', () => {
    renderPopover(views.startingCached);
    expect(screen.getByRole('heading', { name: 'Ada Lovelace' })).toBeTruthy();
    expect(screen.getByText('Checking your session…')).toBeTruthy();
    expect(screen.getByRole('status').textContent, 'the live region says it').toBe('Checking your session.');
    expect(screen.queryByRole('button', { name: 'Sign in with browser' })).toBeNull();
  });

  it('without a cached account, says it is starting rather than signed out', () => {
    renderPopover(views.startingEmpty);
    expect(screen.queryByText(/signed out/iu)).toBeNull();
    expect(screen.queryByRole('button', { name: 'Sign in with browser' })).toBeNull();
  });
});

describe('signed in', () => {
  it('shows initials, name, email and when the session expires', () => {
    renderPopover(views.signedIn);
    expect(account().textContent).toContain('AL');
    expect(screen.getByRole('heading', { name: 'Ada Lovelace' })).toBeTruthy();
    expect(screen.getByText('ada@example.com')).toBeTruthy();
    expect(screen.getByText('Session expires in 3 days')).toBeTruthy();
    expect(account().querySelector('img')).toBeNull();
  });

  it('shows the avatar image when there is one, and falls back to initials if it fails to load', async () => {
    renderPopover({ ...views.signedIn, profile: { ...ada, image: 'https://avatars.example.com/ada.png' } });
    const image = account().querySelector('img');
    expect(image?.getAttribute('src')).toBe('https://avatars.example.com/ada.png');
    expect(image?.getAttribute('alt'), 'decorative: the name is right beside it').toBe('');
    await fireEvent.error(image!);
    expect(account().querySelector('img')).toBeNull();
    expect(account().textContent).toContain('AL');
  });

  it('keeps the expiry text true as time passes, refreshed each minute', () => {
    const { clock } = renderPopover(views.signedIn);
    clock.advance(48 * 60 * 60_000);
    flushSync();
    expect(screen.getByText('Session expires tomorrow')).toBeTruthy();
    clock.advance(23 * 60 * 60_000);
    flushSync();
    expect(screen.getByText('Session expires in 1 hour')).toBeTruthy();
  });

  it('offers Sign out', async () => {
    const { api } = renderPopover(views.signedIn);
    await fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(api.signOut).toHaveBeenCalledTimes(1);
  });

  it('follows the views main pushes', () => {
    const { push } = renderPopover(views.signedIn);
    push(views.signedOut);
    flushSync();
    expect(screen.getByRole('button', { name: 'Sign in with browser' })).toBeTruthy();
  });
});

describe('expiring soon', () => {
  it('says how long is left, shows the warning, and Renew starts a sign-in', async () => {
    const { api } = renderPopover(views.expiringSoon);
    expect(screen.getByText('Session expires in 2 hours')).toBeTruthy();
    expect(screen.getByText('Your session ends soon. Renew it to stay signed in.')).toBeTruthy();
    expect(screen.getByRole('status').textContent, 'the live region says the view model\'s sentence').toBe(views.expiringSoon.announcement.text);
    await fireEvent.click(screen.getByRole('button', { name: 'Renew' }));
    expect(api.signIn).toHaveBeenCalledTimes(1);
  });
});

describe('expired', () => {
  it('dims the account, says so, and offers "Sign in again"', async () => {
    const { api } = renderPopover(views.expired);
    expect(account().classList.contains('dimmed')).toBe(true);
    expect(screen.getByText('Session expired — sign in again')).toBeTruthy();
    expect(screen.getByText('Your session has ended.')).toBeTruthy();
    expect(screen.getByRole('alert').textContent, 'an error notice interrupts').toBe('Session expired — sign in again. Your session has ended.');
    await fireEvent.click(screen.getByRole('button', { name: 'Sign in again' }));
    expect(api.signIn).toHaveBeenCalledTimes(1);
  });
});

describe('offline', () => {
  it('says when the session was last confirmed, and Retry asks main to check again', async () => {
    const { api } = renderPopover(views.offline);
    expect(screen.getByText('Offline. Last confirmed 5 minutes ago.')).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(api.retry).toHaveBeenCalledTimes(1);
  });

  it('does not say "Offline" when the notice names another trouble, such as a refused certificate', () => {
    const notice = { tone: 'error' as const, text: "The sign-in server's certificate is not trusted. Your session is kept." };
    const announcement = { id: 'offline|tls', text: `The sign-in server's certificate is not trusted. ${notice.text}`, politeness: 'assertive' as const };
    renderPopover({ ...views.offline, notice, announcement });
    expect(screen.getByText('Last confirmed 5 minutes ago.')).toBeTruthy();
    expect(screen.getByText(notice.text)).toBeTruthy();
    expect(screen.queryByText(/Offline/u)).toBeNull();
  });

  it('says plainly when the session has not been confirmed this run', () => {
    renderPopover({ ...views.offline, session: { ...views.offline.session, lastConfirmedAt: null } });
    expect(screen.getByText('Offline. Not confirmed since Latchkey started.')).toBeTruthy();
  });
});

describe('keyring locked', () => {
  it('waits for the keyring with a status a screen reader announces', () => {
    renderPopover(views.keyringLocked);
    expect(screen.getByText('Waiting for your system keyring…')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Waiting for your system keyring.');
    expect(screen.getByRole('heading', { name: 'Ada Lovelace' })).toBeTruthy();
  });
});

describe('adding an account on another server', () => {
  const disclosure = () => screen.getByRole('button', { name: 'Add an account on another server' });
  const field = () => screen.getByRole('textbox', { name: 'Server address' }) as HTMLInputElement;
  const describedBy = (element: HTMLElement) =>
    (element.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent?.trim());
  async function openForm() {
    await fireEvent.click(disclosure());
    await waitFor(() => expect(document.activeElement, 'opening the form puts the cursor in the field').toBe(field()));
  }

  it('is offered beside "Add another account" only when main allows another server', async () => {
    renderPopover(views.signedInAdding);
    expect(screen.getByRole('button', { name: 'Add another account' })).toBeTruthy();
    expect(disclosure().getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('textbox'), 'the form waits until asked for').toBeNull();
    cleanup();
    renderPopover({ ...views.signedInAdding, accounts: { ...views.signedInAdding.accounts, otherServers: false } });
    expect(screen.getByRole('button', { name: 'Add another account' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Add an account on another server' }), 'a build that pins its server').toBeNull();
  });

  it('opens a labelled field for an address, with a hint, and sends what was typed', async () => {
    const { api } = renderPopover(views.signedInAdding);
    await openForm();
    expect(disclosure().getAttribute('aria-expanded')).toBe('true');
    expect(document.getElementById(disclosure().getAttribute('aria-controls')!)?.contains(field())).toBe(true);
    expect(field().getAttribute('inputmode')).toBe('url');
    expect(field().getAttribute('autocomplete')).toBe('url');
    expect(field().getAttribute('spellcheck')).toBe('false');
    expect(field().getAttribute('autocapitalize')).toBe('off');
    expect(field().getAttribute('placeholder')).toBe('auth.example.com');
    expect(describedBy(field())).toEqual(['Latchkey checks the server, then opens your browser to sign in there.']);
    await fireEvent.input(field(), { target: { value: '  auth.staging.example.com ' } });
    await fireEvent.submit(field().form!);
    expect(api.addAccountOnServer).toHaveBeenCalledWith({ address: 'auth.staging.example.com' });
    await waitFor(() => expect(screen.queryByRole('textbox'), 'the sign-in started: the form closes').toBeNull());
    expect(document.activeElement, 'focus back on the button that opened it').toBe(disclosure());
    expect(disclosure().getAttribute('aria-expanded')).toBe('false');
  });

  it('refuses an empty address without asking main, tied to the field and read out', async () => {
    const { api } = renderPopover(views.signedInAdding);
    await openForm();
    await fireEvent.input(field(), { target: { value: '   ' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(api.addAccountOnServer).not.toHaveBeenCalled();
    expect(field().getAttribute('aria-invalid')).toBe('true');
    expect(describedBy(field())[0]).toBe('Type the address of the server, such as auth.example.com.');
    expect(screen.getByRole('alert').textContent, 'the field had focus, so the problem is read out').toBe('Type the address of the server, such as auth.example.com.');
  });

  it('shows a refusal from main in the form, keeps the address, and does not say it twice', async () => {
    const { api } = renderPopover(views.signedInAdding);
    const refusal = 'auth.example.org is not a Latchkey server: it does not offer desktop sign-in.';
    api.addAccountOnServer.mockResolvedValueOnce({ ok: false, code: 'not_a_latchkey_server', message: refusal });
    await openForm();
    await fireEvent.input(field(), { target: { value: 'auth.example.org' } });
    await fireEvent.submit(field().form!);
    await waitFor(() => expect(field().getAttribute('aria-invalid')).toBe('true'));
    expect(describedBy(field())[0]).toBe(refusal);
    expect(screen.getByRole('alert').textContent).toBe(refusal);
    expect(field().value, 'the typed address stays, to correct it').toBe('auth.example.org');
    expect(document.activeElement).toBe(field());
    const shown = screen.getAllByText(refusal).filter((element) => element.closest('[role=alert]') === null);
    expect(shown.map((element) => element.closest('form')?.id), 'shown once, in the form').toEqual(['other-server']);
  });

  it('marks Continue busy while main checks the server', async () => {
    const { api } = renderPopover(views.signedInAdding);
    const answer = Promise.withResolvers<{ ok: true }>();
    api.addAccountOnServer.mockReturnValueOnce(answer.promise);
    await openForm();
    await fireEvent.input(field(), { target: { value: 'auth.staging.example.com' } });
    await fireEvent.submit(field().form!);
    const proceed = screen.getByRole('button', { name: 'Continue' });
    expect(proceed.getAttribute('aria-disabled')).toBe('true');
    expect(screen.getByText('Checking the server…')).toBeTruthy();
    await fireEvent.submit(field().form!);
    expect(api.addAccountOnServer, 'a second Enter sends nothing more').toHaveBeenCalledTimes(1);
    answer.resolve({ ok: true });
    await waitFor(() => expect(screen.queryByRole('textbox')).toBeNull());
  });

  it('Escape and Cancel close the form and return focus to the button that opened it', async () => {
    renderPopover(views.signedInAdding);
    await openForm();
    await fireEvent.input(field(), { target: { value: 'auth.staging' } });
    await fireEvent.keyDown(field(), { key: 'Escape' });
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(document.activeElement).toBe(disclosure());
    await openForm();
    expect(field().value, 'opened afresh').toBe('');
    await fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(document.activeElement).toBe(disclosure());
  });

  it('leaves when the view stops offering it, without dropping focus to the page', async () => {
    const { push } = renderPopover(views.signedInAdding);
    await openForm();
    push({ ...views.signedInAdding, accounts: { ...views.signedInAdding.accounts, canAdd: false, otherServers: false } });
    flushSync();
    expect(screen.queryByRole('textbox')).toBeNull();
    await waitFor(() => expect(document.activeElement, 'focus moves to the view').toBe(screen.getByRole('heading', { name: 'Ada Lovelace' })));
  });
});
