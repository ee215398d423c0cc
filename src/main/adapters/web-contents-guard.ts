import type { Logger } from '../../core/ports';
import type { AppApi } from '../electron-api';

/** Where a refused attempt was headed, without its path or query (which may carry a code). */
function destination(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.host ? `${parsed.protocol}//${parsed.host}` : parsed.protocol;
  } catch {
    return 'an unreadable URL';
  }
}

/**
 * Every web contents the app ever creates, not only the popover: no navigation away, no new
 * windows, no <webview>. The popover adds its own rules on top; this catches anything added later.
 * Each refusal is logged, so a refused attempt leaves a trace.
 */
export function guardAllWebContents(app: AppApi, logger: Logger): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler((details) => {
      logger.log('warn', 'New window refused', { to: destination(details.url) });
      return { action: 'deny' };
    });
    contents.on('will-navigate', (event) => {
      event.preventDefault();
      logger.log('warn', 'Navigation refused', { to: destination(event.url) });
    });
    contents.on('will-attach-webview', (event) => {
      event.preventDefault();
      logger.log('warn', 'Embedded webview refused', {});
    });
  });
}
