import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../harness/app';

describe('the walking skeleton', () => {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it('creates a tray whose click shows the popover, whose sign-in button reaches the core', async () => {
    const opened: string[] = [];
    harness = await startHarness({ onOpenExternal: (url) => void opened.push(url) });
    const { double } = harness;
    const window = harness.popoverWindow();

    expect(double.tray.tooltip).toBe('Latchkey: Signed out.');
    expect(window.isVisible(), 'a start by hand shows the popover').toBe(true);

    double.tray.click();
    expect(window.isVisible(), 'a tray click hides it').toBe(false);
    double.tray.click();
    expect(window.isVisible(), 'and another shows it again').toBe(true);

    const page = window.page();
    const button = page.getByRole('button', { name: 'Sign in with browser' });
    await button.click();

    await page.getByRole('heading', { name: 'Waiting for your browser' }).waitFor();
    expect(harness.app.account.state.kind).toBe('signingIn');
    expect(double.tray.tooltip).toBe('Latchkey: Waiting for your browser.');
    expect(opened).toHaveLength(1);
    expect(new URL(opened[0]!).origin).toBe('http://127.0.0.1:4455');
  });
});
