import type { Clock } from '../../src/core/ports';

interface Timer {
  at: number;
  fn: () => void;
  id: number;
}

/**
 * A wall clock the test moves by hand. `advance` runs timers as time passes; `jump` moves the wall
 * clock without running anything, as a machine that slept or had its clock set does. The
 * monotonic clock moves only with `advance`: like Linux's CLOCK_MONOTONIC, it ignores changes to
 * the wall clock and stands still while the machine sleeps.
 */
export class FakeClock implements Clock {
  #now: number;
  #monotonic = 0;
  #timers: Timer[] = [];
  #nextId = 1;

  constructor(start = Date.UTC(2026, 10, 23, 9, 0, 0)) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  monotonic(): number {
    return this.#monotonic;
  }

  setTimeout(fn: () => void, ms: number): () => void {
    const timer = { at: this.#now + Math.max(0, ms), fn, id: this.#nextId++ };
    this.#timers.push(timer);
    return () => {
      this.#timers = this.#timers.filter((each) => each !== timer);
    };
  }

  /** Lets time pass, firing each timer at its moment, and waits for the work they start. */
  async advance(ms: number): Promise<void> {
    const end = this.#now + ms;
    for (;;) {
      const next = this.#timers.filter((timer) => timer.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!next) break;
      this.#timers = this.#timers.filter((timer) => timer !== next);
      this.#monotonic += Math.max(0, next.at - this.#now);
      this.#now = Math.max(this.#now, next.at);
      next.fn();
      await settle();
    }
    this.#monotonic += Math.max(0, end - this.#now);
    this.#now = end;
    await settle();
  }

  /** Moves the wall clock; timers that are now due fire late, as Node's do after a sleep. */
  async jump(ms: number): Promise<void> {
    // Moved in place: a timer's cancel function finds it by identity, so a copy could never be cancelled.
    for (const timer of this.#timers) timer.at += ms;
    this.#now += ms;
    await settle();
  }

  pendingTimers(): number {
    return this.#timers.length;
  }
}

/** Lets promise chains started by a timer run to completion. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
}
