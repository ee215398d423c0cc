import { startHarness } from '../../test/harness/app';
import { summarise, type Figure } from '../stats';

/**
 * A state pushed from main → painted: measured inside Chromium, from the moment the push reaches
 * the page to the first animation frame after the DOM changed.
 */
export const popoverPaint: Figure = {
  name: 'popover paint',
  reference: 'one frame, 16 ms',
  async measure({ quick }) {
    const harness = await startHarness();
    try {
      const page = harness.popoverWindow().page();
      await page.evaluate(() => {
        const w = window as unknown as { __latchkeyEmit(c: string, a: unknown[]): void; __paints: number[] };
        w.__paints = [];
        const emit = w.__latchkeyEmit;
        Object.defineProperty(window, '__latchkeyEmit', {
          value: (channel: string, args: unknown[]) => {
            const arrived = performance.now();
            const observer = new MutationObserver(() => {
              observer.disconnect();
              requestAnimationFrame(() => w.__paints.push(performance.now() - arrived));
            });
            observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
            emit(channel, args);
          },
        });
      });
      const runs = quick ? 2 : 21;
      for (let i = 0; i < runs; i += 1) {
        await (i % 2 === 0 ? harness.app.account.signIn() : harness.app.account.cancelSignIn());
        await page.waitForFunction((n) => (window as unknown as { __paints: number[] }).__paints.length >= n, i + 1);
      }
      const paints = await page.evaluate(() => (window as unknown as { __paints: number[] }).__paints);
      return summarise('Popover: state push → painted (Chromium)', paints.slice(quick ? 0 : 1), 'ms', 'one frame, 16 ms');
    } finally {
      await harness.close();
    }
  },
};
