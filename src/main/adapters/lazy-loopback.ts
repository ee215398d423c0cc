import type { LoopbackServer } from '../../core/ports';

/** node:http loads with the first loopback sign-in: importing it loads Node's fetch stack as well. */
export const lazyLoopback: LoopbackServer = {
  listen: async (options) => (await import('./loopback-listener')).loopbackServer.listen(options),
};
