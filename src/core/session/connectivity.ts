import type { Clock } from '../ports';

/**
 * Electron's main process has no "online" event, so connectivity is sampled: when the OS reports
 * the network back after it was gone, `onBack` runs once. Sampling stops with the returned function.
 */
export function watchConnectivity(isOnline: () => boolean, clock: Clock, onBack: () => void, everyMs = 15_000): () => void {
  let wasOnline = isOnline();
  let cancel = () => {};
  const sample = () => {
    const online = isOnline();
    if (online && !wasOnline) onBack();
    wasOnline = online;
    cancel = clock.setTimeout(sample, everyMs);
  };
  cancel = clock.setTimeout(sample, everyMs);
  return () => cancel();
}

/**
 * Samples connectivity only while the account is offline. Online, the periodic revalidation is all
 * the network the app needs; sampling every 15 s all day would wake the machine 5,760 times for
 * nothing (BENCHMARKS.md, idle day).
 */
export class OfflineConnectivityWatch {
  #stop: (() => void) | null = null;

  constructor(private readonly watch: () => () => void) {}

  follow(offline: boolean): void {
    if (offline && !this.#stop) this.#stop = this.watch();
    else if (!offline) this.stop();
  }

  stop(): void {
    this.#stop?.();
    this.#stop = null;
  }
}
