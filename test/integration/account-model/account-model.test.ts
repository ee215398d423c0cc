import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkInvariants, emptyModel, step, weightedCommands, type AccountModel } from './model-commands';
import { ModelWorld } from './model-world';

/**
 * The account under random sequences of what users and machines do: sign in three ways,
 * revalidate against a server that is fine, revoked, down, stalled or a captive portal, clocks
 * set wrong, sleeps, sign-outs online and offline, disk and keyring faults, restarts over the
 * same files. After every step the invariants in model-commands.ts must hold.
 *
 * `npm test` runs a few hundred seeded sequences. For more:
 *   LATCHKEY_MODEL_RUNS=10000 sh scripts/with-node22.sh npx vitest run test/integration/account-model
 * (LATCHKEY_MODEL_SEED picks another seed; LATCHKEY_MODEL_SKIP=jumpClock,sleep leaves commands
 * out, to tell which one a failure needs). A failure prints the seed and the shrunk sequence.
 */
const runs = Number(process.env.LATCHKEY_MODEL_RUNS ?? 200);
const seed = Number(process.env.LATCHKEY_MODEL_SEED ?? 29_2026);
const skip = (process.env.LATCHKEY_MODEL_SKIP ?? '').split(',').filter(Boolean);

beforeAll(() => {
  // The requests' deadlines run on the global setTimeout; the world moves it with its clock.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterAll(() => {
  vi.useRealTimers();
});

/** Runs one sequence from a fresh world: the app started over empty files, signed out. */
async function runSequence(commands: Iterable<fc.AsyncCommand<AccountModel, ModelWorld>>): Promise<void> {
  const world = new ModelWorld();
  try {
    await world.boot();
    const model: AccountModel = emptyModel();
    checkInvariants(model, world);
    await fc.asyncModelRun(() => ({ model, real: world }), commands);
  } finally {
    world.dispose();
  }
}

/** Sequences the model found (shrunk), each once a real defect, kept so they stay fixed. */
const found: [string, fc.AsyncCommand<AccountModel, ModelWorld>[]][] = [
  ['a stalled metadata answer held a sign-in forever', [step.revalidate('stalled'), step.signIn('scheme')]],
  ['a stalled session check held revalidation forever', [step.signIn('scheme'), step.approveInBrowser(), step.revalidate('stalled'), step.revalidate('valid')]],
  ['a clock three hours ahead deleted a session the server had just confirmed', [step.signIn('scheme'), step.approveInBrowser(), step.jumpClock(180), step.revalidate('valid')]],
  ['a sign-out the full disk refused came back after a restart', [step.signIn('scheme'), step.approveInBrowser('paste'), step.diskFails('write', 'ENOSPC'), step.signOut(false), step.diskHeals(), step.restart()]],
  ['a sign-out the disk refused came back once the disk took writes again', [step.signIn('device'), step.approveOnPhone(), step.diskFails('rename', 'EIO'), step.signOut(true), step.diskHeals(), step.signIn('scheme'), step.restart()]],
  ['"another device" offline while renewing showed signed out', [step.signIn('scheme'), step.approveInBrowser(), step.signIn('scheme'), step.revalidate('down'), step.signIn('device')]],
  [
    'a failed sign-in while the keyring was locked forgot the saved session',
    [step.signIn('scheme'), step.approveInBrowser(), step.keyring(true), step.restart(), step.revalidate('html'), step.signIn('scheme'), step.approveInBrowser()],
  ],
  [
    'a restart with the clock ahead and the server down showed expired a session the server still held',
    [step.signIn('scheme'), step.approveInBrowser(), step.jumpClock(104), step.revalidate('down'), step.passTime(16), step.restart()],
  ],
  ['a timer cancelled by a quit still ran after a clock jump', [step.signIn('scheme'), step.approveInBrowser(), step.revalidate('stalled'), step.jumpClock(-1), step.restart()]],
  ['an addition that ended while its turn to check was pending held a wake forever', [step.addAccount('u1'), step.approveInBrowser(), step.addAccount('u1'), step.sleep(120)]],
  [
    'an expired account whose renewal an addition replaced came back after a restart beside the same person',
    [step.signIn('device'), step.approveOnPhone(), step.sleep(120), step.signIn('scheme'), step.addAccount('u1'), step.approveInBrowser('deep link'), step.restart()],
  ],
  [
    'an account the server revoked while an addition ran came back after a restart, listed twice',
    [step.addAccount('u2'), step.approveInBrowser('deep link'), step.addAccount('u1'), step.revalidate('revoked'), step.restart(), step.addAccount('u2'), step.approveInBrowser('deep link'), step.restart()],
  ],
];

describe('the account, model-based', () => {
  it.each(found)('found before: %s', async (_name, commands) => {
    await runSequence(commands);
  });

  it(`keeps its invariants over ${runs} random sequences (seed ${seed})`, async () => {
    let ran = 0;
    await fc.assert(
      fc.asyncProperty(fc.commands(weightedCommands(skip), { maxCommands: 30, size: 'max' }), async (commands) => {
        ran += 1;
        await runSequence(commands);
      }),
      { numRuns: runs, seed },
    );
    process.stdout.write(`account model: ${ran} sequences ran (seed ${seed}), every invariant held\n`);
    expect(ran).toBeGreaterThanOrEqual(runs);
  }, 600_000);
});
