// Tests of the lending gas harness's JavaScript (script/lending-gas): amounts, library linking, FlashSwap ABI reading.
// run: node --test test/lending/gas/   (from contracts/)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Chain, readArtifact, units } from '../../../script/lending-gas/chain.mjs';
import { constructorArgs, listReserve, reserveParams, signature } from '../../../script/lending-gas/deploy-flashswap.mjs';
import { FLASH, RESERVES } from '../../../script/lending-gas/scenarios.mjs';

test('units converts decimal strings exactly and refuses more decimals than the token has', () => {
  assert.equal(units('1', 18), 10n ** 18n);
  assert.equal(units('1.5', 6), 1_500_000n);
  assert.equal(units('0.000001', 6), 1n);
  assert.equal(units('123456789.123456789123456789', 27), 123456789n * 10n ** 27n + 123456789123456789n * 10n ** 9n);
  assert.equal(units('0.038', 27), 38n * 10n ** 24n);
  assert.throws(() => units('0.0000001', 6), /more than 6 decimals/);
});

/** A Chain that records what it would send instead of sending it. */
class RecordingChain extends Chain {
  constructor() {
    super('http://unused', 'cast');
    this.sent = [];
  }

  async send(from, to, data) {
    this.sent.push({ from, to, data });
    return { contractAddress: `0x${String(this.sent.length).padStart(40, '0')}`, gasUsed: '0x0', status: '0x1' };
  }
}

test("deployCode writes each library's address at every link reference and leaves no placeholder", async () => {
  const a = readArtifact('node_modules/@aave/core-v3/artifacts/contracts/protocol/libraries/logic/FlashLoanLogic.sol/FlashLoanLogic.json');
  const refs = a.linkReferences['contracts/protocol/libraries/logic/BorrowLogic.sol'].BorrowLogic;
  assert.ok(refs.length > 0, 'FlashLoanLogic links BorrowLogic');
  const lib = '0x00000000000000000000000000000000b0770ee1';
  const chain = new RecordingChain();
  await chain.deployCode('0xfrom', a.bytecode, a.linkReferences, async (file, name) => {
    assert.equal(name, 'BorrowLogic');
    return lib;
  });
  const code = chain.sent[0].data.slice(2);
  assert.equal(code.length, a.bytecode.length - 2, 'linking keeps the length');
  for (const { start } of refs) assert.equal(code.slice(start * 2, start * 2 + 40), lib.slice(2));
  assert.ok(!code.includes('__$'), 'no placeholder left');
  // Outside the references nothing changed.
  let masked = a.bytecode.slice(2);
  for (const { start } of refs) masked = masked.slice(0, start * 2) + lib.slice(2) + masked.slice(start * 2 + 40);
  assert.equal(code, masked);
});

test('deployCode refuses bytecode with a placeholder no link reference covers', async () => {
  const chain = new RecordingChain();
  await assert.rejects(chain.deployCode('0xfrom', `0x6000__$${'a'.repeat(34)}$__`, {}, null), /unlinked library placeholder/);
});

const ROLES = { admin: '0xad', oracle: '0x0c', treasury: '0x7e' };

test("constructorArgs matches the pool's constructor arguments by name, in the ABI's order", () => {
  const abi = [{ type: 'constructor', inputs: [
    { name: 'priceOracle', type: 'address' }, { name: 'governance_', type: 'address' }, { name: 'treasury', type: 'address' }] }];
  assert.deepEqual(constructorArgs(abi, ROLES), { sig: 'constructor(address,address,address)', args: ['0x0c', '0xad', '0x7e'] });
  assert.deepEqual(constructorArgs([], ROLES), { sig: '', args: [] });
});

test('constructorArgs names the argument it cannot fill', () => {
  assert.throws(() => constructorArgs([{ type: 'constructor', inputs: [{ name: 'rateModel', type: 'address' }] }], ROLES), /rateModel/);
  assert.throws(() => constructorArgs([{ type: 'constructor', inputs: [{ name: 'closeFactor', type: 'uint256' }] }], ROLES), /closeFactor/);
});

const PARAM_FIELDS = ['optimalUtilizationRay', 'baseVariableRateRay', 'variableSlope1Ray', 'variableSlope2Ray', 'baseStableRateRay',
  'stableSlope1Ray', 'stableSlope2Ray', 'reserveFactorBps', 'ltvBps', 'liquidationThresholdBps', 'liquidationBonusBps',
  'liquidationProtocolShareBps', 'flashLoanFeeBps', 'flashLoanProtocolShareBps', 'maxStableShareBps'];
const paramsTuple = (order) => ({ name: 'params', type: 'tuple', components: order.map((name) => ({ name, type: name.endsWith('Bps') ? 'uint16' : 'uint256' })) });
const market = { flashPremiumTotalBps: FLASH.premiumTotalBps, flashProtocolShareBps: FLASH.protocolShareBps };

/** A Chain whose `tx` only records the signature and arguments. */
class TxRecorder {
  constructor() {
    this.txs = [];
  }

  async tx(from, to, sig, ...args) {
    this.txs.push({ sig, args });
  }
}

test("listReserve fills the listing's ReserveParams tuple in the ABI's field order", async () => {
  const reversed = [...PARAM_FIELDS].reverse();
  const abi = [{ type: 'function', name: 'listReserve', inputs: [{ name: 'asset', type: 'address' }, paramsTuple(reversed)] }];
  const weth = { ...RESERVES[0], asset: '0xea' };
  const values = reserveParams(weth, market);
  const chain = new TxRecorder();
  await listReserve(chain, '0xad', abi, '0xpool', weth, values);
  assert.equal(chain.txs.length, 1);
  assert.equal(chain.txs[0].sig, `listReserve(address,(${reversed.map((f) => (f.endsWith('Bps') ? 'uint16' : 'uint256')).join(',')}))`);
  assert.equal(chain.txs[0].args[0], '0xea');
  const fields = chain.txs[0].args[1].slice(1, -1).split(',');
  assert.equal(fields[reversed.indexOf('ltvBps')], '8000');
  assert.equal(fields[reversed.indexOf('flashLoanFeeBps')], String(FLASH.premiumTotalBps));
  assert.equal(fields[reversed.indexOf('variableSlope1Ray')], String(38n * 10n ** 24n));
});

test('listReserve follows a listing without parameters with setReserveParams', async () => {
  const abi = [
    { type: 'function', name: 'initReserve', inputs: [{ name: 'underlying', type: 'address' }, { name: 'fTokenSymbol', type: 'string' }] },
    { type: 'function', name: 'setReserveParams', inputs: [{ name: 'asset', type: 'address' }, paramsTuple(PARAM_FIELDS)] },
  ];
  const usdx = { ...RESERVES[1], asset: '0xd0' };
  const chain = new TxRecorder();
  await listReserve(chain, '0xad', abi, '0xpool', usdx, reserveParams(usdx, market));
  assert.deepEqual(chain.txs.map((t) => t.sig), ['initReserve(address,string)', signature(abi[1])]);
  assert.deepEqual(chain.txs[0].args, ['0xd0', 'fUSDX']);
  assert.equal(chain.txs[1].args[0], '0xd0');
});

test('listReserve names what it cannot fill', async () => {
  const abi = [{ type: 'function', name: 'listReserve', inputs: [{ name: 'asset', type: 'address' }, { name: 'fToken', type: 'address' }] }];
  await assert.rejects(listReserve(new TxRecorder(), '0xad', abi, '0xpool', { ...RESERVES[0], asset: '0xea' }, {}), /fToken/);
  const missing = [{ type: 'function', name: 'listReserve', inputs: [{ name: 'asset', type: 'address' }, paramsTuple([...PARAM_FIELDS, 'closeFactorBps'])] }];
  const weth = { ...RESERVES[0], asset: '0xea' };
  await assert.rejects(listReserve(new TxRecorder(), '0xad', missing, '0xpool', weth, reserveParams(weth, market)), /closeFactorBps/);
});
