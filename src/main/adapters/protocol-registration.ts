import { execFile } from 'node:child_process';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { DesktopEntry } from '../../core/auth/desktop-entry';
import type { ProtocolPlan } from '../../core/auth/protocol-plan';
import type { Logger } from '../../core/ports';
import type { AppApi } from '../electron-api';

type ProtocolApp = Pick<AppApi, 'setAsDefaultProtocolClient'>;

/** Runs a program without a shell; resolves with what it printed, rejects when it fails. */
export type RunProgram = (file: string, args: string[]) => Promise<string>;

export const runProgram: RunProgram = (file, args) =>
  new Promise((resolve, reject) => execFile(file, args, { timeout: 10_000 }, (error, stdout) => (error ? reject(error) : resolve(String(stdout)))));

export interface RegistrationEnvironment {
  /** $XDG_DATA_HOME; ~/.local/share when unset (XDG Base Directory Specification). */
  xdgDataHome: string | undefined;
  run: RunProgram;
  logger: Logger;
}

export type RegistrationResult = { registered: true; entryPath: string | null } | { registered: false; reason: string };

/** Carries out a plan from the core's `protocolPlan`. */
export async function registerProtocol(app: ProtocolApp, plan: ProtocolPlan, env: RegistrationEnvironment): Promise<RegistrationResult> {
  if (plan.windows) {
    const ok = app.setAsDefaultProtocolClient(plan.scheme, plan.windows.path, plan.windows.args);
    return ok ? { registered: true, entryPath: null } : { registered: false, reason: 'the registry refused the handler' };
  }
  if (plan.linuxEntry) return registerLinuxEntry(plan.linuxEntry, env);
  return app.setAsDefaultProtocolClient(plan.scheme)
    ? { registered: true, entryPath: null }
    : { registered: false, reason: 'the system refused the handler' };
}

/**
 * Whether the OS sends our links to this copy, asked the way each plan registered. Windows compares
 * the registry's command with the one our path and arguments make (IsDefaultProtocolClient in
 * shell/browser/browser_win.cc): asked without them, it compares with `"<exe>" "%1"` instead. Our
 * own Linux entry is not $CHROME_DESKTOP, which is all Electron's check knows, so xdg-mime answers.
 */
export async function ownsScheme(app: Pick<AppApi, 'isDefaultProtocolClient'>, plan: ProtocolPlan, env: Pick<RegistrationEnvironment, 'run'>): Promise<boolean> {
  if (plan.windows) return app.isDefaultProtocolClient(plan.scheme, plan.windows.path, plan.windows.args);
  if (plan.linuxEntry) {
    const answer = await env.run('xdg-mime', ['query', 'default', plan.linuxEntry.mimeType]).catch(() => '');
    return answer.trim() === plan.linuxEntry.fileName;
  }
  return app.isDefaultProtocolClient(plan.scheme);
}

export async function registerLinuxEntry(entry: DesktopEntry, env: RegistrationEnvironment): Promise<RegistrationResult> {
  const directory = join(env.xdgDataHome || join(homedir(), '.local', 'share'), 'applications');
  const path = join(directory, entry.fileName);
  try {
    const current = await readFile(path, 'utf8').catch(() => null);
    if (current !== entry.content) {
      await mkdir(directory, { recursive: true });
      // Written beside and renamed, so a desktop scanning the folder never reads half a file.
      const temporary = `${path}.${process.pid}.tmp`;
      await writeFile(temporary, entry.content, { mode: 0o644 });
      await rename(temporary, path);
    }
  } catch (error) {
    return { registered: false, reason: `the URL handler entry could not be written (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  try {
    await env.run('xdg-mime', ['default', entry.fileName, entry.mimeType]);
  } catch {
    env.logger.log('warn', 'xdg-mime could not make Latchkey the handler of its links', { entry: entry.fileName });
    return { registered: false, reason: 'xdg-mime failed' };
  }
  return { registered: true, entryPath: path };
}
