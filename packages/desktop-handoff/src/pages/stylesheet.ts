/** The pages' only style: served from our origin so the CSP can refuse inline style. */
export const stylesheet = `
:root { color-scheme: light dark; --bg: #f5f5f7; --card: #ffffff; --text: #1d1d1f; --muted: #5f5f66;
  --border: #d2d2d7; --accent: #0a58ca; --accent-text: #ffffff; --error: #b3261e; --focus: #0a58ca; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #1c1c1e; --card: #2c2c2e; --text: #f5f5f7; --muted: #aeaeb2; --border: #48484a;
    --accent: #4d8dff; --accent-text: #0b0b0c; --error: #ff8a80; --focus: #8ab4ff; }
}
* { box-sizing: border-box; }
body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: var(--bg); color: var(--text);
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Ubuntu, sans-serif; }
.card { width: min(100% - 2rem, 24rem); margin: 1rem; padding: 1.5rem; background: var(--card);
  border: 1px solid var(--border); border-radius: 12px; }
h1 { font-size: 1.25rem; margin: 0 0 .75rem; }
h2 { font-size: 1rem; margin: 1.25rem 0 .5rem; }
p { margin: .5rem 0; }
.muted { color: var(--muted); }
form { display: grid; gap: .5rem; margin: .75rem 0; }
label { display: grid; gap: .25rem; font-weight: 600; }
input { font: inherit; padding: .5rem .625rem; border: 1px solid var(--border); border-radius: 8px; background: var(--bg); color: var(--text); }
button, .button { font: inherit; font-weight: 600; padding: .55rem .9rem; border-radius: 8px; border: 1px solid var(--border);
  background: var(--card); color: var(--text); cursor: pointer; text-align: center; text-decoration: none; display: inline-block; }
button.primary, .button.primary { background: var(--accent); color: var(--accent-text); border-color: var(--accent); }
button:focus-visible, .button:focus-visible, input:focus-visible, a:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.actions { display: flex; flex-wrap: wrap; gap: .5rem; }
.error { color: var(--error); font-weight: 600; }
.notice { font-weight: 600; }
.qr svg { display: block; width: min(100%, 14rem); height: auto; margin: .5rem 0; }
code.handoff-code { display: block; padding: .5rem; border: 1px dashed var(--border); border-radius: 8px; word-break: break-all;
  user-select: all; font-size: .95rem; }
a { color: var(--accent); }
`;
