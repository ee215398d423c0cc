import { commandChannel, commandNames, eventChannel } from '../contract/channels';
import type { LatchkeyApi } from '../contract/commands';
import type { AccountView } from '../contract/view';

/** The slice of ipcRenderer the API needs; the raw object is never exposed to the page. */
export interface RendererIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/**
 * Builds the popover's API from the contract's key list, so the exposed keys are exactly the
 * contract's commands plus `onView` and `onShown`. Listeners never see Electron's event object.
 */
export function buildApi(ipc: RendererIpc): LatchkeyApi {
  const commands = Object.fromEntries(
    commandNames.map((name) => [name, (payload?: unknown) => ipc.invoke(commandChannel(name), payload)]),
  );
  return Object.freeze({
    ...commands,
    onView(listener: (view: AccountView) => void) {
      const wrapped = (_event: unknown, view: unknown) => listener(view as AccountView);
      ipc.on(eventChannel('view'), wrapped);
      return () => void ipc.removeListener(eventChannel('view'), wrapped);
    },
    onShown(listener: () => void) {
      const wrapped = () => listener();
      ipc.on(eventChannel('shown'), wrapped);
      return () => void ipc.removeListener(eventChannel('shown'), wrapped);
    },
  }) as LatchkeyApi;
}
