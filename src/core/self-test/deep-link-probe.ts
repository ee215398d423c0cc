/**
 * The self-test's own link: `<scheme>:/self-test?nonce=…`. Its path is not the callback path, so
 * the callback parser refuses it as "not our redirect URI" and it can never sign anyone in; the
 * nonce ties the link that comes back to the one this run sent.
 */
export const selfTestPath = '/self-test';

const noncePattern = /^[A-Za-z0-9_-]{16,128}$/u;

export function selfTestLink(scheme: string, nonce: string): string {
  if (!noncePattern.test(nonce)) throw new TypeError('A self-test nonce is 16 to 128 URL-safe characters.');
  return `${scheme}:${selfTestPath}?nonce=${nonce}`;
}

/** The nonce of a self-test link of our scheme, or null for any other URL. */
export function selfTestNonce(url: string, scheme: string): string | null {
  const prefix = `${scheme}:${selfTestPath}?nonce=`;
  // RFC 3986 §3.1: the scheme is case-insensitive; the rest is compared exactly.
  if (url.length <= prefix.length || url.slice(0, prefix.length).toLowerCase() !== prefix.toLowerCase()) return null;
  const nonce = url.slice(prefix.length);
  return noncePattern.test(nonce) ? nonce : null;
}

export interface ProbeAdviceContext {
  platform: string;
  scheme: string;
  /** Linux: the desktop entry we made the handler, when we wrote one. */
  linuxEntry: string | null;
}

/** What a person should look at when the link went out and never came back. */
export function deepLinkAdvice({ platform, scheme, linuxEntry }: ProbeAdviceContext): string {
  const lead = `The link ${scheme}:${selfTestPath} did not come back to this copy of the app.`;
  if (platform === 'win32') {
    return `${lead} Check that HKEY_CURRENT_USER\\Software\\Classes\\${scheme}\\shell\\open\\command runs this app with --deep-link -- "%1", and that no other copy has registered the scheme since.`;
  }
  if (platform === 'darwin') {
    return `${lead} Check that this app's Info.plist lists ${scheme} under CFBundleURLSchemes and that macOS opens ${scheme} links with this copy (another copy of the app may have claimed them).`;
  }
  const entry = linuxEntry ?? 'the app\'s .desktop file';
  return `${lead} Check that \`xdg-mime query default x-scheme-handler/${scheme}\` names ${entry}, that its Exec line starts this app, and that xdg-open is installed.`;
}
