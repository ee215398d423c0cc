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

export interface PageOptions {
  title: string;
  body: Markup;
  stylesheet: string;
  /** Extra form-action sources, when a form's answer redirects off this origin. */
  formTargets?: readonly string[];
  /** Sends the browser on to this URL at once, without script (the custom-scheme hand-back). */
  refreshTo?: string;
  status?: number;
}

/**
 * No inline script or style anywhere, so the policy can forbid both. `form-action` also governs
 * where a form's answer may redirect, which is why a loopback target is added for the consent form.
 */
function contentSecurityPolicy(formTargets: readonly string[]): string {
  return [
    "default-src 'none'",
    "style-src 'self'",
    "img-src 'self' data:",
    `form-action 'self'${formTargets.map((target) => ` ${target}`).join('')}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

export function page(options: PageOptions): Response {
  const refresh = options.refreshTo ? html`<meta http-equiv="refresh" content="0;url=${options.refreshTo}">` : null;
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
</head>
<body>
<main class="card">
${options.body}
</main>
</body>
</html>
`;
  return new Response(document.markup, {
    status: options.status ?? 200,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': contentSecurityPolicy(options.formTargets ?? []),
      'cache-control': 'no-store',
      'referrer-policy': 'same-origin',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
    },
  });
}
