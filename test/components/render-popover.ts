import { render } from '@testing-library/svelte';
import type { AccountView } from '../../src/contract/view';
import App from '../../src/renderer/App.svelte';
import { PopoverState } from '../../src/renderer/lib/popover-state.svelte';
import { fakeApi, manualTicker } from './fake-api';
import { now } from './views';

/** Renders the popover for a view, with the view already delivered (as main pushes it on open). */
export function renderPopover(view: AccountView) {
  const fake = fakeApi(view);
  const clock = manualTicker(now);
  const popover = new PopoverState(fake.api, clock.ticker);
  fake.push(view);
  const screen = render(App, { props: { popover } });
  return { ...fake, clock, popover, screen };
}
