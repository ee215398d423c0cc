import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../harness/fake-clock';

describe('the fake clock', () => {
  it('a timer cancelled after a jump never fires', async () => {
    const clock = new FakeClock();
    let fired = 0;
    const cancel = clock.setTimeout(() => (fired += 1), 10_000);
    await clock.jump(-60_000);
    cancel();
    await clock.advance(3_600_000);
    expect(fired).toBe(0);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('a jump keeps each timer its time left, as Node does after a sleep', async () => {
    const clock = new FakeClock();
    let fired = 0;
    clock.setTimeout(() => (fired += 1), 10_000);
    await clock.jump(3_600_000);
    await clock.advance(9_999);
    expect(fired).toBe(0);
    await clock.advance(1);
    expect(fired).toBe(1);
  });
});
