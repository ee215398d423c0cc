import { describe, expect, it } from 'vitest';
import { OfflineConnectivityWatch, watchConnectivity } from '../../../src/core/session/connectivity';
import { FakeClock } from '../../harness/fake-clock';

describe('watchConnectivity', () => {
  it('reports the network coming back once, and nothing while it stays up or down', async () => {
    const clock = new FakeClock();
    let online = true;
    let backs = 0;
    const stop = watchConnectivity(() => online, clock, () => (backs += 1), 1_000);
    await clock.advance(5_000);
    online = false;
    await clock.advance(5_000);
    expect(backs).toBe(0);
    online = true;
    await clock.advance(5_000);
    expect(backs).toBe(1);
    stop();
    online = false;
    await clock.advance(2_000);
    online = true;
    await clock.advance(2_000);
    expect(backs).toBe(1);
    expect(clock.pendingTimers()).toBe(0);
  });
});

describe('OfflineConnectivityWatch', () => {
  it('samples only while the account is offline, and leaves no timer behind when it is not', async () => {
    const clock = new FakeClock();
    let online = false;
    let backs = 0;
    const watch = new OfflineConnectivityWatch(() => watchConnectivity(() => online, clock, () => (backs += 1), 1_000));
    watch.follow(false);
    expect(clock.pendingTimers(), 'online, nothing wakes the machine').toBe(0);
    watch.follow(true);
    watch.follow(true);
    expect(clock.pendingTimers(), 'one sampler, however often the state says offline').toBe(1);
    online = true;
    await clock.advance(1_000);
    expect(backs).toBe(1);
    watch.follow(false);
    expect(clock.pendingTimers()).toBe(0);
  });
});
