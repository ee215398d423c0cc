import { cleanup, fireEvent, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderPopover } from './render-popover';
import { views } from './views';

// A renamed build: src/contract/product.ts as a company would edit it. (This project isolates each
// file, so the rename stays in this one.)
vi.mock('../../src/contract/product', () => ({
  product: { productName: 'Acme Desk', appId: 'com.acme.desk', scheme: 'com.acme.desk', developmentScheme: 'com.acme.desk.dev' },
}));

afterEach(() => cleanup());

describe('a build renamed in src/contract/product.ts', () => {
  it.each(Object.keys(views) as (keyof typeof views)[])('the popover says the new name, never Latchkey, when %s', (name) => {
    renderPopover(views[name]);
    expect(document.body.textContent).not.toContain('Latchkey');
  });

  it('names the app in its heading, its sentences and its Quit button', async () => {
    const { api } = renderPopover(views.signedOut);
    expect(screen.getByText('Sign in with your browser. Acme Desk keeps the session for you and tells you before it ends.')).toBeTruthy();
    api.signIn.mockResolvedValueOnce({ ok: false, code: 'network_unavailable', message: '' });
    await fireEvent.click(screen.getByRole('button', { name: 'Sign in with browser' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Acme Desk could not reach the server. Check your connection and try again.');
    cleanup();
    renderPopover(views.startingEmpty);
    expect(screen.getByRole('heading', { name: 'Acme Desk', level: 1 })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Quit Acme Desk' })).toBeTruthy();
  });
});
