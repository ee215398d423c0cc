import { isOriginPath } from '../return-address.js';
import { palette, stylesheet } from './stylesheet.js';

/** The host's brand on the pages: its mark beside its `appName`, and its accent colour. */
export interface BrandOptions {
  /**
   * The host's mark, drawn at 32 × 32 beside the name: SVG markup (`{ svg: '<svg …>' }`), served
   * by the plugin at `{basePath}/desktop/mark.svg`, or an image on the host's own origin
   * (`{ src: '/logo.png' }`), which that address then redirects to. Either way the pages load it
   * as an image from their own origin, so their CSP (`img-src 'self'`) stays as tight as it is,
   * and script inside an SVG never runs.
   * @default the Latchkey mark
   */
  mark?: { svg: string } | { src: string };
  /**
   * The accent of buttons, links and the focus ring, as `#rrggbb`, one per theme: a colour
   * readable on the light page is not readable on the dark one. Each must reach WCAG AA's 4.5:1
   * against its theme's card and against its button label; one that does not is refused at start.
   * @default { light: '#0a58ca', dark: '#8ab4ff' }
   */
  accent?: { light: string; dark: string };
}

/** The brand as the pages use it, checked once at start. */
export interface Brand {
  /** The host's SVG, served as the mark; null with an image address or the default mark. */
  markSvg: string | null;
  /** The image the mark's address redirects to, on the host's origin. */
  markSrc: string | null;
  /** The pages' stylesheet, with the host's accent. */
  stylesheet: string;
}

/** WCAG 2.2's contrast minimum (1.4.3) for text, which links and button labels are. */
export const minimumContrast = 4.5;
const maxSvgLength = 64 * 1024;
const hexColour = /^#[0-9a-f]{6}$/iu;

function luminance(hex: string): number {
  const channel = (at: number) => {
    const value = Number.parseInt(hex.slice(at, at + 2), 16) / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** WCAG's contrast ratio of two `#rrggbb` colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** The label colour a button of this accent gets: whichever of white and near-black reads better. */
export function labelOn(accent: string): string {
  const white = '#ffffff';
  const black = '#0b0b0c';
  return contrastRatio(accent, white) >= contrastRatio(accent, black) ? white : black;
}

function checkAccent(theme: 'light' | 'dark', value: unknown): string {
  const name = `brand.accent.${theme}`;
  if (typeof value !== 'string' || !hexColour.test(value)) throw new Error(`${name} must be a colour written as #rrggbb, such as "#0a58ca"; it is ${JSON.stringify(value)}.`);
  const card = palette[theme].card;
  const onCard = contrastRatio(value, card);
  if (onCard < minimumContrast) {
    const advice = theme === 'light' ? 'a darker colour' : 'a lighter colour';
    throw new Error(
      `${name} ${value} has a contrast of ${onCard.toFixed(2)}:1 against the ${theme} page (${card}); WCAG AA asks for ${minimumContrast}:1 for links and button labels. Choose ${advice}.`,
    );
  }
  const label = labelOn(value);
  const onButton = contrastRatio(value, label);
  if (onButton < minimumContrast) {
    throw new Error(`${name} ${value} leaves its button label (${label}) at ${onButton.toFixed(2)}:1; WCAG AA asks for ${minimumContrast}:1. Choose a colour further from mid-grey.`);
  }
  return value.toLowerCase();
}

function checkMark(mark: BrandOptions['mark']): Pick<Brand, 'markSvg' | 'markSrc'> {
  if (mark === undefined) return { markSvg: null, markSrc: null };
  if ('svg' in mark) {
    const svg = typeof mark.svg === 'string' ? mark.svg.trim() : '';
    if (!/^(<\?xml[^>]*>\s*)?<svg[\s>]/u.test(svg) || !svg.endsWith('</svg>')) throw new Error('brand.mark.svg must be SVG markup, from "<svg" to "</svg>".');
    if (svg.length > maxSvgLength) throw new Error(`brand.mark.svg is ${svg.length} characters; keep the mark under ${maxSvgLength} (a mark drawn at 32 × 32 needs far fewer).`);
    return { markSvg: svg, markSrc: null };
  }
  if (typeof mark.src !== 'string' || !isOriginPath(mark.src)) {
    throw new Error(`brand.mark.src must be a path on your server's origin, such as "/logo.png", so the pages' CSP need not allow another origin; it is ${JSON.stringify(mark.src)}.`);
  }
  return { markSvg: null, markSrc: mark.src };
}

/** Checks the host's brand at start; a mark or colour the pages cannot use is refused with a sentence. */
export function resolveBrand(options: BrandOptions | undefined): Brand {
  const { markSvg, markSrc } = checkMark(options?.mark);
  if (!options?.accent) return { markSvg, markSrc, stylesheet };
  const light = checkAccent('light', options.accent.light);
  const dark = checkAccent('dark', options.accent.dark);
  // Appended, so the host's accent wins over the defaults above it by order alone.
  const accent = `
:root { --accent: ${light}; --focus: ${light}; --accent-text: ${labelOn(light)}; }
@media (prefers-color-scheme: dark) { :root { --accent: ${dark}; --focus: ${dark}; --accent-text: ${labelOn(dark)}; } }
`;
  return { markSvg, markSrc, stylesheet: stylesheet + accent };
}
