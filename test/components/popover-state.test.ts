import { flushSync } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import { done } from '../../src/contract/outcome';
import { PopoverState } from '../../src/renderer/lib/popover-state.svelte';
import { fakeApi, manualTicker } from './fake-api';
import { now, views } from './views';

describe('PopoverState', () => {
  it('asks main for a window as tall as the content, and scrolls only when main had to stop short', async () => {
    const fake = fakeApi(views.signedOut);
    const popover = new PopoverState(fake.api, manualTicker(now).ticker);
    popover.fit(90);
    expect(fake.api.fitPopover, '"Starting…" before the first view gets no window size').not.toHaveBeenCalled();
    fake.push(views.signedIn);
    popover.fit(300);
    await Promise.resolve();
    expect(fake.api.fitPopover).toHaveBeenCalledWith({ height: 300 });
    expect(popover.scrolls).toBe(false);
    fake.api.fitPopover.mockResolvedValueOnce({ height: 552 });
    popover.fit(900);
    await vi.waitFor(() => expect(popover.scrolls, 'the display is shorter than the content').toBe(true));
    popover.fit(400);
    await vi.waitFor(() => expect(popover.scrolls, 'back on a tall enough display').toBe(false));
    fake.api.fitPopover.mockRejectedValueOnce(new Error('No handler'));
    popover.fit(200);
    await vi.waitFor(() => expect(popover.scrolls, 'no answer: everything stays reachable').toBe(true));
  });

  it('takes the first view from getView, but a pushed view that arrived first wins', async () => {
    const fake = fakeApi(views.signedOut);
    const popover = new PopoverState(fake.api, manualTicker(now).ticker);
    fake.push(views.signedIn);
    await Promise.resolve();
    await Promise.resolve();
    expect(popover.view?.status).toBe('signedIn');
  });

  it('runs one intent at a time, so a double click does not sign in twice', async () => {
    const fake = fakeApi(views.signedOut);
    const answer = Promise.withResolvers<typeof done>();
    fake.api.signIn.mockReturnValueOnce(answer.promise);
    const popover = new PopoverState(fake.api, manualTicker(now).ticker);
    const first = popover.signIn();
    expect(popover.busy).toBe(true);
    expect(await popover.signIn(), 'the second click is dropped').toBe(false);
    answer.resolve(done);
    expect(await first).toBe(true);
    expect(fake.api.signIn).toHaveBeenCalledTimes(1);
    expect(popover.busy).toBe(false);
  });

  it('forgets a failure once the account moves to another state, but not on a repeat of the same one', async () => {
    const fake = fakeApi(views.signedOut);
    const popover = new PopoverState(fake.api, manualTicker(now).ticker);
    fake.push(views.signedOut);
    fake.api.signIn.mockResolvedValueOnce({ ok: false, code: 'network_unavailable', message: 'Offline.' });
    await popover.signIn();
    fake.push(views.signedOut);
    expect(popover.failure).toBe('Offline.');
    fake.push(views.signingIn);
    expect(popover.failure).toBeNull();
  });

  it('stops listening and ticking when disposed', () => {
    const fake = fakeApi(views.signedIn);
    const clock = manualTicker(now);
    const popover = new PopoverState(fake.api, clock.ticker);
    expect(fake.listenerCount()).toBe(1);
    popover.dispose();
    expect(fake.listenerCount()).toBe(0);
    expect(clock.activeTimers()).toBe(0);
    clock.advance(120_000);
    flushSync();
    expect(popover.now).toBe(now);
  });
});
