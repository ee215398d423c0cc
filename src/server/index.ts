/** The auth server as a library: the plugin on its own, and the reference server around it. */
export { desktopHandoff } from './desktop-handoff';
export type { DesktopHandoffOptions } from './handoff-settings';
export { defaultClients, defaultSchemes, matchRedirectUri, type DesktopClient } from './clients';
export { createAuthServer, type AuthServer, type AuthServerOptions, type LogLevel } from './auth-server';
export type { DatabaseOption } from './database';
