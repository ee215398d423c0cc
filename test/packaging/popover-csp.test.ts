// @vitest-environment jsdom
// (for DOMParser: the page is parsed as a browser would parse it)
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { projectPath } from './project';

/** The popover page as it ships (the built one: Vite rewrites the page, so check its output). */
const document = new DOMParser().parseFromString(readFileSync(projectPath('dist/renderer/index.html'), 'utf8'), 'text/html');

function policies(): string[] {
  return [...document.querySelectorAll('meta')]
    .filter((meta) => meta.httpEquiv.toLowerCase() === 'content-security-policy')
    .map((meta) => meta.content);
}

/** directive name → its source list, as CSP Level 3 §2.2 splits a serialized policy. */
function parsePolicy(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/u);
    if (!name) continue;
    const key = name.toLowerCase();
    if (directives.has(key)) throw new Error(`The CSP names ${key} twice; browsers ignore the second one`);
    directives.set(key, sources);
  }
  return directives;
}

describe("the popover's Content Security Policy", () => {
  const [policy, ...others] = policies();

  it('is declared once, before anything it has to govern', () => {
    expect(policy, 'dist/renderer/index.html has a CSP meta tag').toBeTypeOf('string');
    expect(others).toEqual([]);
    const meta = document.querySelector('meta[http-equiv="Content-Security-Policy" i]');
    const loadedBefore = [...document.head.querySelectorAll('script, link, style')].filter(
      (element) => meta && element.compareDocumentPosition(meta) & element.DOCUMENT_POSITION_FOLLOWING,
    );
    expect(loadedBefore.map((element) => element.outerHTML)).toEqual([]);
  });

  it("limits everything to the app's own files, and plugins, base and forms to nothing", () => {
    const directives = parsePolicy(policy ?? '');
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
  });

  it('allows no inline code, no eval and no script from anywhere but the app', () => {
    const directives = parsePolicy(policy ?? '');
    for (const [name, sources] of directives) {
      for (const unsafe of ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "'wasm-unsafe-eval'"]) {
        expect(sources, `${name} must not allow ${unsafe}`).not.toContain(unsafe);
      }
    }
    const scripts = directives.get('script-src') ?? directives.get('default-src') ?? [];
    expect(scripts.filter((source) => source !== "'self'"), 'script-src beyond the app itself').toEqual([]);
  });

  it('leaves the built page nothing that such a policy would block: no inline scripts, styles or handlers', () => {
    const inlineScripts = [...document.querySelectorAll('script:not([src])')].map((script) => script.outerHTML);
    const inlineStyles = [...document.querySelectorAll('style, [style]')].map((element) => element.outerHTML);
    const handlers = [...document.querySelectorAll('*')].flatMap((element) =>
      element.getAttributeNames().filter((name) => name.startsWith('on')).map((name) => `${element.tagName} ${name}`),
    );
    expect({ inlineScripts, inlineStyles, handlers }).toEqual({ inlineScripts: [], inlineStyles: [], handlers: [] });
    for (const script of document.querySelectorAll('script[src]')) {
      expect(script.getAttribute('src'), 'scripts load from the app folder').toMatch(/^\.\/[^:]+$/u);
    }
  });
});
