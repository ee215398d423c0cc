import { mount } from 'svelte';
import type { LatchkeyApi } from '../contract/commands';
import App from './App.svelte';
import { PopoverState } from './lib/popover-state.svelte';
import './app.css';

declare global {
  interface Window {
    latchkey: LatchkeyApi;
  }
}

mount(App, { target: document.getElementById('app')!, props: { popover: new PopoverState(window.latchkey) } });
