import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { AppApi } from '../../../src/main/electron-api';
import { guardAllWebContents } from '../../../src/main/adapters/web-contents-guard';

describe('guardAllWebContents', () => {
  it('denies new windows, navigation and webviews in any web contents created later', () => {
    const app = new EventEmitter();
    const logged: string[] = [];
    guardAllWebContents(app as unknown as AppApi, { log: (_level, message, fields) => void logged.push(`${message} ${JSON.stringify(fields)}`) });
    const contents = Object.assign(new EventEmitter(), {
      openHandler: null as null | ((details: unknown) => { action: string }),
      setWindowOpenHandler(handler: (details: unknown) => { action: string }) {
        this.openHandler = handler;
      },
    });
    app.emit('web-contents-created', {}, contents);

    expect(contents.openHandler?.({ url: 'https://evil.example' })).toEqual({ action: 'deny' });
    for (const event of ['will-navigate', 'will-attach-webview']) {
      let prevented = false;
      contents.emit(event, { url: 'https://evil.example/phish?code=secret', preventDefault: () => (prevented = true) });
      expect(prevented, event).toBe(true);
    }
    expect(logged).toEqual([
      'New window refused {"to":"https://evil.example"}',
      'Navigation refused {"to":"https://evil.example"}',
      'Embedded webview refused {}',
    ]);
  });
});
