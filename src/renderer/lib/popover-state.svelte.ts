import type { LatchkeyApi } from '../../contract/commands';
import type { Outcome } from '../../contract/outcome';
import type { AccountView, TrayPanel, UpdateChannel } from '../../contract/view';
import { Announcer } from './announcer.svelte';
import { failureSentence, noAnswer } from './failure-messages';

/** How the popover keeps time; the tests pass fake timers through the same shape. */
export interface Ticker {
  now(): number;
  every(ms: number, tick: () => void): () => void;
}

const systemTicker: Ticker = {
  now: () => Date.now(),
  every(ms, tick) {
    const id = setInterval(tick, ms);
    return () => clearInterval(id);
  },
};

interface RunOptions {
  /** Said and shown when the intent went through, e.g. after copying to the clipboard. */
  confirmation?: string;
  /** Takes the sentence of a refusal instead of the popover's own line: the field it belongs to shows it. */
  refused?: (sentence: string) => void;
}

/** Relative times ("expires in 3 days") are worded to the minute, so a minute's tick keeps them true. */
const tickMs = 60_000;

/**
 * The popover's state: the latest view from main, the intent in flight, and what came of the last
 * one. Components read it and call its methods; only this class talks to the API.
 */
export class PopoverState {
  view = $state<AccountView | null>(null);
  /** The command waiting for an answer; buttons are disabled meanwhile so nothing runs twice. */
  pending = $state<string | null>(null);
  failure = $state<string | null>(null);
  /** A short confirmation, e.g. after copying diagnostics. */
  confirmation = $state<string | null>(null);
  now = $state(0);
  /** The content is taller than the window main could give it (a short display, large text): it scrolls inside. */
  scrolls = $state(false);
  busy = $derived(this.pending !== null);
  /** What the live regions say. */
  readonly announcer = new Announcer();
  /** Counts the times the window was shown: each one sends focus to the heading. */
  shown = $state(0);
  readonly #stops: (() => void)[] = [];

  constructor(
    private readonly api: LatchkeyApi,
    private readonly ticker: Ticker = systemTicker,
  ) {
    this.now = ticker.now();
    this.#stops.push(
      api.onView((view) => {
        // A sentence about the last intent belongs to the state it was asked in.
        if (this.view && this.view.status !== view.status) {
          this.failure = null;
          this.confirmation = null;
        }
        this.view = view;
        this.announcer.view(view.announcement);
      }),
      api.onShown(() => {
        this.shown += 1;
      }),
      ticker.every(tickMs, () => {
        this.now = ticker.now();
      }),
    );
    // A push may beat the initial answer; the pushed view is newer, so it wins.
    api.getView().then(
      (view) => {
        if (this.view !== null) return;
        this.view = view;
        this.announcer.view(view.announcement);
      },
      () => {
        if (this.failure === null) this.#fail(noAnswer);
      },
    );
  }

  /**
   * Runs one intent. A refusal is shown on the popover's own line and read out, unless the intent
   * came from a field (`refused`): the field shows it beside itself and says it then.
   */
  async run(name: string, intent: () => Promise<Outcome>, { confirmation, refused }: RunOptions = {}): Promise<boolean> {
    if (this.pending !== null) return false;
    const refuse = refused ?? ((sentence: string) => this.#fail(sentence));
    this.pending = name;
    this.failure = null;
    this.confirmation = null;
    try {
      const outcome = await intent();
      if (!outcome.ok) {
        refuse(failureSentence(outcome));
        return false;
      }
      if (confirmation) {
        this.confirmation = confirmation;
        this.announcer.say(confirmation);
      }
      return true;
    } catch {
      refuse(noAnswer);
      return false;
    } finally {
      this.pending = null;
    }
  }

  /** A failure is shown where it happened and read out at once. */
  #fail(sentence: string): void {
    this.failure = sentence;
    this.announcer.say(sentence, 'assertive');
  }

  signIn = () => this.run('signIn', () => this.api.signIn());
  signInWithDevice = () => this.run('signInWithDevice', () => this.api.signInWithDevice());
  copyDeviceAddress = () => this.run('copyDeviceAddress', () => this.api.copyDeviceAddress(), { confirmation: 'Copied the address to the clipboard.' });
  cancelSignIn = () => this.run('cancelSignIn', () => this.api.cancelSignIn());
  useLoopback = () => this.run('useLoopback', () => this.api.useLoopback());
  submitCode = (code: string) => this.run('submitCode', () => this.api.submitCode({ code: code.trim() }));
  retry = () => this.run('retry', () => this.api.retry());
  signOut = () => this.run('signOut', () => this.api.signOut());
  addAccount = () => this.run('addAccount', () => this.api.addAccount());
  addAccountOnServer = (address: string, refused: (sentence: string) => void) =>
    this.run('addAccountOnServer', () => this.api.addAccountOnServer({ address: address.trim() }), { refused });
  selectAccount = (id: string) => this.run('selectAccount', () => this.api.selectAccount({ id }));
  signOutAccount = (id: string) => this.run('signOutAccount', () => this.api.signOutAccount({ id }));
  signOutAll = () => this.run('signOutAll', () => this.api.signOutAll());
  allowWeakEncryption = (allow: boolean) => this.run('allowWeakEncryption', () => this.api.allowWeakEncryption({ allow }));
  setOpenAtLogin = (enabled: boolean) => this.run('setOpenAtLogin', () => this.api.setOpenAtLogin({ enabled }));
  setTrayPanel = (panel: TrayPanel) => this.run('setTrayPanel', () => this.api.setTrayPanel({ panel }));
  setShortcut = (accelerator: string | null) => this.run('setShortcut', () => this.api.setShortcut({ accelerator }));
  openLoginItemSettings = () => this.run('openLoginItemSettings', () => this.api.openLoginItemSettings());
  copyDiagnostics = () => this.run('copyDiagnostics', () => this.api.copyDiagnostics(), { confirmation: 'Diagnostics copied to the clipboard.' });
  quit = () => this.run('quit', () => this.api.quit());
  /** Esc that no control took: the window goes, whatever else is running (nothing to wait for or announce). */
  hide = () => void this.api.hidePopover().catch(() => undefined);
  openLogsFolder = () => this.run('openLogsFolder', () => this.api.openLogsFolder());
  restartToUpdate = () => this.run('restartToUpdate', () => this.api.restartToUpdate());
  openReleaseNotes = () => this.run('openReleaseNotes', () => this.api.openReleaseNotes());
  checkForUpdates = () => this.run('checkForUpdates', () => this.api.checkForUpdates());
  setUpdateChannel = (channel: UpdateChannel) => this.run('setUpdateChannel', () => this.api.setUpdateChannel({ channel }));

  /** The content measured itself: main sizes the window to it, and says if it had to stop short. */
  fit = (height: number) => {
    // "Starting…" before the first view is not what the popover will show: no size for it.
    if (this.view === null) return;
    this.api.fitPopover({ height }).then(
      (answer) => {
        this.scrolls = answer.height < height;
      },
      () => {
        this.scrolls = true; // No answer: at least keep everything reachable.
      },
    );
  };

  dispose(): void {
    for (const stop of this.#stops.splice(0)) stop();
  }
}
