/**
 * An attachment that reports the element's height whenever it changes, in whole CSS pixels:
 * the popover window follows its content (main clamps it to the display). Without
 * ResizeObserver (jsdom) it reports nothing and the window keeps its size.
 */
export function reportHeight(report: (height: number) => void) {
  return (element: HTMLElement) => {
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      const box = entry?.borderBoxSize?.[0];
      report(Math.ceil(box ? box.blockSize : element.getBoundingClientRect().height));
    });
    observer.observe(element);
    return () => observer.disconnect();
  };
}
