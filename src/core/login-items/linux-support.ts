/**
 * Where the XDG autostart directory is, and whether writing there starts us at all.
 *
 * Inside a Flatpak the session never reads the sandbox's config directory; an app must ask the
 * Background portal instead. A Snap's $XDG_CONFIG_HOME is private to the snap, read at login only
 * when the snap declares `autostart`. In both cases an entry we write would do nothing, so the
 * switch is shown as unavailable rather than one that silently fails.
 */
export function linuxAutostartSupported(env: Record<string, string | undefined>): boolean {
  return !env.FLATPAK_ID && !env.SNAP;
}

const isAbsolute = (path: string) => path.startsWith('/');

/**
 * The user's autostart directory and the system-wide ones, most important first
 * (XDG Base Directory spec: relative paths are invalid and ignored; empty means the default).
 */
export function autostartDirectories(env: Record<string, string | undefined>, home: string): { user: string; system: string[] } {
  const configHome = env.XDG_CONFIG_HOME && isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : `${home}/.config`;
  const configDirs = (env.XDG_CONFIG_DIRS || '/etc/xdg').split(':').filter(isAbsolute);
  const join = (dir: string) => `${dir.replace(/\/+$/u, '')}/autostart`;
  return { user: join(configHome), system: configDirs.map(join) };
}

/** The file name for our entry: the app id, which is a valid desktop file id (reverse DNS). */
export function autostartFileName(appId: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*)+$/u.test(appId)) {
    throw new Error(`"${appId}" cannot name an autostart entry: use a reverse domain name such as com.example.app.`);
  }
  return `${appId}.desktop`;
}
