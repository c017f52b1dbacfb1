#!/usr/bin/env bash
# The lending gas benchmark: Aave V3 (unmodified @aave/core-v3 1.19.3) and/or the FlashSwap pool on a local anvil.
#
# usage: contracts/script/lending-gas/gas-bench.sh aave|flashswap|both
#   aave       deploys Aave V3 from its npm artifacts and measures it: gas/lending-aave.json
#   flashswap  builds and deploys the FlashSwap pool and measures it: gas/lending-flashswap.json
#   both       the two, each on a fresh anvil
# then writes gas/lending-vs-aave.md from whichever JSON files exist (the ratio column needs both).
# Environment: LENDING_GAS_TOKEN=aave-mintable (default) | devnet; FLASHSWAP_SOURCE (default src/lending/FlashSwapPool.sol);
# FLASHSWAP_ARTIFACT (default out/FlashSwapPool.sol/FlashSwapPool.json); LENDING_GAS_PORT (default: a free port);
# LENDING_GAS_DIR (default gas): where the JSON and the table go; LENDING_GAS_HARDFORK (default osaka).
set -euo pipefail
cd "$(dirname "$0")/../.."
WHICH="${1:-}"
case "$WHICH" in aave | flashswap | both) ;; *) echo "usage: $0 aave|flashswap|both" >&2; exit 2 ;; esac

# The native binaries, not the npm wrappers in node_modules/.bin: those always exit 0.
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) PLATFORM=linux-amd64 ;;
  Linux-aarch64 | Linux-arm64) PLATFORM=linux-arm64 ;;
  Darwin-x86_64) PLATFORM=darwin-amd64 ;;
  Darwin-arm64) PLATFORM=darwin-arm64 ;;
  *) echo "no pinned foundry binaries for $(uname -s)-$(uname -m)" >&2; exit 1 ;;
esac
tool() { echo "./node_modules/@foundry-rs/$1-$PLATFORM/bin/$1"; }
ANVIL="$(tool anvil)"
CAST="$(tool cast)"
FORGE="$(tool forge)"
for t in "$ANVIL" "$CAST" "$FORGE"; do
  [ -x "$t" ] || { echo "missing $t: run npm install in contracts/" >&2; exit 1; }
done
[ -f node_modules/@aave/core-v3/artifacts/contracts/protocol/pool/Pool.sol/Pool.json ] \
  || { echo "missing @aave/core-v3's artifacts: run npm install in contracts/" >&2; exit 1; }

# Only what the benchmark deploys (solc here is slow): the receiver, the oracle, the devnet token, and the pool.
SOURCES=(script/lending-gas/BenchFlashReceiver.sol script/lending-gas/FixedPriceOracle.sol src/devnet/DevnetToken.sol)
if [ "$WHICH" != aave ]; then
  FLASHSWAP_SOURCE="${FLASHSWAP_SOURCE:-src/lending/FlashSwapPool.sol}"
  [ -f "$FLASHSWAP_SOURCE" ] || { echo "no $FLASHSWAP_SOURCE: the FlashSwap pool is not in this tree (set FLASHSWAP_SOURCE)" >&2; exit 1; }
  SOURCES+=("$FLASHSWAP_SOURCE")
fi
"$FORGE" build "${SOURCES[@]}" >/dev/null

OUT_DIR="${LENDING_GAS_DIR:-gas}"
mkdir -p "$OUT_DIR"
ANVIL_PID=
stop_anvil() { if [ -n "$ANVIL_PID" ]; then kill "$ANVIL_PID" 2>/dev/null || true; wait "$ANVIL_PID" 2>/dev/null || true; ANVIL_PID=; fi; }
trap stop_anvil EXIT

run() { # $1 = aave | flashswap
  local port rpc
  port="${LENDING_GAS_PORT:-$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')}"
  rpc="http://127.0.0.1:${port}"
  # 13 of anvil's public test accounts (mnemonic "test ... junk": local keys that hold nothing anywhere else);
  # a fixed genesis timestamp (2026-01-01) so that every run sees the same clock; Osaka (Ethereum's rules since
  # Fusaka) unless LENDING_GAS_HARDFORK says otherwise (prague and anvil 1.7.1's default Bpo1 give the same table).
  "$ANVIL" --port "$port" --accounts 13 --timestamp 1767225600 --hardfork "${LENDING_GAS_HARDFORK:-osaka}" --silent &
  ANVIL_PID=$!
  for _ in $(seq 1 150); do
    "$CAST" chain-id --rpc-url "$rpc" >/dev/null 2>&1 && break
    sleep 0.2
  done
  "$CAST" chain-id --rpc-url "$rpc" >/dev/null
  node script/lending-gas/bench.mjs "$1" "$rpc" "$CAST" "$OUT_DIR/lending-$1.json"
  stop_anvil
}

case "$WHICH" in
  aave) run aave ;;
  flashswap) run flashswap ;;
  both) run aave; run flashswap ;;
esac
[ -f "$OUT_DIR/lending-aave.json" ] || { echo "no $OUT_DIR/lending-aave.json: run $0 aave (or both) first" >&2; exit 1; }
FLASH_JSON=()
[ -f "$OUT_DIR/lending-flashswap.json" ] && FLASH_JSON=("$OUT_DIR/lending-flashswap.json")
node script/lending-gas/report.mjs "$OUT_DIR/lending-aave.json" "${FLASH_JSON[@]}" >"$OUT_DIR/lending-vs-aave.md"
echo
cat "$OUT_DIR/lending-vs-aave.md"
