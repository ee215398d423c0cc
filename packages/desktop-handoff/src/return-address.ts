/**
 * The return address a host's own sign-in page receives as `callbackURL`: a path on the same
 * origin, to the authorize page carrying the pending request (or to the device page carrying its
 * code). Anything else (another origin, a scheme-relative `//host`, a backslash that some
 * browsers read as a slash, another path) is refused, so the parameter can never become an open
 * redirect. Shared by the server, which builds the address, and the client plugin, which checks
 * it before the page follows it. `pagePaths`: the authorize page's path, or every allowed page.
 */
export function checkReturnAddress(value: unknown, pagePaths: string | readonly string[]): string | null {
  if (typeof value !== 'string' || value.length > 4200) return null;
  const page = (typeof pagePaths === 'string' ? [pagePaths] : pagePaths).find((path) => value.startsWith(`${path}?`));
  if (page === undefined || value.startsWith('//') || /[\\\s]/u.test(value)) return null;
  let parsed: URL;
  try {
    parsed = new URL(value, 'http://return.invalid');
  } catch {
    return null;
  }
  if (parsed.origin !== 'http://return.invalid' || parsed.pathname !== page || parsed.hash !== '') return null;
  return `${parsed.pathname}${parsed.search}`;
}

/**
 * Where a validated `signInPage` option sends the browser: the page with `callbackURL` set, and
 * what the request asked of the sign-in (`prompt=login`, `login_hint`) for the page to honour.
 */
export function signInPageLocation(signInPage: string, returnAddress: string, asked: Record<string, string> = {}): string {
  const target = new URL(signInPage, 'http://return.invalid');
  target.searchParams.set('callbackURL', returnAddress);
  for (const [name, value] of Object.entries(asked)) target.searchParams.set(name, value);
  return `${target.pathname}${target.search}`;
}

/** A host page option must be a plain path on the host's origin. */
export function isOriginPath(value: string): boolean {
  return value.startsWith('/') && !value.startsWith('//') && !/[\\\s#]/u.test(value);
}
