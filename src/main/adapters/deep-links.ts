import { findDeepLink } from '../../core/auth/deep-link-argv';
import type { Logger } from '../../core/ports';
import type { AppApi } from '../electron-api';

/** What the app's process learns from the OS: a sign-in link, or a second launch to show itself. */
export type DeepLinkEvent = { kind: 'url'; url: string } | { kind: 'activate' };

export interface DeepLinks {
  /** False in a second instance: it has forwarded its argv to the first and is quitting. */
  readonly primary: boolean;
  /** Delivers the queued events, then every later one, to `handler`. Call once the core is ready. */
  deliverTo(handler: (event: DeepLinkEvent) => void): void;
}

export interface DeepLinkOptions {
  scheme: string;
  platform: NodeJS.Platform;
  /** process.argv of this process: a cold start by a link carries it here on Windows and Linux. */
  argv: readonly string[];
  logger: Logger;
}

type DeepLinkApp = Pick<AppApi, 'on' | 'requestSingleInstanceLock' | 'quit'>;

/**
 * Must run at module top level, before `ready`: macOS delivers the link that launched the app in
 * an early `open-url`, and a listener added later never sees it (Electron docs, app "open-url").
 * Events are queued until the core asks for them.
 */
export function installDeepLinks(app: DeepLinkApp, options: DeepLinkOptions): DeepLinks {
  const { scheme, platform, logger } = options;
  const queue: DeepLinkEvent[] = [];
  let handler: ((event: DeepLinkEvent) => void) | null = null;
  const emit = (event: DeepLinkEvent) => (handler ? handler(event) : queue.push(event));

  const fromArgv = (argv: readonly string[], source: string, activate: boolean) => {
    const scan = findDeepLink(argv, { scheme, platform });
    if (scan.kind === 'url') emit({ kind: 'url', url: scan.url });
    else if (scan.kind === 'refused') logger.log('warn', 'A command line link was refused', { source, reason: scan.reason });
    if (activate && scan.kind !== 'url') emit({ kind: 'activate' });
  };

  // The OS gives the link to a second process; it hands its argv to us and quits (Windows, Linux).
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return { primary: false, deliverTo() {} };
  }
  app.on('second-instance', (_event, argv) => fromArgv(argv, 'second-instance', true));
  app.on('open-url', (event, url) => {
    event.preventDefault();
    emit({ kind: 'url', url });
  });
  fromArgv(options.argv, 'launch', false);

  return {
    primary: true,
    deliverTo(next) {
      handler = next;
      for (const event of queue.splice(0)) next(event);
    },
  };
}
