import { fireEvent, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from '@testing-library/svelte';
import { renderPopover } from './render-popover';
import { views } from './views';

afterEach(() => cleanup());

describe('signed out', () => {
  it('offers "Sign in with browser", which asks main to start a sign-in', async () => {
    const { api } = renderPopover(views.signedOut);
    expect(screen.getByRole('heading', { name: "You're signed out" })).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Sign in with browser' }));
    expect(api.signIn).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('button', { name: 'Sign out' }), 'nothing to sign out of').toBeNull();
  });

  it('says in a sentence why a sign-in could not start', async () => {
    const { api } = renderPopover(views.signedOut);
    api.signIn.mockResolvedValueOnce({ ok: false, code: 'network_unavailable', message: '' });
    await fireEvent.click(screen.getByRole('button', { name: 'Sign in with browser' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Latchkey could not reach the server. Check your connection and try again.',
    );
  });

  it('prefers the sentence main sent, and says so when main does not answer at all', async () => {
    const { api } = renderPopover(views.signedOut);
    api.signIn.mockResolvedValueOnce({ ok: false, code: 'server_error', message: 'The server is down for maintenance.' });
    await fireEvent.click(screen.getByRole('button', { name: 'Sign in with browser' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The server is down for maintenance.');
    api.signIn.mockRejectedValueOnce(new Error('ipc gone'));
    await fireEvent.click(screen.getByRole('button', { name: 'Sign in with browser' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/did not answer/u));
  });
});

describe('waiting for the browser', () => {
  it('keeps the account being renewed in sight, faded, with no second way to sign out', () => {
    renderPopover({ ...views.signingIn, profile: views.signedIn.profile });
    const account = screen.getByRole('region', { name: 'Account' });
    expect(account.classList.contains('dimmed')).toBe(true);
    expect(account.textContent).toContain(views.signedIn.profile!.email);
    expect(screen.getByRole('heading', { name: 'Waiting for your browser' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Sign out' })).toBeNull();
  });

  it('says the browser is open and the app waits, when the attempt ends, and offers the rest as links', async () => {
    const { api } = renderPopover(views.signingIn);
    expect(screen.getByRole('heading', { name: 'Waiting for your browser' })).toBeTruthy();
    expect(screen.getByText(/Your browser is open\./u)).toBeTruthy();
    expect(screen.getByText(/This sign-in ends in 10 minutes\./u)).toBeTruthy();
    const others = screen.getByRole('list', { name: 'Other ways to finish' });
    expect([...others.querySelectorAll('button')].map((button) => button.textContent?.trim())).toEqual([
      'Paste a code',
      'Use loopback instead',
      'Sign in with another device',
      'Cancel sign-in',
    ]);
    expect(screen.queryByLabelText('Sign-in code from your browser'), 'the code field waits until asked for').toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: 'Cancel sign-in' }));
    expect(api.cancelSignIn).toHaveBeenCalledTimes(1);
  });

  it('takes a pasted code through a labelled field', async () => {
    const { api } = renderPopover(views.signingIn);
    const toggle = screen.getByRole('button', { name: 'Paste a code' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const field = screen.getByLabelText('Sign-in code from your browser');
    await waitFor(() => expect(document.activeElement, 'opening the field puts the cursor in it').toBe(field));
    await fireEvent.input(field, { target: { value: '  ABCD-1234 ' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(api.submitCode).toHaveBeenCalledWith({ code: 'ABCD-1234' });
    await waitFor(() => expect((field as HTMLInputElement).value, 'an accepted code is cleared').toBe(''));
  });

  it('refuses an empty code without asking main, and explains why', async () => {
    const { api } = renderPopover(views.signingIn);
    await fireEvent.click(screen.getByRole('button', { name: 'Paste a code' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(api.submitCode).not.toHaveBeenCalled();
    const field = screen.getByLabelText('Sign-in code from your browser');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    const described = document.getElementById(field.getAttribute('aria-describedby')!);
    expect(described?.textContent).toBe('Paste the code your browser showed you.');
    expect(screen.getByRole('alert').textContent, 'the field already had focus, so the problem is read out').toBe('Paste the code your browser showed you.');
  });

  it('keeps a rejected code in the field and shows why', async () => {
    const { api } = renderPopover(views.signingIn);
    api.submitCode.mockResolvedValueOnce({ ok: false, code: 'exchange_rejected', message: 'That code has expired.' });
    await fireEvent.click(screen.getByRole('button', { name: 'Paste a code' }));
    const field = screen.getByLabelText('Sign-in code from your browser') as HTMLInputElement;
    await fireEvent.input(field, { target: { value: 'OLD-CODE' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect((await screen.findByRole('alert')).textContent).toBe('That code has expired.');
    expect(field.value).toBe('OLD-CODE');
  });

  it('offers the loopback alternative only where it is available and not already in use', async () => {
    const { api } = renderPopover(views.signingIn);
    await fireEvent.click(screen.getByRole('button', { name: 'Use loopback instead' }));
    expect(api.useLoopback).toHaveBeenCalledTimes(1);
    cleanup();
    renderPopover({ ...views.signingIn, signIn: { ...views.signingIn.signIn, loopbackAvailable: false } });
    expect(screen.queryByRole('button', { name: 'Use loopback instead' })).toBeNull();
    cleanup();
    renderPopover({ ...views.signingIn, signIn: { ...views.signingIn.signIn, via: 'loopback' } });
    expect(screen.queryByRole('button', { name: 'Use loopback instead' })).toBeNull();
  });
});
