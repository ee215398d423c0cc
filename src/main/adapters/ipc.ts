import type { IpcMainInvokeEvent } from 'electron';
import { commandChannel, commandNames } from '../../contract/channels';
import type { CommandName } from '../../contract/channels';
import type { CommandHandlers } from '../../contract/commands';
import { commandPayloads } from '../../contract/commands';
import { failed } from '../../contract/outcome';
import type { Logger } from '../../core/ports';
import type { ElectronApi, WebContentsApi } from '../electron-api';

/** Why a sender is not the popover's page, or null when it is. */
export function foreignSender(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>, popover: WebContentsApi | null): string | null {
  if (!popover || popover.isDestroyed()) return 'no popover';
  // Identity, not URLs: Chromium spells a page's URL its own way (Windows drive letters, escapes).
  if ((event.sender as unknown) !== popover) return 'another web contents';
  // null once the frame has navigated or been destroyed (IpcMainInvokeEvent.senderFrame's docs).
  const frame = event.senderFrame;
  if (!frame) return 'a frame that is gone';
  const main = popover.mainFrame;
  // One WebFrameMain per live frame; its processId and routingId name the same RenderFrameHost.
  const isMain = frame === main || (frame.processId === main.processId && frame.routingId === main.routingId);
  if (!isMain || frame.parent !== null) return 'a frame that is not the popover\'s main frame';
  return null;
}

/**
 * Registers one handler per command. Each drops calls from anything but the popover's main frame
 * (an iframe, another window, a frame since navigated), as Electron's security checklist #17 asks,
 * then parses the payload against the contract before the handler sees it.
 */
export function registerCommands(
  ipcMain: ElectronApi['ipcMain'],
  handlers: CommandHandlers,
  popover: () => WebContentsApi | null,
  logger: Logger,
): () => void {
  for (const name of commandNames) {
    ipcMain.handle(commandChannel(name), async (event: IpcMainInvokeEvent, raw: unknown) => {
      const reason = foreignSender(event, popover());
      if (reason) {
        logger.log('warn', 'IPC refused from a foreign frame', { command: name, reason });
        throw new Error('Refused: this command is only accepted from the Latchkey popover.');
      }
      const parsed = commandPayloads[name].safeParse(raw);
      if (!parsed.success) {
        logger.log('warn', 'IPC payload refused', { command: name });
        return failed('invalid_request', 'That request was not understood.');
      }
      return (handlers[name] as (payload: unknown) => unknown)(parsed.data);
    });
  }
  return () => {
    for (const name of commandNames) ipcMain.removeHandler(commandChannel(name as CommandName));
  };
}
