import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: { target: string[] }[];
}
type AxeRun = (context?: Document, options?: object) => Promise<{ violations: AxeViolation[] }>;

/** Runs axe-core in the page: evaluated through the DevTools protocol, which a page's CSP does not govern. */
async function runAxe(page: Page, wcagOnly: boolean): Promise<AxeViolation[]> {
  // Once per document: a second evaluation would replace the running instance.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const result = await page.evaluate(async (onlyWcag) => {
    const { axe } = globalThis as unknown as { axe: { run: AxeRun } };
    return onlyWcag ? axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } }) : axe.run();
  }, wcagOnly);
  return result.violations;
}

/** Every WCAG 2 A/AA finding, whatever its impact, as "rule: first target" lines. */
export async function wcagViolations(page: Page): Promise<string[]> {
  return (await runAxe(page, true)).map((violation) => `${violation.id}: ${violation.nodes[0]?.target.join(' ')}`);
}

/** The findings of every axe rule that a person would be blocked by: serious or critical. */
export async function seriousViolations(page: Page): Promise<string[]> {
  return (await runAxe(page, false))
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}
