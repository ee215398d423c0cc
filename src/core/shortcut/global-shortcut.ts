import { done, failed, type Outcome } from '../../contract/outcome';
import type { ShortcutView } from '../../contract/view';
import type { KeyValueStore, Logger } from '../ports';
import { acceleratorLabel, defaultAccelerator, parseAccelerator, type AcceleratorProblem } from './accelerator';

/** What the OS offers: Electron's globalShortcut, as narrow as the app uses it. */
export interface ShortcutRegistry {
  /** False when another app already holds the combination. */
  register(accelerator: string, callback: () => void): boolean;
  unregister(accelerator: string): void;
}

/** The saved choice: an accelerator, or `false` for "off"; missing means the platform's default. */
const settingKey = 'globalShortcut';

export interface GlobalShortcutDeps {
  registry: ShortcutRegistry;
  store: Pick<KeyValueStore, 'get' | 'set'>;
  platform: NodeJS.Platform;
  logger: Logger;
  /** What the shortcut does: open or close the popover. */
  pressed(): void;
}

/**
 * The shortcut that opens the popover from anywhere: the saved choice (or the default) held with
 * the OS, and a sentence for every way that can fail, for Settings and for the announcer.
 */
export class GlobalShortcut {
  /** What the user chose (or the default): what Settings shows, held or not. */
  #chosen: string | null = null;
  /** What the OS actually holds for us. */
  #held: string | null = null;
  #problem: string | null = null;

  constructor(private readonly deps: GlobalShortcutDeps) {}

  /** Takes the saved shortcut at start; one another app holds stays chosen, with its problem shown. */
  start(): void {
    const saved = this.deps.store.get(settingKey);
    let chosen = saved === false ? null : defaultAccelerator(this.deps.platform);
    if (typeof saved === 'string') {
      const parsed = parseAccelerator(saved);
      if (parsed.ok) chosen = parsed.accelerator;
      else this.deps.logger.log('warn', 'The saved shortcut is not one Latchkey can use; the default is used instead', { problem: parsed.problem });
    }
    this.#chosen = chosen;
    if (chosen !== null && !this.#hold(chosen)) this.#problem = this.sentences.takenAtStart(chosen);
  }

  /** Settings: a new shortcut, or null for none. A refused one leaves the old one working. */
  set(accelerator: string | null): Outcome {
    if (accelerator === null) {
      this.#release();
      this.#chosen = null;
      this.#problem = null;
      this.deps.store.set(settingKey, false);
      return done;
    }
    const parsed = parseAccelerator(accelerator);
    if (!parsed.ok) return failed('invalid_request', this.sentences.problem(parsed.problem));
    const next = parsed.accelerator;
    if (next !== this.#held) {
      const previous = this.#held;
      if (!this.#hold(next)) {
        this.deps.logger.log('info', 'Another app holds the shortcut the user chose', { accelerator: next });
        // The registration that worked before is still ours: only the new one failed.
        return failed('shortcut_taken', this.sentences.taken(next));
      }
      if (previous !== null) this.deps.registry.unregister(previous);
    }
    this.#chosen = next;
    this.#problem = null;
    this.deps.store.set(settingKey, next);
    return done;
  }

  view(): ShortcutView {
    const { platform } = this.deps;
    return {
      accelerator: this.#chosen,
      label: this.#chosen && acceleratorLabel(this.#chosen, platform),
      problem: this.#problem,
    };
  }

  dispose(): void {
    this.#release();
  }

  #hold(accelerator: string): boolean {
    const registered = this.deps.registry.register(accelerator, () => this.deps.pressed());
    if (registered) this.#held = accelerator;
    return registered;
  }

  #release(): void {
    if (this.#held !== null) this.deps.registry.unregister(this.#held);
    this.#held = null;
  }

  private get sentences() {
    const label = (accelerator: string) => acceleratorLabel(accelerator, this.deps.platform);
    const modifiers = this.deps.platform === 'darwin' ? 'Control, Option or Command' : 'Ctrl, Alt or Super';
    return {
      taken: (accelerator: string) => `${label(accelerator)} is already used by another app. Choose another shortcut.`,
      takenAtStart: (accelerator: string) =>
        `${label(accelerator)} is already used by another app, so the shortcut does not work. Choose another one.`,
      problem: (problem: AcceleratorProblem) =>
        problem === 'no_modifier'
          ? `A shortcut needs ${modifiers} with the key.`
          : problem === 'no_key'
            ? `Hold ${modifiers} and press a letter, a digit or a function key.`
            : 'Latchkey cannot use that key. Choose a letter, a digit or a function key.',
    };
  }
}
