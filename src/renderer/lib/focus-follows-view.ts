/**
 * Where focus goes when the view changes under it or the popover opens: the element that asks for
 * it (`data-autofocus`, e.g. the code field), else the view's heading, made focusable for this. A
 * renewal shows the faded account's name above "Waiting for your browser": the last heading is
 * what is happening now.
 */
export function focusView(root: HTMLElement, { heading = false } = {}): void {
  const headings = root.querySelectorAll<HTMLElement>('h1');
  const target = (!heading && root.querySelector<HTMLElement>('[data-autofocus]')) || headings[headings.length - 1];
  if (!target) return;
  if (target.tagName === 'H1' && !target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  target.focus();
}

const lost = () => document.activeElement === null || document.activeElement === document.body;

/**
 * An attachment that keeps focus inside the popover: when a change removes the focused element
 * (the pressed button belonged to the view that just went), focus moves to the new view instead of
 * falling to the document (WCAG 2.2 SC 2.4.3). Removal fires no dependable blur, so the DOM is
 * watched; a click on empty space leaves its element in place, and focus is left alone then.
 */
export function keepFocus(root: HTMLElement) {
  if (typeof MutationObserver === 'undefined') return;
  let last: Element | null = null;
  const remember = (event: FocusEvent) => (last = event.target as Element);
  const observer = new MutationObserver(() => {
    if (last !== null && !last.isConnected && lost()) focusView(root);
  });
  observer.observe(root, { childList: true, subtree: true });
  root.addEventListener('focusin', remember);
  return () => {
    observer.disconnect();
    root.removeEventListener('focusin', remember);
  };
}
