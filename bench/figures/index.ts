import type { Figure } from '../stats';
import { bundleSizes } from './bundles';
import { coldStart } from './cold-start';
import { startFigures } from './start';
import { popoverPaint } from './popover-paint';
import { tenAccounts } from './ten-accounts';
import { vaultLatency } from './vault';
import { handoffLatency } from './handoff';
import { serverThroughput } from './server-throughput';
import { deviceSignInLatency } from './device';
import { idleDay } from './idle-day';

/** Every figure `npm run bench` reports, in table order. */
export const figures: Figure[] = [vaultLatency, handoffLatency, deviceSignInLatency, serverThroughput, popoverPaint, tenAccounts, bundleSizes, coldStart, startFigures, idleDay];
