import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type * as Electron from 'electron';
import { createNotifier } from '../../../src/main/adapters/notifier';
import { NotificationDouble, type NotificationSupport } from '../../harness/electron-double';

function os(support: NotificationSupport) {
  const shown: NotificationDouble[] = [];
  const made: NotificationDouble[] = [];
  class Notification extends NotificationDouble {
    constructor(options: Electron.NotificationConstructorOptions) {
      super(options, shown, () => support);
      made.push(this);
    }
    static isSupported(): boolean {
      return support !== 'unsupported';
    }
  }
  const logs: { level: string; message: string }[] = [];
  const notifier = createNotifier({ Notification }, 'Latchkey', { log: (level, message) => void logs.push({ level, message }) });
  return { notifier, shown, made, logs };
}

const request = { title: 'Your Latchkey session is ending soon', body: 'in 5 minutes', action: 'Renew' };

describe('notifications', () => {
  it('are released when the user dismisses them, without running the action', () => {
    const { notifier, shown } = os('shown');
    let acted = 0;
    notifier.notify(request, () => void (acted += 1));
    notifier.notify(request, () => void (acted += 1));
    expect(notifier.held()).toBe(2);
    for (const each of shown) each.dismiss();
    expect(notifier.held(), 'dismissed notifications are not kept').toBe(0);
    expect(acted).toBe(0);
  });

  it('are released when clicked, and the action runs once', () => {
    const { notifier, shown } = os('shown');
    let acted = 0;
    notifier.notify(request, () => void (acted += 1));
    shown[0]!.click();
    expect(acted).toBe(1);
    expect(notifier.held()).toBe(0);
  });

  it('are released, with a log line, when the OS fails to show them', async () => {
    const { notifier, shown, logs } = os('failing');
    notifier.notify(request);
    await nextTurn();
    expect(shown).toEqual([]);
    expect(notifier.held()).toBe(0);
    expect(logs).toContainEqual({ level: 'warn', message: 'A notification could not be shown' });
  });

  it('are not made at all where unsupported: the popover alone carries the notice', () => {
    const { notifier, made, logs } = os('unsupported');
    notifier.notify(request);
    expect(made).toEqual([]);
    expect(notifier.held()).toBe(0);
    expect(logs).toContainEqual({ level: 'info', message: 'Notifications are not supported here; the popover shows the notice alone' });
  });
});
