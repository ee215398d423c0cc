import type { SecretName } from './records';

/**
 * Each secret as this run knows it: its text, null when known to be absent, undefined until
 * first read. Every change gets a newer generation, so an older, slower task (a decrypt, an
 * encrypt, a write) can tell that it has been overtaken and must not write over a newer value.
 */
export class SecretMemory {
  readonly #values = new Map<SecretName, string | null>();
  readonly #generations = new Map<SecretName, number>();

  get(name: SecretName): string | null | undefined {
    return this.#values.get(name);
  }

  /** What this run now knows, without starting a change (a read, a blob set aside). */
  know(name: SecretName, value: string | null): void {
    this.#values.set(name, value);
  }

  /** A change to be saved: its generation, newer than any before. */
  bump(name: SecretName): number {
    const next = (this.#generations.get(name) ?? 0) + 1;
    this.#generations.set(name, next);
    return next;
  }

  generation(name: SecretName): number | undefined {
    return this.#generations.get(name);
  }

  isCurrent(name: SecretName, generation: number | undefined): boolean {
    return this.#generations.get(name) === generation;
  }
}
