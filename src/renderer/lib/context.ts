import { createContext } from 'svelte';
import type { PopoverState } from './popover-state.svelte';

/** The popover's state, given to every component below App without threading props. */
export const [usePopover, providePopover] = createContext<PopoverState>();
