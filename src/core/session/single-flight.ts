/**
 * Runs one operation at a time: callers that arrive while it runs share its result instead of
 * starting their own. Fifty concurrent 401s cause one revalidation, not fifty.
 */
export function singleFlight<T>(operation: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  return () => {
    running ??= operation().finally(() => {
      running = null;
    });
    return running;
  };
}
