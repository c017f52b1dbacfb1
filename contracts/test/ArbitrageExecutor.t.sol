// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Test} from "./utils/Test.sol";
import {UniswapV2Deployer, IUniswapV2FactoryFull, IUniswapV2PairFull} from "./utils/UniswapV2Deployer.sol";
import {MockERC20} from "./mocks/MockERC20.sol";
import {MisbehavingLender} from "./mocks/MisbehavingLender.sol";
import {ArbitrageExecutor} from "../src/ArbitrageExecutor.sol";
import {FlashBank} from "../src/FlashBank.sol";
import {IArbitrageExecutor} from "../src/interfaces/IArbitrageExecutor.sol";
import {IFlashBank} from "../src/interfaces/IFlashBank.sol";
import {IERC3156FlashBorrower} from "../src/interfaces/IERC3156FlashBorrower.sol";

/// @title ArbitrageExecutor against a real FlashBank with several committed providers and real Uniswap V2 pairs.
contract ArbitrageExecutorTest is Test {
    ArbitrageExecutor internal executor;
    IFlashBank internal bank;
    IUniswapV2FactoryFull internal dexA;
    IUniswapV2FactoryFull internal dexB;
    MockERC20 internal weth;
    MockERC20 internal usdc;
    MockERC20 internal tka;
    MockERC20 internal tkb;

    address internal service = makeAddr("service");
    address internal stranger = makeAddr("stranger");
    address internal pool = makeAddr("pool lp");
    address[] internal lps;
    uint256[] internal lpStakes;

    /// @dev WETH/USDC at 2000 on DEX A and 2200 on DEX B (1000 WETH deep): selling WETH on B and buying it back on A
    /// pays for loans up to about 44 WETH.
    IUniswapV2PairFull internal cheapWethPair;
    IUniswapV2PairFull internal dearWethPair;
    /// @dev WETH -> TKA (1000 a WETH) -> TKB (1:1) -> WETH (900 TKB a WETH) pays about 11% before fees.
    IUniswapV2PairFull internal wethTka;
    IUniswapV2PairFull internal tkaTkb;
    IUniswapV2PairFull internal tkbWeth;
    /// @dev WETH/TKA at 1000 on DEX B too: a fair pair of pools, where any cycle loses the swap fees.
    IUniswapV2PairFull internal wethTkaFair;

    function setUp() public {
        weth = new MockERC20("Wrapped Ether", "WETH", 18);
        usdc = new MockERC20("USD Coin", "USDC", 18);
        tka = new MockERC20("Token A", "TKA", 18);
        tkb = new MockERC20("Token B", "TKB", 18);

        dexA = UniswapV2Deployer.deployFactory(address(this));
        dexB = UniswapV2Deployer.deployFactory(address(this));
        cheapWethPair = UniswapV2Deployer.seed(dexA, address(weth), address(usdc), 1000e18, 2_000_000e18, pool);
        dearWethPair = UniswapV2Deployer.seed(dexB, address(weth), address(usdc), 1000e18, 2_200_000e18, pool);
        wethTka = UniswapV2Deployer.seed(dexA, address(weth), address(tka), 100e18, 100_000e18, pool);
        tkaTkb = UniswapV2Deployer.seed(dexB, address(tka), address(tkb), 100_000e18, 100_000e18, pool);
        tkbWeth = UniswapV2Deployer.seed(dexA, address(tkb), address(weth), 90_000e18, 100e18, pool);
        wethTkaFair = UniswapV2Deployer.seed(dexB, address(weth), address(tka), 50e18, 50_000e18, pool);

        bank = IFlashBank(address(_deployBank()));
        bank.listToken(address(weth), 1e18);
        lps.push(makeAddr("lp0"));
        lps.push(makeAddr("lp1"));
        lps.push(makeAddr("lp2"));
        lpStakes.push(50e18);
        lpStakes.push(30e18);
        lpStakes.push(20e18);
        for (uint256 i; i < lps.length; ++i) {
            weth.mint(lps[i], lpStakes[i]);
            vm.startPrank(lps[i]);
            weth.approve(address(bank), type(uint256).max);
            bank.commit(address(weth), lpStakes[i]);
            vm.stopPrank();
        }

        executor = new ArbitrageExecutor(service);
    }

    // ---------------------------------------------------------------- profitable cycles

    function test_TwoHopCycleThroughFlashLoanPaysTheOwner() public {
        IArbitrageExecutor.Hop[] memory route = _twoHopRoute();
        uint256 amount = 5e18;
        uint256 fee = bank.flashFee(address(weth), amount);
        uint256 profit = _quote(address(weth), amount, route) - amount - fee;
        assertGt(profit, 0, "the mispricing pays");

        vm.expectEmit(address(executor));
        emit IArbitrageExecutor.Executed(address(bank), address(weth), amount, fee, profit);
        vm.prank(service);
        uint256 returned = executor.execute(address(bank), address(weth), amount, new address[](0), route, profit);

        assertEq(returned, profit, "returned profit");
        assertEq(weth.balanceOf(service), profit, "profit reached the owner");
        _assertProvidersWhole(fee);
        _assertNothingLeftBehind();
    }

    function test_TwoHopCycleThroughFlashLoanFromPullsOnlyTheListedProviders() public {
        IArbitrageExecutor.Hop[] memory route = _twoHopRoute();
        uint256 amount = 25e18;
        uint256 fee = bank.flashFee(address(weth), amount);
        uint256 profit = _quote(address(weth), amount, route) - amount - fee;
        // lp2 (20) cannot cover 25 alone, so the greedy pull takes 20 from lp2 and 5 from lp1; lp0 is not listed.
        address[] memory providers = new address[](2);
        providers[0] = lps[2];
        providers[1] = lps[1];

        vm.prank(service);
        executor.execute(address(bank), address(weth), amount, providers, route, 0);

        assertEq(weth.balanceOf(service), profit, "profit reached the owner");
        _assertProvidersWhole(fee);
        assertEq(bank.profitOf(address(weth), lps[0]), 0, "an unlisted provider earns nothing");
        assertGt(bank.profitOf(address(weth), lps[1]), 0, "second listed provider lent the rest");
        assertGt(bank.profitOf(address(weth), lps[2]), bank.profitOf(address(weth), lps[1]), "the first lent the most");
        _assertNothingLeftBehind();
    }

    function test_ProfitExcludesTokensTheExecutorAlreadyHeld() public {
        IArbitrageExecutor.Hop[] memory route = _twoHopRoute();
        uint256 amount = 5e18;
        uint256 profit = _quote(address(weth), amount, route) - amount - bank.flashFee(address(weth), amount);
        weth.mint(address(executor), 1e18);

        vm.prank(service);
        executor.execute(address(bank), address(weth), amount, new address[](0), route, 0);

        assertEq(weth.balanceOf(service), profit, "only the route's profit is paid out");
        assertEq(weth.balanceOf(address(executor)), 1e18, "what was already held stays for sweep");
    }

    function test_ThreeHopCycle() public {
        IArbitrageExecutor.Hop[] memory route = _threeHopRoute();
        uint256 amount = 3e18;
        uint256 fee = bank.flashFee(address(weth), amount);
        uint256 profit = _quote(address(weth), amount, route) - amount - fee;
        uint256 tkaBefore = tka.balanceOf(address(tkaTkb));

        vm.expectEmit(address(executor));
        emit IArbitrageExecutor.Executed(address(bank), address(weth), amount, fee, profit);
        vm.prank(service);
        executor.execute(address(bank), address(weth), amount, new address[](0), route, profit);

        assertEq(weth.balanceOf(service), profit, "profit reached the owner");
        assertGt(tka.balanceOf(address(tkaTkb)), tkaBefore, "the middle pair was paid by the first");
        _assertProvidersWhole(fee);
        _assertNothingLeftBehind();
    }

    function test_ThreeHopCycleThroughFlashLoanFrom() public {
        IArbitrageExecutor.Hop[] memory route = _threeHopRoute();
        uint256 amount = 3e18;
        uint256 fee = bank.flashFee(address(weth), amount);
        uint256 profit = _quote(address(weth), amount, route) - amount - fee;
        address[] memory providers = new address[](1);
        providers[0] = lps[0];

        vm.prank(service);
        executor.execute(address(bank), address(weth), amount, providers, route, 0);

        assertEq(weth.balanceOf(service), profit, "profit reached the owner");
        assertEq(bank.profitOf(address(weth), lps[0]), fee, "the one provider earned the whole fee");
        _assertProvidersWhole(fee);
    }

    function testFuzz_ProfitIsTheExactQuote(uint256 amount, bool threeHops) public {
        amount = bound(amount, 1e15, 60e18);
        IArbitrageExecutor.Hop[] memory route = threeHops ? _threeHopRoute() : _twoHopRoute();
        uint256 owed = amount + bank.flashFee(address(weth), amount);
        uint256 out = _quote(address(weth), amount, route);
        if (out < owed) {
            vm.expectRevert(
                abi.encodeWithSelector(IArbitrageExecutor.InsufficientProfit.selector, _signed(out, owed), uint256(0))
            );
        }
        vm.prank(service);
        executor.execute(address(bank), address(weth), amount, new address[](0), route, 0);
        if (out >= owed) assertEq(weth.balanceOf(service), out - owed, "profit is the exact integer quote");
    }

    // ---------------------------------------------------------------- unprofitable cycles

    function test_RevertWhen_PricesAreFair() public {
        IArbitrageExecutor.Hop[] memory route = new IArbitrageExecutor.Hop[](2);
        route[0] = _hop(wethTka, address(weth));
        route[1] = _hop(wethTkaFair, address(tka));
        uint256 amount = 1e18;
        uint256 owed = amount + bank.flashFee(address(weth), amount);
        uint256 out = _quote(address(weth), amount, route);
        assertLt(out, owed, "fair pools lose the swap fees");

        vm.expectRevert(
            abi.encodeWithSelector(IArbitrageExecutor.InsufficientProfit.selector, _signed(out, owed), uint256(0))
        );
        vm.prank(service);
        executor.execute(address(bank), address(weth), amount, new address[](0), route, 0);
    }

    function test_RevertWhen_ProfitIsBelowTheMinimum() public {
        IArbitrageExecutor.Hop[] memory route = _twoHopRoute();
        uint256 amount = 5e18;
        uint256 profit = _quote(address(weth), amount, route) - amount - bank.flashFee(address(weth), amount);

        vm.expectRevert(
            abi.encodeWithSelector(IArbitrageExecutor.InsufficientProfit.selector, _signed(profit, 0), profit + 1)
        );
        vm.prank(service);
        executor.execute(address(bank), address(weth), amount, new address[](0), route, profit + 1);
    }

    function test_RevertWhen_CycleRunsTheWrongWay() public {
        // Selling WETH where it is cheap and buying it back where it is dear.
        IArbitrageExecutor.Hop[] memory route = new IArbitrageExecutor.Hop[](2);
        route[0] = _hop(cheapWethPair, address(weth));
        route[1] = _hop(dearWethPair, address(usdc));
        uint256 amount = 5e18;
        uint256 owed = amount + bank.flashFee(address(weth), amount);
        uint256 out = _quote(address(weth), amount, route);

        vm.expectRevert(
            abi.encodeWithSelector(IArbitrageExecutor.InsufficientProfit.selector, _signed(out, owed), uint256(0))
        );
        vm.prank(service);
        executor.execute(address(bank), address(weth), amount, new address[](0), route, 0);
    }

    // ---------------------------------------------------------------- validation

    function test_RevertWhen_AmountIsZero() public {
        IArbitrageExecutor.Hop[] memory route = _twoHopRoute();
        vm.expectRevert(IArbitrageExecutor.ZeroAmount.selector);
        vm.prank(service);
        executor.execute(address(bank), address(weth), 0, new address[](0), route, 0);
    }

    function test_RevertWhen_LenderIsZero() public {
        IArbitrageExecutor.Hop[] memory route = _twoHopRoute();
        vm.expectRevert(IArbitrageExecutor.ZeroAddress.selector);
        vm.prank(service);
        executor.execute(address(0), address(weth), 1e18, new address[](0), route, 0);
    }

    function test_RevertWhen_RouteIsEmpty() public {
        vm.expectRevert(IArbitrageExecutor.EmptyRoute.selector);
        vm.prank(service);
        executor.execute(address(bank), address(weth), 1e18, new address[](0), new IArbitrageExecutor.Hop[](0), 0);
    }

    function test_RevertWhen_RouteStartsInAnotherToken() public {
        IArbitrageExecutor.Hop[] memory route = new IArbitrageExecutor.Hop[](2);
        route[0] = _hop(dearWethPair, address(usdc));
        route[1] = _hop(cheapWethPair, address(weth));
        vm.expectRevert(
            abi.encodeWithSelector(IArbitrageExecutor.RouteStartMismatch.selector, address(weth), address(usdc))
        );
        vm.prank(service);
        executor.execute(address(bank), address(weth), 1e18, new address[](0), route, 0);
    }

    function test_RevertWhen_RouteEndsInAnotherToken() public {
        IArbitrageExecutor.Hop[] memory route = new IArbitrageExecutor.Hop[](2);
        route[0] = _hop(wethTka, address(weth));
        route[1] = _hop(tkaTkb, address(tka));
        vm.expectRevert(
            abi.encodeWithSelector(IArbitrageExecutor.RouteEndMismatch.selector, address(weth), address(tkb))
        );
        vm.prank(service);
        executor.execute(address(bank), address(weth), 1e18, new address[](0), route, 0);
    }

    function test_RevertWhen_ConstructedWithoutAnOwner() public {
        vm.expectRevert(IArbitrageExecutor.ZeroAddress.selector);
        new ArbitrageExecutor(address(0));
    }

    // ---------------------------------------------------------------- who may call

    function test_RevertWhen_StrangerExecutes() public {
        IArbitrageExecutor.Hop[] memory route = _twoHopRoute();
        vm.expectRevert(abi.encodeWithSelector(IArbitrageExecutor.NotOwner.selector, stranger));
        vm.prank(stranger);
        executor.execute(address(bank), address(weth), 1e18, new address[](0), route, 0);
    }

    function test_RevertWhen_OnFlashLoanIsCalledDirectly() public {
        bytes memory data = abi.encode(_twoHopRoute(), uint256(0));
        vm.expectRevert(abi.encodeWithSelector(IArbitrageExecutor.UntrustedLender.selector, stranger));
        vm.prank(stranger);
        executor.onFlashLoan(address(executor), address(weth), 1e18, 0, data);
    }

    function test_RevertWhen_BankLendsToTheExecutorForAStranger() public {
        // Anyone can make the bank lend to the executor; the executor is not borrowing, so it refuses the callback.
        bytes memory data = abi.encode(_twoHopRoute(), uint256(0));
        vm.expectRevert(abi.encodeWithSelector(IArbitrageExecutor.UntrustedLender.selector, address(bank)));
        vm.prank(stranger);
        bank.flashLoan(IERC3156FlashBorrower(address(executor)), address(weth), 1e18, data);
    }

    function test_RevertWhen_LenderReportsAForeignInitiator() public {
        IArbitrageExecutor.Hop[] memory route = _twoHopRoute();
        MisbehavingLender lender = _misbehavingLender(MisbehavingLender.Mode.ForeignInitiator);
        vm.expectRevert(abi.encodeWithSelector(IArbitrageExecutor.UntrustedInitiator.selector, stranger));
        vm.prank(service);
        executor.execute(address(lender), address(weth), 1e18, new address[](0), route, 0);
    }

    function test_RevertWhen_LenderCallsBackTwice() public {
        IArbitrageExecutor.Hop[] memory route = _twoHopRoute();
        MisbehavingLender lender = _misbehavingLender(MisbehavingLender.Mode.DoubleCallback);
        vm.expectRevert(abi.encodeWithSelector(IArbitrageExecutor.UntrustedLender.selector, address(lender)));
        vm.prank(service);
        executor.execute(address(lender), address(weth), 1e18, new address[](0), route, 0);
    }

    function test_RevertWhen_LenderNeverCallsBack() public {
        IArbitrageExecutor.Hop[] memory route = _twoHopRoute();
        MisbehavingLender lender = _misbehavingLender(MisbehavingLender.Mode.NoCallback);
        vm.expectRevert(abi.encodeWithSelector(IArbitrageExecutor.LoanNotReceived.selector, address(lender)));
        vm.prank(service);
        executor.execute(address(lender), address(weth), 1e18, new address[](0), route, 0);
    }

    // ---------------------------------------------------------------- owner

    function test_SweepSendsTokensHeldByTheExecutor() public {
        usdc.mint(address(executor), 7e18);
        vm.expectEmit(address(executor));
        emit IArbitrageExecutor.Swept(address(usdc), stranger, 7e18);
        vm.prank(service);
        executor.sweep(address(usdc), stranger, 7e18);
        assertEq(usdc.balanceOf(stranger), 7e18, "swept");
        assertEq(usdc.balanceOf(address(executor)), 0, "nothing left");
    }

    function test_RevertWhen_StrangerSweeps() public {
        usdc.mint(address(executor), 7e18);
        vm.expectRevert(abi.encodeWithSelector(IArbitrageExecutor.NotOwner.selector, stranger));
        vm.prank(stranger);
        executor.sweep(address(usdc), stranger, 7e18);
    }

    function test_RevertWhen_SweepingMoreThanIsHeld() public {
        usdc.mint(address(executor), 7e18);
        vm.expectRevert(
            abi.encodeWithSelector(IArbitrageExecutor.TransferFailed.selector, address(usdc), service, 8e18)
        );
        vm.prank(service);
        executor.sweep(address(usdc), service, 8e18);
    }

    function test_OwnershipMovesInTwoSteps() public {
        IArbitrageExecutor.Hop[] memory route = _twoHopRoute();
        address next = makeAddr("next service");
        vm.prank(service);
        executor.transferOwnership(next);
        assertEq(executor.owner(), service, "unchanged until accepted");
        assertEq(executor.pendingOwner(), next, "pending");

        vm.expectEmit(address(executor));
        emit IArbitrageExecutor.OwnershipTransferred(service, next);
        vm.prank(next);
        executor.acceptOwnership();
        assertEq(executor.owner(), next, "moved");
        assertEq(executor.pendingOwner(), address(0), "cleared");

        vm.expectRevert(abi.encodeWithSelector(IArbitrageExecutor.NotOwner.selector, service));
        vm.prank(service);
        executor.execute(address(bank), address(weth), 1e18, new address[](0), route, 0);
    }

    function test_RevertWhen_SomeoneElseAcceptsOwnership() public {
        vm.prank(service);
        executor.transferOwnership(makeAddr("next service"));
        vm.expectRevert(abi.encodeWithSelector(IArbitrageExecutor.NotPendingOwner.selector, stranger));
        vm.prank(stranger);
        executor.acceptOwnership();
    }

    function test_RevertWhen_StrangerTransfersOwnership() public {
        vm.expectRevert(abi.encodeWithSelector(IArbitrageExecutor.NotOwner.selector, stranger));
        vm.prank(stranger);
        executor.transferOwnership(stranger);
    }

    // ---------------------------------------------------------------- helpers

    function _deployBank() internal returns (FlashBank) {
        return new FlashBank(address(this));
    }

    function _misbehavingLender(MisbehavingLender.Mode mode) internal returns (MisbehavingLender lender) {
        lender = new MisbehavingLender();
        lender.setMode(mode, stranger);
        weth.mint(address(lender), 10e18);
    }

    function _twoHopRoute() internal view returns (IArbitrageExecutor.Hop[] memory route) {
        route = new IArbitrageExecutor.Hop[](2);
        route[0] = _hop(dearWethPair, address(weth));
        route[1] = _hop(cheapWethPair, address(usdc));
    }

    function _threeHopRoute() internal view returns (IArbitrageExecutor.Hop[] memory route) {
        route = new IArbitrageExecutor.Hop[](3);
        route[0] = _hop(wethTka, address(weth));
        route[1] = _hop(tkaTkb, address(tka));
        route[2] = _hop(tkbWeth, address(tkb));
    }

    function _hop(IUniswapV2PairFull pair, address tokenIn) internal view returns (IArbitrageExecutor.Hop memory) {
        return IArbitrageExecutor.Hop({pair: address(pair), zeroForOne: pair.token0() == tokenIn});
    }

    /// @dev What `route` pays out for `amountIn` of `token` at the current reserves, per Uniswap V2's formula.
    function _quote(address token, uint256 amountIn, IArbitrageExecutor.Hop[] memory route)
        internal
        view
        returns (uint256 amount)
    {
        amount = amountIn;
        address tokenIn = token;
        for (uint256 i; i < route.length; ++i) {
            IUniswapV2PairFull pair = IUniswapV2PairFull(route[i].pair);
            (uint112 r0, uint112 r1,) = pair.getReserves();
            bool zeroForOne = pair.token0() == tokenIn;
            assertEq(zeroForOne, route[i].zeroForOne, "route chains");
            (uint256 reserveIn, uint256 reserveOut) =
                zeroForOne ? (uint256(r0), uint256(r1)) : (uint256(r1), uint256(r0));
            amount = (amount * 997 * reserveOut) / (reserveIn * 1000 + amount * 997);
            tokenIn = zeroForOne ? pair.token1() : pair.token0();
        }
        assertEq(tokenIn, token, "route is a cycle");
    }

    /// @dev `a - b` as the executor reports it in `InsufficientProfit`.
    function _signed(uint256 a, uint256 b) internal pure returns (int256) {
        // casting to 'int256' is safe because both are token amounts far below 2^255
        // forge-lint: disable-next-line(unsafe-typecast)
        return int256(a) - int256(b);
    }

    /// @dev Every provider has its whole stake back in its wallet and the fee was credited in full.
    function _assertProvidersWhole(uint256 fee) internal view {
        uint256 credited;
        for (uint256 i; i < lps.length; ++i) {
            assertEq(weth.balanceOf(lps[i]), lpStakes[i], "provider's WETH is back");
            credited += bank.profitOf(address(weth), lps[i]);
        }
        assertEq(credited, fee, "the whole fee was credited to providers");
        assertGt(fee, 0, "a fee was charged");
    }

    function _assertNothingLeftBehind() internal view {
        assertEq(weth.balanceOf(address(executor)), 0, "executor keeps no WETH");
        assertEq(weth.allowance(address(executor), address(bank)), 0, "no allowance left to the bank");
    }
}
