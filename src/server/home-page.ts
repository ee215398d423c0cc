/** Its own escaping: the page belongs to the reference server, not to the plugin's page kit. */
function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/gu, (char) => `&#${char.charCodeAt(0)};`);
}

export interface HomePageState {
  ready: boolean;
  /** The product's mark, as the handoff plugin serves it. */
  markPath: string;
  /** The account page's path when the server has one. */
  accountPath: string | null;
  metadataPath: string;
  stylesheetPath: string;
}

/** `GET /`: what this server is and whether it is ready, for whoever opens its address. */
export function homePage(state: HomePageState): Response {
  const status = state.ready ? 'Ready: signing in works.' : 'Starting: the database is not ready yet.';
  const account = state.accountPath ? `<p><a class="button primary" href="${escapeHtml(state.accountPath)}">Your account</a></p>` : '';
  const body = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>Latchkey auth server</title>
<link rel="stylesheet" href="${escapeHtml(state.stylesheetPath)}">
</head>
<body>
<main class="card">
<header class="brand"><div role="img" aria-label="Latchkey"><img class="mark" src="${escapeHtml(state.markPath)}" alt="" width="32" height="32"><span class="brand-name">Latchkey</span></div></header>
<h1>Latchkey auth server</h1>
<p>This is the BetterAuth server the Latchkey desktop app signs in to. Open the app and press “Sign in with browser”; it brings you here.</p>
<p role="status">${status}</p>
${account}
<p class="muted">For OAuth clients: <a href="${escapeHtml(state.metadataPath)}">authorization server metadata</a>.</p>
</main>
</body>
</html>
`;
  return new Response(body, {
    status: state.ready ? 200 : 503,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': "default-src 'none'; style-src 'self'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}
