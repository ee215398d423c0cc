import { afterEach, describe, expect, it, vi } from 'vitest';
import { loopbackServer } from '../../../src/main/adapters/loopback-listener';
import type { LoopbackListener, LoopbackVerdict } from '../../../src/core/ports';
import { launchChromium } from '../../harness/chromium';

const open: LoopbackListener[] = [];
afterEach(() => {
  for (const listener of open.splice(0)) listener.close();
});

/** Accepts callbacks whose state is `s`, as the sign-in flow accepts only its attempt's state. */
async function listen(timeoutMs = 60_000) {
  const received: string[] = [];
  const refusedUrls: string[] = [];
  const onCallback = (url: string): LoopbackVerdict => {
    if (new URL(url).searchParams.get('state') !== 's') {
      refusedUrls.push(url);
      return 'refused';
    }
    received.push(url);
    return 'accepted';
  };
  const listener = await loopbackServer.listen({ port: 0, path: '/auth/callback', timeoutMs, onCallback });
  open.push(listener);
  return { listener, received, refusedUrls, base: `http://127.0.0.1:${listener.port}` };
}

async function refused(url: string): Promise<boolean> {
  return fetch(url).then(
    () => false,
    () => true,
  );
}

describe('the loopback listener (real node:http)', () => {
  it('receives exactly one callback, answers a page that echoes nothing, and closes', async () => {
    const { received, base } = await listen();
    const response = await fetch(`${base}/auth/callback?code=secret-code-123&state=s`);
    const page = await response.text();
    expect(response.status).toBe(200);
    expect(page).toContain('You can close this tab');
    expect(page).not.toContain('secret-code-123');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(received).toEqual([`${base}/auth/callback?code=secret-code-123&state=s`]);
    expect(await refused(`${base}/auth/callback?code=again&state=s`)).toBe(true);
    expect(received).toHaveLength(1);
  });

  it('answers 404 to other paths and methods without using up its one request', async () => {
    const { received, base } = await listen();
    expect((await fetch(`${base}/favicon.ico`)).status).toBe(404);
    expect((await fetch(`${base}/auth/callback/x?code=a&state=b`)).status).toBe(404);
    expect((await fetch(`${base}/auth/callback?code=a&state=s`, { method: 'POST' })).status).toBe(404);
    expect(received).toEqual([]);
    expect((await fetch(`${base}/auth/callback?code=a&state=s`)).status).toBe(200);
    expect(received).toHaveLength(1);
  });

  it('answers 400 to a callback the core refuses, echoes nothing, and stays open for the real one', async () => {
    const { received, refusedUrls, base } = await listen();
    const stray = await fetch(`${base}/auth/callback?code=stray-code-456&state=guess`);
    const page = await stray.text();
    expect(stray.status).toBe(400);
    expect(page).toContain('Not the sign-in Latchkey is waiting for');
    expect(page).not.toContain('stray-code-456');
    expect(refusedUrls).toHaveLength(1);
    expect(received).toEqual([]);
    expect((await fetch(`${base}/auth/callback?code=real&state=s`)).status).toBe(200);
    expect(received).toEqual([`${base}/auth/callback?code=real&state=s`]);
  });

  it('listens on 127.0.0.1 only', async () => {
    const { listener } = await listen();
    expect(await refused(`http://[::1]:${listener.port}/auth/callback?code=a&state=b`)).toBe(true);
  });

  it('closes on close()', async () => {
    const { listener, base } = await listen();
    listener.close();
    expect(await refused(`${base}/auth/callback?code=a&state=b`)).toBe(true);
  });

  it('closes when its time limit passes, and not before', async () => {
    // Only the listener's own timer is faked; sockets keep real time.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const { received, base } = await listen(60_000);
      vi.advanceTimersByTime(59_999);
      expect((await fetch(`${base}/favicon.ico`)).status, 'still open just before the limit').toBe(404);
      vi.advanceTimersByTime(1);
      expect(await refused(`${base}/auth/callback?code=a&state=b`)).toBe(true);
      expect(received).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('rejects when the port is taken', async () => {
    const { listener } = await listen();
    await expect(loopbackServer.listen({ port: listener.port, path: '/auth/callback', timeoutMs: 1000, onCallback: () => 'refused' })).rejects.toThrow(/EADDRINUSE/u);
  });

  it('is reached by Chromium navigating to it, as the system browser would', async () => {
    const { received, base } = await listen();
    const chromium = await launchChromium();
    try {
      const page = await chromium.context.newPage();
      await page.goto(`${base}/auth/callback?code=from-chromium&state=s`);
      await expect(page.getByRole('heading', { name: 'Return to Latchkey' }).isVisible()).resolves.toBe(true);
      expect(received).toEqual([`${base}/auth/callback?code=from-chromium&state=s`]);
    } finally {
      await chromium.close();
    }
  });
});
