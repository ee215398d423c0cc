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

export interface DisplayArea {
  /** The whole display, in screen coordinates (negative left of or above the primary display). */
  bounds: Rect;
  /** The display minus the taskbar, dock, menu bar or panels. */
  workArea: Rect;
}

export interface PositionInput {
  /** The tray icon's bounds; all zero where the OS does not report them (Linux, Wayland). */
  trayBounds: Rect;
  /**
   * The displays to choose from, the primary one first. Electron's screen module gives the one
   * matching the tray, the one nearest the cursor and the primary; any subset will do.
   */
  displays: DisplayArea[];
  /** Where the pointer is, or null where the OS will not say (Wayland reports no global position). */
  cursor: Point | null;
  size: { width: number; height: number };
  /**
   * Opened by the global shortcut: without tray bounds there is no click to stand for the icon,
   * so the popover goes to the middle of the active display rather than next to the pointer.
   */
  centreWithoutTray?: boolean;
}

export type Edge = 'top' | 'bottom' | 'left' | 'right';

export interface Placement extends Point {
  /** The edge the popover hangs from: where the taskbar (or the anchor) is. */
  edge: Edge;
  /** What it was placed against. */
  anchoredTo: 'tray' | 'cursor' | 'corner' | 'centre';
}

/** A placement with the size the popover takes there. */
export interface PlacedBounds extends Placement, Rect {}

/**
 * The shortest popover main accepts, in DIPs: a height below it is a measuring mistake (a page
 * not laid out yet), not a state worth showing. Every real state is taller.
 * @default 96
 */
export const minimumPopoverHeight = 96;

/** The space left between the popover and the icon or the screen edge, in DIPs. */
const gap = 4;

const edges: Edge[] = ['top', 'bottom', 'left', 'right'];

function hasArea(rect: Rect): boolean {
  return rect.width > 0 && rect.height > 0;
}

function contains(rect: Rect, point: Point): boolean {
  return point.x >= rect.x && point.x < rect.x + rect.width && point.y >= rect.y && point.y < rect.y + rect.height;
}

function overlap(a: Rect, b: Rect): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return Math.max(0, width) * Math.max(0, height);
}

function distanceTo(rect: Rect, point: Point): number {
  const dx = Math.max(rect.x - point.x, 0, point.x - (rect.x + rect.width - 1));
  const dy = Math.max(rect.y - point.y, 0, point.y - (rect.y + rect.height - 1));
  return Math.hypot(dx, dy);
}

/** Keeps `value` within [min, max]; when the range is empty (a popover larger than the area) it keeps `min`. */
const clamp = (value: number, min: number, max: number) => Math.max(min, Math.min(value, max));

/** The display that holds the tray icon, else the pointer, else the primary display. */
export function chooseDisplay(displays: DisplayArea[], trayBounds: Rect, cursor: Point | null): DisplayArea {
  const primary = displays[0];
  if (!primary) throw new Error('popoverPosition needs at least one display; pass screen.getPrimaryDisplay()');
  if (hasArea(trayBounds)) {
    const best = displays.reduce((a, b) => (overlap(b.bounds, trayBounds) > overlap(a.bounds, trayBounds) ? b : a));
    if (overlap(best.bounds, trayBounds) > 0) return best;
  }
  if (cursor) return displays.reduce((a, b) => (distanceTo(b.bounds, cursor) < distanceTo(a.bounds, cursor) ? b : a));
  return primary;
}

/** How far the work area is inset from each edge of the display: where taskbars and panels sit. */
function insets({ bounds, workArea }: DisplayArea): Record<Edge, number> {
  return {
    top: workArea.y - bounds.y,
    bottom: bounds.y + bounds.height - (workArea.y + workArea.height),
    left: workArea.x - bounds.x,
    right: bounds.x + bounds.width - (workArea.x + workArea.width),
  };
}

/**
 * The edge the taskbar is on. One inset edge settles it; with several (macOS: menu bar plus Dock)
 * or none (an auto-hiding taskbar) the edge nearest the anchor wins among them.
 */
export function taskbarEdge(display: DisplayArea, anchor: Rect): Edge {
  const inset = insets(display);
  const reserved = edges.filter((edge) => inset[edge] > 0);
  if (reserved.length === 1) return reserved[0]!;
  const { bounds } = display;
  const distance: Record<Edge, number> = {
    top: Math.abs(anchor.y - bounds.y),
    bottom: Math.abs(bounds.y + bounds.height - (anchor.y + anchor.height)),
    left: Math.abs(anchor.x - bounds.x),
    right: Math.abs(bounds.x + bounds.width - (anchor.x + anchor.width)),
  };
  const candidates = reserved.length > 1 ? reserved : edges;
  return candidates.reduce((best, edge) => (distance[edge] < distance[best] ? edge : best));
}

/**
 * Where a tray icon would be when nobody says: at the far end of the taskbar (Windows and KDE put
 * the tray bottom right, GNOME's top bar top right), or top right when no panel reserves space.
 */
function cornerAnchor(display: DisplayArea): { anchor: Rect; edge: Edge } {
  const inset = insets(display);
  const reserved = edges.filter((edge) => inset[edge] > 0);
  const edge = reserved.length === 1 ? reserved[0]! : reserved.includes('top') || reserved.length === 0 ? 'top' : reserved[0]!;
  const { workArea: w } = display;
  const right = w.x + w.width;
  const bottom = w.y + w.height;
  const corners: Record<Edge, Point> = {
    top: { x: right, y: w.y },
    bottom: { x: right, y: bottom },
    left: { x: w.x, y: bottom },
    right: { x: right, y: bottom },
  };
  return { anchor: { ...corners[edge], width: 0, height: 0 }, edge };
}

/**
 * Where to put the popover: against the tray icon, on the side away from the taskbar, and always
 * inside the work area on all four edges (electron-positioner clamps only the right edge). Without
 * tray bounds it anchors to the pointer, which is where the user just clicked the icon or its
 * menu; without either, to the corner where the tray usually is.
 */
export function popoverPosition({ trayBounds, displays, cursor, size, centreWithoutTray }: PositionInput): Placement {
  const display = chooseDisplay(displays, trayBounds, cursor);
  const onTray = hasArea(trayBounds) && overlap(display.bounds, trayBounds) > 0;
  if (centreWithoutTray && !onTray) return centred(display, size);
  let anchor: Rect;
  let edge: Edge;
  let anchoredTo: Placement['anchoredTo'];
  if (onTray) {
    anchor = trayBounds;
    edge = taskbarEdge(display, anchor);
    anchoredTo = 'tray';
  } else if (cursor && distanceTo(display.bounds, cursor) === 0) {
    anchor = { ...cursor, width: 0, height: 0 };
    edge = taskbarEdge(display, anchor);
    anchoredTo = 'cursor';
  } else {
    ({ anchor, edge } = cornerAnchor(display));
    anchoredTo = 'corner';
  }

  const { workArea: area } = display;
  const centreX = anchor.x + anchor.width / 2 - size.width / 2;
  const centreY = anchor.y + anchor.height / 2 - size.height / 2;
  // Beside the anchor, away from the taskbar; and never further out than the work area allows, so
  // an icon inside an auto-hidden taskbar is not covered.
  const placed: Record<Edge, Point> = {
    top: { x: centreX, y: Math.max(anchor.y + anchor.height, area.y) + gap },
    bottom: { x: centreX, y: Math.min(anchor.y, area.y + area.height) - size.height - gap },
    left: { x: Math.max(anchor.x + anchor.width, area.x) + gap, y: centreY },
    right: { x: Math.min(anchor.x, area.x + area.width) - size.width - gap, y: centreY },
  };
  const { x, y } = placed[edge];
  return {
    x: Math.round(clamp(x, area.x + gap, area.x + area.width - size.width - gap)),
    y: Math.round(clamp(y, area.y + gap, area.y + area.height - size.height - gap)),
    edge,
    anchoredTo,
  };
}

/** The middle of the display's work area; `edge` says where its taskbar is, for completeness. */
function centred(display: DisplayArea, size: { width: number; height: number }): Placement {
  const { workArea: area } = display;
  return {
    x: Math.round(area.x + Math.max(gap, (area.width - size.width) / 2)),
    y: Math.round(area.y + Math.max(gap, (area.height - size.height) / 2)),
    edge: cornerAnchor(display).edge,
    anchoredTo: 'centre',
  };
}

/**
 * The height the popover takes on a display: its content's, never below the minimum and never
 * taller than the work area allows (the content scrolls inside then). Heights are whole DIPs.
 */
export function fittedHeight(contentHeight: number, display: DisplayArea): number {
  const most = Math.max(0, display.workArea.height - 2 * gap);
  const wanted = Number.isFinite(contentHeight) ? Math.ceil(contentHeight) : minimumPopoverHeight;
  return Math.min(Math.max(wanted, minimumPopoverHeight), most);
}

/**
 * Size and place in one step: the display is chosen once, the height fitted to its work area, and
 * the popover anchored with that height, so a taller state grows away from the taskbar and still
 * clamps on all four edges.
 */
export function popoverBounds(input: Omit<PositionInput, 'size'> & { width: number; contentHeight: number }): PlacedBounds {
  const display = chooseDisplay(input.displays, input.trayBounds, input.cursor);
  const size = { width: input.width, height: fittedHeight(input.contentHeight, display) };
  return { ...popoverPosition({ ...input, size }), ...size };
}

/**
 * Whether the window manager put the window where it was asked, read back from the window.
 * Wayland ignores positions and reports (0, 0) (Electron's BrowserWindow docs, "Platform notices";
 * electron/electron#40886); a scaled Windows display may round by a DIP, which still counts.
 */
export function positionHonoured(requested: Point, actual: Point, tolerance = 2): boolean {
  return Math.abs(requested.x - actual.x) <= tolerance && Math.abs(requested.y - actual.y) <= tolerance;
}
