import { html, page } from './html.js';
import { hiddenQuery, shell, type PagePaths } from './screens.js';

export interface AccountChooserScreen {
  clientName: string;
  /** Who the browser is signed in as. */
  name: string;
  email: string;
  query: string;
  csrf: string;
  /** The app asked for this account (`login_hint`), and another one is signed in. */
  askedFor: string | null;
  /** The loopback origin the approval redirects to, which the form-action policy must allow. */
  redirectOrigin: string | null;
}

function who(screen: AccountChooserScreen): string {
  const name = screen.name.trim();
  return name === '' || name === screen.email ? screen.email : `${name} (${screen.email})`;
}

/**
 * `prompt=select_account`, or a `login_hint` naming someone else: the account this browser is
 * signed in as, offered rather than assumed. "Continue as" is the approval itself (it posts the
 * consent form); "Use another account" signs the browser out and back to the sign-in view, so
 * the account already there is never used without the person choosing it.
 */
export function accountChooserScreen(paths: PagePaths, screen: AccountChooserScreen): Response {
  const asked = screen.askedFor
    ? html`<p class="notice" role="status">${screen.clientName} asked for ${screen.askedFor}, and this browser is signed in as ${screen.email}.</p>`
    : null;
  return page({
    title: `Choose an account for ${screen.clientName}`,
    ...shell(paths),
    formTargets: screen.redirectOrigin ? [screen.redirectOrigin] : [],
    body: html`<h1>Choose an account to continue to ${screen.clientName}</h1>
${asked}
<form method="post" action="${paths.decide}" aria-label="Signed in on this browser">
${hiddenQuery(screen.query)}
<input type="hidden" name="csrf" value="${screen.csrf}">
<div class="actions">
<button type="submit" name="decision" value="approve" class="primary">Continue as ${who(screen)}</button>
</div>
</form>
<form method="post" action="${paths.switchAccount}" aria-label="Another account">
${hiddenQuery(screen.query)}
<input type="hidden" name="csrf" value="${screen.csrf}">
<div class="actions">
<button type="submit">Use another account</button>
</div>
</form>
<form method="post" action="${paths.decide}" class="switch">
${hiddenQuery(screen.query)}
<input type="hidden" name="csrf" value="${screen.csrf}">
<button type="submit" name="decision" value="deny">Cancel</button>
</form>`,
  });
}
