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
