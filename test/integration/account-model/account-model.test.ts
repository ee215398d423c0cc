import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkInvariants, weightedCommands, type AccountModel } from './model-commands';
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

describe('the account, model-based', () => {
  it(`keeps its invariants over ${runs} random sequences (seed ${seed})`, async () => {
    let ran = 0;
    await fc.assert(
      fc.asyncProperty(fc.commands(weightedCommands(skip), { maxCommands: 30 }), async (commands) => {
        ran += 1;
        const world = new ModelWorld();
        try {
          await world.boot();
          const model: AccountModel = { session: null, signedOut: false, signOutAtRisk: false };
          checkInvariants(model, world);
          await fc.asyncModelRun(() => ({ model, real: world }), commands);
        } finally {
          world.dispose();
        }
      }),
      { numRuns: runs, seed },
    );
    process.stdout.write(`account model: ${ran} sequences ran (seed ${seed}), every invariant held\n`);
    expect(ran).toBeGreaterThanOrEqual(runs);
  }, 600_000);
});
