import type { Figure } from '../stats';
import { bundleSizes } from './bundles';
import { coldStart } from './cold-start';
import { popoverPaint } from './popover-paint';
import { vaultLatency } from './vault';

/** Every figure `npm run bench` reports, in table order. */
export const figures: Figure[] = [vaultLatency, bundleSizes, coldStart, popoverPaint];
