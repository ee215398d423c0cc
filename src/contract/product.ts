/**
 * The product's identity, defined once: the app's defaults (src/core/config.ts), the reference
 * server.s default client (src/server/default-clients.ts) and electron-builder.json (checked by a test)
 * all agree with it, so a renamed app cannot ship with a stale scheme.
 */
export const product = {
  productName: 'Latchkey',
  appId: 'dev.latchkey.app',
  /** The custom scheme of packaged builds (RFC 8252 §7.1: a reverse domain name). */
  scheme: 'dev.latchkey.app',
  /** Development builds answer to their own scheme, so a checkout never takes the installed app's links. */
  developmentScheme: 'dev.latchkey.app.dev',
} as const;
