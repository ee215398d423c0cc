import type { AppApi } from '../electron-api';

/**
 * Every web contents the app ever creates, not only the popover: no navigation away, no new
 * windows, no <webview>. The popover adds its own rules on top; this catches anything added later.
 */
export function guardAllWebContents(app: AppApi): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}
