import type { Point } from './position';

/**
 * The pointer position as far as it can be trusted. Under native Wayland a client may not read the
 * global pointer: Electron answers (0, 0) or an empty object (electron/electron#51153, #50092), so
 * there it is unknown and the popover falls back to the tray's usual corner.
 */
export function knownCursor(read: () => unknown, session: { wayland: boolean }): Point | null {
  if (session.wayland) return null;
  let point: unknown;
  try {
    point = read();
  } catch {
    return null; // Older Electron threw on Wayland before any window existed (electron/electron#35471).
  }
  if (typeof point !== 'object' || point === null) return null;
  const { x, y } = point as Partial<Point>;
  return Number.isFinite(x) && Number.isFinite(y) ? { x: x!, y: y! } : null;
}

/** Whether Electron runs as a native Wayland client: Linux with a Wayland display in the environment. */
export function isWaylandSession(platform: NodeJS.Platform, env: Record<string, string | undefined>): boolean {
  return platform === 'linux' && (env.XDG_SESSION_TYPE === 'wayland' || Boolean(env.WAYLAND_DISPLAY));
}
