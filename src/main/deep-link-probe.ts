import { deepLinkAdvice, selfTestLink, selfTestNonce, selfTestPath, type ProbeAdviceContext } from '../core/self-test/deep-link-probe';
import type { Clock, Logger, Random } from '../core/ports';
import type { ElectronApi } from './electron-api';

export interface DeepLinkProbe {
  /** Opens the self-test link through the OS and waits for the OS to bring it back. */
  send(): Promise<{ link: string; received: boolean; advice: string | null }>;
  /** True when `url` is a self-test link: it is then answered here and never reaches sign-in. */
  claim(url: string): boolean;
}

export interface DeepLinkProbeDeps {
  shell: Pick<ElectronApi['shell'], 'openExternal'>;
  advice: ProbeAdviceContext;
  clock: Clock;
  random: Random;
  logger: Logger;
  /** @default 5000 */
  waitMs?: number;
}

/**
 * The self-test's link leaves the process: `shell.openExternal` hands it to LaunchServices,
 * ShellExecute or xdg-open, which start the registered handler; a second instance or `open-url`
 * brings it back to us. Only that round trip proves the scheme works on this machine.
 */
export function deepLinkProbe(deps: DeepLinkProbeDeps): DeepLinkProbe {
  const { scheme } = deps.advice;
  const link = `${scheme}:${selfTestPath}`;
  const waiting = new Map<string, () => void>();
  return {
    async send() {
      const nonce = Buffer.from(deps.random.bytes(16)).toString('base64url');
      let settle: (received: boolean) => void = () => {};
      const arrived = new Promise<boolean>((resolve) => (settle = resolve));
      const cancel = deps.clock.setTimeout(() => settle(false), deps.waitMs ?? 5_000);
      waiting.set(nonce, () => settle(true));
      try {
        await deps.shell.openExternal(selfTestLink(scheme, nonce));
        deps.logger.log('info', 'The self-test sent its link through the OS', { link });
        const received = await arrived;
        return { link, received, advice: received ? null : deepLinkAdvice(deps.advice) };
      } catch (error) {
        return { link, received: false, advice: `The OS refused to open ${link}: ${error instanceof Error ? error.message : String(error)}` };
      } finally {
        cancel();
        waiting.delete(nonce);
      }
    },
    claim(url) {
      const nonce = selfTestNonce(url, scheme);
      if (nonce === null) return false;
      const done = waiting.get(nonce);
      if (done) done();
      else deps.logger.log('warn', 'A self-test link that this run did not send was ignored', { link });
      return true;
    },
  };
}
