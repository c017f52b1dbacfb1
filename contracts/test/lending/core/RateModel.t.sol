// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Test} from "../../utils/Test.sol";
import {RateModel} from "../../../src/lending/libraries/RateModel.sol";

/// @title The kinked model: shape, continuity, monotonicity, the corrected supply rate and the average stable rate.
contract RateModelTest is Test {
    uint256 internal constant RAY = 1e27;

    function _curve() internal pure returns (RateModel.Curve memory c) {
        c = RateModel.Curve(0.8e27, 0.01e27, 0.04e27, 0.75e27, 0.05e27, 0.02e27, 0.6e27);
    }

    function test_KinkedAtZeroOptimumAndFull() public pure {
        assertEq(RateModel.kinked(0, 0.8e27, 0.01e27, 0.04e27, 0.75e27), 0.01e27, "base at U = 0");
        assertEq(RateModel.kinked(0.8e27, 0.8e27, 0.01e27, 0.04e27, 0.75e27), 0.05e27, "base + slope1 at the kink");
        assertEq(RateModel.kinked(RAY, 0.8e27, 0.01e27, 0.04e27, 0.75e27), 0.8e27, "base + slope1 + slope2 at U = 1");
        assertEq(RateModel.kinked(0.4e27, 0.8e27, 0.01e27, 0.04e27, 0.75e27), 0.03e27, "halfway to the kink");
        assertEq(RateModel.kinked(0.9e27, 0.8e27, 0.01e27, 0.04e27, 0.75e27), 0.425e27, "halfway past the kink");
    }

    function testFuzz_KinkedIsMonotoneInUtilization(uint256 u1, uint256 u2) public pure {
        u1 = bound(u1, 0, RAY);
        u2 = bound(u2, u1, RAY);
        RateModel.Curve memory c = _curve();
        uint256 r1 = RateModel.kinked(u1, c.optimalUtilizationRay, c.baseVariableRateRay, c.variableSlope1Ray, c.variableSlope2Ray);
        uint256 r2 = RateModel.kinked(u2, c.optimalUtilizationRay, c.baseVariableRateRay, c.variableSlope1Ray, c.variableSlope2Ray);
        assertLe(r1, r2, "higher utilisation never lowers the rate");
    }

    /// @notice Suppliers never receive more than borrowers pay less the reserve factor: supply·(cash + Bt) ≤
    /// (Bv·Rv + Bs·Rs)·(1 − rf); and the paper's Ro/U would break it whenever U < 1.
    function testFuzz_SupplyRateIsPaidForByBorrowers(uint64 bv, uint64 bs, uint64 cash, uint256 avg, uint16 rf) public pure {
        rf = uint16(bound(rf, 0, 10_000));
        avg = bound(avg, 0, 2e27);
        vm.assume(uint256(bv) + bs > 0);
        RateModel.Rates memory r = RateModel.rates(_curve(), bv, bs, avg, cash, rf);
        uint256 paid = (uint256(bv) * r.variableRateRay + uint256(bs) * avg) * (10_000 - rf) / 10_000;
        uint256 received = r.liquidityRateRay * (uint256(cash) + bv + bs);
        assertLe(received, paid, "suppliers get no more than borrowers pay");
        if (cash > 0 && rf == 0) {
            uint256 overall = (uint256(bv) * r.variableRateRay + uint256(bs) * avg) / (uint256(bv) + bs);
            uint256 u = (uint256(bv) + bs) * RAY / (uint256(cash) + bv + bs);
            if (u > 0 && u < RAY && overall > 0) {
                uint256 paperRate = overall * RAY / u; // the paper's borrow_rate / U
                assertGe(paperRate * (uint256(cash) + bv + bs) + RAY, paid, "the paper's rate would overpay");
            }
        }
    }

    function test_AverageStableRateOfBorrowsAndRepayments() public pure {
        uint256 avg = RateModel.averageAfterBorrow(0, 0, 100e6, 0.05e27);
        assertEq(avg, 0.05e27, "one borrow");
        avg = RateModel.averageAfterBorrow(100e6, avg, 300e6, 0.09e27);
        assertEq(avg, 0.08e27, "(100*5 % + 300*9 %) / 400");
        avg = RateModel.averageAfterRepay(400e6, avg, 300e6, 0.09e27);
        assertEq(avg, 0.05e27, "repaying the 9 % borrow leaves 5 %");
        assertEq(RateModel.averageAfterRepay(100e6, avg, 100e6, 0.05e27), 0, "nothing left");
    }

    function test_UtilizationRoundsBothWays() public pure {
        assertEq(RateModel.utilization(1, 2, true), RAY / 3 + 1, "up");
        assertEq(RateModel.utilization(1, 2, false), RAY / 3, "down");
        assertEq(RateModel.utilization(0, 5, true), 0, "no debt");
    }
}
