import type { PendingSignIn, SignInEvent, SignInOptions, SignInPort, SignInStep, SignInVia } from '../account/ports';
import type { DeviceSignIn } from '../device/device-sign-in';
import { deviceMessages } from '../device/device-messages';

/** The browser sign-in as the choice uses it: the flow, limited to the ways through the browser. */
export type BrowserSignIn = Omit<SignInPort, 'start' | 'onEvent'> & {
  start(via: 'scheme' | 'loopback', options?: SignInOptions): ReturnType<SignInPort['start']>;
  pending(): PendingSignIn | null;
};

/**
 * One sign-in at a time, whichever way it goes: a new way cancels the other once it has started,
 * and says so in a sentence. A way that cannot start (offline, or a server without device
 * sign-in) leaves the other running, so a browser sign-in about to finish is not thrown away.
 * The account sees a single sign-in port; the browser flow and the device sign-in never know
 * about each other.
 */
export class SignInChoice implements SignInPort {
  readonly #eventListeners = new Set<(event: SignInEvent) => void>();

  constructor(
    private readonly browser: BrowserSignIn,
    private readonly device: DeviceSignIn,
  ) {
    device.onEvent((event) => {
      for (const listener of this.#eventListeners) listener(event);
    });
  }

  async start(via: SignInVia, options?: SignInOptions): ReturnType<SignInPort['start']> {
    if (via === 'device') {
      const started = await this.device.start(options);
      if (!started.ok || this.browser.pending() === null) return started;
      await this.browser.cancel();
      return { ...started, replaced: deviceMessages.replacedBrowser };
    }
    const started = await this.browser.start(via, options);
    if (!started.ok || this.device.pending() === null) return started;
    await this.device.cancel();
    return { ...started, replaced: deviceMessages.replacedDevice };
  }

  /** The attempt under way, whichever way it goes. */
  pending(): PendingSignIn | null {
    return this.device.pending() ?? this.browser.pending();
  }

  /** After a restart: whichever attempt was saved (a device one first, as it needs polling). */
  async resume(): Promise<PendingSignIn | null> {
    const device = await this.device.resume();
    if (device) return device;
    return this.browser.resume();
  }

  /** A callback only ever belongs to the browser sign-in. */
  receiveCallback(url: string): Promise<SignInStep> {
    return this.browser.receiveCallback(url);
  }

  submitCode(code: string): Promise<SignInStep> {
    return this.browser.submitCode(code);
  }

  async cancel(): Promise<void> {
    await Promise.all([this.browser.cancel(), this.device.cancel()]);
  }

  onTimeout(listener: () => void): void {
    this.browser.onTimeout(listener);
  }

  onEvent(listener: (event: SignInEvent) => void): void {
    this.#eventListeners.add(listener);
  }
}
