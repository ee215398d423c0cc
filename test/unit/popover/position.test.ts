import { describe, expect, it } from 'vitest';
import { isWaylandSession, knownCursor } from '../../../src/core/popover/cursor';
import { chooseDisplay, popoverPosition, taskbarEdge, type DisplayArea, type Rect } from '../../../src/core/popover/position';

const size = { width: 360, height: 480 };
const none: Rect = { x: 0, y: 0, width: 0, height: 0 };
const rect = (x: number, y: number, width: number, height: number): Rect => ({ x, y, width, height });

/** A 1920×1080 display at (x, y) whose taskbar, panel or menu bar takes `thickness` on `edge`. */
function display(x: number, y: number, edge: 'top' | 'bottom' | 'left' | 'right' | null, thickness = 40): DisplayArea {
  const bounds = rect(x, y, 1920, 1080);
  const t = edge ? thickness : 0;
  const workArea = {
    top: rect(x, y + t, 1920, 1080 - t),
    bottom: rect(x, y, 1920, 1080 - t),
    left: rect(x + t, y, 1920 - t, 1080),
    right: rect(x, y, 1920 - t, 1080),
  }[edge ?? 'top'];
  return { bounds, workArea };
}

const macBuiltIn: DisplayArea = { bounds: rect(0, 0, 1512, 982), workArea: rect(0, 38, 1512, 870) }; // menu bar + Dock

interface Layout {
  name: string;
  displays: DisplayArea[];
  tray: Rect;
  cursor: { x: number; y: number } | null;
  expected: { x: number; y: number; edge: string; anchoredTo: string };
}

const layouts: Layout[] = [
  {
    name: 'Windows, taskbar at the bottom, icon near the right: above the icon, centred on it',
    displays: [display(0, 0, 'bottom')],
    tray: rect(1700, 1044, 24, 32),
    cursor: { x: 1710, y: 1060 },
    expected: { x: 1532, y: 556, edge: 'bottom', anchoredTo: 'tray' },
  },
  {
    name: 'Windows, icon in the corner: clamped to the right edge, not off screen',
    displays: [display(0, 0, 'bottom')],
    tray: rect(1890, 1044, 24, 32),
    cursor: null,
    expected: { x: 1556, y: 556, edge: 'bottom', anchoredTo: 'tray' },
  },
  {
    name: 'taskbar at the top (GNOME, Windows moved up): below the icon',
    displays: [display(0, 0, 'top', 32)],
    tray: rect(1800, 4, 24, 24),
    cursor: null,
    expected: { x: 1556, y: 36, edge: 'top', anchoredTo: 'tray' },
  },
  {
    name: 'taskbar on the left: right of it, centred on the icon vertically',
    displays: [display(0, 0, 'left', 48)],
    tray: rect(12, 600, 24, 24),
    cursor: null,
    expected: { x: 52, y: 372, edge: 'left', anchoredTo: 'tray' },
  },
  {
    name: 'taskbar on the left, icon at the very bottom: clamped to the bottom edge',
    displays: [display(0, 0, 'left', 48)],
    tray: rect(12, 1050, 24, 24),
    cursor: null,
    expected: { x: 52, y: 596, edge: 'left', anchoredTo: 'tray' },
  },
  {
    name: 'taskbar on the right, icon at the very top: clamped to the top edge',
    displays: [display(0, 0, 'right', 48)],
    tray: rect(1884, 0, 24, 24),
    cursor: null,
    expected: { x: 1508, y: 4, edge: 'right', anchoredTo: 'tray' },
  },
  {
    name: 'macOS: menu bar on top and Dock at the bottom, the icon is in the menu bar',
    displays: [macBuiltIn],
    tray: rect(1200, 0, 30, 38),
    cursor: null,
    expected: { x: 1035, y: 42, edge: 'top', anchoredTo: 'tray' },
  },
  {
    name: 'macOS: icon at the left end of the menu bar: clamped to the left edge',
    displays: [macBuiltIn],
    tray: rect(0, 0, 30, 38),
    cursor: null,
    expected: { x: 4, y: 42, edge: 'top', anchoredTo: 'tray' },
  },
  {
    name: 'second display to the left, at negative x, holding the taskbar',
    displays: [display(0, 0, null), display(-1920, 0, 'bottom')],
    tray: rect(-300, 1044, 24, 32),
    cursor: null,
    expected: { x: -468, y: 556, edge: 'bottom', anchoredTo: 'tray' },
  },
  {
    name: 'second display above, at negative y, its taskbar on top; icon at its left end',
    displays: [display(0, 0, null), display(-200, -1080, 'top')],
    tray: rect(-190, -1076, 24, 32),
    cursor: null,
    expected: { x: -196, y: -1036, edge: 'top', anchoredTo: 'tray' },
  },
  {
    name: 'a tray straddling two displays belongs to the one holding most of it',
    displays: [display(0, 0, 'bottom'), display(1920, 0, 'bottom')],
    tray: rect(1910, 1044, 24, 32),
    cursor: null,
    expected: { x: 1920 + 4, y: 556, edge: 'bottom', anchoredTo: 'tray' },
  },
  {
    name: 'auto-hidden taskbar (no inset): the nearest edge, and above the icon rather than over it',
    displays: [display(0, 0, null)],
    tray: rect(1700, 1050, 24, 30),
    cursor: null,
    expected: { x: 1532, y: 566, edge: 'bottom', anchoredTo: 'tray' },
  },
  {
    name: 'Linux without tray bounds: at the pointer, which just clicked the icon in the top panel',
    displays: [display(0, 0, 'top', 32)],
    tray: none,
    cursor: { x: 1750, y: 16 },
    expected: { x: 1556, y: 36, edge: 'top', anchoredTo: 'cursor' },
  },
  {
    name: 'Linux without tray bounds, pointer on the second display, on a bottom panel',
    displays: [display(0, 0, 'top', 32), display(1920, 0, 'bottom', 44)],
    tray: none,
    cursor: { x: 1920 + 100, y: 1060 },
    expected: { x: 1920 + 4, y: 552, edge: 'bottom', anchoredTo: 'cursor' },
  },
  {
    name: 'Wayland: neither bounds nor pointer, GNOME top bar: the top-right corner',
    displays: [display(0, 0, 'top', 32)],
    tray: none,
    cursor: null,
    expected: { x: 1556, y: 36, edge: 'top', anchoredTo: 'corner' },
  },
  {
    name: 'Wayland: neither bounds nor pointer, KDE bottom panel: the bottom-right corner',
    displays: [display(0, 0, 'bottom', 44)],
    tray: none,
    cursor: null,
    expected: { x: 1556, y: 552, edge: 'bottom', anchoredTo: 'corner' },
  },
  {
    name: 'Wayland: nothing known and no panel reserves space: top right of the primary display',
    displays: [display(0, 0, null), display(-1920, 0, 'bottom')],
    tray: none,
    cursor: null,
    expected: { x: 1556, y: 4, edge: 'top', anchoredTo: 'corner' },
  },
  {
    name: 'a display smaller than the popover: pinned to its top-left rather than pushed off',
    displays: [{ bounds: rect(0, 0, 320, 400), workArea: rect(0, 0, 320, 370) }],
    tray: rect(290, 374, 24, 24),
    cursor: null,
    expected: { x: 4, y: 4, edge: 'bottom', anchoredTo: 'tray' },
  },
];

describe('popoverPosition over display and taskbar layouts', () => {
  it.each(layouts)('$name', ({ displays, tray, cursor, expected }) => {
    expect(popoverPosition({ trayBounds: tray, displays, cursor, size })).toEqual(expected);
  });

  it.each(layouts)('stays inside the work area: $name', ({ displays, tray, cursor }) => {
    const place = popoverPosition({ trayBounds: tray, displays, cursor, size });
    const area = chooseDisplay(displays, tray, cursor).workArea;
    if (area.width < size.width || area.height < size.height) return; // covered by the "smaller" row
    expect(place.x).toBeGreaterThanOrEqual(area.x);
    expect(place.y).toBeGreaterThanOrEqual(area.y);
    expect(place.x + size.width).toBeLessThanOrEqual(area.x + area.width);
    expect(place.y + size.height).toBeLessThanOrEqual(area.y + area.height);
  });

  it('refuses to place anything without a display, with a sentence saying what to pass', () => {
    expect(() => popoverPosition({ trayBounds: none, displays: [], cursor: null, size })).toThrow(/getPrimaryDisplay/u);
  });
});

describe('taskbarEdge', () => {
  it('takes the one inset edge, whatever the anchor', () => {
    expect(taskbarEdge(display(0, 0, 'left'), rect(1800, 1000, 1, 1))).toBe('left');
  });

  it('with a menu bar and a Dock, takes the one the anchor is in', () => {
    expect(taskbarEdge(macBuiltIn, rect(1200, 0, 30, 38))).toBe('top');
    expect(taskbarEdge(macBuiltIn, rect(700, 950, 30, 30))).toBe('bottom');
  });
});

describe('knownCursor', () => {
  it('trusts a finite point outside Wayland', () => {
    expect(knownCursor(() => ({ x: -5, y: 12 }), { wayland: false })).toEqual({ x: -5, y: 12 });
  });

  it('treats Wayland, an empty answer or a throw as unknown', () => {
    expect(knownCursor(() => ({ x: 0, y: 0 }), { wayland: true })).toBeNull();
    expect(knownCursor(() => ({}), { wayland: false })).toBeNull();
    expect(knownCursor(() => ({ x: Number.NaN, y: 1 }), { wayland: false })).toBeNull();
    expect(
      knownCursor(() => {
        throw new Error('no window yet');
      }, { wayland: false }),
    ).toBeNull();
  });

  it('knows a Wayland session from the environment, on Linux only', () => {
    expect(isWaylandSession('linux', { XDG_SESSION_TYPE: 'wayland' })).toBe(true);
    expect(isWaylandSession('linux', { WAYLAND_DISPLAY: 'wayland-0' })).toBe(true);
    expect(isWaylandSession('linux', { XDG_SESSION_TYPE: 'x11' })).toBe(false);
    expect(isWaylandSession('darwin', { WAYLAND_DISPLAY: 'wayland-0' })).toBe(false);
  });
});

describe('opened by the global shortcut', () => {
  const two = [display(0, 0, 'bottom'), display(1920, 0, 'top', 32)];

  it('goes under the tray as usual when its bounds are known', () => {
    const tray = rect(1700, 1044, 24, 32);
    expect(popoverPosition({ trayBounds: tray, displays: two, cursor: { x: 2500, y: 500 }, size, centreWithoutTray: true })).toMatchObject({
      anchoredTo: 'tray',
      edge: 'bottom',
    });
  });

  it('is centred on the active display (the pointer’s) where the tray has no bounds, not put at the pointer', () => {
    const placed = popoverPosition({ trayBounds: none, displays: two, cursor: { x: 2500, y: 500 }, size, centreWithoutTray: true });
    expect(placed).toEqual({ x: 1920 + (1920 - 360) / 2, y: 32 + Math.round((1048 - 480) / 2), edge: 'top', anchoredTo: 'centre' });
  });

  it('is centred on the primary display where the pointer is unknown too (Wayland)', () => {
    const placed = popoverPosition({ trayBounds: none, displays: two, cursor: null, size, centreWithoutTray: true });
    expect(placed).toMatchObject({ x: (1920 - 360) / 2, y: (1040 - 480) / 2, anchoredTo: 'centre' });
  });
});
