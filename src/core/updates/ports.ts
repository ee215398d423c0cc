/**
 * What the core needs from an update feed (electron-updater in the app, src/main/adapters): it
 * decides when to ask, when to download and when a restart is safe; the adapter only carries out.
 */

import type { UpdateChannel } from '../../contract/view';

export type { UpdateChannel };

/** Why the feed failed; the core words each for Settings and decides the retry. */
export type UpdateFailure = 'unreachable' | 'checksum_mismatch' | 'invalid_feed' | 'download_failed';

export class UpdateError extends Error {
  constructor(
    readonly failure: UpdateFailure,
    message: string,
  ) {
    super(message);
    this.name = 'UpdateError';
  }
}

export interface FoundUpdate {
  version: string;
  /** Where the release notes are read: the release's page, when the feed names one. */
  releaseNotesUrl: string | null;
}

export type CheckAnswer =
  /** The feed's newest version is this one, an older one refused, or outside this user's staged rollout. */
  | { kind: 'upToDate'; latest: string }
  | { kind: 'available'; update: FoundUpdate }
  /** This copy cannot update itself (a development checkout, an AppImage run unpacked). */
  | { kind: 'unsupported'; reason: string };

export interface FeedDescription {
  /** `github` or `generic` (electron-builder's publish providers). */
  provider: string;
  /** The address the feed is read from, or null where nothing is configured (a development checkout). */
  url: string | null;
}

export interface UpdateFeed {
  /** Asks the feed for its newest version; downloads nothing. Rejects with an UpdateError when the feed cannot be read. */
  check(): Promise<CheckAnswer>;
  /**
   * Downloads the update the last check found, in the background, and verifies it against the
   * feed's sha512. Resolves once it is on disk and ready to install; rejects with an UpdateError when it does not match.
   */
  download(): Promise<FoundUpdate>;
  /** Quits and installs the downloaded update, then starts the new version. */
  installNow(): void;
  /**
   * Follows a channel. `allowDowngrade` only for an explicit move to a channel whose newest
   * version may be lower (beta → stable); never otherwise.
   */
  follow(channel: UpdateChannel, allowDowngrade: boolean): void;
  describe(): Promise<FeedDescription>;
}
