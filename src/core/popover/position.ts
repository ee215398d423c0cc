export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

export interface PositionInput {
  /** The tray icon's bounds; all zero where the OS does not report them (Linux, Wayland). */
  trayBounds: Rect;
  /** The work area of the display holding the tray (or the cursor, when bounds are unknown). */
  workArea: Rect;
  /** The display's full bounds, to tell which edge the taskbar sits on. */
  displayBounds: Rect;
  cursor: Point;
  size: { width: number; height: number };
}

const gap = 4;

const clamp = (value: number, min: number, max: number) => Math.max(min, Math.min(value, Math.max(min, max)));

function hasBounds(rect: Rect): boolean {
  return rect.width > 0 && rect.height > 0;
}

/**
 * Where to put the popover: next to the tray icon, on the side away from the taskbar, and always
 * inside the work area on all four edges. Without tray bounds it anchors to the cursor, which is
 * where the user just clicked the icon or its menu.
 */
export function popoverPosition({ trayBounds, workArea, displayBounds, cursor, size }: PositionInput): Point {
  const anchor = hasBounds(trayBounds) ? trayBounds : { x: cursor.x, y: cursor.y, width: 0, height: 0 };
  const centerX = anchor.x + anchor.width / 2;
  const centerY = anchor.y + anchor.height / 2;

  const taskbar = taskbarEdge(workArea, displayBounds, anchor);
  let x: number;
  let y: number;
  switch (taskbar) {
    case 'top':
      x = centerX - size.width / 2;
      y = workArea.y + gap;
      break;
    case 'bottom':
      x = centerX - size.width / 2;
      y = workArea.y + workArea.height - size.height - gap;
      break;
    case 'left':
      x = workArea.x + gap;
      y = centerY - size.height / 2;
      break;
    case 'right':
      x = workArea.x + workArea.width - size.width - gap;
      y = centerY - size.height / 2;
      break;
  }
  return {
    x: Math.round(clamp(x, workArea.x, workArea.x + workArea.width - size.width)),
    y: Math.round(clamp(y, workArea.y, workArea.y + workArea.height - size.height)),
  };
}

type Edge = 'top' | 'bottom' | 'left' | 'right';

/** The edge the taskbar is on: where the work area is inset, else the edge nearest the anchor. */
export function taskbarEdge(workArea: Rect, display: Rect, anchor: Rect): Edge {
  const insets: Record<Edge, number> = {
    top: workArea.y - display.y,
    bottom: display.y + display.height - (workArea.y + workArea.height),
    left: workArea.x - display.x,
    right: display.x + display.width - (workArea.x + workArea.width),
  };
  const inset = (Object.keys(insets) as Edge[]).filter((edge) => insets[edge] > 0);
  if (inset.length === 1) return inset[0]!;
  const distances: Record<Edge, number> = {
    top: Math.abs(anchor.y - display.y),
    bottom: Math.abs(display.y + display.height - (anchor.y + anchor.height)),
    left: Math.abs(anchor.x - display.x),
    right: Math.abs(display.x + display.width - (anchor.x + anchor.width)),
  };
  const candidates = inset.length > 1 ? inset : (Object.keys(distances) as Edge[]);
  return candidates.reduce((best, edge) => (distances[edge] < distances[best] ? edge : best));
}
