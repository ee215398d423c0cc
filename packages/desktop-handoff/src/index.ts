/** `@latchkey/desktop-handoff`: the BetterAuth server plugin. The client plugin is `@latchkey/desktop-handoff/client`. */
export { desktopHandoff } from './desktop-handoff.js';
export type { DesktopHandoffOptions } from './handoff-settings.js';
export type { BrandOptions } from './pages/brand.js';
export { checkClients, matchRedirectUri, type DesktopClient, type RedirectKind } from './clients.js';
export { checkReturnAddress } from './return-address.js';
export { desktopDeviceOptions, type DesktopDeviceOptions } from './device-sign-in.js';
export { formatUserCode, normalizeUserCode, userCodeAlphabet } from './user-code.js';
// The protocol's names and wire types; a desktop client takes them without BetterAuth from `./protocol`.
export * from './protocol.js';
