#!/bin/sh
# Runs the account's model-based test over many random sequences (10,000 unless told otherwise)
# and prints how many ran. npm test runs 200; this is the long run, for before a release.
#   sh scripts/account-model.sh            10,000 sequences, the fixed seed
#   sh scripts/account-model.sh 2000 7     2,000 sequences from seed 7
# A failure prints the seed, the replay path and the shrunk sequence of commands.
set -e
cd "$(dirname "$0")/.."
LATCHKEY_MODEL_RUNS="${1:-10000}" LATCHKEY_MODEL_SEED="${2:-292026}" \
  exec sh scripts/with-node22.sh npx vitest run --maxWorkers=1 test/integration/account-model/account-model.test.ts
