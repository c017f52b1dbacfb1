// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {PoolFixture} from "./PoolFixture.sol";
import {MockERC20} from "../../mocks/MockERC20.sol";
import {FeeOnTransferToken} from "../../mocks/FeeOnTransferToken.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IReserveGovernance} from "../../../src/lending/interfaces/IReserveGovernance.sol";
import {IFlashSwapPool} from "../../../src/lending/interfaces/IFlashSwapPool.sol";
import {IPriceOracle} from "../../../src/lending/interfaces/IPriceOracle.sol";
import {PoolErrors} from "../../../src/lending/libraries/PoolErrors.sol";
import {ReserveParamsCodec} from "../../../src/lending/libraries/ReserveParamsCodec.sol";
import {PoolTypes} from "../../../src/lending/libraries/PoolTypes.sol";

/// @title Governance of the pool: listing (and what it refuses), parameters, status, oracle, treasury, the reserve
/// governor's bounded decisions, and the treasury's mint.
contract PoolAdminTest is PoolFixture {
    function test_ListingDeploysAnFTokenAndEmits() public {
        MockERC20 dai = new MockERC20("Dai", "DAI", 18);
        dai.mint(address(this), 1e16);
        dai.approve(address(pool), type(uint256).max);
        vm.expectEmit(true, false, false, false, address(pool));
        emit IFlashSwapPool.ReserveListed(address(dai), address(0), 18);
        pool.listReserve(address(dai), defaultParams());
        IFlashSwapPool.ReserveData memory d = pool.reserveData(address(dai));
        assertTrue(d.active, "active");
        assertEq(d.liquidityIndexRay, RAY, "index 1");
        assertEq(fToken(dai).UNDERLYING_ASSET(), address(dai), "fToken's asset");
        assertEq(fToken(dai).decimals(), 18, "decimals");
        assertEq(pool.reservesList().length, 4, "four reserves");
        assertEq(dai.balanceOf(address(this)), 1e16, "the probe came back");
        assertEq(pool.reserveParams(address(dai)).ltvBps, 7500, "params stored");
    }

    function test_RevertWhen_ListingAFeeOnTransferToken() public {
        FeeOnTransferToken taxed = new FeeOnTransferToken(100); // 1 %
        taxed.mint(address(this), 1e18);
        taxed.approve(address(pool), type(uint256).max);
        uint256 probe = pool.probeAmount(18);
        vm.expectRevert(abi.encodeWithSelector(PoolErrors.FeeOnTransferRefused.selector, address(taxed), probe,
            probe - probe / 100));
        pool.listReserve(address(taxed), defaultParams());
    }

    function test_RevertWhen_ListingANonContractTwiceOrByAStranger() public {
        vm.expectRevert(abi.encodeWithSelector(PoolErrors.NotAContract.selector, address(0xBEEF)));
        pool.listReserve(address(0xBEEF), defaultParams());
        vm.expectRevert(abi.encodeWithSelector(PoolErrors.ReserveAlreadyListed.selector, address(usdc)));
        pool.listReserve(address(usdc), defaultParams());
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, alice));
        pool.listReserve(address(usdc), defaultParams());
    }

    function test_RevertWhen_ParamsOutOfLimits() public {
        IFlashSwapPool.ReserveParams memory p = defaultParams();
        p.optimalUtilizationRay = RAY;
        vm.expectRevert(abi.encodeWithSelector(ReserveParamsCodec.InvalidReserveParam.selector, "optimalUtilizationRay", RAY));
        pool.setReserveParams(address(usdc), p);
        p = defaultParams();
        p.ltvBps = 8100;
        vm.expectRevert(abi.encodeWithSelector(ReserveParamsCodec.InvalidReserveParam.selector, "ltvBps", 8100));
        pool.setReserveParams(address(usdc), p);
        p = defaultParams();
        p.variableSlope2Ray = 11e27;
        vm.expectRevert(abi.encodeWithSelector(ReserveParamsCodec.InvalidReserveParam.selector, "variableSlope2Ray", 11e27));
        pool.setReserveParams(address(usdc), p);
        p = defaultParams();
        p.liquidationThresholdBps = 9600; // 96 % · 105 % > 100 %
        vm.expectRevert(abi.encodeWithSelector(ReserveParamsCodec.InvalidReserveParam.selector, "liquidationThresholdBps", 9600));
        pool.setReserveParams(address(usdc), p);
    }

    function test_SetReserveParamsRecomputesRates() public {
        _deposit(alice, weth, 100e18);
        _deposit(bob, usdc, 1_000_000e6);
        _borrow(alice, usdc, 100_000e6);
        IFlashSwapPool.ReserveParams memory p = defaultParams();
        p.baseVariableRateRay = 0.01e27;
        vm.expectEmit(address(pool));
        emit IFlashSwapPool.ReserveParamsSet(address(usdc), p);
        pool.setReserveParams(address(usdc), p);
        assertApproxEqAbs(pool.reserveData(address(usdc)).currentVariableRateRay, 0.015e27, 1, "base + U/Uopt slope");
    }

    function test_StatusOracleTreasuryAndOwnership() public {
        vm.expectEmit(address(pool));
        emit IFlashSwapPool.ReserveStatusSet(address(usdc), true, true, true);
        pool.setReserveStatus(address(usdc), true, true, true);
        assertTrue(pool.reserveData(address(usdc)).paused, "paused");
        pool.setOracle(IPriceOracle(address(0x0A)));
        assertEq(address(pool.oracle()), address(0x0A), "oracle");
        pool.setTreasury(address(0x0B));
        assertEq(pool.treasury(), address(0x0B), "treasury");
        vm.expectRevert(PoolErrors.ZeroAddress.selector);
        pool.setTreasury(address(0));
        pool.transferOwnership(alice);
        assertEq(pool.owner(), alice, "one step: the timelock takes it in the governance deployment's own transaction");
        vm.prank(address(this));
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(this)));
        pool.setTreasury(address(0x0C));
    }

    function test_ReserveGovernorDecidesWithinTheOwnersBounds() public {
        address governor = address(0x60F);
        pool.setReserveGovernor(governor);
        assertEq(pool.reserveGovernor(), governor, "governor named");
        // Listing pins the bounds to the listed values: nothing moves until protocol governance widens them.
        vm.prank(governor);
        vm.expectRevert(abi.encodeWithSelector(IReserveGovernance.PoolDecisionOutOfBounds.selector, address(usdc), 0.85e27, 30,
            0.8e27, 0.8e27, 9));
        pool.setPoolDecision(address(usdc), 0.85e27, 30);
        pool.setPoolDecisionBounds(address(usdc), 0.7e27, 0.9e27, 30);
        (uint256 minU, uint256 maxU, uint16 maxFee) = pool.poolDecisionBounds(address(usdc));
        assertEq(minU, 0.7e27, "min stored");
        assertEq(maxU, 0.9e27, "max stored");
        assertEq(maxFee, 30, "fee bound stored");
        vm.prank(governor);
        pool.setPoolDecision(address(usdc), 0.85e27, 30);
        assertEq(pool.reserveParams(address(usdc)).optimalUtilizationRay, 0.85e27, "uopt set");
        assertEq(pool.flashFee(address(usdc), 10_000), 30, "fee set");
        vm.prank(governor);
        vm.expectRevert(abi.encodeWithSelector(IReserveGovernance.PoolDecisionOutOfBounds.selector, address(usdc), 0.95e27, 30,
            0.7e27, 0.9e27, 30));
        pool.setPoolDecision(address(usdc), 0.95e27, 30);
        vm.prank(governor);
        vm.expectRevert(abi.encodeWithSelector(IReserveGovernance.PoolDecisionOutOfBounds.selector, address(usdc), 0.8e27, 31,
            0.7e27, 0.9e27, 30));
        pool.setPoolDecision(address(usdc), 0.8e27, 31);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(PoolErrors.NotReserveGovernor.selector, address(usdc), alice));
        pool.setPoolDecision(address(usdc), 0.8e27, 1);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, alice));
        pool.setPoolDecisionBounds(address(usdc), 0.1e27, 0.9e27, 30);
        vm.expectRevert(abi.encodeWithSelector(IReserveGovernance.InvalidPoolDecisionBounds.selector, 0.9e27, 0.7e27, 30));
        pool.setPoolDecisionBounds(address(usdc), 0.9e27, 0.7e27, 30);
        pool.setPoolDecisionBounds(address(usdc), 0, 0, 0);
        vm.prank(governor);
        vm.expectRevert(abi.encodeWithSelector(IReserveGovernance.PoolDecisionOutOfBounds.selector, address(usdc), 0.8e27, 1, 0, 0, 0));
        pool.setPoolDecision(address(usdc), 0.8e27, 1);
    }

    function test_MintToTreasuryMintsTheAccruedUnits() public {
        _deposit(alice, weth, 1000e18);
        _deposit(bob, usdc, 1_000_000e6);
        _borrow(alice, usdc, 500_000e6);
        vm.warp(block.timestamp + 365 days);
        address[] memory assets = new address[](1);
        assets[0] = address(usdc);
        pool.mintToTreasury(assets);
        uint256 debtInterest = pool.variableDebtOf(address(usdc), alice) - 500_000e6;
        assertApproxEqAbs(fToken(usdc).balanceOf(treasury), debtInterest / 10, 2, "10 % of the interest");
        assertEq(pool.reserveData(address(usdc)).accruedToTreasury, 0, "nothing left to mint");
    }
}
