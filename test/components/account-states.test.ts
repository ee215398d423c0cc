import { cleanup, fireEvent, screen } from '@testing-library/svelte';
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
