import { describe, expect, it } from 'vitest';
import { NamedTimers } from '../../../src/core/session/named-timers';
import { FakeClock } from '../../harness/fake-clock';

describe('NamedTimers', () => {
  it('replaces a timer of the same name, so a re-armed deadline fires once', async () => {
    const clock = new FakeClock();
    const timers = new NamedTimers<'expiry' | 'retry'>(clock);
    const fired: string[] = [];
    timers.set('expiry', 1_000, () => fired.push('first'));
    timers.set('expiry', 2_000, () => fired.push('second'));
    timers.set('retry', 500, () => fired.push('retry'));
    await clock.advance(5_000);
    expect(fired).toEqual(['retry', 'second']);
  });

  it('cancels everything at once', async () => {
    const clock = new FakeClock();
    const timers = new NamedTimers<'a' | 'b'>(clock);
    timers.set('a', 10, () => expect.fail('a fired'));
    timers.set('b', 10, () => expect.fail('b fired'));
    timers.clearAll();
    await clock.advance(100);
    expect(clock.pendingTimers()).toBe(0);
  });
});
