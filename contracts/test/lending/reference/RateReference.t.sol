// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Test} from "../../utils/Test.sol";
import {IRateModel} from "../../../src/lending/interfaces/IRateModel.sol";
import {RateReference as R} from "./RateReference.sol";

/// @title Tests of the independent rate reference: the kinks, conservation of interest with the corrected supply
/// rate, the paper's `Ro / U` overpaying suppliers, exact compounding and the binomial truncation's error.
/// @dev Expected compounding values come from `compound_error_table.py` beside this file (80-digit decimals).
contract RateReferenceTest is Test {
    uint256 internal constant RAY = 1e27;
    uint256 internal constant PCT = 1e25; // 1 % as a ray
    uint256 internal constant YEAR = 365 days;

    function _curve() internal pure returns (IRateModel.Curve memory c) {
        c.optimalUtilizationRay = 80 * PCT;
        c.baseVariableRateRay = 0;
        c.variableSlope1Ray = 4 * PCT;
        c.variableSlope2Ray = 75 * PCT;
        c.baseStableRateRay = 2 * PCT;
        c.stableSlope1Ray = 8 * PCT;
        c.stableSlope2Ray = 100 * PCT;
    }

    // ---------------------------------------------------------------- the kinked rates

    function test_VariableRateAtItsCorners() public pure {
        IRateModel.Curve memory c = _curve();
        assertEq(R.variableRate(c, 0), 0, "U = 0: Rv0");
        assertEq(R.variableRate(c, 40 * PCT), 2 * PCT, "half way to the kink: Rs1 / 2");
        assertEq(R.variableRate(c, 80 * PCT), 4 * PCT, "at the kink: Rv0 + Rs1");
        // 90 %: 4 % + (0.9 - 0.8) / (1 - 0.8) * 75 % = 41.5 %
        assertEq(R.variableRate(c, 90 * PCT), 415 * PCT / 10, "above the kink");
        assertEq(R.variableRate(c, RAY), 79 * PCT, "U = 1: Rv0 + Rs1 + Rs2");
    }

    function test_StableRateAtItsCorners() public pure {
        IRateModel.Curve memory c = _curve();
        assertEq(R.stableRate(c, 0), 2 * PCT, "base stable");
        assertEq(R.stableRate(c, 80 * PCT), 10 * PCT, "at the kink");
        assertEq(R.stableRate(c, RAY), 110 * PCT, "U = 1");
    }

    function test_KinkAtTheEdges() public pure {
        IRateModel.Curve memory c = _curve();
        c.optimalUtilizationRay = 0; // all of it is the steep slope
        assertEq(R.variableRate(c, 0), 0, "U = 0");
        assertEq(R.variableRate(c, 50 * PCT), 4 * PCT + 375 * PCT / 10, "half of Rs2 after Rs1");
        c.optimalUtilizationRay = RAY; // no steep slope
        assertEq(R.variableRate(c, RAY), 4 * PCT, "U = Uopt = 1");
    }

    function testFuzz_VariableRateIsMonotoneAndContinuous(uint256 uSeed, uint256 step, uint256 uOptSeed) public pure {
        IRateModel.Curve memory c = _curve();
        c.optimalUtilizationRay = bound(uOptSeed, 1, RAY - 1);
        uint256 u = bound(uSeed, 0, RAY);
        uint256 v = bound(step, u, RAY);
        assertLe(R.variableRate(c, u), R.variableRate(c, v), "more utilisation never costs less");
        // Continuity at the kink: one wei either side differs by at most one rounding plus one wei of each slope.
        uint256 atKink = R.variableRate(c, c.optimalUtilizationRay);
        assertEq(atKink, c.baseVariableRateRay + c.variableSlope1Ray, "the kink is Rv0 + Rs1");
        assertApproxEqAbs(
            R.variableRate(c, c.optimalUtilizationRay + 1),
            atKink,
            2 + c.variableSlope2Ray / (RAY - c.optimalUtilizationRay),
            "continuous"
        );
    }

    // ---------------------------------------------------------------- conservation of interest

    function testFuzz_SuppliersNeverEarnMoreThanBorrowersPayLessTheReserve(
        uint256 bv,
        uint256 bs,
        uint256 cash,
        uint256 rv,
        uint256 rs,
        uint256 rf
    ) public pure {
        bv = bound(bv, 0, 1e30);
        bs = bound(bs, 0, 1e30);
        cash = bound(cash, 0, 1e30);
        rv = bound(rv, 0, 10 * RAY);
        rs = bound(rs, 0, 10 * RAY);
        rf = bound(rf, 0, 10_000);
        uint256 supplied = bv + bs + cash;
        vm.assume(supplied > 0);
        // Per year, in asset·ray: borrowers pay Bv·Rv + Bs·Rs; suppliers earn S·Rsupply.
        uint256 paidByBorrowers = bv * rv + bs * rs;
        uint256 direct = R.supplyRateFromDebts(bv, rv, bs, rs, cash, rf);
        assertLe(supplied * direct * 10_000, paidByBorrowers * (10_000 - rf), "suppliers <= borrowers * (1 - rf)");
        // ... and short of it by less than one wei of rate on the whole supply.
        assertGt((supplied * (direct + 1)) * 10_000, paidByBorrowers * (10_000 - rf), "floor, not less");
        // Through the rounded Ro and U the rate can only be lower.
        uint256 viaRoU = R.supplyRate(R.overallRate(bv, rv, bs, rs), R.utilization(bv + bs, cash), rf);
        assertLe(viaRoU, direct, "rounding Ro and U down first never pays more");
    }

    function test_OverallRateWeighsBothDebts() public pure {
        // 300 variable at 10 %, 100 stable at 6 %: (30 + 6) / 400 = 9 %.
        assertEq(R.overallRate(300e18, 10 * PCT, 100e18, 6 * PCT), 9 * PCT, "weighted mean");
        assertEq(R.overallRate(0, 10 * PCT, 0, 6 * PCT), 0, "no debt, no rate");
    }

    // ---------------------------------------------------------------- the paper's Ro / U

    /// @dev Interest over `period` on `supplied` with `borrowed` out, all variable at the curve's rate:
    /// borrowers' debt compounds at Ro (rounded up), suppliers' deposits at the supply rate under test (down).
    function _interest(uint256 supplied, uint256 uRay, uint256 supplierRateRay, uint256 period)
        internal
        pure
        returns (uint256 paidIn, uint256 paidOut, uint256 borrowerRate)
    {
        uint256 borrowed = supplied * uRay / RAY;
        borrowerRate = R.variableRate(_curve(), uRay);
        paidIn = borrowed * (R.compoundUp(R.perSecondUp(borrowerRate), period) - RAY) / RAY;
        paidOut = supplied * (R.compoundDown(R.perSecondDown(supplierRateRay), period) - RAY) / RAY;
    }

    function test_PaperSupplyRatePaysSuppliersMoreThanBorrowersPay() public pure {
        uint256 supplied = 1_000_000e18;
        uint256[6] memory us = [uint256(10 * PCT), 25 * PCT, 50 * PCT, 80 * PCT, 90 * PCT, 99 * PCT];
        uint256[2] memory periods = [uint256(30 days), YEAR];
        for (uint256 i; i < us.length; ++i) {
            for (uint256 j; j < periods.length; ++j) {
                uint256 u = us[i];
                uint256 ro = R.variableRate(_curve(), u);
                (uint256 paidIn, uint256 paperOut,) = _interest(supplied, u, R.paperSupplyRate(ro, u), periods[j]);
                (, uint256 correctOut,) = _interest(supplied, u, R.supplyRate(ro, u, 1000), periods[j]);
                assertGt(paperOut, paidIn, "Ro / U pays out more interest than comes in");
                // Simple interest makes the factor exactly 1 / U^2; compounding only widens it.
                assertGe(paperOut * u / RAY * u / RAY, paidIn * 99 / 100, "out >= in / U^2 (to 1 %)");
                // Ro * U * (1 - 10 %): out <= 90 % of in; the pool keeps the reserve share.
                assertLe(correctOut * 10, paidIn * 9, "corrected: suppliers get at most (1 - rf) of it");
                assertGt(correctOut * 100, paidIn * 80, "and most of it (the gap is compounding's convexity)");
            }
        }
    }

    function testFuzz_PaperOverpaysAtEveryUtilisationBelowOne(uint256 uSeed, uint256 periodSeed) public pure {
        uint256 u = bound(uSeed, 1 * PCT, 99 * PCT);
        uint256 period = bound(periodSeed, 1 days, 5 * YEAR);
        uint256 ro = R.variableRate(_curve(), u);
        (uint256 paidIn, uint256 paperOut,) = _interest(1_000_000e18, u, R.paperSupplyRate(ro, u), period);
        (, uint256 correctOut,) = _interest(1_000_000e18, u, R.supplyRate(ro, u, 0), period);
        assertGt(paperOut, paidIn, "the paper pays more than borrowers pay");
        assertLe(correctOut, paidIn, "the corrected rate never does, even with no reserve factor");
    }

    function test_AtFullUtilisationBothFormulasAgree() public pure {
        uint256 ro = R.variableRate(_curve(), RAY);
        assertEq(R.paperSupplyRate(ro, RAY), R.supplyRate(ro, RAY, 0), "U = 1, rf = 0: Ro either way");
    }

    // ---------------------------------------------------------------- stable average

    function test_AverageStableRateFollowsBorrowsAndRepays() public pure {
        // 100 at 5 %, then 300 at 9 %: (5 + 27) / 400 = 8 %.
        uint256 avg = R.avgStableRateAfterBorrow(100e18, 5 * PCT, 300e18, 9 * PCT);
        assertEq(avg, 8 * PCT, "weighted by amount");
        assertEq(R.avgStableRateAfterRepay(400e18, avg, 300e18, 9 * PCT), 5 * PCT, "repaying restores it");
        assertEq(R.avgStableRateAfterRepay(400e18, avg, 400e18, 8 * PCT), 0, "repaying all leaves no rate");
        assertEq(R.avgStableRateAfterBorrow(0, 0, 50e18, 7 * PCT), 7 * PCT, "first stable borrow");
    }

    function testFuzz_AverageStableRateStaysBetweenItsRates(uint256 bs, uint256 avg, uint256 amount, uint256 rate)
        public
        pure
    {
        bs = bound(bs, 1, 1e30);
        amount = bound(amount, 1, 1e30);
        avg = bound(avg, 0, 10 * RAY);
        rate = bound(rate, 0, 10 * RAY);
        uint256 next = R.avgStableRateAfterBorrow(bs, avg, amount, rate);
        uint256 lo = avg < rate ? avg : rate;
        uint256 hi = avg < rate ? rate : avg;
        assertGe(next, lo, "not below both");
        assertLe(next, hi, "not above both");
        uint256 back = R.avgStableRateAfterRepay(bs + amount, next, amount, rate);
        assertLe(back, avg, "borrow then repay never raises the average (rounded down twice)");
        assertApproxEqAbs(back, avg, 1 + (bs + amount) / bs, "and returns to it within rounding");
    }

    // ---------------------------------------------------------------- compounding

    function test_CompoundingSmallCases() public pure {
        uint256 r = R.perSecondUp(10 * PCT);
        assertEq(R.compoundUp(r, 0), RAY, "dt = 0");
        assertEq(R.compoundUp(r, 1), RAY + r, "dt = 1");
        assertEq(R.compoundDown(r, 2), RAY + 2 * r + r * r / RAY, "dt = 2, down");
        assertEq(R.compoundUp(r, 2), RAY + 2 * r + (r * r + RAY - 1) / RAY, "dt = 2, up");
        assertEq(R.compoundUp(0, 10 * YEAR), RAY, "no rate");
    }

    function test_CompoundingMatchesHighPrecisionValues() public pure {
        // (1 + 3170979198376458650e-27)^31536000 = 1.105170917900423925587564141709560895494 (compound_error_table.py)
        uint256 r10 = 3170979198376458650; // floor(0.1 ray / year)
        uint256 exact10 = 1105170917900423925587564141; // floor of the true value in ray
        uint256 up = R.compoundUp(r10, YEAR);
        uint256 down = R.compoundDown(r10, YEAR);
        assertGt(up, exact10, "up is above the truth");
        assertLe(down, exact10, "down is not above the truth");
        // Within (dt + 2 bitlength(dt)) * ceil(factor) wei, factor 1.105 here (RateReference.compoundUp).
        assertLe(up - exact10, (YEAR + 2 * 25) * 2, "up: within the rounding bound");
        assertLe(exact10 - down, (YEAR + 2 * 25) * 2, "down: likewise");
        // (1 + 31709791983764586504e-27)^86400 = 1.002743482462983798687996179220693908812
        uint256 r100 = 31709791983764586504; // floor(1 ray / year)
        uint256 exact100 = 1002743482462983798687996179;
        assertGt(R.compoundUp(r100, 1 days), exact100, "100 %/y for a day, up");
        assertLe(R.compoundUp(r100, 1 days) - exact100, (1 days + 2 * 17) * 2, "within the rounding bound");
        assertLe(R.compoundDown(r100, 1 days), exact100, "100 %/y for a day, down");
    }

    function testFuzz_SquaringAgreesWithRepeatedMultiplication(uint256 rSeed, uint256 dtSeed) public pure {
        uint256 r = bound(rSeed, 0, R.perSecondUp(1000 * PCT));
        uint256 dt = bound(dtSeed, 0, 300);
        uint256 slowUp = RAY;
        uint256 slowDown = RAY;
        for (uint256 i; i < dt; ++i) {
            slowUp = (slowUp * (RAY + r) + RAY - 1) / RAY;
            slowDown = slowDown * (RAY + r) / RAY;
        }
        // Both bracket the truth: down <= truth <= up, for either method.
        assertLe(R.compoundDown(r, dt), slowUp, "squaring down <= repeated up");
        assertLe(slowDown, R.compoundUp(r, dt), "repeated down <= squaring up");
        assertApproxEqAbs(R.compoundUp(r, dt), slowUp, dt + 1, "same value to rounding");
    }

    function testFuzz_CompoundingSplitsOverTime(uint256 rSeed, uint256 a, uint256 b) public pure {
        uint256 r = bound(rSeed, 0, R.perSecondUp(1000 * PCT));
        a = bound(a, 0, YEAR);
        b = bound(b, 0, YEAR);
        uint256 whole = R.compoundUp(r, a + b);
        uint256 parts = R.compoundUp(r, a) * R.compoundUp(r, b) / RAY;
        // Each side is within (dt + 2 bitlength(dt)) * ceil(factor) wei of the truth (RateReference.compoundUp).
        uint256 factor = whole / RAY + 1;
        assertApproxEqAbs(whole, parts, 2 * (a + b + 128) * factor + factor, "(1+r)^(a+b) = (1+r)^a (1+r)^b");
    }

    function testFuzz_BinomialTruncationUndershootsWithinItsBound(uint256 rSeed, uint256 dtSeed) public pure {
        uint256 r = bound(rSeed, 1, R.perSecondUp(1000 * PCT));
        uint256 dt = bound(dtSeed, 1, 10 * YEAR);
        uint256 x = r * dt; // r·dt in ray
        vm.assume(x <= RAY / 2);
        uint256 approx = R.compoundBinomial3(r, dt);
        uint256 exact = R.compoundUp(r, dt);
        assertLe(approx, exact, "the dropped terms are all positive: truncation undershoots");
        // Remainder <= x^4/24 * e^x <= x^4/24 / (1 - x) for x < 1 (each dropped term x^k/k! <= x^4/24 * x^(k-4)).
        uint256 x4 = x * x / RAY * x / RAY * x / RAY;
        uint256 bound_ = x4 / 24 * RAY / (RAY - x);
        // compoundUp's rounding (factor < e^0.5 < 2, RateReference.compoundUp) and the three terms' rounding.
        uint256 roundings = 2 * (dt + 2 * 30) + 3;
        assertLe(exact - approx, bound_ + x4 / 1e18 + roundings, "within (r dt)^4 / 24 e^(r dt)");
    }

    function test_BinomialErrorMatchesTheReadmeNumbers() public pure {
        // 100 %/y for one day: the true remainder is 2.349e-12 (README-model.md table), 2.349e15 in ray.
        uint256 r = 31709791983764586504;
        uint256 gap = R.compoundUp(r, 1 days) - R.compoundBinomial3(r, 1 days);
        assertGe(gap, 2.34e15, "remainder at least 2.34e-12");
        assertLe(gap, 2.36e15, "and at most 2.36e-12");
        // 10 %/y for a year: 4.251e-6.
        uint256 r10 = 3170979198376458650;
        gap = R.compoundUp(r10, YEAR) - R.compoundBinomial3(r10, YEAR);
        assertGe(gap, 4.25e21, "remainder at least 4.25e-6");
        assertLe(gap, 4.26e21, "and at most 4.26e-6");
    }
}
