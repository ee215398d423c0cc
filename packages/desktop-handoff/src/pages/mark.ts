import type { Markup } from './html.js';

/**
 * The product's mark, the app icon of scripts/make-icons.mjs drawn again as SVG in its 32-unit
 * grid: a white closed padlock, at 70 % around the tile's centre, on a rounded blue tile. The
 * keyhole is painted in the tile's colour, which looks the same as the icon's cut-out.
 */
export function mark(): Markup {
  return {
    markup: `<svg xmlns="http://www.w3.org/2000/svg" class="mark" viewBox="0 0 32 32" width="32" height="32" aria-hidden="true" focusable="false">
<rect x="1" y="1" width="30" height="30" rx="7" fill="#2f5bd3"/>
<g transform="translate(16 16) scale(0.7) translate(-15 -16.5)">
<path d="M9.5 15V10a5.5 5.5 0 0 1 11 0v5" fill="none" stroke="#fff" stroke-width="3.2" stroke-linecap="round"/>
<rect x="6" y="14" width="18" height="15" rx="3" fill="#fff"/>
<circle cx="15" cy="20.5" r="2" fill="#2f5bd3"/>
<path d="M15 20.5v4" stroke="#2f5bd3" stroke-width="2" stroke-linecap="round"/>
</g>
</svg>`,
  };
}
