import { startHarness } from '../../test/harness/app';
import { launchChromium } from '../../test/harness/chromium';
import { summarise, type Figure } from '../stats';

/**
 * Core cold start to tray ready: from calling the composition root to the tray existing and the
 * hidden popover loaded, with one Chromium kept warm so the browser's own start is not counted.
 */
export const coldStart: Figure = {
  name: 'cold start',
  reference: '—',
  async measure({ quick }) {
    const chromium = await launchChromium();
    const samples: number[] = [];
    try {
      for (let i = 0; i < (quick ? 1 : 6); i += 1) {
        const start = performance.now();
        const harness = await startHarness({ chromium });
        const elapsed = performance.now() - start;
        await harness.close();
        if (i > 0 || quick) samples.push(elapsed);
      }
    } finally {
      await chromium.close();
    }
    return summarise('Core cold start → tray ready (harness)', samples, 'ms', '—');
  },
};
