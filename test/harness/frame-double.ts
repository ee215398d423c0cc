
/**
 * Electron's WebFrameMain, one object per live Chromium frame, so identity comparisons hold as
 * they do in Electron (WebFrameMain instances are cached per frame host);
 * https://www.electronjs.org/docs/latest/api/web-frame-main
 */
export class WebFrameMainDouble {
  url = '';
  name = '';
  detached = false;
  constructor(
    readonly cdpFrameId: string,
    readonly frameTreeNodeId: number,
    readonly routingId: number,
    readonly parent: WebFrameMainDouble | null,
    /** One renderer process per web contents here: its frames are all of one site (app://popover). */
    readonly processId: number,
  ) {}
  get top(): WebFrameMainDouble {
    return this.parent ? this.parent.top : this;
  }
  isDestroyed(): boolean {
    return this.detached;
  }
}

/** The frames of one page, keyed by CDP frame id, fed by CDP's Page frame events. */
export class FrameTree {
  readonly #frames = new Map<string, WebFrameMainDouble>();
  #nextId = 1;
  mainFrameId: string | null = null;

  constructor(
    private readonly mapUrl: (url: string) => string,
    private readonly processId: number,
  ) {}

  frame(cdpFrameId: string, parentId?: string): WebFrameMainDouble {
    let frame = this.#frames.get(cdpFrameId);
    if (!frame) {
      const parent = parentId ? this.frame(parentId) : null;
      const id = this.#nextId++;
      frame = new WebFrameMainDouble(cdpFrameId, id, id, parent, this.processId);
      this.#frames.set(cdpFrameId, frame);
      if (!parent && !this.mainFrameId) this.mainFrameId = cdpFrameId;
    }
    return frame;
  }

  known(cdpFrameId: string): WebFrameMainDouble | null {
    return this.#frames.get(cdpFrameId) ?? null;
  }

  named(name: string): WebFrameMainDouble | null {
    return [...this.#frames.values()].find((frame) => frame.name === name) ?? null;
  }

  main(): WebFrameMainDouble | null {
    return this.mainFrameId ? this.frame(this.mainFrameId) : null;
  }

  attached(event: { frameId: string; parentFrameId: string }): void {
    this.frame(event.frameId, event.parentFrameId);
  }

  navigated(event: { frame: { id: string; parentId?: string; url: string; name?: string } }): void {
    const frame = this.frame(event.frame.id, event.frame.parentId);
    frame.url = this.mapUrl(event.frame.url);
    frame.name = event.frame.name ?? '';
  }

  detached(event: { frameId: string; reason: string }): void {
    const frame = this.#frames.get(event.frameId);
    // A frame swapped to another process lives on under the same id.
    if (!frame || event.reason === 'swap') return;
    frame.detached = true;
    this.#frames.delete(event.frameId);
  }
}
