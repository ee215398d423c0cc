import { describe, expect, it } from 'vitest';
import { blurGraceMs, PopoverToggle } from '../../../src/core/popover/toggle';

describe('what a tray click does', () => {
  it.each([
    ['the popover is open', true, null, 'hide'],
    ['it is closed and never blurred', false, null, 'show'],
    ['the same click just blurred it closed', false, 0, 'none'],
    ['it was blurred closed just under the grace period ago', false, blurGraceMs - 1, 'none'],
    ['it was blurred closed a while ago', false, blurGraceMs, 'show'],
  ] as const)('when %s', (_case, visible, sinceBlur, expected) => {
    const toggle = new PopoverToggle();
    const now = 10_000;
    if (sinceBlur !== null) toggle.blurred(now - sinceBlur);
    expect(toggle.clicked(now, visible)).toBe(expected);
  });
});
