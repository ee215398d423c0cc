import { handoff } from '../../src/contract/handoff';
import type { AccountState } from '../../src/core/account/state';
import type { TestUser } from '../../test/harness/auth-server';
import { sharedSecret, startServerProcess, type ServerProcess } from '../../test/harness/server-process';
import { launchChromium } from '../../test/harness/chromium';
import { Machine } from '../../test/harness/journey';
import { percentile, summarise, type Figure, type FigureResult } from '../stats';
import { TraceRecorder, withServerTiming } from '../trace-recorder';

interface HandoffRun {
  total: number;
  parse: number;
  exchange: number;
  server: number;
  writes: number;
  vault: number;
  transition: number;
  push: number;
}

/** A person with a password on the server, made through BetterAuth's own sign-up over HTTP. */
async function signUp(server: ServerProcess): Promise<TestUser> {
  const account = { email: `handoff-bench-${Date.now()}@example.test`, password: 'correct horse battery', name: 'Bench' };
  const answer = await fetch(`${server.url}${handoff.authBasePath}/sign-up/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url },
    body: JSON.stringify(account),
  });
  if (answer.status !== 200) throw new Error(`Sign-up answered ${answer.status}`);
  return { ...account, id: ((await answer.json()) as { user: { id: string } }).user.id };
}

/**
 * The handoff: from the callback reaching the app to the signed-in view being pushed to the
 * popover, against the real local server, in stages. The server's own share of the exchange comes
 * from the token endpoint's Server-Timing header, so the app's work can be told from the server's.
 * The server runs in a process of its own, as it does in use: sharing the app's event loop, it
 * would be paid for twice.
 */
export const handoffLatency: Figure = {
  name: 'handoff',
  reference: "the server's exchange, same run",
  async measure({ quick }) {
    const [server, systemBrowser, popoverBrowser] = await Promise.all([startServerProcess({ BETTER_AUTH_SECRET: sharedSecret() }), launchChromium(), launchChromium()]);
    const machine = new Machine(server.url, systemBrowser, popoverBrowser);
    const trace = new TraceRecorder();
    try {
      const user = await signUp(server);
      const app = await machine.start({ trace });
      const { account } = app.app;
      const runs: HandoffRun[] = [];
      await withServerTiming(handoff.tokenPath, async (shares) => {
        // Server and app share this machine's noise: 15 timed runs give a median a busy second cannot move.
        const count = quick ? 1 : 16;
        for (let i = 0; i < count; i += 1) {
          await account.signIn('scheme');
          const callback = await machine.approveInBrowser(await machine.nextOpened(i + 1), user);
          const signedIn = new Promise<void>((resolve) => {
            const stop = account.onChange((state: AccountState) => {
              if (state.kind === 'signedIn') {
                stop();
                resolve();
              }
            });
          });
          trace.clear();
          const sharesBefore = shares.length;
          await account.receiveCallback(callback);
          await signedIn;
          if (shares.length !== sharesBefore + 1) throw new Error('The token endpoint sent no Server-Timing header');
          runs.push(stagesOf(trace, shares.at(-1)!));
          await app.app.vault.settled();
          await account.signOut();
        }
      });
      return handoffRows(quick ? runs : runs.slice(1));
    } finally {
      await machine.dispose();
      await Promise.all([systemBrowser.close(), popoverBrowser.close(), server.dispose()]);
    }
  },
};

function stagesOf(trace: TraceRecorder, server: number): HandoffRun {
  const received = trace.at('callback received');
  const parsed = trace.at('callback parsed', received);
  const answered = trace.at('exchange answered', parsed);
  const changed = trace.at('state changed', answered);
  const pushed = trace.at('view pushed', changed);
  const writes = trace.all('vault written', answered, changed);
  const written = writes.at(-1) ?? answered;
  return {
    total: pushed - received,
    parse: parsed - received,
    exchange: answered - parsed,
    server,
    writes: writes.length,
    vault: written - answered,
    transition: changed - written,
    push: pushed - changed,
  };
}

function handoffRows(runs: HandoffRun[]): FigureResult[] {
  const column = (key: keyof HandoffRun) => runs.map((run) => run[key]);
  const writes = percentile(column('writes'), 50);
  const ratios = runs.map((run) => run.total / run.server);
  const ratioOfMedians = percentile(column('total'), 50) / percentile(column('server'), 50);
  return [
    summarise('Handoff: callback received → signed-in view pushed', column('total'), 'ms', 'at most 3 × the server’s exchange'),
    summarise('· callback parse and checks', column('parse'), 'ms', '—'),
    summarise('· exchange request, as the app sees it', column('exchange'), 'ms', 'round trip + server'),
    summarise('· · of which the server (Server-Timing)', column('server'), 'ms', 'the token endpoint’s own work'),
    summarise(`· vault writes before the state changes (${writes} per handoff)`, column('vault'), 'ms', 'encrypt + atomic file write'),
    summarise('· state transition', column('transition'), 'ms', '—'),
    summarise('· push to the popover (tray render + send)', column('push'), 'ms', '—'),
    summarise('Handoff ÷ server’s exchange, per run', ratios, '×', `≤ 3; ratio of medians ${ratioOfMedians.toFixed(1)} ×`),
  ];
}
