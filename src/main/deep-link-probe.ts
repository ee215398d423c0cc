import type { SignInStep } from '../core/account/ports';
import { deepLinkArgv } from '../core/auth/deep-link-argv';
import type { Clock } from '../core/ports';
import type { AppApi } from './electron-api';

export interface DeepLinkProbe {
  /** Hands the app `url` the way the OS does, and reports what the app made of it. */
  deliver(url: string): Promise<{ received: boolean; parsed: boolean; ignored: boolean }>;
  /** Called with the result of every delivered link. */
  observe(step: SignInStep): void;
}

/**
 * The self-test's synthetic link travels the OS path: open-url on macOS, a second instance's argv
 * elsewhere. Carrying no pending attempt, it must arrive, parse, and be ignored.
 */
export function deepLinkProbe(app: Pick<AppApi, 'emit'>, platform: NodeJS.Platform, clock: Clock, waitMs = 5_000): DeepLinkProbe {
  let waiting: ((step: SignInStep) => void) | null = null;
  return {
    async deliver(url) {
      const delivered = new Promise<SignInStep>((resolve) => (waiting = resolve));
      if (platform === 'darwin') app.emit('open-url', { preventDefault() {} }, url);
      else app.emit('second-instance', { preventDefault() {} }, deepLinkArgv(platform, url), process.cwd(), null);
      let cancel = () => {};
      const step = await Promise.race([delivered, new Promise<null>((resolve) => (cancel = clock.setTimeout(() => resolve(null), waitMs)))]);
      cancel();
      waiting = null;
      return { received: step !== null, parsed: step?.kind === 'ignored' && step.reason !== 'malformed callback', ignored: step?.kind === 'ignored' };
    },
    observe(step) {
      waiting?.(step);
    },
  };
}
