// Deploys an unmodified Aave V3 market (@aave/core-v3 1.19.3's hardhat artifacts) on anvil and wraps it as a bench pool.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readArtifact, units } from './chain.mjs';

const AAVE = 'node_modules/@aave/core-v3/artifacts';
const MODE = { stable: 1, variable: 2 };

/** sha256 of every @aave/core-v3 artifact deployed, by contract name: the run's record of which bytecode it measured. */
const artifactHashes = {};

/** A hardhat artifact of @aave/core-v3 by its source path and contract name. */
function aave(file, name) {
  const path = join(AAVE, file, `${name}.json`);
  artifactHashes[name] = createHash('sha256').update(readFileSync(path)).digest('hex');
  return readArtifact(path);
}

const ray = (fraction) => units(fraction, 27);

/**
 * Deploys PoolAddressesProvider, ACLManager, the seven Pool libraries and ConfiguratorLogic, the Pool and
 * PoolConfigurator behind their proxies, AaveOracle with MockAggregator sources, AaveProtocolDataProvider, the token
 * implementations, a DefaultReserveInterestRateStrategy per reserve; then lists and configures the reserves.
 * @param chain a Chain
 * @param admin the deployer, ACL admin and pool admin (anvil account 0)
 * @param reserves [{asset, symbol, decimals, priceUsd, params}] with params as in scenarios.mjs's RESERVES
 * @param market {treasury, flashPremiumTotalBps, flashPremiumToProtocolBps}
 */
export async function deployAave(chain, admin, reserves, market) {
  const libs = new Map();
  const libraryAddress = async (file, name) => {
    const key = `${file}:${name}`;
    if (!libs.has(key)) {
      const a = aave(file, name);
      libs.set(key, await chain.deployCode(admin, a.bytecode, a.linkReferences, libraryAddress));
    }
    return libs.get(key);
  };
  const deploy = async (file, name, ctorSig = '', ...args) => {
    const a = aave(file, name);
    return chain.deployCode(admin, a.bytecode, a.linkReferences, libraryAddress, chain.ctorArgs(ctorSig, ...args));
  };

  const provider = await deploy('contracts/protocol/configuration/PoolAddressesProvider.sol', 'PoolAddressesProvider',
    'constructor(string,address)', 'FlashBankGasBench', admin);
  await chain.tx(admin, provider, 'setACLAdmin(address)', admin);
  const acl = await deploy('contracts/protocol/configuration/ACLManager.sol', 'ACLManager', 'constructor(address)', provider);
  await chain.tx(admin, provider, 'setACLManager(address)', acl);
  await chain.tx(admin, acl, 'addPoolAdmin(address)', admin);
  await chain.tx(admin, acl, 'addRiskAdmin(address)', admin);
  await chain.tx(admin, acl, 'addAssetListingAdmin(address)', admin);

  // The Pool links SupplyLogic, BorrowLogic, LiquidationLogic, FlashLoanLogic (itself linked to BorrowLogic),
  // PoolLogic, EModeLogic and BridgeLogic; setPoolImpl puts it behind an InitializableImmutableAdminUpgradeabilityProxy.
  const poolImpl = await deploy('contracts/protocol/pool/Pool.sol', 'Pool', 'constructor(address)', provider);
  await chain.tx(admin, poolImpl, 'initialize(address)', provider);
  await chain.tx(admin, provider, 'setPoolImpl(address)', poolImpl);
  const pool = await chain.address(provider, 'getPool()');
  const configuratorImpl = await deploy('contracts/protocol/pool/PoolConfigurator.sol', 'PoolConfigurator');
  await chain.tx(admin, configuratorImpl, 'initialize(address)', provider);
  await chain.tx(admin, provider, 'setPoolConfiguratorImpl(address)', configuratorImpl);
  const configurator = await chain.address(provider, 'getPoolConfigurator()');

  const aggregator = async (priceUsd) => deploy('contracts/mocks/oracle/CLAggregators/MockAggregator.sol', 'MockAggregator',
    'constructor(int256)', units(priceUsd, 8));
  const sources = [];
  for (const r of reserves) sources.push(await aggregator(r.priceUsd));
  // USD as the base currency with 8 decimals, as on Ethereum: base currency address(0), unit 1e8.
  const oracle = await deploy('contracts/misc/AaveOracle.sol', 'AaveOracle', 'constructor(address,address[],address[],address,address,uint256)',
    provider, `[${reserves.map((r) => r.asset).join(',')}]`, `[${sources.join(',')}]`, '0x0000000000000000000000000000000000000000',
    '0x0000000000000000000000000000000000000000', 10n ** 8n);
  await chain.tx(admin, provider, 'setPriceOracle(address)', oracle);
  const dataProvider = await deploy('contracts/misc/AaveProtocolDataProvider.sol', 'AaveProtocolDataProvider', 'constructor(address)', provider);
  await chain.tx(admin, provider, 'setPoolDataProvider(address)', dataProvider);

  const aTokenImpl = await deploy('contracts/protocol/tokenization/AToken.sol', 'AToken', 'constructor(address)', pool);
  const stableImpl = await deploy('contracts/protocol/tokenization/StableDebtToken.sol', 'StableDebtToken', 'constructor(address)', pool);
  const variableImpl = await deploy('contracts/protocol/tokenization/VariableDebtToken.sol', 'VariableDebtToken', 'constructor(address)', pool);

  const inputs = [];
  for (const r of reserves) {
    const c = r.params;
    const strategy = await deploy('contracts/protocol/pool/DefaultReserveInterestRateStrategy.sol', 'DefaultReserveInterestRateStrategy',
      'constructor(address,uint256,uint256,uint256,uint256,uint256,uint256,uint256,uint256,uint256)', provider,
      ray(c.optimalUtilization), ray(c.baseVariableRate), ray(c.variableSlope1), ray(c.variableSlope2),
      ray(c.stableSlope1), ray(c.stableSlope2), ray(c.aaveBaseStableRateOffset), ray(c.aaveStableRateExcessOffset),
      ray(c.aaveOptimalStableToTotalDebtRatio));
    // No incentives controller (address 0): the aTokens and debt tokens then skip handleAction.
    inputs.push(`(${aTokenImpl},${stableImpl},${variableImpl},${r.decimals},${strategy},${r.asset},${market.treasury},`
      + `0x0000000000000000000000000000000000000000,Aave${r.symbol},a${r.symbol},VariableDebt${r.symbol},variableDebt${r.symbol},`
      + `StableDebt${r.symbol},stableDebt${r.symbol},0x)`);
  }
  await chain.tx(admin, configurator, 'initReserves((address,address,address,uint8,address,address,address,address,string,string,string,string,string,string,bytes)[])',
    `[${inputs.join(',')}]`);
  for (const r of reserves) {
    const c = r.params;
    await chain.tx(admin, configurator, 'configureReserveAsCollateral(address,uint256,uint256,uint256)', r.asset, c.ltvBps,
      c.liquidationThresholdBps, c.liquidationBonusBps);
    await chain.tx(admin, configurator, 'setReserveBorrowing(address,bool)', r.asset, true);
    await chain.tx(admin, configurator, 'setReserveStableRateBorrowing(address,bool)', r.asset, true);
    await chain.tx(admin, configurator, 'setReserveFlashLoaning(address,bool)', r.asset, true);
    await chain.tx(admin, configurator, 'setReserveFactor(address,uint256)', r.asset, c.reserveFactorBps);
    await chain.tx(admin, configurator, 'setLiquidationProtocolFee(address,uint256)', r.asset, c.liquidationProtocolShareBps);
  }
  await chain.tx(admin, configurator, 'updateFlashloanPremiumTotal(uint128)', market.flashPremiumTotalBps);
  await chain.tx(admin, configurator, 'updateFlashloanPremiumToProtocol(uint128)', market.flashPremiumToProtocolBps);

  const tokensOf = new Map();
  for (const r of reserves) {
    const w = await chain.words(pool, 'getReserveData(address)', r.asset);
    const at = (i) => `0x${w[i].slice(24)}`;
    tokensOf.set(r.asset, { aToken: at(8), stableDebt: at(9), variableDebt: at(10) });
  }
  const addresses = { provider, acl, pool, poolImpl, configurator, configuratorImpl, oracle, dataProvider, aTokenImpl, stableImpl,
    variableImpl, libraries: Object.fromEntries([...libs].map(([k, v]) => [k.split(':')[1], v])), reserves: Object.fromEntries(tokensOf),
    artifactSha256: artifactHashes };

  /** The bench pool: the scenario's operations as Aave V3 calls (no referral code, onBehalfOf the sender). */
  return {
    name: 'Aave V3 (@aave/core-v3 1.19.3)',
    addresses,
    pool,
    flashLender: pool,
    supply: (user, asset, amount, onBehalfOf = user) => chain.tx(user, pool, 'supply(address,uint256,address,uint16)', asset, amount, onBehalfOf, 0),
    withdraw: (user, asset, amount) => chain.tx(user, pool, 'withdraw(address,uint256,address)', asset, amount, user),
    borrow: (user, asset, amount, mode) => chain.tx(user, pool, 'borrow(address,uint256,uint256,uint16,address)', asset, amount, MODE[mode], 0, user),
    repay: (user, asset, amount, mode) => chain.tx(user, pool, 'repay(address,uint256,uint256,address)', asset, amount, MODE[mode], user),
    liquidate: (liquidator, collateral, debt, borrower, debtToCover, receiveCollateralToken) => chain.tx(liquidator, pool,
      'liquidationCall(address,address,address,uint256,bool)', collateral, debt, borrower, debtToCover, receiveCollateralToken),
    flashLoan: (initiator, receiver, asset, amount) => chain.tx(initiator, pool, 'flashLoanSimple(address,address,uint256,bytes,uint16)',
      receiver, asset, amount, '0x', 0),
    // MockAggregator has a fixed answer: a new price is a new aggregator set as the asset's source.
    setPrice: async (asset, priceUsd) => chain.tx(admin, oracle, 'setAssetSources(address[],address[])', `[${asset}]`, `[${await aggregator(priceUsd)}]`),
    deposit: (user, asset) => chain.uint(tokensOf.get(asset).aToken, 'balanceOf(address)', user),
    variableDebt: (user, asset) => chain.uint(tokensOf.get(asset).variableDebt, 'balanceOf(address)', user),
    stableDebt: (user, asset) => chain.uint(tokensOf.get(asset).stableDebt, 'balanceOf(address)', user),
    healthFactor: async (user) => BigInt(`0x${(await chain.words(pool, 'getUserAccountData(address)', user))[5]}`),
  };
}
