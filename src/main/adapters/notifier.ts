import type { Notifier } from '../../core/ports';
import type { ElectronApi, NotificationApi } from '../electron-api';

/**
 * OS notifications. References are kept until closed: a garbage-collected Notification loses its
 * click handler (https://github.com/electron/electron/issues/12690).
 */
export function createNotifier(electron: Pick<ElectronApi, 'Notification'>, appName: string): Notifier {
  const live = new Set<NotificationApi>();
  return {
    isSupported: () => electron.Notification.isSupported(),
    notify(request, onAction) {
      if (!electron.Notification.isSupported()) return;
      const notification = new electron.Notification({
        title: request.title,
        body: request.body,
        subtitle: appName,
        actions: request.action ? [{ type: 'button', text: request.action }] : [],
      });
      live.add(notification);
      const act = () => {
        live.delete(notification);
        onAction?.();
      };
      notification.on('click', act);
      notification.on('action', act);
      notification.show();
    },
  };
}
