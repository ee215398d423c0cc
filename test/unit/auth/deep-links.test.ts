import { describe, expect, it } from 'vitest';
import { installDeepLinks, type DeepLinkEvent } from '../../../src/main/adapters/deep-links';
import { RecordingLogger } from './fakes';

const scheme = 'dev.latchkey.app';
const link = `${scheme}:/auth/callback?code=abc&state=xyz`;

/** Electron's app as far as deep links go: the lock and the two events. */
class FakeApp {
  lock = true;
  quits = 0;
  readonly listeners = new Map<string, (...args: never[]) => void>();
  requestSingleInstanceLock() {
    return this.lock;
  }
  quit() {
    this.quits += 1;
  }
  on(event: string, listener: (...args: never[]) => void) {
    this.listeners.set(event, listener);
    return this;
  }
  openUrl(url: string) {
    let prevented = false;
    (this.listeners.get('open-url') as (event: { preventDefault(): void }, url: string) => void)({ preventDefault: () => (prevented = true) }, url);
    return prevented;
  }
  secondInstance(argv: string[]) {
    (this.listeners.get('second-instance') as (event: object, argv: string[], cwd: string) => void)({}, argv, '/');
  }
}

function install(app: FakeApp, platform: NodeJS.Platform, argv: string[] = ['/opt/Latchkey/latchkey']) {
  const logger = new RecordingLogger();
  const links = installDeepLinks(app as never, { scheme, platform, argv, logger });
  const events: DeepLinkEvent[] = [];
  return { links, events, logger, ready: () => links.deliverTo((event) => events.push(event)) };
}

describe('deep links from the OS', () => {
  it('macOS: queues the open-url that launched the app until the core is ready', () => {
    const app = new FakeApp();
    const { events, ready } = install(app, 'darwin', ['/Applications/Latchkey.app/Contents/MacOS/Latchkey']);
    expect(app.openUrl(link)).toBe(true);
    expect(events).toEqual([]);
    ready();
    expect(events).toEqual([{ kind: 'url', url: link }]);
    app.openUrl(link);
    expect(events).toHaveLength(2);
  });

  it('Windows: a cold start by a link delivers the link from argv', () => {
    const { events, ready } = install(new FakeApp(), 'win32', ['C:\\Latchkey.exe', '--deep-link', '--', link]);
    ready();
    expect(events).toEqual([{ kind: 'url', url: link }]);
  });

  it('Windows: a second instance’s padded argv delivers its link; a plain second launch asks to show the app', () => {
    const app = new FakeApp();
    const { events, ready } = install(app, 'win32', ['C:\\Latchkey.exe']);
    ready();
    app.secondInstance(['C:\\Latchkey.exe', '--deep-link', '--allow-file-access-from-files', '--original-process-start-time=1', '--', link]);
    app.secondInstance(['C:\\Latchkey.exe', '--allow-file-access-from-files']);
    expect(events).toEqual([{ kind: 'url', url: link }, { kind: 'activate' }]);
  });

  it('refuses an injected command line and logs why, without the link', () => {
    const app = new FakeApp();
    const { events, logger, ready } = install(app, 'win32', ['C:\\Latchkey.exe']);
    ready();
    app.secondInstance(['C:\\Latchkey.exe', '--deep-link', '--', link, '--gpu-launcher=calc']);
    expect(events).toEqual([{ kind: 'activate' }]);
    expect(logger.text()).toContain('more than one argument after the -- sentinel');
    expect(logger.text()).not.toContain('code=abc');
  });

  it('a second instance quits and listens to nothing: the first one gets its argv', () => {
    const app = new FakeApp();
    app.lock = false;
    const { links } = install(app, 'linux', ['/opt/Latchkey/latchkey', link]);
    expect(links.primary).toBe(false);
    expect(app.quits).toBe(1);
    expect(app.listeners.size).toBe(0);
  });
});
