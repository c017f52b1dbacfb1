// Writes the lending gas table (markdown) from the benchmark's JSON: Aave V3 beside issue 11's figures and FlashSwap.
// usage: node script/lending-gas/report.mjs <aave.json> [<flashswap.json>] > table.md   (from contracts/)
import { existsSync, readFileSync } from 'node:fs';
import { ISSUE_FIGURES } from './scenarios.mjs';

/** FlashSwap's target: every operation at most this share of Aave's gas (issue 11). */
const TARGET = 0.75;

const [aaveFile, flashFile] = process.argv.slice(2);
if (!aaveFile) {
  console.error('usage: node script/lending-gas/report.mjs <aave.json> [<flashswap.json>]');
  process.exit(2);
}
const aave = JSON.parse(readFileSync(aaveFile, 'utf8'));
const flash = flashFile && existsSync(flashFile) ? JSON.parse(readFileSync(flashFile, 'utf8')) : null;
if (flash && flash.token !== aave.token) throw new Error(`the runs used different tokens: ${aave.token} and ${flash.token}`);
const flashGas = new Map((flash?.rows || []).map((r) => [r.key, r.gas]));
const fmt = (g) => g.toLocaleString('en-US');
const pct = (x, digits = 1) => `${(x * 100).toFixed(digits)} %`;

const out = [];
out.push('| operation (whole transaction, receipt gasUsed) | what happened before it | Aave V3 1.19.3 | issue 11 | Δ vs issue | FlashSwap | FlashSwap / Aave |');
out.push('|---|---|---:|---:|---:|---:|---:|');
let met = 0;
let compared = 0;
for (const r of aave.rows) {
  const issue = ISSUE_FIGURES[r.key];
  const delta = issue === undefined ? '—' : `${r.gas - issue >= 0 ? '+' : ''}${fmt(r.gas - issue)} (${pct((r.gas - issue) / issue, 2)})`;
  const f = flashGas.get(r.key);
  let ratio = '—';
  if (f !== undefined) {
    compared++;
    const ok = f <= r.gas * TARGET;
    if (ok) met++;
    ratio = `${pct(f / r.gas)} ${ok ? '✓' : '✗'}`;
  }
  const note = flash?.rows.find((x) => x.key === r.key)?.note;
  out.push(`| ${r.label} | ${r.before}${note ? ` (FlashSwap: ${note})` : ''} | ${fmt(r.gas)} | ${issue === undefined ? '—' : fmt(issue)} | ${delta} | ${f === undefined ? '—' : fmt(f)} | ${ratio} |`);
}
out.push('');
out.push(flash
  ? `FlashSwap at most ${pct(TARGET)} of Aave: ${met} of ${compared} operations.`
  : 'FlashSwap: not measured in this run (`script/lending-gas/gas-bench.sh both` once the pool is built).');
if (flash) out.push(`FlashSwap measured from ${flash.artifact} (${flash.pool}).`);
out.push('');
out.push(`Conditions: ${aave.client}, hardfork ${aave.hardfork}; tokens: ${aave.token === 'aave-mintable' ? "Aave's MintableERC20 mock (OpenZeppelin 3 rules: every transferFrom spends the allowance)" : 'DevnetToken (an infinite allowance is never spent)'}, `
  + `both 18 decimals; one block every 12 s during setup and ${aave.stepSeconds} s before each measured transaction, `
  + 'so every one of them finds both reserves\' indexes stale; see script/lending-gas/README.md.');
console.log(out.join('\n'));
