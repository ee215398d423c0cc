import type { UpdateChannel, UpdateView } from '../../contract/view';
import type { AccountState } from '../account/state';
import type { Clock, KeyValueStore, Logger, Notifier, Random } from '../ports';
import { backoffDelay, unitRandom, type BackoffPolicy } from '../session/backoff';
import { updateChannels } from '../../contract/view';
import { UpdateError, type FoundUpdate, type UpdateFeed } from './ports';

/** When the feed is asked. Gitify, VS Code and GitHub Desktop check every few hours. */
export interface UpdateSchedule {
  /** After the first view, so a check never competes with the start. @default 30 s */
  firstCheckMs: number;
  /** @default 4 h */
  everyMs: number;
  /** On resume, a sleep at least this long (by the wall clock) brings the next check forward. @default 1 h */
  longSleepMs: number;
  /** Retries after a failed check or download. @default 1 min doubling to 2 h */
  backoff: BackoffPolicy;
}

export const defaultUpdateSchedule: UpdateSchedule = {
  firstCheckMs: 30_000,
  everyMs: 4 * 60 * 60_000,
  longSleepMs: 60 * 60_000,
  backoff: { baseMs: 60_000, capMs: 2 * 60 * 60_000 },
};

export interface UpdatesDeps {
  feed: UpdateFeed;
  clock: Clock;
  random: Random;
  logger: Logger;
  notifier: Notifier;
  /** Where the channel setting is kept. */
  settings: KeyValueStore;
  productName: string;
  isOnline(): boolean;
  /** A restart now would cut something short: a sign-in or a device sign-in's polling. */
  busy(): boolean;
  /** Resolves once no vault write is pending. */
  settled(): Promise<void>;
  schedule?: Partial<UpdateSchedule>;
}

/**
 * A restart now would cut something short: a sign-in waiting for the browser, or a device
 * sign-in polling (both are `signingIn`). Vault writes are waited for separately (`settled`).
 */
export const restartWouldInterrupt = (state: AccountState): boolean => state.kind === 'signingIn';

type Phase = { kind: 'idle' } | { kind: 'checking' } | { kind: 'downloading'; update: FoundUpdate } | { kind: 'ready'; update: FoundUpdate };

export type RestartAnswer = 'restarting' | 'waiting' | 'nothing_ready';

const channelKey = 'updates.channel';

const failureSentences: Record<UpdateError['failure'], string> = {
  unreachable: 'The update server could not be reached.',
  checksum_mismatch: 'A downloaded update did not match its published checksum and was discarded.',
  invalid_feed: 'The update server sent something Latchkey could not read.',
  download_failed: 'An update could not be downloaded.',
};

/**
 * Decides when to look for an update and when installing it is safe. The feed (electron-updater)
 * does the asking, downloading and verifying; nothing here ever interrupts the user: a failure
 * is logged and retried, and only Settings mentions it.
 */
export class Updates {
  readonly #deps: UpdatesDeps;
  readonly #schedule: UpdateSchedule;
  #phase: Phase = { kind: 'idle' };
  #channel: UpdateChannel;
  #failures = 0;
  #problem: string | null = null;
  #lastCheckedAt: number | null = null;
  #lastAttemptAt: number | null = null;
  #waitingForNetwork = false;
  #restartWaiting = false;
  #notifiedVersion: string | null = null;
  /** A channel changed while a check was under way: its answer is for the old channel. */
  #checkAgain = false;
  #restarting: Promise<RestartAnswer> | null = null;
  #installing = false;
  #cancelTimer = () => {};
  #stopped = false;
  /** This copy cannot update itself: nothing is asked again until the next start. */
  #unsupported = false;
  readonly #listeners = new Set<() => void>();

  constructor(deps: UpdatesDeps) {
    this.#deps = deps;
    this.#schedule = { ...defaultUpdateSchedule, ...deps.schedule };
    const saved = deps.settings.get(channelKey);
    this.#channel = updateChannels.find((each) => each === saved) ?? 'stable';
    deps.feed.follow(this.#channel, false);
  }

  /** The first view is on screen: the first check comes a little later. */
  begin(): void {
    this.#after(this.#schedule.firstCheckMs);
  }

  /** The machine woke up: after a long sleep the regular check is overdue. */
  resumed(): void {
    const since = this.#lastAttemptAt === null ? Infinity : this.#deps.clock.now() - this.#lastAttemptAt;
    if (since >= this.#schedule.longSleepMs) void this.check();
  }

  /** The network is back: a check that waited for it runs now. */
  networkBack(): void {
    if (this.#waitingForNetwork) void this.check();
  }

  /** The account changed; a restart the user asked for may now be safe. */
  busyChanged(): void {
    if (this.#restartWaiting && !this.#deps.busy()) void this.restart();
  }

  async check(): Promise<void> {
    const { feed, logger } = this.#deps;
    if (this.#stopped || this.#unsupported) return;
    if (this.#phase.kind !== 'idle') {
      if (this.#phase.kind === 'checking') this.#checkAgain = true;
      return;
    }
    this.#checkAgain = false;
    this.#cancelTimer();
    if (!this.#deps.isOnline()) {
      this.#waitingForNetwork = true;
      logger.log('info', 'The update check waits for the network');
      this.#emit();
      return;
    }
    this.#waitingForNetwork = false;
    this.#lastAttemptAt = this.#deps.clock.now();
    this.#set({ kind: 'checking' });
    try {
      const answer = await feed.check();
      this.#lastCheckedAt = this.#deps.clock.now();
      if (answer.kind === 'unsupported') {
        logger.log('info', 'Updates are off for this copy', { reason: answer.reason });
        this.#unsupported = true;
        this.#set({ kind: 'idle' });
        return;
      }
      if (answer.kind === 'upToDate') {
        logger.log('info', 'No update available', { latest: answer.latest, channel: this.#channel });
        this.#succeeded();
        this.#set({ kind: 'idle' });
        if (this.#checkAgain) return void this.check();
        this.#after(this.#schedule.everyMs);
        return;
      }
      logger.log('info', 'Downloading an update', { version: answer.update.version });
      this.#set({ kind: 'downloading', update: answer.update });
      const update = await feed.download();
      logger.log('info', 'An update is ready to install', { version: update.version });
      this.#succeeded();
      this.#set({ kind: 'ready', update });
      this.#announce(update);
    } catch (error) {
      this.#failed(error);
    }
  }

  /** "Restart to update": now if nothing would be cut short, else as soon as it is over. */
  restart(): Promise<RestartAnswer> {
    // A click, the tray and the sign-in's end may all ask at once: one restart answers them.
    return (this.#restarting ??= this.#restart().finally(() => (this.#restarting = null)));
  }

  async #restart(): Promise<RestartAnswer> {
    const { logger } = this.#deps;
    if (this.#phase.kind !== 'ready') return 'nothing_ready';
    if (this.#installing) return 'restarting';
    const { version } = this.#phase.update;
    if (!this.#deps.busy()) {
      // A write that was queued must reach the disk before the process goes.
      await this.#deps.settled();
    }
    if (this.#deps.busy()) {
      if (!this.#restartWaiting) logger.log('info', 'The restart to update waits for the sign-in to end', { version });
      this.#restartWaiting = true;
      this.#emit();
      return 'waiting';
    }
    this.#restartWaiting = false;
    logger.log('info', 'Restarting to install the update', { version });
    this.#installing = true;
    this.#deps.feed.installNow();
    return 'restarting';
  }

  /** A channel change is the one time a lower version may be installed: beta → stable. */
  setChannel(channel: UpdateChannel): void {
    if (channel === this.#channel) return;
    const allowDowngrade = this.#channel === 'beta' && channel === 'stable';
    this.#channel = channel;
    this.#deps.settings.set(channelKey, channel);
    this.#deps.feed.follow(channel, allowDowngrade);
    this.#deps.logger.log('info', 'The update channel changed', { channel, allowDowngrade });
    this.#emit();
    void this.check();
  }

  view(): UpdateView {
    const phase = this.#phase;
    return {
      ready: phase.kind === 'ready' ? { ...phase.update } : null,
      restartWaiting: this.#restartWaiting,
      activity: phase.kind === 'checking' || phase.kind === 'downloading' ? phase.kind : this.#waitingForNetwork ? 'waitingForNetwork' : 'idle',
      supported: !this.#unsupported,
      channel: this.#channel,
      problem: this.#problem,
      lastCheckedAt: this.#lastCheckedAt === null ? null : new Date(this.#lastCheckedAt).toISOString(),
    };
  }

  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  stop(): void {
    this.#stopped = true;
    this.#cancelTimer();
    this.#listeners.clear();
  }

  #succeeded(): void {
    this.#failures = 0;
    this.#problem = null;
  }

  #failed(error: unknown): void {
    const failure = error instanceof UpdateError ? error.failure : 'download_failed';
    const retryInMs = backoffDelay(this.#failures, this.#schedule.backoff, unitRandom(this.#deps.random));
    this.#failures += 1;
    this.#problem = `${failureSentences[failure]} Latchkey will try again later.`;
    const reason = error instanceof Error ? error.message.split('\n', 1)[0]!.slice(0, 300) : String(error);
    this.#deps.logger.log('warn', failure === 'checksum_mismatch' ? 'The update was refused' : 'The update check failed', {
      failure,
      attempt: this.#failures,
      retryInMs,
      reason,
    });
    this.#set({ kind: 'idle' });
    this.#after(retryInMs);
  }

  /** One notification per version, however many checks find it. */
  #announce(update: FoundUpdate): void {
    if (this.#notifiedVersion === update.version) return;
    this.#notifiedVersion = update.version;
    const { productName } = this.#deps;
    this.#deps.notifier.notify(
      { title: 'Update ready', body: `${productName} ${update.version} is ready. Restart to update, or it installs when you quit.`, action: 'Restart' },
      () => void this.restart(),
    );
  }

  #after(ms: number): void {
    this.#cancelTimer();
    if (this.#stopped) return;
    this.#cancelTimer = this.#deps.clock.setTimeout(() => void this.check(), ms);
  }

  #set(phase: Phase): void {
    this.#phase = phase;
    this.#emit();
  }

  #emit(): void {
    for (const listener of this.#listeners) listener();
  }
}
