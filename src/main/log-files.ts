import { done, failed, type Outcome } from '../contract/outcome';
import { formatLogLine } from '../core/logging/redact';
import type { Logger } from '../core/ports';
import { RotatingFileLog } from './adapters/rotating-file-log';
import type { ElectronApi } from './electron-api';

export interface LogFiles {
  /** Logs to the caller's logger and, redacted, to the rotated files. */
  logger: Logger;
  directory: string;
  /** Settings' "Open logs folder". */
  openFolder(): Promise<Outcome>;
}

/**
 * The app's log files, in Electron's logs folder (`~/Library/Logs/<name>` on macOS, inside
 * userData on Windows and Linux: docs/api/app.md, setAppLogsPath). Every line is redacted on the
 * way in (src/core/logging/redact.ts), so no token or code reaches the disk.
 */
export function wireLogFiles(electron: Pick<ElectronApi, 'app' | 'shell'>, logger: Logger, now: () => number): LogFiles {
  const file = new RotatingFileLog({ directory: electron.app.getPath('logs') });
  const both: Logger = {
    log(level, message, fields) {
      logger.log(level, message, fields);
      file.write(formatLogLine({ time: new Date(now()).toISOString(), level, message, ...(fields ? { fields } : {}) }));
    },
  };
  return {
    logger: both,
    directory: file.directory,
    async openFolder() {
      file.ensureDirectory();
      // openPath answers an error message, or '' when the folder opened (docs/api/shell.md).
      const error = await electron.shell.openPath(file.directory);
      if (error === '') return done;
      both.log('warn', 'The logs folder could not be opened', { error });
      return failed('not_supported', `The logs folder could not be opened. It is at ${file.directory}`);
    },
  };
}
