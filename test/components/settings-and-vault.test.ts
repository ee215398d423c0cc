import { cleanup, fireEvent, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { renderPopover } from './render-popover';
import { views } from './views';

afterEach(() => cleanup());

describe('the vault explanation', () => {
  it('has nothing to explain when the keyring is strong', () => {
    renderPopover(views.signedOut);
    expect(screen.queryByRole('checkbox', { name: 'Allow weaker encryption' })).toBeNull();
    expect(screen.queryByText(/keyring is unavailable/u)).toBeNull();
  });

  it('explains weak encryption and lets the user opt in or out', async () => {
    const { api, push } = renderPopover(views.vaultWeak);
    expect(screen.getByRole('heading', { name: 'Weak encryption only' })).toBeTruthy();
    const toggle = screen.getByRole('checkbox', { name: 'Allow weaker encryption' }) as HTMLInputElement;
    expect(toggle.checked).toBe(false);
    await fireEvent.click(toggle);
    expect(api.allowWeakEncryption).toHaveBeenCalledWith({ allow: true });
    push({ ...views.vaultWeak, vault: { ...views.vaultWeak.vault, weakAllowed: true } });
    await waitFor(() => expect(toggle.checked).toBe(true));
    await fireEvent.click(toggle);
    expect(api.allowWeakEncryption).toHaveBeenLastCalledWith({ allow: false });
  });

  it('says that an unavailable keyring means signing in again next time', () => {
    renderPopover(views.vaultUnavailable);
    expect(screen.getByText("Your system keyring is unavailable, so you'll need to sign in again next time.")).toBeTruthy();
  });
});

describe('settings', () => {
  it('turns Open at login on and off', async () => {
    const { api } = renderPopover(views.signedIn);
    const toggle = screen.getByRole('checkbox', { name: 'Open at login' });
    await fireEvent.click(toggle);
    expect(api.setOpenAtLogin).toHaveBeenCalledWith({ enabled: true });
    expect(screen.queryByText('Needs approval in System Settings.')).toBeNull();
  });

  it('points to System Settings when macOS wants the login item approved', async () => {
    const { api } = renderPopover({ ...views.signedIn, openAtLogin: { supported: true, enabled: true, requiresApproval: true } });
    expect(screen.getByText('Needs approval in System Settings.')).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Open System Settings' }));
    expect(api.openLoginItemSettings).toHaveBeenCalledTimes(1);
  });

  it('disables Open at login where the system has no login items', () => {
    renderPopover({ ...views.signedIn, openAtLogin: { supported: false, enabled: false, requiresApproval: false } });
    expect((screen.getByRole('checkbox', { name: 'Open at login' }) as HTMLInputElement).disabled).toBe(true);
    expect(screen.getByText('Not available on this system.')).toBeTruthy();
  });

  it('copies diagnostics and confirms it, or says why it could not', async () => {
    const { api } = renderPopover(views.signedIn);
    await fireEvent.click(screen.getByRole('button', { name: 'Copy diagnostics' }));
    expect(api.copyDiagnostics).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Diagnostics copied to the clipboard.'));
    api.copyDiagnostics.mockResolvedValueOnce({ ok: false, code: 'unexpected', message: '' });
    await fireEvent.click(screen.getByRole('button', { name: 'Copy diagnostics' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Something went wrong. Try again.');
    expect(screen.queryByText('Diagnostics copied to the clipboard.', { selector: 'p' }), 'the confirmation is gone from sight').toBeNull();
  });

  it('says what version this is under About, and opens the logs folder', async () => {
    const { api } = renderPopover(views.signedIn);
    const about = screen.getByRole('region', { name: 'About' });
    expect(about.textContent).toContain('Latchkey 0.1.0');
    await fireEvent.click(screen.getByRole('button', { name: 'Open logs folder' }));
    expect(api.openLogsFolder).toHaveBeenCalledTimes(1);
    api.openLogsFolder.mockResolvedValueOnce({ ok: false, code: 'not_supported', message: 'The logs folder could not be opened. It is at /tmp/logs' });
    await fireEvent.click(screen.getByRole('button', { name: 'Open logs folder' }));
    expect((await screen.findByRole('alert')).textContent, 'where the folder is, when it cannot be opened').toContain('/tmp/logs');
  });

  it('shows the version and offers Quit in every state', async () => {
    const { api } = renderPopover(views.signingIn);
    expect(screen.getByText('Latchkey 0.1.0')).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Quit Latchkey' }));
    expect(api.quit).toHaveBeenCalledTimes(1);
  });
});

describe('updates', () => {
  it('Settings chooses the channel, and says when the last check failed', async () => {
    const problem = 'The update server could not be reached. Latchkey will try again later.';
    const { api } = renderPopover({ ...views.signedIn, update: { ...views.signedIn.update, problem } });
    expect(screen.getByText(problem)).toBeTruthy();
    await fireEvent.change(screen.getByRole('combobox', { name: 'Updates' }), { target: { value: 'beta' } });
    expect(api.setUpdateChannel).toHaveBeenCalledWith({ channel: 'beta' });
  });

  it('a restart that waits for a sign-in says so, and cannot be asked for twice', async () => {
    const { api } = renderPopover({ ...views.updateReady, update: { ...views.updateReady.update, restartWaiting: true } });
    expect(screen.getByText('Restarts as soon as the sign-in under way ends.')).toBeTruthy();
    const restart = screen.getByRole('button', { name: 'Restart to update' });
    expect(restart.getAttribute('aria-disabled')).toBe('true');
    await fireEvent.click(restart);
    expect(api.restartToUpdate).not.toHaveBeenCalled();
  });
});

describe('checking for updates by hand', () => {
  it('asks main to check, and says what the updater is doing meanwhile', async () => {
    const { api, push } = renderPopover(views.signedIn);
    await fireEvent.click(screen.getByRole('button', { name: 'Check for updates' }));
    expect(api.checkForUpdates).toHaveBeenCalledTimes(1);
    push({ ...views.signedIn, update: { ...views.signedIn.update, activity: 'checking' } });
    await waitFor(() => expect(screen.getByText('Checking for updates…')).toBeTruthy());
    expect(screen.getByRole('button', { name: 'Check for updates' }).getAttribute('aria-disabled')).toBe('true');
    await fireEvent.click(screen.getByRole('button', { name: 'Check for updates' }));
    expect(api.checkForUpdates).toHaveBeenCalledTimes(1);
  });

  it('says plainly when this copy does not update itself, and offers nothing to press', () => {
    renderPopover({ ...views.signedIn, update: { ...views.signedIn.update, supported: false } });
    expect(screen.getByText('This copy of Latchkey does not update itself.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Check for updates' })).toBeNull();
  });
});
