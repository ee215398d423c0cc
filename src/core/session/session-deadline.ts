import type { Clock } from '../ports';

/**
 * When the session ends, kept as time left rather than as an instant on the wall clock. The
 * server states the time left (see server-time.ts); the local clocks only measure time passing
 * after that. The monotonic clock ignores a wall clock set hours forward or back, but stands
 * still while the machine sleeps, so a resume adds the time the wall clock says was slept.
 */
export class SessionDeadline {
  /** The end, on the scale of `#elapsed()`. */
  #endsAt: number | null = null;
  /** Sleeps counted so far, added to the monotonic clock. */
  #slept = 0;
  #wallAt: number;
  #monotonicAt: number;
  #confirmed = false;

  constructor(private readonly clock: Clock) {
    this.#wallAt = clock.now();
    this.#monotonicAt = clock.monotonic();
  }

  /** The server said, just now, that the session has `remainingMs` left. */
  set(remainingMs: number): void {
    this.#look();
    this.#endsAt = this.#elapsed() + remainingMs;
    this.#confirmed = true;
  }

  /**
   * A saved expiry from an earlier run, before the server has been asked: the wall clock is all
   * there is, and it may be hours off. Until the server answers, the end is only an estimate.
   */
  setFromWall(expiresAt: number): void {
    this.set(expiresAt - this.clock.now());
    this.#confirmed = false;
  }

  /** The end was measured from the server's word in this run, not read back from the wall clock. */
  get confirmed(): boolean {
    return this.#confirmed;
  }

  clear(): void {
    this.#endsAt = null;
    this.#confirmed = false;
  }

  /** Time left now, or null when no session is known. */
  remaining(): number | null {
    this.#look();
    return this.#endsAt === null ? null : this.#endsAt - this.#elapsed();
  }

  /**
   * The machine woke. What the wall clock moved beyond the monotonic clock since the last look
   * was sleep (Linux's CLOCK_MONOTONIC and macOS's mach_absolute_time stop while suspended). A
   * wall clock set backwards counts as no sleep at all.
   */
  resumed(): void {
    const wall = this.clock.now() - this.#wallAt;
    const monotonic = this.clock.monotonic() - this.#monotonicAt;
    this.#slept += Math.max(0, wall - monotonic);
    this.#look();
  }

  /**
   * Every look re-anchors the two clocks, so a wall clock changed while the machine was awake is
   * never taken for sleep by a later resume.
   */
  #look(): void {
    this.#wallAt = this.clock.now();
    this.#monotonicAt = this.clock.monotonic();
  }

  #elapsed(): number {
    return this.clock.monotonic() + this.#slept;
  }
}
