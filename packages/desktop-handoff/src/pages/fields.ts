import { html, type Markup } from './html.js';

/** What the host's BetterAuth accepts as a password (`emailAndPassword.min/maxPasswordLength`). */
export interface PasswordRules {
  min: number;
  max: number;
}

export function passwordRulesSentence(rules: PasswordRules): string {
  return `Use at least ${rules.min} characters (at most ${rules.max}). A few unrelated words make a strong one.`;
}

export function emailField(id: string, value: string | undefined, autocomplete: 'username' | 'email'): Markup {
  return html`<div class="field"><label for="${id}">Email</label>
<input id="${id}" type="email" name="email" autocomplete="${autocomplete}" autocapitalize="off" spellcheck="false" required maxlength="254" value="${value ?? ''}"></div>`;
}

/**
 * A password field with its show-password toggle: a real button, `aria-pressed` for its state and
 * `aria-controls` for the field, hidden until the pages' script runs (it does nothing without it).
 * Its visible text is "Show"; the rest of its name is for screen readers, so the field keeps the
 * only label that says "Password".
 */
export function passwordField(options: {
  id: string;
  autocomplete: 'current-password' | 'new-password';
  rules: PasswordRules;
  label?: string;
  showRules?: boolean;
  /** The field the person types into next (the email is already there). */
  autofocus?: boolean;
}): Markup {
  const hint = `${options.id}-rules`;
  const rules = options.showRules ? html`<p class="hint" id="${hint}">${passwordRulesSentence(options.rules)}</p>` : null;
  const minimum = options.showRules ? html` minlength="${options.rules.min}" aria-describedby="${hint}"` : null;
  const focus = options.autofocus ? html` autofocus` : null;
  return html`<div class="field"><label for="${options.id}">${options.label ?? 'Password'}</label>
${rules}
<div class="password"><input id="${options.id}" type="password" name="password" autocomplete="${options.autocomplete}" required maxlength="${options.rules.max}"${minimum}${focus}>
<button type="button" class="reveal" data-reveal aria-controls="${options.id}" aria-pressed="false" hidden>Show<span class="visually-hidden"> password</span></button></div></div>`;
}
