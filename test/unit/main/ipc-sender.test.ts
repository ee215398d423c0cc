import type * as Electron from 'electron';
import { describe, expect, it } from 'vitest';
import { foreignSender } from '../../../src/main/adapters/ipc';
import type { WebContentsApi } from '../../../src/main/electron-api';

type Frame = Pick<Electron.WebFrameMain, 'url' | 'processId' | 'routingId'> & { parent: Frame | null };

const frame = (url: string, processId: number, routingId: number, parent: Frame | null = null): Frame => ({ url, processId, routingId, parent });

/** A popover whose page Chromium spells the Windows way: capital drive letter, escaped user name. */
const chromiumUrl = 'file:///C:/Users/J%C3%B6rg%20M/AppData/Local/Programs/Latchkey/resources/app.asar/dist/renderer/index.html';
const main = frame(chromiumUrl, 7, 1);
const popover = { mainFrame: main, isDestroyed: () => false } as unknown as WebContentsApi;
const event = (sender: unknown, senderFrame: Frame | null) =>
  ({ sender, senderFrame }) as unknown as Pick<Electron.IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

describe('which IPC senders are the popover', () => {
  it("accepts the popover's main frame by identity, however its URL is spelled", () => {
    expect(foreignSender(event(popover, main), popover)).toBeNull();
    // Another wrapper for the same frame host: same process, same routing id.
    expect(foreignSender(event(popover, frame('file:///c:/users/j\u00f6rg m/other.html', 7, 1)), popover)).toBeNull();
  });

  it('refuses an iframe with the same URL, another web contents, a gone frame, and no popover', () => {
    const cases: [ReturnType<typeof event>, WebContentsApi | null, string][] = [
      [event(popover, frame(chromiumUrl, 7, 2, main)), popover, "a frame that is not the popover's main frame"],
      [event({ mainFrame: main }, main), popover, 'another web contents'],
      [event(popover, null), popover, 'a frame that is gone'],
      [event(popover, main), null, 'no popover'],
      [event(popover, main), { ...popover, isDestroyed: () => true } as unknown as WebContentsApi, 'no popover'],
    ];
    for (const [each, contents, reason] of cases) expect(foreignSender(each, contents)).toBe(reason);
  });
});
