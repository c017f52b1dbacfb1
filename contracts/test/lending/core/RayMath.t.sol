// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Test} from "../../utils/Test.sol";
import {RayMath} from "../../../src/lending/libraries/RayMath.sol";

/// @title RayMath: rounding directions, and the compounding factor against exponentiation by squaring.
contract RayMathTest is Test {
    uint256 internal constant RAY = 1e27;

    function testFuzz_RoundingDirectionsBracketTheQuotient(uint128 a, uint128 b) public pure {
        vm.assume(b != 0);
        uint256 down = RayMath.rayDivDown(a, b);
        uint256 up = RayMath.rayDivUp(a, b);
        assertLe(down * b, uint256(a) * RAY, "floor times b does not exceed a*RAY");
        assertGe(up * b, uint256(a) * RAY, "ceil times b reaches a*RAY");
        assertLe(up - down, 1, "ceil is at most floor + 1");
        uint256 mDown = RayMath.rayMulDown(a, b);
        uint256 mUp = RayMath.rayMulUp(a, b);
        assertEq(mDown, uint256(a) * b / RAY, "rayMulDown is the floor");
        assertEq(mUp, (uint256(a) * b + RAY - 1) / RAY, "rayMulUp is the ceiling");
    }

    function test_PerSecondRoundsUpForBorrowAndDownForSupply() public pure {
        assertEq(RayMath.perSecondUp(365 days + 1), 2, "up");
        assertEq(RayMath.perSecondDown(365 days * 2 - 1), 1, "down");
    }

    function test_CompoundOfZeroRateOrTimeIsOne() public pure {
        assertEq(RayMath.compound(0, 1000), RAY, "zero rate");
        assertEq(RayMath.compound(1e20, 0), RAY, "zero time");
        assertEq(RayMath.compound(7, 1), RAY + 7, "one second is 1 + r");
    }

    /// @notice (1 + r)^2 = 1 + 2r + r² exactly, and (1+r)^3 likewise: the binomial steps are right.
    function testFuzz_CompoundMatchesClosedFormForTwoAndThreeSeconds(uint64 r) public pure {
        uint256 rr = uint256(r) * 1e6;
        uint256 two = RAY + 2 * rr + rr * rr / RAY;
        assertEq(RayMath.compound(rr, 2), two, "(1+r)^2");
        uint256 three = RAY + 3 * rr + 3 * rr * rr / RAY + rr * rr / RAY * rr / RAY;
        assertApproxEqAbs(RayMath.compound(rr, 3), three, 2, "(1+r)^3");
        assertLe(RayMath.compound(rr, 3), three + 1, "never above");
    }

    /// @notice The stated bound: never above the exact factor, and below it by at most exact/1e18 + terms wei,
    /// for rates up to 1000 %/year and dt from 1 s to 10 years.
    function testFuzz_CompoundWithinStatedBoundOfExact(uint256 yearlyRate, uint256 dt) public pure {
        yearlyRate = bound(yearlyRate, 1, 10e27);
        dt = bound(dt, 1, 10 * 365 days);
        uint256 r = RayMath.perSecondUp(yearlyRate);
        uint256 approx = RayMath.compound(r, dt);
        uint256 exact = RayMath.compoundExact(r, dt);
        // the reference floors ~60 times at 1e-30: allow it exact/1e20 of its own error above
        assertLe(approx, exact + exact / 1e20 + 1, "never above the exact factor");
        uint256 x = r * dt / RAY;
        uint256 allowed = exact / 1e18 + x + 64;
        assertLe(exact > approx ? exact - approx : 0, allowed, "below by at most exact/1e18 + K wei");
    }

    function test_CompoundTenYearsAtOneThousandPercentDoesNotOverflow() public pure {
        uint256 r = RayMath.perSecondUp(10e27);
        uint256 f = RayMath.compound(r, 10 * 365 days);
        // e^100 ≈ 2.688e43
        assertGt(f, 2.68e43 * RAY, "about e^100");
        assertLt(f, 2.70e43 * RAY, "about e^100");
    }

    /// @notice Aave's three-term expansion under-accrues badly at large r·dt; ours does not (reference check).
    function test_CompoundBeatsThreeTermsAfterAYearAtHundredPercent() public pure {
        uint256 r = RayMath.perSecondUp(1e27);
        uint256 dt = 365 days;
        uint256 exact = RayMath.compoundExact(r, dt); // ≈ e
        uint256 x = r * dt;
        uint256 three = RAY + x + x * x / RAY / 2 + x * x / RAY * x / RAY / 6;
        assertGt(exact - three, exact / 100, "three terms miss more than 1 %");
        uint256 c = RayMath.compound(r, dt);
        assertLe(exact > c ? exact - c : 0, exact / 1e18 + 100, "the series does not");
    }
}
