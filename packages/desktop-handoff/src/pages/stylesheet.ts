/**
 * The page colours the accent is drawn on, per theme: a host's accent is checked against these
 * (brand.ts), so they are defined once, here.
 */
export const palette = {
  light: { bg: '#f5f5f7', card: '#ffffff', text: '#1d1d1f', accent: '#0a58ca', accentText: '#ffffff' },
  dark: { bg: '#1c1c1e', card: '#2c2c2e', text: '#f5f5f7', accent: '#8ab4ff', accentText: '#0b0b0c' },
} as const;

/** The pages' only style: served from our origin so the CSP can refuse inline style. */
export const stylesheet = `
:root { color-scheme: light dark; --bg: ${palette.light.bg}; --card: ${palette.light.card}; --text: ${palette.light.text}; --muted: #5f5f66;
  --border: #8e8e93; --line: #d2d2d7; --accent: ${palette.light.accent}; --accent-text: ${palette.light.accentText}; --error: #b3261e; --focus: ${palette.light.accent}; }
@media (prefers-color-scheme: dark) {
  :root { --bg: ${palette.dark.bg}; --card: ${palette.dark.card}; --text: ${palette.dark.text}; --muted: #aeaeb2; --border: #8e8e93; --line: #48484a;
    --accent: ${palette.dark.accent}; --accent-text: ${palette.dark.accentText}; --error: #ff8a80; --focus: ${palette.dark.accent}; }
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
.visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip-path: inset(50%); white-space: nowrap; border: 0; }
body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: var(--bg); color: var(--text);
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Ubuntu, sans-serif; }
.card { width: min(100% - 2rem, 26rem); margin: 1rem; padding: 1.5rem; background: var(--card);
  border: 1px solid var(--line); border-radius: 12px; overflow-wrap: anywhere; }
@media (max-width: 400px) { .card { width: 100%; margin: 0; border-radius: 0; border-width: 0; padding: 1.25rem 1rem; } body { place-items: start stretch; background: var(--card); } }
.brand { margin: 0 0 1rem; }
.brand > div { display: flex; align-items: center; gap: .5rem; font-weight: 700; font-size: 1rem; }
.mark { width: 2rem; height: 2rem; flex: none; }
h1 { font-size: 1.35rem; line-height: 1.25; margin: 0 0 .5rem; }
h2 { font-size: 1rem; margin: 1.25rem 0 .5rem; }
p { margin: .5rem 0; }
.muted { color: var(--muted); }
.lead { margin-top: 0; }
form { display: grid; gap: .75rem; margin: 1rem 0; }
.field { display: grid; gap: .25rem; }
label { display: grid; gap: .25rem; font-weight: 600; }
.field > label { display: block; }
.hint { margin: 0; font-size: .9rem; color: var(--muted); }
input { font: inherit; width: 100%; min-width: 0; padding: .55rem .625rem; border: 1px solid var(--border); border-radius: 8px;
  background: var(--bg); color: var(--text); }
.password { display: flex; gap: .5rem; }
.password input { flex: 1; }
button, .button { font: inherit; font-weight: 600; padding: .55rem .9rem; border-radius: 8px; border: 1px solid var(--border);
  background: var(--card); color: var(--text); cursor: pointer; text-align: center; text-decoration: none; display: inline-block;
  overflow-wrap: anywhere; min-height: 2.5rem; }
button.primary, .button.primary { background: var(--accent); color: var(--accent-text); border-color: var(--accent); }
button.reveal { flex: none; font-weight: 500; padding: .55rem .7rem; }
button.reveal[aria-pressed="true"] { background: var(--text); color: var(--card); border-color: var(--text); }
button:focus-visible, .button:focus-visible, input:focus-visible, a:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
form > button, .actions > * { width: 100%; }
.actions { display: grid; gap: .5rem; margin: 1rem 0 0; }
.social { display: grid; gap: .5rem; margin: 1rem 0; }
.social form { margin: 0; }
.or { display: flex; align-items: center; gap: .75rem; color: var(--muted); margin: 1rem 0 0; }
.or::before, .or::after { content: ""; flex: 1; border-top: 1px solid var(--line); }
.switch { margin-top: 1.25rem; padding-top: 1rem; border-top: 1px solid var(--line); }
.error { color: var(--error); font-weight: 600; }
.notice { font-weight: 600; }
.qr svg { display: block; width: min(100%, 14rem); height: auto; margin: .5rem 0; background: #fff; }
.handoff-code { display: block; padding: .6rem .75rem; border: 1px dashed var(--border); border-radius: 8px; user-select: all;
  font: 1rem/1.6 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; word-break: break-all; }
.handoff-code span { display: inline-block; margin-right: .45em; }
.code-actions { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1rem; margin: .5rem 0; }
.code-actions [role="status"] { margin: 0; font-weight: 600; }
a { color: var(--accent); }
`;
