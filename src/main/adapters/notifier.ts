import type { Logger, Notifier } from '../../core/ports';
import type { ElectronApi, NotificationApi } from '../electron-api';

export interface AppNotifier extends Notifier {
  /** Notifications still held: shown and not yet clicked, dismissed or failed. */
  held(): number;
}

/**
 * OS notifications. A reference is kept while one is on screen: a garbage-collected Notification
 * loses its click handler (https://github.com/electron/electron/issues/12690). It is released once
 * the notification is clicked, dismissed (`close`) or could not be shown (`failed`, Windows), so
 * dismissed ones do not pile up. Where notifications are unsupported (a Linux session without a
 * notification server), none is made: the popover's own notice says the same thing.
 */
export function createNotifier(electron: Pick<ElectronApi, 'Notification'>, appName: string, logger: Logger): AppNotifier {
  const live = new Set<NotificationApi>();
  return {
    isSupported: () => electron.Notification.isSupported(),
    held: () => live.size,
    notify(request, onAction) {
      if (!electron.Notification.isSupported()) {
        logger.log('info', 'Notifications are not supported here; the popover shows the notice alone', { title: request.title });
        return;
      }
      const notification = new electron.Notification({
        title: request.title,
        body: request.body,
        subtitle: appName,
        actions: request.action ? [{ type: 'button', text: request.action }] : [],
      });
      live.add(notification);
      const release = () => live.delete(notification);
      const act = () => {
        release();
        onAction?.();
      };
      notification.on('click', act);
      notification.on('action', act);
      notification.on('close', release);
      notification.on('failed', (_event, error) => {
        release();
        logger.log('warn', 'A notification could not be shown', { title: request.title, error });
      });
      notification.show();
    },
  };
}
