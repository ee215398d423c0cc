import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface RotatingFileLogOptions {
  directory: string;
  /** @default 'latchkey.log' */
  name?: string;
  /** The size at which the file is rotated. @default 1_000_000 */
  maxBytes?: number;
  /** How many rotated files are kept beside the current one (`latchkey.1.log` is the newest). @default 3 */
  keep?: number;
}

/**
 * Appends lines to a log file and rotates it by size, keeping a few old files. Writes are
 * synchronous (a few lines a minute at most) so a line is on disk before a crash; a log that
 * cannot be written is given up rather than breaking the app.
 */
export class RotatingFileLog {
  readonly directory: string;
  readonly path: string;
  readonly #name: string;
  readonly #maxBytes: number;
  readonly #keep: number;
  #size: number | null = null;
  #broken = false;

  constructor(options: RotatingFileLogOptions) {
    this.directory = options.directory;
    this.#name = options.name ?? 'latchkey.log';
    this.path = join(this.directory, this.#name);
    this.#maxBytes = options.maxBytes ?? 1_000_000;
    this.#keep = options.keep ?? 3;
  }

  /** The file holding the `index`-th older lines (0 is the current file). */
  rotated(index: number): string {
    return index === 0 ? this.path : join(this.directory, this.#name.replace(/(\.log)?$/u, `.${index}$1`));
  }

  ensureDirectory(): void {
    mkdirSync(this.directory, { recursive: true, mode: 0o700 });
  }

  write(line: string): void {
    if (this.#broken) return;
    const text = `${line}\n`;
    const bytes = Buffer.byteLength(text);
    try {
      if (this.#size === null) {
        this.ensureDirectory();
        this.#size = existsSync(this.path) ? statSync(this.path).size : 0;
      }
      if (this.#size > 0 && this.#size + bytes > this.#maxBytes) this.#rotate();
      appendFileSync(this.path, text, { mode: 0o600 });
      this.#size += bytes;
    } catch {
      this.#broken = true;
    }
  }

  #rotate(): void {
    rmSync(this.rotated(this.#keep), { force: true });
    for (let index = this.#keep - 1; index >= 0; index -= 1) {
      if (existsSync(this.rotated(index))) renameSync(this.rotated(index), this.rotated(index + 1));
    }
    this.#size = 0;
  }
}
