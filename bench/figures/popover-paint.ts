import { startHarness } from '../../test/harness/app';
import { launchChromium } from '../../test/harness/chromium';
import { summarise, type Figure } from '../stats';
import { TraceRecorder } from '../trace-recorder';

/** In the popover's page: the wall-clock time of the frame after each batch of DOM changes. */
function recordPaints(): void {
  const w = window as unknown as { __paints: number[] };
  w.__paints = [];
  document.addEventListener('DOMContentLoaded', () => {
    new MutationObserver(() => requestAnimationFrame(() => w.__paints.push(performance.timeOrigin + performance.now()))).observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
    });
  });
}

/**
 * A state change in main → painted: from the account's transition (the trace's mark) through the
 * push to the popover, the render, to the next frame in Chromium.
 */
export const popoverPaint: Figure = {
  name: 'popover paint',
  reference: 'one frame, 16 ms',
  async measure({ quick }) {
    const chromium = await launchChromium();
    await chromium.context.addInitScript(recordPaints);
    const trace = new TraceRecorder();
    const harness = await startHarness({ chromium, trace });
    try {
      const page = harness.popoverWindow().page();
      const samples: number[] = [];
      const runs = quick ? 2 : 21;
      for (let i = 0; i < runs; i += 1) {
        trace.clear();
        await (i % 2 === 0 ? harness.app.account.signIn() : harness.app.account.cancelSignIn());
        const changed = performance.timeOrigin + trace.at('state changed');
        const painted = await page.waitForFunction((after) => (window as unknown as { __paints: number[] }).__paints.find((at) => at > after), changed);
        samples.push(((await painted.jsonValue()) as number) - changed);
      }
      return summarise('Popover: state change in main → painted (Chromium)', samples.slice(quick ? 0 : 1), 'ms', 'one frame, 16 ms');
    } finally {
      await harness.close();
      await chromium.close();
    }
  },
};
