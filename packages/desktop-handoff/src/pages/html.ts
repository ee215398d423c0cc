import { randomBytes } from 'node:crypto';

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/gu, (char) => `&#${char.charCodeAt(0)};`);
}

/** Marks a string as already-escaped markup. */
export interface Markup {
  readonly markup: string;
}

/** Tagged template that escapes every interpolation unless it is Markup (or a list of it). */
export function html(strings: TemplateStringsArray, ...values: (string | number | Markup | readonly Markup[] | null | false)[]): Markup {
  let out = strings[0]!;
  values.forEach((value, index) => {
    if (value === null || value === false) out += '';
    else if (Array.isArray(value)) out += value.map((item: Markup) => item.markup).join('');
    else if (typeof value === 'object' && 'markup' in value) out += value.markup;
    else out += escapeHtml(String(value));
    out += strings[index + 1]!;
  });
  return { markup: out };
}

/**
 * The mark and the host's name, read out once as the name (the mark is its picture). The mark is
 * an image from this origin, the host's or Latchkey's, so an SVG's script never runs here.
 */
function brand(name: string, mark: string): Markup {
  return html`<header class="brand"><div role="img" aria-label="${name}"><img class="mark" src="${mark}" alt="" width="32" height="32"><span class="brand-name">${name}</span></div></header>`;
}

export interface PageOptions {
  title: string;
  body: Markup;
  stylesheet: string;
  /**
   * The pages' one script (show password, copy the code), loaded with this answer's nonce. The
   * pages work without it: it only adds the buttons it drives.
   */
  script?: string;
  /** The name beside the mark: the host's. @default 'Latchkey' */
  brand?: string;
  /** The mark's image, on this origin (`{basePath}/desktop/mark.svg`). */
  mark: string;
  /** Extra form-action sources, when a form's answer redirects off this origin. */
  formTargets?: readonly string[];
  /** Sends the browser on to this URL at once, without script (the custom-scheme hand-back). */
  refreshTo?: string;
  status?: number;
}

/**
 * No inline script or style anywhere, so the policy can forbid both. The one script is an external
 * file allowed by this answer's nonce only (CSP 3 §6.7.3.1: a nonce matches a `<script src>` too),
 * so no other script on the host's origin can run here. `form-action` also governs where a form's
 * answer may redirect, which is why a loopback target is added for the consent form.
 */
function contentSecurityPolicy(formTargets: readonly string[], nonce: string | null): string {
  return [
    "default-src 'none'",
    nonce ? `script-src 'nonce-${nonce}'` : null,
    "style-src 'self'",
    "img-src 'self' data:",
    `form-action 'self'${formTargets.map((target) => ` ${target}`).join('')}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ]
    .filter((directive) => directive !== null)
    .join('; ');
}

export function page(options: PageOptions): Response {
  const nonce = options.script ? randomBytes(16).toString('base64') : null;
  const refresh = options.refreshTo ? html`<meta http-equiv="refresh" content="0;url=${options.refreshTo}">` : null;
  const script = options.script && nonce ? html`<script src="${options.script}" nonce="${nonce}" defer></script>` : null;
  const document = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="referrer" content="same-origin">
${refresh}
<title>${options.title}</title>
<link rel="stylesheet" href="${options.stylesheet}">
${script}
</head>
<body>
<main class="card">
${brand(options.brand ?? 'Latchkey', options.mark)}
${options.body}
</main>
</body>
</html>
`;
  return new Response(document.markup, {
    status: options.status ?? 200,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': contentSecurityPolicy(options.formTargets ?? [], nonce),
      'cache-control': 'no-store',
      'referrer-policy': 'same-origin',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
    },
  });
}
