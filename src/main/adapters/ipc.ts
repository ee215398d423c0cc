import type { IpcMainInvokeEvent } from 'electron';
import { commandChannel, commandNames } from '../../contract/channels';
import type { CommandName } from '../../contract/channels';
import type { CommandHandlers } from '../../contract/commands';
import { commandPayloads } from '../../contract/commands';
import { failed } from '../../contract/outcome';
import type { Logger } from '../../core/ports';
import type { ElectronApi } from '../electron-api';

/** The frame URL with query and fragment dropped, for comparing against the popover's own page. */
function documentOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return null;
  }
}

/**
 * Registers one handler per command. Each drops calls from any frame that is not the popover's
 * page (an injected or navigated frame gets nothing), then parses the payload against the
 * contract before the handler sees it.
 */
export function registerCommands(
  ipcMain: ElectronApi['ipcMain'],
  handlers: CommandHandlers,
  popoverUrl: () => string | null,
  logger: Logger,
): () => void {
  for (const name of commandNames) {
    ipcMain.handle(commandChannel(name), async (event: IpcMainInvokeEvent, raw: unknown) => {
      const expected = popoverUrl();
      const sender = event.senderFrame?.url ?? '';
      if (!expected || documentOf(sender) !== documentOf(expected)) {
        logger.log('warn', 'IPC refused from a foreign frame', { command: name });
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
