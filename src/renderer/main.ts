import { mount } from 'svelte';
import type { LatchkeyApi } from '../contract/commands';
import { product } from '../contract/product';
import App from './App.svelte';
import { PopoverState } from './lib/popover-state.svelte';
import './app.css';

declare global {
  interface Window {
    latchkey: LatchkeyApi;
  }
}

// The window's title is the product's, as the rest of the popover (index.html carries the default).
document.title = product.productName;
mount(App, { target: document.getElementById('app')!, props: { popover: new PopoverState(window.latchkey) } });
