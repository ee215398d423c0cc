import { done, failed, type Outcome } from '../../contract/outcome';
import type { KeyValueStore, Logger, LoginItems, LoginItemStatus } from '../ports';
import { LoginItemsError } from './errors';
import { decideFirstRunOpenAtLogin } from './launch-mode';
import { loginItemWriteNotice } from './os-status';

/** Where the first-run marker is kept in the app's settings store. */
export const firstRunMarkerKey = 'openAtLoginDefaultApplied';

export interface OpenAtLoginDeps {
  loginItems: LoginItems;
  logger: Logger;
  productName: string;
  /** Called whenever the status read from the OS changes, to redraw the tray menu and popover. */
  onChange(status: LoginItemStatus): void;
}

const unknownYet: LoginItemStatus = { supported: false, enabled: false, requiresApproval: false };

/**
 * The open-at-login switch: what the tray menu and the popover show, always as last read from
 * the OS, and the commands that change it. Failures never stop the app starting; they come back
 * as outcomes with a sentence for the popover.
 */
export class OpenAtLogin {
  #status = unknownYet;

  constructor(private readonly deps: OpenAtLoginDeps) {}

  get status(): LoginItemStatus {
    return this.#status;
  }

  /** Reads the OS again: at start and whenever the popover opens, since the user may have changed it elsewhere. */
  async refresh(): Promise<LoginItemStatus> {
    try {
      this.#update(await this.deps.loginItems.read());
    } catch (error) {
      this.#log('read', error);
    }
    return this.#status;
  }

  async set(enabled: boolean): Promise<Outcome> {
    try {
      const status = await this.deps.loginItems.write(enabled);
      this.#update(status);
      // Waiting for approval is not a failure: the popover shows it with a way to System Settings.
      if (enabled && status.requiresApproval) return done;
      const notice = loginItemWriteNotice(enabled, status, this.deps.productName);
      return notice ? failed('not_supported', notice) : done;
    } catch (error) {
      this.#log('write', error);
      await this.refresh();
      return outcomeOf(error, this.deps.productName);
    }
  }

  async openSystemSettings(): Promise<Outcome> {
    try {
      await this.deps.loginItems.openSystemSettings();
      return done;
    } catch (error) {
      this.#log('open settings', error);
      return outcomeOf(error, this.deps.productName);
    }
  }

  /**
   * On by default at the first run of a packaged build (see `decideFirstRunOpenAtLogin`). The
   * marker is stored even when the OS refuses, so the default is tried once, never nagged.
   */
  async applyFirstRunDefault(isPackaged: boolean, store: Pick<KeyValueStore, 'get' | 'set'>): Promise<void> {
    const decision = decideFirstRunOpenAtLogin({ isPackaged, marker: store.get(firstRunMarkerKey) });
    if (decision.enable) await this.set(true);
    if (decision.storeMarker !== null) store.set(firstRunMarkerKey, decision.storeMarker);
  }

  #update(status: LoginItemStatus): void {
    const changed =
      status.supported !== this.#status.supported ||
      status.enabled !== this.#status.enabled ||
      status.requiresApproval !== this.#status.requiresApproval;
    this.#status = { ...status };
    if (changed) this.deps.onChange(this.#status);
  }

  #log(action: string, error: unknown): void {
    const failure = error instanceof LoginItemsError ? error.failure : 'unexpected';
    this.deps.logger.log('warn', `Open at login: could not ${action}`, { failure });
  }
}

function outcomeOf(error: unknown, productName: string): Outcome {
  if (error instanceof LoginItemsError) {
    return failed(error.failure === 'unsupported' || error.failure === 'no_settings_pane' ? 'not_supported' : 'unexpected', error.message);
  }
  return failed('unexpected', `${productName} could not change whether it opens at login.`);
}
