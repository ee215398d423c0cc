import type { AnnouncementView } from '../../contract/view';

/**
 * The popover's two live regions, which exist from the first paint so a screen reader is already
 * listening when text arrives (a region inserted with its text is not reliably read). Status goes
 * to the polite one; errors to the assertive one, which interrupts.
 */
export class Announcer {
  polite = $state('');
  assertive = $state('');
  #lastId: string | null = null;

  /** Says the view's sentence once per meaning: a view re-sent with the same id stays quiet. */
  view(announcement: AnnouncementView): void {
    if (announcement.id === this.#lastId) return;
    this.#lastId = announcement.id;
    this.say(announcement.text, announcement.politeness);
  }

  say(text: string, politeness: 'polite' | 'assertive' = 'polite'): void {
    const region = politeness === 'assertive' ? 'assertive' : 'polite';
    // The same words twice in a row are no change to the region, so nothing would be read: a
    // no-break space at the end makes the second a change without changing what is heard.
    this[region] = this[region] === text ? `${text}\u00a0` : text;
  }
}
