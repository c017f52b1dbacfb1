#!/usr/bin/env bash
# The lending pool's deep invariant campaign: the invariant tests `forge test` runs in CI with a short profile, run
# with foundry.toml's `deep` profile (2,000 runs × 500 calls = 10^6 handler calls per invariant test). Prints forge's
# summary (runs, calls, reverts) and exits non-zero on any violation. Run from anywhere:
#   contracts/script/invariant-deep.sh [match-path]      (default: the pool's campaign, test/lending/core/PoolInvariant.t.sol)
set -euo pipefail
cd "$(dirname "$0")/.."
# The native binary, not the npm wrapper in node_modules/.bin: that one always exits 0.
FORGE=./node_modules/@foundry-rs/forge-linux-amd64/bin/forge
[ -x "$FORGE" ] || { echo "missing $FORGE: run npm install in contracts/" >&2; exit 1; }
MATCH="${1:-test/lending/core/PoolInvariant.t.sol}"
echo "deep invariant campaign (FOUNDRY_PROFILE=deep) on $MATCH"
FOUNDRY_PROFILE=deep "$FORGE" test --match-path "$MATCH" -vv
