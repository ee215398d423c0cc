import { randomBytes } from 'node:crypto';
import { handoff } from '../../contract/handoff';
import { product } from '../../contract/product';

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

const pageKit = `${handoff.authBasePath}/desktop`;

/**
 * The product's mark and name, the same header as the handoff's pages. The mark is the plugin's
 * served file (same origin, which `img-src 'self'` allows); the pair is read out once, as the name.
 */
export function brandHeader(): Safe {
  return h`<header class="brand"><div role="img" aria-label="${product.productName}"><img class="mark" src="${pageKit}/mark.svg" alt="" width="32" height="32"><span class="brand-name">${product.productName}</span></div></header>`;
}

/** A password field with the handoff pages' show-password toggle (hidden until their script runs). */
export function passwordField(id: string, autocomplete: 'current-password' | 'new-password'): Safe {
  return h`<div class="field"><label for="${id}">Password</label>
<div class="password"><input id="${id}" type="password" name="password" autocomplete="${autocomplete}" required maxlength="128">
<button type="button" class="reveal" data-reveal aria-controls="${id}" aria-pressed="false" hidden>Show<span class="visually-hidden"> password</span></button></div></div>`;
}

/**
 * The account page's document: the handoff pages' stylesheet and script (same origin), and the
 * same strict policy: no inline script or style, and only the script carrying this answer's
 * nonce runs. The QR code is inline SVG, which the policy allows.
 */
export function accountDocument(title: string, body: Safe, status = 200, cookies: readonly string[] = []): Response {
  const nonce = randomBytes(16).toString('base64');
  const document = h`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${title}</title>
<link rel="stylesheet" href="${pageKit}/stylesheet">
<script src="${pageKit}/page-script" nonce="${nonce}" defer></script>
</head>
<body>
<main class="card">
${brandHeader()}
${body}
</main>
</body>
</html>
`;
  const headers = new Headers({
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
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
