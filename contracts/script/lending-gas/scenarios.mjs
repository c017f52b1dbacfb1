// The lending gas benchmark's scenario: the same users, amounts and order of operations on either pool.
import { MAX_UINT, readArtifact, units } from './chain.mjs';

/** Seconds between blocks before every measured transaction: each one finds both reserves' indexes stale. */
export const STEP_SECONDS = 3600;

/**
 * The two reserves, 18 decimals each, with Ethereum-like Aave V3 parameters (fractions of 1; bps as integers).
 * The aave* fields exist only in Aave's rate strategy; FlashSwap's base stable rate is Aave's slope 1 plus its offset.
 */
export const RESERVES = [
  {
    symbol: 'WETH', name: 'Wrapped Ether (bench)', decimals: 18, priceUsd: '2000', liquidationPriceUsd: '1800',
    params: {
      optimalUtilization: '0.8', baseVariableRate: '0', variableSlope1: '0.038', variableSlope2: '0.8',
      stableSlope1: '0.04', stableSlope2: '0.8', baseStableRate: '0.058',
      aaveBaseStableRateOffset: '0.02', aaveStableRateExcessOffset: '0.05', aaveOptimalStableToTotalDebtRatio: '0.2',
      reserveFactorBps: 1500, ltvBps: 8000, liquidationThresholdBps: 8250, liquidationBonusBps: 10500,
      liquidationProtocolShareBps: 1000, maxStableShareBps: 2500,
    },
  },
  {
    symbol: 'USDX', name: 'USD Stablecoin (bench)', decimals: 18, priceUsd: '1',
    params: {
      optimalUtilization: '0.9', baseVariableRate: '0', variableSlope1: '0.04', variableSlope2: '0.6',
      stableSlope1: '0.005', stableSlope2: '0.6', baseStableRate: '0.05',
      aaveBaseStableRateOffset: '0.01', aaveStableRateExcessOffset: '0.08', aaveOptimalStableToTotalDebtRatio: '0.2',
      reserveFactorBps: 1000, ltvBps: 7500, liquidationThresholdBps: 8000, liquidationBonusBps: 10500,
      liquidationProtocolShareBps: 1000, maxStableShareBps: 2500,
    },
  },
];

/** Flash-loan fee 5 bps of which 4 bps to the treasury (Aave V3's deployed defaults; 80 % share on FlashSwap). */
export const FLASH = { premiumTotalBps: 5, premiumToProtocolBps: 4, protocolShareBps: 8000 };

/** The treasury: a fixed address that no test account is; it already holds fTokens/aTokens of both reserves. */
export const TREASURY = '0x000000000000000000000000000000000074e45a';

/** Aave's figures quoted in issue 11, measured by the team lead under the same conditions, per operation key. */
export const ISSUE_FIGURES = {
  supplyExisting: 158757, supplyNewUser: 200234, withdrawNoDebt: 167019, withdrawWithDebt: 243945,
  borrowVariable: 234132, borrowVariableFirst: 247169, borrowStable: 246176, repayPartial: 171618, repayFull: 176447,
  liquidationUnderlying: 371833, liquidationCollateralToken: 312555, flashLoan: 166085,
};

const USERS = ['admin', 'lp', 'bob', 'carol', 'dave', 'erin', 'frank', 'vic1', 'vic2', 'liquidator', 'flasher', 'whale', 'gina'];
/** How many anvil accounts the scenario uses (anvil must start with at least this many). */
export const ACCOUNTS = USERS.length;

/** Deploys one bench token: DevnetToken (WETH9's transfer rules) or Aave's own MintableERC20 mock. */
async function deployToken(chain, admin, kind, r, supply) {
  if (kind === 'devnet') {
    const a = readArtifact('out/DevnetToken.sol/DevnetToken.json');
    return chain.deployCode(admin, a.bytecode, a.linkReferences, null, chain.ctorArgs('constructor(string,string,uint256)', r.name, r.symbol, supply));
  }
  const a = readArtifact('node_modules/@aave/core-v3/artifacts/contracts/mocks/tokens/MintableERC20.sol/MintableERC20.json');
  const token = await chain.deployCode(admin, a.bytecode, a.linkReferences, null,
    chain.ctorArgs('constructor(string,string,uint8)', r.name, r.symbol, r.decimals));
  await chain.tx(admin, token, 'mint(address,uint256)', admin, supply);
  return token;
}

/**
 * Runs the scenario: deploys the tokens, lets `deployPool(reserves)` deploy and list the pool, sets every position up,
 * then sends each measured operation after STEP_SECONDS and checks that it did what it says.
 * @returns {rows: [{key, label, gas, before}], addresses}
 */
export async function runScenario(chain, deployPool, { token = 'aave-mintable', log = () => {} } = {}) {
  const accounts = await chain.accounts();
  if (accounts.length < USERS.length) throw new Error(`anvil has ${accounts.length} accounts, the scenario needs ${USERS.length}`);
  const u = Object.fromEntries(USERS.map((name, i) => [name, accounts[i]]));
  const { admin } = u;

  const reserves = [];
  for (const r of RESERVES) {
    const supply = units('100000000000', r.decimals);
    reserves.push({ ...r, asset: await deployToken(chain, admin, token, r, supply) });
  }
  const [weth, usdx] = reserves.map((r) => r.asset);
  const W = (x) => units(x, 18);
  const D = (x) => units(x, 18);

  const pool = await deployPool(reserves);
  log(`${pool.name}: pool ${pool.pool}`);

  // Every user holds both tokens and has approved the pool for type(uint256).max of each.
  for (const name of USERS.slice(1)) {
    for (const r of reserves) {
      await chain.tx(admin, r.asset, 'transfer(address,uint256)', u[name], r.symbol === 'WETH' ? W('5000') : D('20000000'));
      await chain.tx(u[name], r.asset, 'approve(address,uint256)', pool.pool, MAX_UINT);
    }
  }

  // A setup deposit; a pool that does not count a first deposit as collateral (Aave does) is told to, unmeasured.
  const deposit = async (user, asset, amount) => {
    await pool.supply(user, asset, amount);
    if (pool.prepareCollateral) await pool.prepareCollateral(user);
  };

  // Liquidity in both reserves; the treasury already holds deposits of both (its balances are not new slots).
  await deposit(u.lp, weth, W('1000'));
  await deposit(u.lp, usdx, D('2000000'));
  await pool.supply(u.lp, weth, W('1'), TREASURY);
  await pool.supply(u.lp, usdx, D('1000'), TREASURY);
  // whale: 4,000,000 USDX deposited, 300 WETH borrowed variable, so that the WETH indexes move every second.
  await deposit(u.whale, usdx, D('4000000'));
  await pool.borrow(u.whale, weth, W('300'), 'variable');
  // bob: collateral in both reserves, a variable USDX debt.
  await deposit(u.bob, weth, W('100'));
  await deposit(u.bob, usdx, D('50000'));
  await pool.borrow(u.bob, usdx, D('60000'), 'variable');
  // dave (no debt yet) and frank (a variable USDX debt): collateral in both reserves.
  for (const name of ['dave', 'frank']) {
    await deposit(u[name], weth, W('50'));
    await deposit(u[name], usdx, D('1000'));
  }
  await pool.borrow(u.frank, usdx, D('10000'), 'variable');
  // erin (40,000 USDX stable debt: USDX's stable share of its debt is then above Aave's 20 % optimum) and gina
  // (no debt yet): WETH collateral only (a stable borrow of an asset one uses as collateral is refused below its
  // deposit). USDX's indexes move through the variable and stable debts.
  for (const name of ['erin', 'gina']) await deposit(u[name], weth, W('50'));
  await pool.borrow(u.erin, usdx, D('40000'), 'stable');
  // The liquidator holds both tokens and already a WETH deposit (aWETH / fWETH).
  await deposit(u.liquidator, weth, W('1'));
  // vic1 and vic2: 10 WETH of collateral, 15,000 USDX of variable debt: HF 1.1 at 2,000 USD/WETH, 0.99 at 1,800.
  for (const name of ['vic1', 'vic2']) {
    await deposit(u[name], weth, W('10'));
    await pool.borrow(u[name], usdx, D('15000'), 'variable');
  }
  // The flash receiver: owned by `flasher`, serving this pool, holding 1,000 USDX for fees, the pool approved.
  const ra = readArtifact('out/BenchFlashReceiver.sol/BenchFlashReceiver.json');
  const receiver = await chain.deployCode(admin, ra.bytecode, ra.linkReferences, null,
    chain.ctorArgs('constructor(address,address)', u.flasher, pool.flashLender));
  await chain.tx(u.flasher, usdx, 'transfer(address,uint256)', receiver, D('1000'));
  await chain.tx(u.flasher, receiver, 'approve(address)', usdx);

  const rows = [];
  const measure = async (key, label, before, send, check) => {
    chain.gapBeforeNext(STEP_SECONDS);
    const receipt = await send();
    await check();
    const gas = Number(BigInt(receipt.gasUsed));
    rows.push({ key, label, gas, before });
    log(`${label.padEnd(48)} ${gas.toLocaleString('en-US').padStart(9)}`);
  };
  const expect = (ok, what) => {
    if (!ok) throw new Error(`scenario check failed: ${what}`);
  };
  const grew = async (read, by, what) => {
    const before = await read();
    return async () => {
      const after = await read();
      // Interest accrues in between and indexes round: the change is the amount within 0.1 %.
      const delta = after > before ? after - before : before - after;
      expect(delta * 1000n >= by * 999n && delta * 1000n <= by * 1001n, `${what}: changed by ${delta}, expected ${by}`);
    };
  };
  const balanceOf = (asset, who) => chain.uint(asset, 'balanceOf(address)', who);

  let c = await grew(() => pool.deposit(u.lp, weth), W('10'), 'lp WETH deposit');
  await measure('supplyExisting', 'supply, into an existing position', 'lp holds 1,000 WETH + 2,000,000 USDX deposits; supplies 10 WETH',
    () => pool.supply(u.lp, weth, W('10')), c);
  c = await grew(() => pool.deposit(u.carol, weth), W('10'), 'carol WETH deposit');
  await measure('supplyNewUser', 'supply, as a new user', 'carol has never used the pool; supplies 10 WETH',
    () => pool.supply(u.carol, weth, W('10')), c);
  if (pool.collateralShortfall && (await pool.collateralShortfall(u.carol))) {
    rows.at(-1).note = "carol's deposit did not make itself collateral (Aave's first supply does): less work than Aave's";
  }
  c = await grew(() => balanceOf(weth, u.lp), W('10'), 'lp WETH wallet');
  await measure('withdrawNoDebt', 'withdraw, partial, no debt', 'lp (no debt, deposits in both reserves) withdraws 10 WETH',
    () => pool.withdraw(u.lp, weth, W('10')), c);
  c = await grew(() => balanceOf(weth, u.bob), W('10'), 'bob WETH wallet');
  await measure('withdrawWithDebt', 'withdraw, partial, with debt', 'bob (100 WETH + 50,000 USDX deposits, 60,000 USDX variable debt) withdraws 10 WETH',
    () => pool.withdraw(u.bob, weth, W('10')), c);
  c = await grew(() => pool.variableDebt(u.bob, usdx), D('10000'), 'bob USDX variable debt');
  await measure('borrowVariable', 'borrow, variable (adds to a debt)', 'bob borrows 10,000 USDX more at the variable rate',
    () => pool.borrow(u.bob, usdx, D('10000'), 'variable'), c);
  c = await grew(() => pool.variableDebt(u.dave, usdx), D('10000'), 'dave USDX variable debt');
  await measure('borrowVariableFirst', 'borrow, variable (first debt)', 'dave (50 WETH + 1,000 USDX deposits, no debt) borrows 10,000 USDX variable',
    () => pool.borrow(u.dave, usdx, D('10000'), 'variable'), c);
  c = await grew(() => pool.stableDebt(u.erin, usdx), D('10000'), 'erin USDX stable debt');
  await measure('borrowStable', 'borrow, stable (adds to a debt)', 'erin (50 WETH deposit, 40,000 USDX stable debt) borrows 10,000 USDX more at the stable rate',
    () => pool.borrow(u.erin, usdx, D('10000'), 'stable'), c);
  c = await grew(() => pool.stableDebt(u.gina, usdx), D('20000'), 'gina USDX stable debt');
  await measure('borrowStableFirst', 'borrow, stable (first debt)', 'gina (50 WETH deposit, no debt) borrows 20,000 USDX at the stable rate',
    () => pool.borrow(u.gina, usdx, D('20000'), 'stable'), c);
  c = await grew(() => pool.variableDebt(u.bob, usdx), D('5000'), 'bob USDX variable debt');
  await measure('repayPartial', 'repay, partial', 'bob repays 5,000 of his ~70,000 USDX variable debt',
    () => pool.repay(u.bob, usdx, D('5000'), 'variable'), c);
  await measure('repayFull', 'repay, full', 'frank repays all his ~10,000 USDX variable debt (amount type(uint256).max)',
    () => pool.repay(u.frank, usdx, MAX_UINT, 'variable'),
    async () => expect((await pool.variableDebt(u.frank, usdx)) === 0n, 'frank still owes USDX'));

  await pool.setPrice(weth, RESERVES[0].liquidationPriceUsd);
  // What the liquidator gets for 5,000 USDX at 1,800 USD/WETH: the debt's worth plus the 5 % bonus less the
  // treasury's 10 % of that bonus, 5000/1800 x 1.045 WETH; within 2 % (rounding and the protocols' details).
  const seized = (before, after, what) => {
    const expected = (D('5000') * 10450n) / (1800n * 10000n);
    const got = after - before;
    expect(got * 100n >= expected * 98n && got * 100n <= expected * 102n, `the liquidator got ${got} ${what}, expected about ${expected}`);
  };
  for (const name of ['vic1', 'vic2']) {
    const hf = await pool.healthFactor(u[name]);
    expect(hf < 10n ** 18n && hf > 95n * 10n ** 16n, `${name}'s health factor ${hf} is not in (0.95, 1)`);
  }
  c = await grew(() => pool.variableDebt(u.vic1, usdx), D('5000'), 'vic1 USDX variable debt');
  const wethBefore = await balanceOf(weth, u.liquidator);
  await measure('liquidationUnderlying', 'liquidation, receiving the underlying', 'WETH fell to 1,800 USD (vic1\'s HF ~0.99); liquidator repays 5,000 of vic1\'s 15,000 USDX debt, takes WETH',
    () => pool.liquidate(u.liquidator, weth, usdx, u.vic1, D('5000'), false),
    async () => {
      await c();
      seized(wethBefore, await balanceOf(weth, u.liquidator), 'WETH');
    });
  c = await grew(() => pool.variableDebt(u.vic2, usdx), D('5000'), 'vic2 USDX variable debt');
  const fWethBefore = await pool.deposit(u.liquidator, weth);
  await measure('liquidationCollateralToken', 'liquidation, receiving aTokens / fTokens', 'the same on vic2; liquidator (already holding aWETH / fWETH) takes the collateral as aWETH / fWETH',
    () => pool.liquidate(u.liquidator, weth, usdx, u.vic2, D('5000'), true),
    async () => {
      await c();
      seized(fWethBefore, await pool.deposit(u.liquidator, weth), 'aWETH / fWETH');
    });
  const fundsBefore = await balanceOf(usdx, receiver);
  await measure('flashLoan', 'flash loan (Aave flashLoanSimple, ERC-3156 flashLoan)', 'flasher borrows 100 USDX through a receiver that approved the pool beforehand',
    () => pool.flashLoan(u.flasher, receiver, usdx, D('100')),
    async () => {
      const fee = fundsBefore - (await balanceOf(usdx, receiver));
      expect(fee === D('100') * BigInt(FLASH.premiumTotalBps) / 10000n, `the receiver paid ${fee} for a 100 USDX loan`);
    });

  return { rows, addresses: { ...pool.addresses, tokens: { WETH: weth, USDX: usdx }, receiver, users: u } };
}
