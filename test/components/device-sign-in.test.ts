import { cleanup, fireEvent, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { renderPopover } from './render-popover';
import { deviceCode, views } from './views';

afterEach(() => cleanup());

describe('sign in with another device', () => {
  it('is offered beside the browser sign-in, and asks main to start one', async () => {
    const { api } = renderPopover(views.signedOut);
    await fireEvent.click(screen.getByRole('button', { name: 'Sign in with another device' }));
    expect(api.signInWithDevice).toHaveBeenCalledTimes(1);
    expect(api.signIn).not.toHaveBeenCalled();
  });

  it('is offered while waiting for the browser, too', async () => {
    const { api } = renderPopover(views.signingIn);
    await fireEvent.click(screen.getByRole('button', { name: 'Sign in with another device' }));
    expect(api.signInWithDevice).toHaveBeenCalledTimes(1);
  });

  it('shows the code to read aloud, the QR code, the address with Copy, the time left and Cancel', async () => {
    const { api } = renderPopover(views.signingInDevice);
    expect(screen.getByRole('heading', { name: 'Sign in on another device' })).toBeTruthy();
    expect(screen.getByText(deviceCode.userCode).getAttribute('aria-hidden'), 'seen, and read only in its spelled-out form').toBe('true');
    expect(screen.getByText('Code: W D J B, M J H T').tagName, 'a screen reader spells it group by group, as text').toBe('SPAN');
    const qr = screen.getByRole('img', { name: /QR code/u });
    const path = qr.querySelector('path')!.getAttribute('d')!;
    expect(path).toBe(views.signingInDevice.signIn.device.qr.path);
    expect(qr.getAttribute('viewBox')).toBe(`0 0 ${views.signingInDevice.signIn.device.qr.size} ${views.signingInDevice.signIn.device.qr.size}`);
    expect(screen.getByText(deviceCode.verificationUri)).toBeTruthy();
    expect(screen.getByText(/The code expires in 9 minutes\./u)).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    expect(api.copyDeviceAddress).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Copied the address to the clipboard.'));
    await fireEvent.click(screen.getByRole('button', { name: 'Cancel sign-in' }));
    expect(api.cancelSignIn).toHaveBeenCalledTimes(1);
    await fireEvent.click(screen.getByRole('button', { name: 'Sign in with browser instead' }));
    expect(api.signIn).toHaveBeenCalledTimes(1);
  });

  it('says when it is offline and still trying', () => {
    renderPopover(views.signingInDeviceOffline);
    expect(screen.getByText('Latchkey is offline. It keeps trying, and finishes the sign-in as soon as it is back.')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Offline. Latchkey keeps trying and finishes the sign-in when it is back.');
  });

  it.each([
    ['certificate', /certificate is not trusted/u],
    ['attention', /The network needs attention/u],
  ] as const)('says what stands in the way when it is not offline (%s)', (trouble, sentence) => {
    const view = views.signingInDeviceOffline;
    // What main announces for this trouble (src/core/account/status-sentence.ts), beside what the panel shows.
    const announcement = { id: `signingIn|device:${trouble}`, text: trouble === 'certificate' ? "The sign-in server's certificate is not trusted. Latchkey keeps trying." : 'The network needs attention. Latchkey keeps trying.', politeness: 'polite' as const };
    renderPopover({ ...view, announcement, signIn: { ...view.signIn, device: { ...view.signIn.device, trouble } } });
    const shown = document.body.textContent ?? '';
    expect(shown).toMatch(sentence);
    expect(shown).not.toMatch(/offline/iu);
  });

  it('draws no QR code from a path that main did not write', () => {
    const view = views.signingInDevice;
    renderPopover({ ...view, signIn: { ...view.signIn, device: { ...view.signIn.device, qr: { size: 41, path: 'M0 0h1v1h-1z"/><script>alert(1)</script>' } } } });
    expect(screen.queryByRole('img', { name: /QR code/u })).toBeNull();
    expect(document.querySelector('script')).toBeNull();
    expect(screen.getByText(deviceCode.userCode), 'the code and the address still work').toBeTruthy();
  });
});
