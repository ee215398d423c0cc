import { describe, expect, it, vi } from 'vitest';
import { commandChannel, commandNames, eventChannel } from '../../../src/contract/channels';
import { commandPayloads } from '../../../src/contract/commands';
import { buildApi, type RendererIpc } from '../../../src/preload/api';

function recordingIpc() {
  const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
  const ipc: RendererIpc & { invoked: unknown[][]; emit(channel: string, ...args: unknown[]): void } = {
    invoked: [],
    invoke: vi.fn(async (...args: unknown[]) => {
      ipc.invoked.push(args);
      return { ok: true };
    }),
    on(channel, listener) {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(listener);
    },
    removeListener(channel, listener) {
      listeners.get(channel)?.delete(listener);
    },
    emit(channel, ...args) {
      for (const listener of listeners.get(channel) ?? []) listener({ sender: 'secret-electron-event' }, ...args);
    },
  };
  return ipc;
}

describe('the IPC contract', () => {
  it('exposes exactly the contract commands plus onView and onShown', () => {
    const api = buildApi(recordingIpc());
    expect(Object.keys(api).sort()).toEqual([...commandNames, 'onView', 'onShown'].sort());
    expect(Object.keys(commandPayloads).sort()).toEqual([...commandNames].sort());
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('sends each command on its own channel with its payload', async () => {
    const ipc = recordingIpc();
    const api = buildApi(ipc);
    await api.submitCode({ code: 'abc' });
    await api.signIn();
    expect(ipc.invoked).toEqual([
      [commandChannel('submitCode'), { code: 'abc' }],
      [commandChannel('signIn'), undefined],
    ]);
  });

  it('hands listeners the view without Electron’s event, and stops on unsubscribe', () => {
    const ipc = recordingIpc();
    const api = buildApi(ipc);
    const seen: unknown[][] = [];
    const stop = api.onView((...args) => seen.push(args));
    ipc.emit(eventChannel('view'), { status: 'signedOut' });
    stop();
    ipc.emit(eventChannel('view'), { status: 'signedIn' });
    expect(seen).toEqual([[{ status: 'signedOut' }]]);
  });

  it('refuses payloads that do not match their schema', () => {
    expect(commandPayloads.submitCode.safeParse({ code: '' }).success).toBe(false);
    expect(commandPayloads.submitCode.safeParse({ code: 'x'.repeat(513) }).success).toBe(false);
    expect(commandPayloads.submitCode.safeParse({ code: 'ok', extra: 1 }).success).toBe(false);
    expect(commandPayloads.signIn.safeParse({ surprise: true }).success).toBe(false);
    expect(commandPayloads.setOpenAtLogin.safeParse({ enabled: 'yes' }).success).toBe(false);
  });
});
