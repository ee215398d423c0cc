import { describe, expect, it } from 'vitest';
import {
  fittedHeight,
  minimumPopoverHeight,
  popoverBounds,
  positionHonoured,
  type DisplayArea,
  type Edge,
  type Rect,
} from '../../../src/core/popover/position';

const rect = (x: number, y: number, width: number, height: number): Rect => ({ x, y, width, height });

/** A 1920×1080 display whose taskbar takes 40 DIPs on `edge`. */
function display(edge: Edge): DisplayArea {
  const workArea = {
    top: rect(0, 40, 1920, 1040),
    bottom: rect(0, 0, 1920, 1040),
    left: rect(40, 0, 1880, 1080),
    right: rect(0, 0, 1880, 1080),
  }[edge];
  return { bounds: rect(0, 0, 1920, 1080), workArea };
}

describe('fittedHeight', () => {
  const laptop: DisplayArea = { bounds: rect(0, 0, 1366, 768), workArea: rect(0, 0, 1366, 728) };
  it.each([
    { content: 212, expected: 212, why: 'a short state takes exactly its height' },
    { content: 212.4, expected: 213, why: 'a fractional height rounds up, so nothing is cut by a sub-pixel' },
    { content: 3, expected: minimumPopoverHeight, why: 'a page not laid out yet does not collapse the window' },
    { content: 5000, expected: 720, why: 'taller than the work area: the work area less a gap above and below' },
    { content: Number.NaN, expected: minimumPopoverHeight, why: 'nonsense is not a size' },
  ])('$content → $expected: $why', ({ content, expected }) => {
    expect(fittedHeight(content, laptop)).toBe(expected);
  });

  it('on a display shorter than the minimum, fits the display rather than the minimum', () => {
    expect(fittedHeight(400, { bounds: rect(0, 0, 320, 90), workArea: rect(0, 0, 320, 90) })).toBe(82);
  });
});

describe('popoverBounds after a resize, on every taskbar edge', () => {
  const trays: Record<Edge, Rect> = {
    top: rect(1890, 8, 24, 24), // the far corner: the popover must be pushed back in
    bottom: rect(1890, 1048, 24, 24),
    left: rect(8, 1050, 24, 24),
    right: rect(1884, 2, 24, 24),
  };
  const heights = [120, 480, 1036, 4000];

  it.each((Object.keys(trays) as Edge[]).flatMap((edge) => heights.map((contentHeight) => ({ edge, contentHeight }))))(
    'taskbar $edge, content $contentHeight high: inside the work area, on the taskbar side',
    ({ edge, contentHeight }) => {
      const screen = display(edge);
      const placed = popoverBounds({ trayBounds: trays[edge], displays: [screen], cursor: null, width: 360, contentHeight });
      const area = screen.workArea;
      expect(placed.edge).toBe(edge);
      expect(placed.height).toBe(Math.min(contentHeight, area.height - 8));
      expect(placed.x).toBeGreaterThanOrEqual(area.x);
      expect(placed.y).toBeGreaterThanOrEqual(area.y);
      expect(placed.x + placed.width).toBeLessThanOrEqual(area.x + area.width);
      expect(placed.y + placed.height).toBeLessThanOrEqual(area.y + area.height);
    },
  );

  it('grows away from a bottom taskbar: the bottom edge stays just above the icon', () => {
    const screen = display('bottom');
    const short = popoverBounds({ trayBounds: trays.bottom, displays: [screen], cursor: null, width: 360, contentHeight: 200 });
    const tall = popoverBounds({ trayBounds: trays.bottom, displays: [screen], cursor: null, width: 360, contentHeight: 600 });
    expect(short.y + short.height).toBe(tall.y + tall.height);
    expect(tall.y + tall.height).toBe(1036);
  });

  it('grows down from a top menu bar: the top edge stays put', () => {
    const screen = display('top');
    const short = popoverBounds({ trayBounds: trays.top, displays: [screen], cursor: null, width: 360, contentHeight: 200 });
    const tall = popoverBounds({ trayBounds: trays.top, displays: [screen], cursor: null, width: 360, contentHeight: 600 });
    expect(short.y).toBe(tall.y);
  });

  it('fits the display holding the tray, not the primary one', () => {
    const primary: DisplayArea = { bounds: rect(0, 0, 1920, 1080), workArea: rect(0, 0, 1920, 1040) };
    const small: DisplayArea = { bounds: rect(1920, 0, 1024, 600), workArea: rect(1920, 0, 1024, 560) };
    const placed = popoverBounds({ trayBounds: rect(2900, 570, 24, 24), displays: [primary, small], cursor: null, width: 360, contentHeight: 900 });
    expect(placed.height).toBe(552);
    expect(placed.x).toBeGreaterThanOrEqual(1920);
  });
});

describe('positionHonoured', () => {
  it.each([
    { requested: { x: 1532, y: 556 }, actual: { x: 1532, y: 556 }, honoured: true, why: 'X11, macOS, Windows' },
    { requested: { x: 1532, y: 556 }, actual: { x: 1533, y: 555 }, honoured: true, why: 'a DIP of rounding on a scaled display' },
    { requested: { x: 1532, y: 556 }, actual: { x: 0, y: 0 }, honoured: false, why: 'Wayland reports (0, 0)' },
    { requested: { x: 1532, y: 556 }, actual: { x: 780, y: 300 }, honoured: false, why: 'a window manager that centred it' },
  ])('$why', ({ requested, actual, honoured }) => {
    expect(positionHonoured(requested, actual)).toBe(honoured);
  });
});
