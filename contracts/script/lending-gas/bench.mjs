// Runs the lending gas scenario against one pool on a running anvil and writes its receipts' gasUsed as JSON.
// usage: node script/lending-gas/bench.mjs aave|flashswap <rpc-url> <cast> <out.json>   (from contracts/)
import { writeFileSync } from 'node:fs';
import { Chain } from './chain.mjs';
import { deployAave } from './deploy-aave.mjs';
import { deployFlashSwap } from './deploy-flashswap.mjs';
import { FLASH, RESERVES, runScenario, STEP_SECONDS, TREASURY } from './scenarios.mjs';

const [protocol, rpcUrl, cast, outFile] = process.argv.slice(2);
if (!['aave', 'flashswap'].includes(protocol) || !rpcUrl || !cast || !outFile) {
  console.error('usage: node script/lending-gas/bench.mjs aave|flashswap <rpc-url> <cast> <out.json>');
  process.exit(2);
}
const token = process.env.LENDING_GAS_TOKEN || 'aave-mintable';
const chain = new Chain(rpcUrl, cast);
const [admin] = await chain.accounts();
const market = {
  treasury: TREASURY,
  flashPremiumTotalBps: FLASH.premiumTotalBps,
  flashPremiumToProtocolBps: FLASH.premiumToProtocolBps,
  flashProtocolShareBps: FLASH.protocolShareBps,
};
const deployPool = (reserves) => (protocol === 'aave' ? deployAave(chain, admin, reserves, market) : deployFlashSwap(chain, admin, reserves, market));
let measured;
const deployAndKeep = async (reserves) => {
  measured = await deployPool(reserves);
  return measured;
};
const { rows, addresses } = await runScenario(chain, deployAndKeep, { token, log: (line) => console.log(line) });
const result = {
  protocol,
  pool: measured.name,
  artifact: measured.artifact || null,
  token,
  client: await chain.rpc('web3_clientVersion'),
  hardfork: (await chain.rpc('anvil_nodeInfo')).hardFork,
  stepSeconds: STEP_SECONDS,
  reserves: RESERVES.map((r) => ({ symbol: r.symbol, decimals: r.decimals, priceUsd: r.priceUsd, params: r.params })),
  flash: FLASH,
  rows,
  addresses,
};
writeFileSync(outFile, `${JSON.stringify(result, null, 2)}\n`);
console.log(`wrote ${outFile}`);
