import { product } from '../../contract/product';
import type { AnnouncementView } from '../../contract/view';
import { describeDuration, messages } from './messages';
import type { Trouble } from '../session/server-answer';
import type { AccountState, Notice } from './state';

const troubleSentences: Record<Exclude<Trouble, 'network'>, string> = {
  timeout: 'The sign-in server is not answering.',
  tls: "The sign-in server's certificate is not trusted.",
  attention: 'The network needs attention.',
  server: 'The sign-in server is having trouble.',
};

/**
 * One sentence for where the account stands: the popover's live region says it, the tray's
 * tooltip shows it, and the notifications use the same words. Durations are given only with
 * `now` (a spoken sentence is true when said; a tooltip stays up and would go stale).
 */
export function statusSentence(state: AccountState, now?: number): string {
  const name = product.productName;
  switch (state.kind) {
    case 'starting':
      return 'Checking your session.';
    case 'signedOut':
      return 'Signed out.';
    case 'signingIn':
      if (state.device?.trouble === 'offline') return `Offline. ${name} keeps trying and finishes the sign-in when it is back.`;
      if (state.device?.trouble === 'server') return `The sign-in server has a problem. ${name} keeps trying.`;
      if (state.device?.trouble === 'certificate') return `The sign-in server's certificate is not trusted. ${name} keeps trying.`;
      if (state.device?.trouble === 'attention') return `The network needs attention. ${name} keeps trying.`;
      return state.via === 'device' ? 'Waiting for your other device.' : 'Waiting for your browser.';
    case 'signedIn':
      return `Signed in as ${state.profile.name || state.profile.email}.`;
    case 'expiringSoon':
      return now === undefined ? messages.sessionEndsSoon : messages.sessionEndsIn(state.expiresAt - now);
    case 'expired':
      return messages.sessionExpired;
    case 'offline':
      // "Offline" only when the network is missing: a refused certificate or a portal is not that.
      return state.trouble === 'network' ? `Offline. ${name} keeps your session and retries.` : `${troubleSentences[state.trouble]} ${name} keeps your session and retries.`;
    case 'keyringLocked':
      return 'Waiting for your system keyring.';
  }
}

/**
 * What the popover announces for a state and the notice shown with it. The id names the meaning,
 * not the words: a view re-sent a minute later ("ends in 9 minutes") is not said again.
 */
export function announcementOf(state: AccountState, notice: Notice | null, now: number, updateReady: string | null = null): AnnouncementView {
  const sentence = statusSentence(state, now);
  const meaning = [
    state.kind,
    state.kind === 'signingIn' ? `${state.via}:${state.device?.trouble ?? ''}` : state.kind === 'offline' ? state.trouble : '',
    state.kind === 'expiringSoon' ? String(state.threshold) : '',
    notice?.text ?? '',
    ...(updateReady === null ? [] : [`update:${updateReady}`]),
  ];
  const said = notice && notice.text !== sentence ? `${sentence} ${notice.text}` : sentence;
  const text = updateReady === null ? said : `${said} ${product.productName} ${updateReady} is ready: restart to update.`;
  return { id: meaning.join('|'), text, politeness: notice?.tone === 'error' ? 'assertive' : 'polite' };
}
