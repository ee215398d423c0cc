import { randomBytes } from 'node:crypto';
import type { Clock, Logger, Random } from '../../core/ports';

export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
  setTimeout(fn, ms) {
    const handle = setTimeout(fn, ms);
    return () => clearTimeout(handle);
  },
};

export const systemRandom: Random = { bytes: (length) => new Uint8Array(randomBytes(length)) };

export const consoleLogger: Logger = {
  log(level, message, fields) {
    const line = fields ? `${message} ${JSON.stringify(fields)}` : message;
    (level === 'error' ? console.error : level === 'warn' ? console.warn : console.log)(`[latchkey] ${line}`);
  },
};
