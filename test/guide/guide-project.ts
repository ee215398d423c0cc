import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import type { CodeBlock } from './code-blocks';

/**
 * A guide's blocks carried out in a project folder, as a reader would: files written and commands
 * run in document order. Long-running commands (`process=NAME`) are kept for the test to start.
 * npm answers from its cache when it can; nothing in the guide's text is changed for the test.
 */
export const npmQuietly = {
  npm_config_prefer_offline: 'true',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
  npm_config_loglevel: 'warn',
};

export function writeFile(project: string, path: string, text: string): void {
  mkdirSync(dirname(join(project, path)), { recursive: true });
  writeFileSync(join(project, path), text);
}

/** Runs a shell text in a folder; rejects with the commands' own output when one fails. */
export function shell(text: string, cwd: string, env: NodeJS.ProcessEnv = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-e', '-c', text], { cwd, env: { ...process.env, ...npmQuietly, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('close', (code) => (code === 0 ? resolve(output) : reject(new Error(`\`${text.trim()}\` failed (exit ${code}) in ${cwd}:\n${output}`))));
  });
}

/** Writes the files and runs the commands of the guide in order; answers its processes by name. */
export async function carryOut(blocks: readonly CodeBlock[], project: string): Promise<Map<string, string>> {
  const processes = new Map<string, string>();
  for (const block of blocks) {
    if (block.kind === 'file') writeFile(project, block.path, block.text);
    else if (block.kind === 'commands') await shell(block.text, project);
    else if (block.kind === 'process') processes.set(block.name, block.command);
  }
  return processes;
}

/** A long-running command of the guide, in its own process group so it stops with all it started. */
export class GuideProcess {
  readonly #child: ChildProcessByStdio<null, Readable, Readable>;
  #output = '';
  #exited: number | null = null;
  #waiters = new Set<() => void>();

  constructor(command: string, cwd: string, env: NodeJS.ProcessEnv) {
    this.#child = spawn('sh', ['-c', command], { cwd, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const heard = (chunk: Buffer) => {
      this.#output += chunk.toString('utf8');
      for (const waiter of this.#waiters) waiter();
    };
    this.#child.stdout.on('data', heard);
    this.#child.stderr.on('data', heard);
    this.#child.on('exit', (code) => {
      this.#exited = code ?? -1;
      for (const waiter of this.#waiters) waiter();
    });
  }

  get output(): string {
    return this.#output;
  }

  /** The first match of a pattern in what the process printed; fails at once if it exits first. */
  printed(pattern: RegExp): Promise<RegExpMatchArray> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(this.#output);
        if (match) {
          this.#waiters.delete(check);
          resolve(match);
        } else if (this.#exited !== null) {
          this.#waiters.delete(check);
          reject(new Error(`exited (${this.#exited}) before printing ${pattern}:\n${this.#output}`));
        }
      };
      this.#waiters.add(check);
      check();
    });
  }

  stop(): void {
    if (this.#exited !== null || this.#child.pid === undefined) return;
    try {
      process.kill(-this.#child.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  }
}
