// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {PoolFixture} from "./PoolFixture.sol";
import {PoolHandler} from "./PoolHandler.sol";
import {MockERC20} from "../../mocks/MockERC20.sol";
import {IFlashSwapPool} from "../../../src/lending/interfaces/IFlashSwapPool.sol";

/// @title Invariants of the lending pool under random actions (through `PoolHandler`): solvency, monotone indexes,
/// no action by an unhealthy account, flash loans that only pay fees, liquidations that never hurt.
/// @dev The short campaign runs with the default profile (48 runs × 150 calls); `FOUNDRY_PROFILE=deep` runs
/// 2,000 × 500 = 10^6 calls (foundry.toml's `[profile.deep.invariant]`; the inline runs/depth here are the default
/// profile's only).
contract PoolInvariantTest is PoolFixture {
    PoolHandler internal handler;
    MockERC20[] internal list;

    function setUp() public override {
        super.setUp();
        list.push(weth);
        list.push(usdc);
        list.push(wbtc);
        address[] memory actors = new address[](4);
        actors[0] = alice;
        actors[1] = bob;
        actors[2] = carol;
        actors[3] = address(0xD0D0);
        _fund(actors[3]);
        handler = new PoolHandler(pool, oracle, list, actors);
        targetContract(address(handler));
    }

    /// @notice Σ depositors' and the treasury's claims ≤ cash + total debt, per reserve (claims round down, debt as
    /// booked).
    /// @notice Every rule after every call of one deep campaign (liquidations need ~100 calls of set-up: deposits,
    /// borrows near the LTV, price moves), so the rules share it rather than each running its own.
    /// forge-config: default.invariant.runs = 48
    /// forge-config: default.invariant.depth = 150
    /// forge-config: deep.invariant.runs = 2000
    /// forge-config: deep.invariant.depth = 500
    function invariant_AllHold() public view {
        _checkSolvent();
        _checkIndexes();
        _checkUnhealthy();
        _checkFlash();
        _checkLiquidations();
        _checkCash();
        _checkBooks();
    }

    function _checkSolvent() internal view {
        for (uint256 i; i < list.length; ++i) {
            address t = address(list[i]);
            IFlashSwapPool.ReserveData memory d = pool.reserveData(t);
            uint256 claims = (fToken(list[i]).scaledTotalSupply() + d.accruedToTreasury) * d.liquidityIndexRay / RAY;
            uint256 debt = d.totalScaledVariableDebt * d.variableBorrowIndexRay / RAY + d.totalStableDebt;
            assertLe(claims, d.cash + debt, "claims <= cash + debt");
        }
    }

    function _checkIndexes() internal view {
        assertEq(handler.indexBreaks(), 0, "indexes never decrease");
    }

    function _checkUnhealthy() internal view {
        assertEq(handler.unhealthyActionBreaks(), 0, "HF < 1 cannot borrow, redeem or transfer collateral");
    }

    function _checkFlash() internal view {
        assertEq(handler.flashBreaks(), 0, "a flash loan moves depositors' claims by the fee only");
    }

    function _checkLiquidations() internal view {
        assertEq(handler.liquidationBreaks(), 0, "liquidations never lower HF below 1");
    }

    /// @notice The books add up: every reserve's fToken supply is exactly the scaled units its holders (the actors and
    /// the treasury, the only accounts that can hold any) own, and its variable debt is what the borrowers owe — each
    /// borrower's debt rounds up, so the sum lies within one unit per borrower above the total × index (rounded down).
    function _checkBooks() internal view {
        address[] memory actors = new address[](handler.actorCount());
        for (uint256 a; a < actors.length; ++a) {
            actors[a] = handler.actors(a);
        }
        for (uint256 i; i < list.length; ++i) {
            address t = address(list[i]);
            uint256 scaled = fToken(list[i]).scaledBalanceOf(pool.treasury());
            uint256 owed;
            for (uint256 a; a < actors.length; ++a) {
                scaled += fToken(list[i]).scaledBalanceOf(actors[a]);
                owed += pool.variableDebtOf(t, actors[a]);
            }
            assertEq(scaled, fToken(list[i]).scaledTotalSupply(), "fToken supply = the holders' scaled units");
            uint256 total = pool.reserveData(t).totalScaledVariableDebt * pool.variableBorrowIndexNow(t) / RAY;
            assertGe(owed, total, "borrowers owe at least the reserve's variable debt");
            assertLe(owed, total + actors.length, "and at most one unit each more");
        }
    }

    function _checkCash() internal view {
        assertEq(handler.cashBreaks(), 0, "the pool holds at least its booked cash");
    }
}
