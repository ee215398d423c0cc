import type { Notifier } from '../ports';
import { ExpiryNotices } from '../session/expiry';
import { messages } from './messages';

/**
 * The notifications about a session's end: each threshold once, and the end itself once, each
 * with the one button that helps (Renew, Sign in).
 */
export class ExpiryAnnouncer {
  readonly #notices = new ExpiryNotices();

  constructor(
    private readonly notifier: Notifier,
    /** What the notification's button does: start a sign-in. */
    private readonly signIn: () => void,
    /** Who the notification is about (an email), so with several accounts it is clear which one. */
    private readonly who: () => string | null = () => null,
  ) {}

  #about(body: string): string {
    const who = this.who();
    return who ? `${who}: ${body}` : body;
  }

  /** Announces a threshold just crossed, if there is one. */
  endingSoon(now: number, expiresAt: number, thresholds: readonly number[]): void {
    if (this.#notices.thresholdToAnnounce(now, expiresAt, thresholds) === null) return;
    this.notifier.notify({ title: messages.expiringSoonTitle, body: this.#about(messages.expiringSoonBody(expiresAt - now)), action: 'Renew' }, this.signIn);
  }

  /** A revoked session ends before its expiry time; it is announced once all the same. */
  ended(now: number, expiresAt: number): void {
    if (!this.#notices.expiryToAnnounce(Math.max(now, expiresAt), expiresAt)) return;
    this.notifier.notify({ title: messages.expiredTitle, body: this.#about(messages.sessionExpired), action: 'Sign in' }, this.signIn);
  }

  /** A new session: every notice may be given again. */
  reset(): void {
    this.#notices.reset();
  }
}
