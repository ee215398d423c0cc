import { createHmac, timingSafeEqual } from 'node:crypto';

/** A form token bound to the browser's session, so only our own consent page can post a decision. */
export function consentToken(secret: string, sessionId: string): string {
  return createHmac('sha256', secret).update(`desktop-consent:${sessionId}`).digest('base64url');
}

export function consentTokenMatches(secret: string, sessionId: string, candidate: unknown): boolean {
  if (typeof candidate !== 'string' || candidate.length > 128) return false;
  const expected = Buffer.from(consentToken(secret, sessionId));
  const given = Buffer.from(candidate);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * Fetch Metadata and Origin, when the browser sends them, must say the post came from our own
 * pages. Together with the session-bound token this refuses a cross-site form (RFC 9700 §4.7).
 */
export function isSameOriginPost(request: Request | undefined, origin: string): boolean {
  if (!request) return false;
  const site = request.headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin') return false;
  const from = request.headers.get('origin');
  return from === null || from === origin;
}

/**
 * A navigation the person made on purpose: an address typed or scanned (`none`), or a link or
 * form on this origin's own pages (`same-origin`). A link or popup from any other site, a sibling
 * subdomain included (`same-site`), is not: another site can open a page, but only the person can
 * decide what it does. A browser that sends no Fetch Metadata counts as typed, as above.
 */
export function isOwnNavigation(request: Request | undefined): boolean {
  const site = request?.headers.get('sec-fetch-site') ?? null;
  return site === null || site === 'none' || site === 'same-origin';
}
