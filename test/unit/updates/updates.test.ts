import { describe, expect, it } from 'vitest';
import type { KeyValueStore, NotificationRequest } from '../../../src/core/ports';
import { UpdateError, type CheckAnswer, type FoundUpdate, type UpdateChannel, type UpdateFeed } from '../../../src/core/updates/ports';
import { Updates } from '../../../src/core/updates/updates';
import { FakeClock } from '../../harness/fake-clock';

const minute = 60_000;
const hour = 60 * minute;

/** A feed whose next answers the test decides; it records what the core asked of it. */
class ScriptedFeed implements UpdateFeed {
  answer: CheckAnswer | Error = { kind: 'upToDate', latest: '0.1.0' };
  downloaded: FoundUpdate | Error = { version: '0.2.0', releaseNotesUrl: null };
  checks = 0;
  downloads = 0;
  installs = 0;
  following: [UpdateChannel, boolean][] = [];
  async check() {
    this.checks += 1;
    if (this.answer instanceof Error) throw this.answer;
    return this.answer;
  }
  async download() {
    this.downloads += 1;
    if (this.downloaded instanceof Error) throw this.downloaded;
    return this.downloaded;
  }
  installNow() {
    this.installs += 1;
  }
  follow(channel: UpdateChannel, allowDowngrade: boolean) {
    this.following.push([channel, allowDowngrade]);
  }
  async describe() {
    return { provider: 'generic', url: 'https://updates.example.com/' };
  }
}

function memoryStore(): KeyValueStore {
  const values = new Map<string, unknown>();
  return {
    get: (key) => values.get(key),
    set: (key, value) => void values.set(key, value),
    delete: (key) => void values.delete(key),
    update: (changes) => Object.entries(changes).forEach(([key, value]) => (value === undefined ? values.delete(key) : values.set(key, value))),
    path: ':memory:',
  };
}

function rig(options: { online?: boolean; settings?: KeyValueStore } = {}) {
  const clock = new FakeClock();
  const feed = new ScriptedFeed();
  const notified: NotificationRequest[] = [];
  const logs: { message: string; fields?: Record<string, unknown> }[] = [];
  const machine = { online: options.online ?? true, busy: false, writes: Promise.resolve() };
  const updates = new Updates({
    feed,
    clock,
    random: { bytes: (length) => new Uint8Array(length) },
    logger: { log: (_level, message, fields) => void logs.push({ message, fields }) },
    notifier: { isSupported: () => true, notify: (request) => void notified.push(request) },
    settings: options.settings ?? memoryStore(),
    productName: 'Latchkey',
    isOnline: () => machine.online,
    busy: () => machine.busy,
    settled: () => machine.writes,
  });
  return { clock, feed, notified, logs, machine, updates };
}

describe('when updates are looked for', () => {
  it('first a little after the first view, then every four hours', async () => {
    const { clock, feed, updates } = rig();
    updates.begin();
    await clock.advance(29_000);
    expect(feed.checks, 'not during the start').toBe(0);
    await clock.advance(1_000);
    expect(feed.checks).toBe(1);
    await clock.advance(4 * hour - 1);
    expect(feed.checks).toBe(1);
    await clock.advance(1);
    expect(feed.checks).toBe(2);
  });

  it('on resume only after a long sleep, measured by the wall clock', async () => {
    const { clock, feed, updates } = rig();
    updates.begin();
    await clock.advance(30_000);
    await clock.jump(20 * minute);
    updates.resumed();
    await clock.advance(0);
    expect(feed.checks, 'a short nap changes nothing').toBe(1);
    await clock.jump(2 * hour);
    updates.resumed();
    await clock.advance(0);
    expect(feed.checks).toBe(2);
  });

  it('not while offline: the check waits for the network and runs when it is back', async () => {
    const { clock, feed, machine, updates, logs } = rig({ online: false });
    updates.begin();
    await clock.advance(10 * hour);
    expect(feed.checks).toBe(0);
    expect(logs.map((line) => line.message)).toContain('The update check waits for the network');
    machine.online = true;
    updates.networkBack();
    await clock.advance(0);
    expect(feed.checks).toBe(1);
  });

  it('after a failure, again with a growing, capped backoff; a success clears the problem', async () => {
    const { clock, feed, updates, notified } = rig();
    feed.answer = new UpdateError('unreachable', 'connect ECONNREFUSED');
    await updates.check();
    expect(updates.view().problem).toBe('The update server could not be reached. Latchkey will try again later.');
    // Retry n waits between half and all of 1 min·2ⁿ, never past 2 h (the jitter here is at its least).
    await clock.advance(29_999);
    expect(feed.checks).toBe(1);
    await clock.advance(1);
    expect(feed.checks).toBe(2);
    await clock.advance(60_000);
    expect(feed.checks).toBe(3);
    for (let retry = 3; retry <= 10; retry += 1) await clock.advance(Math.min(2 * hour, 60_000 * 2 ** (retry - 1)) / 2);
    expect(feed.checks, 'the cap holds the waits at an hour or less').toBe(11);
    feed.answer = { kind: 'upToDate', latest: '0.1.0' };
    await clock.advance(hour);
    expect(feed.checks).toBe(12);
    expect(updates.view().problem).toBeNull();
    expect(notified, 'a failure never interrupts').toEqual([]);
  });
});

describe('an update that is ready', () => {
  it('is announced by one notification, and the view carries its version and notes', async () => {
    const { feed, updates, notified } = rig();
    feed.answer = { kind: 'available', update: { version: '0.2.0', releaseNotesUrl: 'https://example.com/notes' } };
    feed.downloaded = { version: '0.2.0', releaseNotesUrl: 'https://example.com/notes' };
    await updates.check();
    await updates.check();
    expect(feed.downloads).toBe(1);
    expect(notified.map((each) => each.title)).toEqual(['Update ready']);
    expect(updates.view().ready).toEqual({ version: '0.2.0', releaseNotesUrl: 'https://example.com/notes' });
  });

  it('never restarts under a sign-in, and waits for pending vault writes before it does', async () => {
    const { feed, machine, updates } = rig();
    feed.answer = { kind: 'available', update: { version: '0.2.0', releaseNotesUrl: null } };
    await updates.check();
    machine.busy = true;
    expect(await updates.restart()).toBe('waiting');
    expect(updates.view().restartWaiting).toBe(true);
    expect(feed.installs).toBe(0);
    let finishWrite = () => {};
    machine.writes = new Promise((resolve) => (finishWrite = resolve));
    machine.busy = false;
    updates.busyChanged();
    await Promise.resolve();
    expect(feed.installs, 'a write is still on its way to the disk').toBe(0);
    finishWrite();
    await machine.writes;
    await new Promise((resolve) => setImmediate(resolve));
    expect(feed.installs).toBe(1);
  });

  it('restarts once, however many ask at the same moment', async () => {
    const { feed, updates } = rig();
    feed.answer = { kind: 'available', update: { version: '0.2.0', releaseNotesUrl: null } };
    await updates.check();
    const answers = await Promise.all([updates.restart(), updates.restart(), updates.restart()]);
    expect(answers).toEqual(['restarting', 'restarting', 'restarting']);
    expect(await updates.restart()).toBe('restarting');
    expect(feed.installs).toBe(1);
  });

  it('is not there to restart into before a download finished', async () => {
    const { feed, updates } = rig();
    expect(await updates.restart()).toBe('nothing_ready');
    feed.answer = { kind: 'available', update: { version: '0.2.0', releaseNotesUrl: null } };
    feed.downloaded = new UpdateError('checksum_mismatch', 'sha512 checksum mismatch');
    await updates.check();
    expect(await updates.restart()).toBe('nothing_ready');
    expect(feed.installs).toBe(0);
  });
});

describe('the channel', () => {
  it('changed during a check is asked again, so the answer is the new channel’s', async () => {
    const { feed, updates } = rig();
    let answer = (_: CheckAnswer) => {};
    feed.check = () => {
      feed.checks += 1;
      return new Promise<CheckAnswer>((resolve) => (answer = resolve));
    };
    const first = updates.check();
    updates.setChannel('beta');
    answer({ kind: 'upToDate', latest: '0.1.0' });
    await first;
    expect(feed.checks).toBe(2);
  });

  it('is kept across starts; only beta → stable may go to a lower version', () => {
    const settings = memoryStore();
    const first = rig({ settings });
    expect(first.feed.following).toEqual([['stable', false]]);
    first.updates.setChannel('beta');
    first.updates.setChannel('stable');
    first.updates.setChannel('beta');
    expect(first.feed.following).toEqual([
      ['stable', false],
      ['beta', false],
      ['stable', true],
      ['beta', false],
    ]);
    const again = rig({ settings });
    expect(again.feed.following).toEqual([['beta', false]]);
    expect(again.updates.view().channel).toBe('beta');
  });
});
