/** The reference server as a library; the plugin itself is the `@latchkey/desktop-handoff` package. */
export { desktopHandoff, matchRedirectUri, type DesktopClient, type DesktopHandoffOptions } from '@latchkey/desktop-handoff';
export { defaultClients, defaultSchemes } from './default-clients';
export { createAuthServer, type AuthServer, type AuthServerOptions, type LogLevel } from './auth-server';
export type { DatabaseOption } from './database';
