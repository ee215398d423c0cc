import type { AnnouncementView } from '../../contract/view';
import { describeDuration, messages } from './messages';
import type { AccountState, Notice } from './state';

/**
 * One sentence for where the account stands: the popover's live region says it, the tray's
 * tooltip shows it, and the notifications use the same words. Durations are given only with
 * `now` (a spoken sentence is true when said; a tooltip stays up and would go stale).
 */
export function statusSentence(state: AccountState, now?: number): string {
  switch (state.kind) {
    case 'starting':
      return 'Checking your session.';
    case 'signedOut':
      return 'Signed out.';
    case 'signingIn':
      if (state.device?.trouble === 'offline') return 'Offline. Latchkey keeps trying and finishes the sign-in when it is back.';
      if (state.device?.trouble === 'server') return 'The sign-in server has a problem. Latchkey keeps trying.';
      return state.via === 'device' ? 'Waiting for your other device.' : 'Waiting for your browser.';
    case 'signedIn':
      return `Signed in as ${state.profile.name || state.profile.email}.`;
    case 'expiringSoon':
      return now === undefined ? messages.sessionEndsSoon : messages.sessionEndsIn(state.expiresAt - now);
    case 'expired':
      return messages.sessionExpired;
    case 'offline':
      return 'Offline. Latchkey keeps your session and retries.';
    case 'keyringLocked':
      return 'Waiting for your system keyring.';
  }
}

/**
 * What the popover announces for a state and the notice shown with it. The id names the meaning,
 * not the words: a view re-sent a minute later ("ends in 9 minutes") is not said again.
 */
export function announcementOf(state: AccountState, notice: Notice | null, now: number): AnnouncementView {
  const sentence = statusSentence(state, now);
  const meaning = [
    state.kind,
    state.kind === 'signingIn' ? `${state.via}:${state.device?.trouble ?? ''}` : '',
    state.kind === 'expiringSoon' ? String(state.threshold) : '',
    notice?.text ?? '',
  ];
  const text = notice && notice.text !== sentence ? `${sentence} ${notice.text}` : sentence;
  return { id: meaning.join('|'), text, politeness: notice?.tone === 'error' ? 'assertive' : 'polite' };
}
