import { handoff } from '../../contract/handoff';

/** Markup that is already escaped. */
export interface Safe {
  readonly safe: string;
}

function escape(value: string): string {
  return value.replace(/[&<>"']/gu, (char) => `&#${char.charCodeAt(0)};`);
}

/** Escapes every interpolation unless it is Safe (or a list of it). */
export function h(strings: TemplateStringsArray, ...values: (string | Safe | readonly Safe[] | null)[]): Safe {
  let out = strings[0]!;
  values.forEach((value, index) => {
    if (value === null) out += '';
    else if (Array.isArray(value)) out += value.map((item: Safe) => item.safe).join('');
    else out += typeof value === 'string' ? escape(value) : (value as Safe).safe;
    out += strings[index + 1]!;
  });
  return { safe: out };
}

/**
 * The account page's document: the handoff pages' stylesheet (same origin), and the same strict
 * policy, so no inline script or style can run. The QR code is inline SVG, which the policy allows.
 */
export function accountDocument(title: string, body: Safe, status = 200, cookies: readonly string[] = []): Response {
  const document = h`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${title}</title>
<link rel="stylesheet" href="${handoff.authBasePath}/desktop/stylesheet">
</head>
<body>
<main class="card">
${body}
</main>
</body>
</html>
`;
  const headers = new Headers({
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    'cache-control': 'no-store',
    'referrer-policy': 'same-origin',
    'x-content-type-options': 'nosniff',
  });
  for (const cookie of cookies) headers.append('set-cookie', cookie);
  return new Response(document.safe, { status, headers });
}

/** 303 to the account page, carrying BetterAuth's cookies. */
export function backToAccount(cookies: readonly string[] = []): Response {
  const headers = new Headers({ location: '/account', 'cache-control': 'no-store' });
  for (const cookie of cookies) headers.append('set-cookie', cookie);
  return new Response(null, { status: 303, headers });
}
