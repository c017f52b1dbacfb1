#!/usr/bin/env bash
# Whole-transaction gas of FlashBank loans (and a deposit-pool reference), from real receipts on a local anvil.
#
# Starts the pinned anvil on a free port, broadcasts script/GasBench.s.sol to it, reads gasUsed from the
# receipts forge saved (broadcast/GasBench.s.sol/31337/run-latest.json), prints a table (also written to
# gas/bench.md) and stops anvil. Run from anywhere: contracts/script/gas-bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
# The native binaries, not the npm wrappers in node_modules/.bin: those always exit 0, which would defeat the
# readiness loop and the `|| { ...; exit 1; }` guard below.
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

# anvil's public test account #0 (mnemonic "test test test test test test test test test test test junk"):
# a well-known local-devnet key that holds nothing anywhere else. Never put a real key here.
DEPLOYER_KEY=0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80

PORT="${GAS_BENCH_PORT:-$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')}"
RPC="http://127.0.0.1:${PORT}"
mkdir -p gas

"$ANVIL" --port "$PORT" --silent &
ANVIL_PID=$!
trap 'kill "$ANVIL_PID" 2>/dev/null || true' EXIT
for _ in $(seq 1 150); do
  "$CAST" chain-id --rpc-url "$RPC" >/dev/null 2>&1 && break
  sleep 0.2
done
"$CAST" chain-id --rpc-url "$RPC" >/dev/null

rm -f gas/labels.tsv
"$FORGE" script script/GasBench.s.sol:GasBench --broadcast --rpc-url "$RPC" --private-key "$DEPLOYER_KEY" \
  >gas/forge-script.log 2>&1 || { tail -40 gas/forge-script.log; exit 1; }

node - "broadcast/GasBench.s.sol/31337/run-latest.json" "gas/labels.tsv" >gas/bench.md <<'JS'
const fs = require('fs');
const [run, labelsFile] = process.argv.slice(2);
const broadcast = JSON.parse(fs.readFileSync(run, 'utf8'));
const hashOf = new Map();
for (const t of broadcast.transactions) {
  hashOf.set(`${t.transaction.from.toLowerCase()}:${BigInt(t.transaction.nonce)}`, t.hash);
}
const gasOf = new Map();
for (const r of broadcast.receipts) {
  if (BigInt(r.status) !== 1n) throw new Error(`transaction ${r.transactionHash} reverted`);
  gasOf.set(r.transactionHash, Number(BigInt(r.gasUsed)));
}
const rows = [];
for (const line of fs.readFileSync(labelsFile, 'utf8').split('\n').filter(Boolean)) {
  const f = line.split('\t');
  const [sender, nonce] = f.slice(-2);
  const hash = hashOf.get(`${sender.toLowerCase()}:${BigInt(nonce)}`);
  if (!hash || !gasOf.has(hash)) throw new Error(`no receipt for ${line}`);
  rows.push({ name: f[0], n: f.length === 5 ? Number(f[1]) : null, round: f.length === 5 ? f[2] : null, gas: gasOf.get(hash) });
}
const fmt = (g) => g.toLocaleString('en-US');
const loans = new Map();
for (const r of rows.filter((r) => r.n !== null)) {
  const key = `${r.name}|${r.n}`;
  loans.set(key, { ...(loans.get(key) || { name: r.name, n: r.n }), [r.round]: r.gas });
}
const out = [];
out.push('| loan (whole transaction, receipt gasUsed) | providers pulled | provider\'s first loan | steady state |');
out.push('|---|---:|---:|---:|');
for (const l of loans.values()) {
  out.push(`| ${l.name} | ${l.n === 0 ? '(pool)' : l.n} | ${fmt(l.first)} | ${fmt(l.steady)} |`);
}
out.push('');
out.push('| marginal gas per extra provider | 1→10 first | 1→10 steady | 1→50 first | 1→50 steady |');
out.push('|---|---:|---:|---:|---:|');
const names = [...new Set([...loans.values()].map((l) => l.name))];
for (const name of names) {
  const at = (n) => loans.get(`${name}|${n}`);
  if (!at(1) || !at(10) || !at(50)) continue;
  const m = (n, round) => fmt(Math.round((at(n)[round] - at(1)[round]) / (n - 1)));
  out.push(`| ${name} | ${m(10, 'first')} | ${m(10, 'steady')} | ${m(50, 'first')} | ${m(50, 'steady')} |`);
}
out.push('');
out.push('| other transaction | gas |');
out.push('|---|---:|');
for (const r of rows.filter((r) => r.n === null)) out.push(`| ${r.name} | ${fmt(r.gas)} |`);
console.log(out.join('\n'));
JS
cat gas/bench.md
