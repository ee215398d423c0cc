/**
 * The page-side half of the preload double, as sources for CDP's
 * Page.addScriptToEvaluateOnNewDocument. The preload runs in an isolated world (its own globals,
 * the same DOM), as Electron runs it with contextIsolation;
 * https://www.electronjs.org/docs/latest/tutorial/context-isolation
 * The page gets only what contextBridge copies across, by the rules of its type table
 * (copied and frozen; functions and promises proxied; errors copied; symbols dropped);
 * https://www.electronjs.org/docs/latest/api/context-bridge#parameter--error--return-type-support
 */

/** The isolated world's name; CDP binds the IPC doorbell into worlds of this name only. */
export const preloadWorld = 'latchkey-preload';
/** The CDP binding (Runtime.addBinding) through which ipcRenderer reaches the main process. */
export const ipcBinding = '__latchkeyIpc';
/** The isolated world's entry for messages from the main process (replies, webContents.send). */
export const fromMainEntry = '__latchkeyFromMain';

/**
 * IPC copies with the structured clone algorithm (ipcRenderer docs, "Arguments will be serialized
 * with the Structured Clone Algorithm"); a CDP binding carries only a string, so the double carries
 * JSON plus `undefined`, after checking the value is cloneable at all.
 */
const codecSource = `{
  encode: (value) => JSON.stringify(value, (_key, each) => (each === undefined ? { $undefined: true } : each)),
  decode: (text) => JSON.parse(text, (_key, each) => (each && each.$undefined === true ? undefined : each)),
}`;

export function encodeIpc(value: unknown): string {
  return JSON.stringify(value, (_key, each: unknown) => (each === undefined ? { $undefined: true } : each));
}
export function decodeIpc(text: string): unknown {
  return JSON.parse(text, (_key, each: unknown) =>
    each && typeof each === 'object' && (each as { $undefined?: unknown }).$undefined === true ? undefined : each,
  );
}

/**
 * One end of the bridge, the same code in both worlds. Calls are synchronous, as contextBridge's
 * are ("a safe, bi-directional, synchronous bridge"): events dispatched on a shared MessagePort
 * run the other world's listener at once, and a CustomEvent's detail read from the other world is
 * a structured clone of it (Chromium keeps it world-safe), so no object is ever shared.
 */
const bridgeEndSource = `function bridgeEnd(port, me, other) {
  const dispatch = port.dispatchEvent.bind(port);
  const Custom = CustomEvent;
  const local = new Map();
  const remote = new Map();
  const replies = new Map();
  let next = 1;
  const cloneable = (value) => value instanceof Date || value instanceof RegExp || value instanceof Map || value instanceof Set
    || value instanceof ArrayBuffer || ArrayBuffer.isView(value) || value instanceof Blob;
  const send = (type, detail) => dispatch(new Custom(type, { detail: { to: other, ...detail } }));
  function settle(id, ok, value) {
    send('latchkey-settle', { id, ok, value: toWire(ok || value instanceof Error ? value : new Error(String(value))) });
  }
  function toWire(value) {
    if (typeof value === 'function') { const id = me + next++; local.set(id, value); return { fn: id }; }
    if (typeof value === 'symbol') return { dropped: true };
    if (value instanceof Promise) { const id = me + next++; value.then((v) => settle(id, true, v), (e) => settle(id, false, e)); return { promise: id }; }
    if (value instanceof Error) return { error: String(value.message) };
    if (Array.isArray(value)) return { array: value.map(toWire) };
    if (value !== null && typeof value === 'object' && !cloneable(value)) {
      return { object: Object.keys(value).map((key) => [key, toWire(value[key])]) };
    }
    return { value };
  }
  function fromWire(wire, frozen) {
    const keep = (value) => (frozen ? Object.freeze(value) : value);
    if (!wire || 'dropped' in wire) return undefined;
    if ('fn' in wire) {
      return keep((...args) => {
        const token = me + next++;
        send('latchkey-call', { fn: wire.fn, token, args: args.map(toWire) });
        const reply = replies.get(token);
        replies.delete(token);
        if (!reply) throw new Error('contextBridge: the other world did not answer');
        if ('thrown' in reply) throw fromWire(reply.thrown);
        return fromWire(reply.value);
      });
    }
    if ('promise' in wire) return new Promise((resolve, reject) => remote.set(wire.promise, { resolve, reject }));
    if ('error' in wire) return new Error(wire.error);
    if ('array' in wire) return keep(wire.array.map((each) => fromWire(each, frozen)));
    if ('object' in wire) return keep(Object.fromEntries(wire.object.map(([key, each]) => [key, fromWire(each, frozen)])));
    return wire.value;
  }
  port.addEventListener('latchkey-call', (event) => {
    const call = event.detail;
    if (!call || call.to !== me) return;
    let reply;
    try {
      const fn = local.get(call.fn);
      if (!fn) throw new Error('contextBridge: that function is gone');
      reply = { value: toWire(fn(...call.args.map((each) => fromWire(each)))) };
    } catch (error) {
      reply = { thrown: toWire(error instanceof Error ? error : new Error(String(error))) };
    }
    send('latchkey-return', { token: call.token, ...reply });
  });
  port.addEventListener('latchkey-return', (event) => {
    if (event.detail && event.detail.to === me) replies.set(event.detail.token, event.detail);
  });
  port.addEventListener('latchkey-settle', (event) => {
    const settled = event.detail;
    if (!settled || settled.to !== me) return;
    const waiting = remote.get(settled.id);
    remote.delete(settled.id);
    if (waiting) (settled.ok ? waiting.resolve : waiting.reject)(fromWire(settled.value));
  });
  return { toWire, fromWire, send };
}`;

/**
 * The main world's half, registered before the preload so it runs first in every new document:
 * it takes the port the preload's contextBridge offers (once, before any page script exists) and
 * defines the copied, frozen API on window.
 */
export function mainWorldSource(): string {
  return `(() => {
  const bridgeEnd = ${bridgeEndSource};
  const take = (event) => {
    if (!(event instanceof MessageEvent) || !event.ports[0]) return;
    event.stopImmediatePropagation();
    event.preventDefault();
    window.removeEventListener('latchkey-context-bridge', take, true);
    const port = event.ports[0];
    const end = bridgeEnd(port, 'main', 'isolated');
    port.addEventListener('latchkey-expose', (expose) => {
      if (!expose.detail || expose.detail.to !== 'main') return;
      const { key, api } = expose.detail;
      // Electron refuses to replace an existing property ("Cannot bind an API on top of an existing property").
      if (key in window) return;
      Object.defineProperty(window, key, { value: end.fromWire(api, true), enumerable: true, writable: false, configurable: false });
    });
  };
  window.addEventListener('latchkey-context-bridge', take, true);
})();`;
}

/**
 * The preload's world: the built preload runs here with require('electron') answered by an
 * ipcRenderer that rings the CDP binding and a contextBridge that hands the main world a port.
 * Electron loads preloads in the main frame only unless nodeIntegrationInSubFrames is set
 * (webPreferences docs: "All your preloads will load for every iframe").
 */
export function isolatedWorldSource(preloadSource: string, options: { subFrames: boolean }): string {
  return `(() => {
  if (window !== window.top && !${options.subFrames}) return;
  const ring = globalThis.${ipcBinding};
  const codec = ${codecSource};
  const bridgeEnd = ${bridgeEndSource};
  const pending = new Map();
  const listeners = new Map();
  let nextInvoke = 1;
  const ipcRenderer = Object.freeze({
    invoke(channel, ...args) {
      return new Promise((resolve, reject) => {
        structuredClone(args);
        const id = nextInvoke++;
        pending.set(id, { resolve, reject, channel });
        ring(codec.encode({ kind: 'invoke', id, channel, args }));
      });
    },
    on(channel, listener) {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel).add(listener);
      return ipcRenderer;
    },
    removeListener(channel, listener) {
      listeners.get(channel)?.delete(listener);
      return ipcRenderer;
    },
  });
  Object.defineProperty(globalThis, '${fromMainEntry}', { value: (text) => {
    const message = codec.decode(text);
    if (message.kind === 'reply') {
      const waiting = pending.get(message.id);
      pending.delete(message.id);
      if (!waiting) return;
      if (message.ok) waiting.resolve(message.value);
      // lib/renderer/api/ipc-renderer.ts: "Error invoking remote method '<channel>': <error>".
      else waiting.reject(new Error("Error invoking remote method '" + waiting.channel + "': " + message.error));
    } else if (message.kind === 'event') {
      for (const listener of [...(listeners.get(message.channel) ?? [])]) listener({ sender: ipcRenderer }, ...message.args);
    }
  } });
  const contextBridge = Object.freeze({
    exposeInMainWorld(key, api) {
      const { port1: port } = new MessageChannel();
      const offer = new MessageEvent('latchkey-context-bridge', { ports: [port], cancelable: true });
      window.dispatchEvent(offer);
      if (!offer.defaultPrevented) throw new Error('contextBridge double: the main world took no port');
      const end = bridgeEnd(port, 'isolated', 'main');
      end.send('latchkey-expose', { key, api: end.toWire(api) });
    },
  });
  // before-input-event: "Emitted before dispatching the keydown and keyup events in the page";
  // https://www.electronjs.org/docs/latest/api/web-contents#event-before-input-event
  window.addEventListener('keydown', (event) => ring(codec.encode({ kind: 'key', type: 'keyDown', key: event.key })), true);
  const require = (name) => {
    if (name === 'electron') return { contextBridge, ipcRenderer };
    throw new Error('module not found: ' + name + ' (a sandboxed preload may only require electron)');
  };
  const module = { exports: {} };
  (function (require, module, exports) { ${preloadSource}\n })(require, module, module.exports);
})();`;
}
