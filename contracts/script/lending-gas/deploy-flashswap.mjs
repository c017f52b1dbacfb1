// Deploys the FlashSwap pool (forge artifact) on anvil with a FixedPriceOracle and wraps it as a bench pool.
//
// NOT YET RUN: the pool did not exist when this was written. The scenario talks to it only through
// IFlashSwapPool and ERC-3156, but the constructor and the listing call are not in that interface: they are read
// from the artifact's ABI by name (`constructorArgs`, `listReserve` below). Where the pool's ABI does not fit, these
// two functions are the only places to adapt; everything else stays.
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { readArtifact, units } from './chain.mjs';

const ARTIFACT = process.env.FLASHSWAP_ARTIFACT || 'out/FlashSwapPool.sol/FlashSwapPool.json';
const MODE = { stable: 1, variable: 2 }; // IFlashSwapPool.RateMode
const ZERO = '0x0000000000000000000000000000000000000000';

const ray = (fraction) => units(fraction, 27);
const norm = (name) => name.replace(/_/g, '').toLowerCase();

/** IFlashSwapPool.ReserveParams of one bench reserve, by field name. */
export function reserveParams(r, market) {
  const c = r.params;
  return {
    optimalutilizationray: ray(c.optimalUtilization),
    basevariablerateray: ray(c.baseVariableRate),
    variableslope1ray: ray(c.variableSlope1),
    variableslope2ray: ray(c.variableSlope2),
    basestablerateray: ray(c.baseStableRate),
    stableslope1ray: ray(c.stableSlope1),
    stableslope2ray: ray(c.stableSlope2),
    reservefactorbps: c.reserveFactorBps,
    ltvbps: c.ltvBps,
    liquidationthresholdbps: c.liquidationThresholdBps,
    liquidationbonusbps: c.liquidationBonusBps,
    liquidationprotocolsharebps: c.liquidationProtocolShareBps,
    flashloanfeebps: market.flashPremiumTotalBps,
    flashloanprotocolsharebps: market.flashProtocolShareBps,
    maxstablesharebps: c.maxStableShareBps,
  };
}

/** A tuple argument in cast's syntax, its fields in the ABI's order, every one of them known. */
function tupleArg(input, values) {
  return `(${input.components.map((f) => {
    const v = values[norm(f.name)];
    if (v === undefined) throw new Error(`FlashSwap ABI: field ${f.name} of ${input.name} has no bench value (adapt deploy-flashswap.mjs)`);
    return v;
  }).join(',')})`;
}

/** ADAPT HERE if need be: the constructor's arguments, matched by name to the bench's admin, oracle and treasury. */
export function constructorArgs(abi, { admin, oracle, treasury, factory }) {
  const ctor = abi.find((e) => e.type === 'constructor');
  if (!ctor) return { sig: '', args: [] };
  const args = ctor.inputs.map((input) => {
    const n = norm(input.name);
    if (input.type !== 'address') throw new Error(`FlashSwap constructor argument ${input.type} ${input.name}: adapt constructorArgs`);
    if (n.includes('oracle')) return oracle;
    if (n.includes('treasury')) return treasury;
    if (n.includes('factory') && factory) return factory;
    if (/admin|governance|governor|owner|timelock|guardian|emergency|configurator|pauser/.test(n)) return admin;
    throw new Error(`FlashSwap constructor argument ${input.name}: adapt constructorArgs`);
  });
  return { sig: `constructor(${ctor.inputs.map((i) => i.type).join(',')})`, args };
}

/** The ABI signature of a function entry, tuples spelled out (cast's syntax). */
export function signature(fn) {
  const type = (i) => (i.type.startsWith('tuple') ? `(${i.components.map(type).join(',')})${i.type.slice(5)}` : i.type);
  return `${fn.name}(${fn.inputs.map(type).join(',')})`;
}

/**
 * ADAPT HERE if need be: lists one reserve. Takes the pool's function named listReserve / initReserve / addReserve
 * and fills its arguments by name and type: the asset, the ReserveParams tuple, decimals, the fToken's name and
 * symbol. When the listing takes no ReserveParams, setReserveParams(asset, params) follows.
 */
export async function listReserve(chain, admin, abi, pool, r, params) {
  const fn = abi.find((e) => e.type === 'function' && /^(list|init|add)reserve$/.test(norm(e.name)));
  if (!fn) throw new Error('FlashSwap ABI has no listReserve/initReserve/addReserve: adapt listReserve');
  let paramsGiven = false;
  const args = fn.inputs.map((input) => {
    const n = norm(input.name);
    if (input.type === 'tuple') {
      paramsGiven = true;
      return tupleArg(input, params);
    }
    if (input.type === 'address' && /asset|underlying|token/.test(n) && !n.includes('ftoken')) return r.asset;
    if (input.type === 'uint8' && n.includes('decimals')) return r.decimals;
    if (input.type === 'string' && n.includes('symbol')) return `f${r.symbol}`;
    if (input.type === 'string' && n.includes('name')) return `FlashSwap${r.symbol}`;
    throw new Error(`FlashSwap ${fn.name} argument ${input.type} ${input.name}: adapt listReserve`);
  });
  await chain.tx(admin, pool, signature(fn), ...args);
  if (!paramsGiven) {
    const set = abi.find((e) => e.type === 'function' && norm(e.name) === 'setreserveparams');
    if (!set) throw new Error('FlashSwap ABI: the listing took no ReserveParams and there is no setReserveParams: adapt listReserve');
    await chain.tx(admin, pool, signature(set), r.asset, tupleArg(set.inputs[1], params));
  }
}

/** A forge artifact of this project by its source file and contract name (libraries the pool links). */
function forgeArtifact(file, name) {
  const path = `out/${basename(file)}/${name}.json`;
  if (!existsSync(path)) throw new Error(`no artifact ${path} for library ${name} of ${file}`);
  return readArtifact(path);
}

/**
 * Deploys the FixedPriceOracle (prices as WADs per whole token), the pool (its libraries linked), lists and
 * configures both reserves, makes them active if they are not.
 * @param market {treasury, flashPremiumTotalBps, flashProtocolShareBps}
 */
export async function deployFlashSwap(chain, admin, reserves, market) {
  if (!existsSync(ARTIFACT)) throw new Error(`no ${ARTIFACT}: build the pool first (gas-bench.sh flashswap does)`);
  const libs = new Map();
  const libraryAddress = async (file, name) => {
    const key = `${file}:${name}`;
    if (!libs.has(key)) {
      const a = forgeArtifact(file, name);
      libs.set(key, await chain.deployCode(admin, a.bytecode, a.linkReferences, libraryAddress));
    }
    return libs.get(key);
  };

  const oa = readArtifact('out/FixedPriceOracle.sol/FixedPriceOracle.json');
  const oracle = await chain.deployCode(admin, oa.bytecode, oa.linkReferences, null, chain.ctorArgs('constructor(address)', admin));
  for (const r of reserves) await chain.tx(admin, oracle, 'setPrice(address,uint256)', r.asset, units(r.priceUsd, 18));

  const art = readArtifact(ARTIFACT);
  // The pool creates each reserve's fToken through an FTokenFactory (it keeps the pool under the code-size limit).
  let factory;
  if (art.abi.some((e) => e.type === 'constructor' && e.inputs.some((i) => norm(i.name).includes('factory')))) {
    const fa = readArtifact('out/FToken.sol/FTokenFactory.json');
    factory = await chain.deployCode(admin, fa.bytecode, fa.linkReferences, libraryAddress);
  }
  const ctor = constructorArgs(art.abi, { admin, oracle, treasury: market.treasury, factory });
  const pool = await chain.deployCode(admin, art.bytecode, art.linkReferences, libraryAddress, chain.ctorArgs(ctor.sig, ...ctor.args));

  const fTokens = new Map();
  const hasStatus = art.abi.some((e) => e.type === 'function' && e.name === 'setReserveStatus');
  const probes = art.abi.some((e) => e.type === 'function' && e.name === 'probeAmount');
  for (const r of reserves) {
    // The listing probes the token with a transfer from the owner and back (refusing fee-on-transfer tokens):
    // the owner holds what the admin already minted for itself and approves the pool for it.
    if (probes) await chain.tx(admin, r.asset, 'approve(address,uint256)', pool, (1n << 256n) - 1n);
    await listReserve(chain, admin, art.abi, pool, r, reserveParams(r, market));
    // reserveData(asset) is a static struct: word 0 the fToken, 1 decimals, 2 active, 3 frozen, 4 paused.
    let w = await chain.words(pool, 'reserveData(address)', r.asset);
    if (BigInt(`0x${w[2]}`) === 0n || BigInt(`0x${w[3]}`) !== 0n || BigInt(`0x${w[4]}`) !== 0n) {
      if (!hasStatus) throw new Error(`reserve ${r.symbol} is not active after listing and the pool has no setReserveStatus`);
      await chain.tx(admin, pool, 'setReserveStatus(address,bool,bool,bool)', r.asset, true, false, false);
      w = await chain.words(pool, 'reserveData(address)', r.asset);
    }
    const fToken = `0x${w[0].slice(24)}`;
    if (fToken === ZERO) throw new Error(`reserve ${r.symbol} has no fToken after listing`);
    fTokens.set(r.asset, fToken);
  }
  const priceOf = new Map(reserves.map((r) => [r.asset, units(r.priceUsd, 18)]));
  const decimalsOf = new Map(reserves.map((r) => [r.asset, r.decimals]));

  const accountData = (user) => chain.words(pool, 'accountData(address)', user);
  const depositOf = (user, asset) => chain.uint(pool, 'depositOf(address,address)', asset, user);

  /** The user's deposits' worth (WAD base units at the oracle's prices) against what counts as its collateral. */
  const collateralGap = async (user) => {
    let worth = 0n;
    const held = [];
    for (const r of reserves) {
      const d = await depositOf(user, r.asset);
      if (d > 0n) held.push(r.asset);
      worth += (d * priceOf.get(r.asset)) / 10n ** BigInt(decimalsOf.get(r.asset));
    }
    const collateralBase = BigInt(`0x${(await accountData(user))[0]}`);
    return { worth, held, collateralBase, short: collateralBase * 1000n < worth * 999n };
  };

  /** The bench pool: the scenario's operations as IFlashSwapPool and ERC-3156 calls. */
  return {
    name: 'FlashSwap pool',
    artifact: ARTIFACT,
    addresses: { pool, oracle, libraries: Object.fromEntries([...libs].map(([k, v]) => [k.split(':')[1], v])), fTokens: Object.fromEntries(fTokens) },
    pool,
    flashLender: pool,
    supply: (user, asset, amount, onBehalfOf = user) => chain.tx(user, pool, 'deposit(address,uint256,address)', asset, amount, onBehalfOf),
    withdraw: (user, asset, amount) => chain.tx(user, pool, 'redeem(address,uint256,address)', asset, amount, user),
    borrow: (user, asset, amount, mode) => chain.tx(user, pool, 'borrow(address,uint256,uint8)', asset, amount, MODE[mode]),
    repay: (user, asset, amount, mode) => chain.tx(user, pool, 'repay(address,uint256,uint8,address)', asset, amount, MODE[mode], user),
    liquidate: (liquidator, collateral, debt, borrower, debtToCover, receiveFToken) => chain.tx(liquidator, pool,
      'liquidate(address,address,address,uint256,bool)', collateral, debt, borrower, debtToCover, receiveFToken),
    flashLoan: (initiator, receiver, asset, amount) => chain.tx(initiator, pool, 'flashLoan(address,address,uint256,bytes)',
      receiver, asset, amount, '0x'),
    setPrice: (asset, priceUsd) => chain.tx(admin, oracle, 'setPrice(address,uint256)', asset, units(priceUsd, 18)),
    deposit: depositOf,
    variableDebt: (user, asset) => chain.uint(pool, 'variableDebtOf(address,address)', asset, user),
    stableDebt: (user, asset) => chain.uint(pool, 'stableDebtOf(address,address)', asset, user),
    healthFactor: (user) => chain.uint(pool, 'healthFactor(address)', user),
    /**
     * Aave counts a first deposit as collateral by itself. If this pool does not (the user's collateral value falls
     * short of its deposits' worth), every reserve the user holds a deposit in is enabled by setCollateral, unmeasured.
     */
    prepareCollateral: async (user) => {
      const gap = await collateralGap(user);
      if (!gap.short) return;
      for (const a of gap.held) {
        try {
          await chain.tx(user, pool, 'setCollateral(address,bool)', a, true);
        } catch (e) {
          console.error(`setCollateral(${a}, true) for ${user}: ${e.message}`);
        }
      }
      const after = await collateralGap(user);
      if (after.short) console.error(`warning: ${user}'s collateral counts ${after.collateralBase}, its deposits are worth ${after.worth}`);
    },
    /** Whether some of the user's deposits do not count as collateral (noted on the new user's measured supply). */
    collateralShortfall: async (user) => (await collateralGap(user)).short,
  };
}
