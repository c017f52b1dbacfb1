// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {FlashBankFixture} from "./FlashBankFixture.sol";
import {FlashBankHarness} from "./mocks/FlashBankHarness.sol";

/// @title Fuzz tests of FlashBank: amounts, fee, 1 to 64 providers with random caps, balances and allowances.
/// @dev Each test computes what the bank must do on its own (the plan, the greedy pulls, the fee shares) and
/// compares it with the FlashLoan event, the balances and the credited profits.
contract FlashBankFuzzTest is FlashBankFixture {
    uint256 internal constant MAX_CAP = 1e30;
    /// @dev The pro-rata cutoff the model assumes; checked against the bank's in the first pro-rata test.
    uint256 internal constant CUTOFF = 32;

    struct Wallet {
        address account;
        uint256 commitment;
        uint256 balance;
        uint256 allowance;
    }

    /// @dev The state a loan must leave as it was (or change only by the fee).
    struct Snapshot {
        address[] accounts;
        uint256[] balances;
        uint256[] commitments;
        uint256[] profits;
        uint256 bank;
    }

    function _snapshot(Wallet[] memory w) internal view returns (Snapshot memory snap) {
        snap.accounts = _accounts(w);
        snap.balances = _balances(token, snap.accounts);
        snap.commitments = _commitments(address(token), snap.accounts);
        snap.profits = _profits(address(token), snap.accounts);
        snap.bank = token.balanceOf(address(bank));
    }

    function _rand(uint256 seed, uint256 i, uint256 what) internal pure returns (uint256) {
        return uint256(keccak256(abi.encode(seed, i, what)));
    }

    /// @dev `n` committed wallets with random caps, balances and allowances (a third of them a max allowance).
    function _wallets(uint256 seed, uint256 n, uint256 maxCap) internal returns (Wallet[] memory w) {
        w = new Wallet[](n);
        for (uint256 i; i < n; ++i) {
            Wallet memory x = w[i];
            x.account = address(uint160(uint256(keccak256(abi.encode("wallet", seed, i)))));
            x.commitment = bound(_rand(seed, i, 0), MIN_COMMITMENT, maxCap);
            x.balance = bound(_rand(seed, i, 1), 0, 2 * maxCap);
            x.allowance = _rand(seed, i, 2) % 3 == 0 ? type(uint256).max : bound(_rand(seed, i, 3), 0, 2 * maxCap);
            token.mint(x.account, x.balance);
            vm.startPrank(x.account);
            token.approve(address(bank), x.allowance);
            bank.commit(address(token), x.commitment);
            vm.stopPrank();
        }
    }

    /// @dev Like `_wallets`, each wallet's cap and holding drawn below its own power of ten, 1e7 to 1e30.
    function _spreadWallets(uint256 seed, uint256 n) internal returns (Wallet[] memory w) {
        w = new Wallet[](n);
        for (uint256 i; i < n; ++i) {
            Wallet memory x = w[i];
            uint256 top = 10 ** (7 + _rand(seed, i, 4) % 24);
            x.account = address(uint160(uint256(keccak256(abi.encode("spread", seed, i)))));
            x.commitment = bound(_rand(seed, i, 0), MIN_COMMITMENT, top);
            x.balance = bound(_rand(seed, i, 1), 0, 2 * top);
            x.allowance = _rand(seed, i, 2) % 3 == 0 ? type(uint256).max : bound(_rand(seed, i, 3), 0, 2 * top);
            token.mint(x.account, x.balance);
            vm.startPrank(x.account);
            token.approve(address(bank), x.allowance);
            bank.commit(address(token), x.commitment);
            vm.stopPrank();
        }
    }

    function _can(Wallet memory x) internal pure returns (uint256 can) {
        can = x.commitment;
        if (x.balance < can) can = x.balance;
        if (x.allowance < can) can = x.allowance;
    }

    function _accounts(Wallet[] memory w) internal pure returns (address[] memory list) {
        list = new address[](w.length);
        for (uint256 i; i < w.length; ++i) {
            list[i] = w[i].account;
        }
    }

    /// @dev floor(pull * fee / amount) each, the remainder to the first: what FlashBank must credit.
    function _expectedShares(uint256[] memory pulls, uint256 fee, uint256 amount)
        internal
        pure
        returns (uint256[] memory shares)
    {
        shares = new uint256[](pulls.length);
        uint256 sum;
        for (uint256 j; j < pulls.length; ++j) {
            shares[j] = pulls[j] * fee / amount;
            sum += shares[j];
        }
        if (pulls.length != 0) shares[0] += fee - sum;
    }

    /// @dev Checks what every loan must leave behind.
    function _checkSettled(LoanLog memory loan, Snapshot memory before) internal view {
        address[] memory accounts = before.accounts;
        assertEq(_balances(token, accounts), before.balances, "every provider's balance is what it was");
        assertEq(_commitments(address(token), accounts), before.commitments, "loans never change commitments");
        assertEq(_sum(loan.pulls), loan.amount, "pulls sum to the amount");
        assertEq(_sum(loan.feeShares), loan.fee, "shares sum to the fee");
        assertEq(token.balanceOf(address(bank)), before.bank + loan.fee, "the bank received exactly the fee");
        uint256[] memory profitsAfter = _profits(address(token), accounts);
        for (uint256 i; i < accounts.length; ++i) {
            uint256 credited;
            for (uint256 j; j < loan.providers.length; ++j) {
                if (loan.providers[j] == accounts[i]) credited += loan.feeShares[j];
            }
            assertEq(profitsAfter[i] - before.profits[i], credited, "credited its share");
        }
        assertEq(token.balanceOf(address(bank)), _sumProfits(address(token), accounts), "balance == sum of profits");
    }

    // ---------------------------------------------------------------- fee

    function testFuzz_FeeIsBasisPointsRoundedUp(uint256 amount, uint256 feeBps) public {
        amount = bound(amount, 0, 2 ** 240);
        feeBps = bound(feeBps, 0, 100);
        vm.prank(owner);
        bank.setFee(feeBps);
        assertEq(bank.flashFee(address(token), amount), (amount * feeBps + 9_999) / 10_000, "ceil(amount * bps / 1e4)");
    }

    // ---------------------------------------------------------------- exact wide division

    /// @dev 512-bit product of two words.
    function _mul512(uint256 x, uint256 y) internal pure returns (uint256 hi, uint256 lo) {
        unchecked {
            lo = x * y;
            uint256 mm = mulmod(x, y, type(uint256).max);
            hi = mm - lo - (mm < lo ? 1 : 0);
        }
    }

    function _lte512(uint256 aHi, uint256 aLo, uint256 bHi, uint256 bLo) internal pure returns (bool) {
        return aHi < bHi || (aHi == bHi && aLo <= bLo);
    }

    function testFuzz_MulDivIsExactFloorBeyond256Bits(uint256 a, uint256 b, uint256 c) public {
        FlashBankHarness harness = new FlashBankHarness(owner);
        a = bound(a, 0, type(uint128).max);
        c = bound(c, 1, 2 ** 140);
        b = bound(b, 0, c);
        uint256 q = harness.mulDiv(a, b, c);
        (uint256 pHi, uint256 pLo) = _mul512(a, b);
        (uint256 qcHi, uint256 qcLo) = _mul512(q, c);
        assertTrue(_lte512(qcHi, qcLo, pHi, pLo), "q * c <= a * b");
        (uint256 nextHi, uint256 nextLo) = _mul512(q + 1, c);
        assertFalse(_lte512(nextHi, nextLo, pHi, pLo), "(q + 1) * c > a * b");
    }

    // ---------------------------------------------------------------- pro rata

    /// @dev A wallet's rank, as the bank measured it when it committed: 0 below the minimum, else 1 + floor(log2).
    function _rank(Wallet memory x) internal pure returns (uint256 r) {
        uint256 can = _can(x);
        if (can < MIN_COMMITMENT) return 0;
        while (can > 1) {
            can >>= 1;
            ++r;
        }
        return r + 1;
    }

    /// @dev The wallets in the order a pro-rata loan reads them: by rank from the highest, in joining order within a
    /// rank (nobody left, so no swap-and-pop reordered them); rank 0 left out. A stable insertion sort.
    function _readOrder(Wallet[] memory w) internal pure returns (Wallet[] memory order) {
        order = new Wallet[](w.length);
        uint256[] memory ranks = new uint256[](w.length);
        uint256 k;
        for (uint256 i; i < w.length; ++i) {
            uint256 r = _rank(w[i]);
            if (r == 0) continue;
            uint256 at = k++;
            while (at != 0 && ranks[at - 1] < r) {
                (order[at], ranks[at]) = (order[at - 1], ranks[at - 1]);
                --at;
            }
            (order[at], ranks[at]) = (w[i], r);
        }
        assembly ("memory-safe") {
            mstore(order, k)
        }
    }

    /// @dev What the ranked wallets can lend: what `maxFlashLoan` and a pro-rata loan see.
    function _rankedTotal(Wallet[] memory w) internal pure returns (uint256 total) {
        for (uint256 i; i < w.length; ++i) {
            if (_rank(w[i]) != 0) total += _can(w[i]);
        }
    }

    /// @dev The pro-rata plan, computed here independently. The loan reads in `_readOrder` and stops before a wallet
    /// once what it read covers the amount and is at least CUTOFF * 2**rank; of those read, the ones holding less than
    /// 1/CUTOFF of what was read sit out when the others cover the amount. Parts are floor(can * amount / base), the
    /// remainder to the first taking part with room; returns the providers with a non-zero part and their parts.
    function _plan(Wallet[] memory w, uint256 amount)
        internal
        pure
        returns (address[] memory providers, uint256[] memory pulls)
    {
        Wallet[] memory order = _readOrder(w);
        uint256 n;
        uint256 total;
        while (n < order.length && (total < amount || total < CUTOFF * 2 ** _rank(order[n]))) {
            total += _can(order[n++]);
        }
        uint256 major;
        for (uint256 i; i < n; ++i) {
            if (CUTOFF * _can(order[i]) >= total) major += _can(order[i]);
        }
        bool everyone = major < amount;
        uint256 base = everyone ? total : major;
        uint256[] memory plan = new uint256[](n);
        uint256 left = amount;
        for (uint256 i; i < n; ++i) {
            if (!everyone && CUTOFF * _can(order[i]) < total) continue;
            plan[i] = _can(order[i]) * amount / base;
            left -= plan[i];
        }
        for (uint256 i; left != 0; ++i) {
            if (!everyone && CUTOFF * _can(order[i]) < total) continue;
            uint256 room = _can(order[i]) - plan[i];
            uint256 extra = room < left ? room : left;
            plan[i] += extra;
            left -= extra;
        }
        providers = new address[](n);
        pulls = new uint256[](n);
        uint256 k;
        for (uint256 i; i < n; ++i) {
            if (plan[i] == 0) continue;
            providers[k] = order[i].account;
            pulls[k++] = plan[i];
        }
        assembly ("memory-safe") {
            mstore(providers, k)
            mstore(pulls, k)
        }
    }

    function testFuzz_ProRataLoanFollowsThePlan(uint256 seed, uint256 n, uint256 amount, uint256 feeBps) public {
        n = bound(n, 1, 64);
        _checkProRataPlan(_wallets(seed, n, MAX_CAP), amount, feeBps);
    }

    /// @dev Wallets whose caps and holdings spread over 24 orders of magnitude, so that the loan stops reading early
    /// and providers under the cutoff sit out.
    function testFuzz_ProRataLoanOverProvidersOfEveryMagnitude(uint256 seed, uint256 n, uint256 amount, uint256 feeBps)
        public
    {
        n = bound(n, 1, 64);
        _checkProRataPlan(_spreadWallets(seed, n), amount, feeBps);
    }

    function _checkProRataPlan(Wallet[] memory w, uint256 amount, uint256 feeBps) internal {
        assertEq(bank.PRO_RATA_CUTOFF(), CUTOFF, "the model's cutoff");
        feeBps = bound(feeBps, 0, 100);
        vm.prank(owner);
        bank.setFee(feeBps);
        uint256 total = _rankedTotal(w);
        assertEq(bank.maxFlashLoan(address(token)), total, "maxFlashLoan is the sum of what each ranked one can lend");
        vm.assume(total != 0);
        amount = bound(amount, 1, total);

        (address[] memory expectedProviders, uint256[] memory expectedPulls) = _plan(w, amount);

        Snapshot memory before = _snapshot(w);
        uint256 fee = _fundFee(amount);

        vm.recordLogs();
        bank.flashLoan(borrower, address(token), amount, "");
        LoanLog memory loan = _lastLoan();
        assertEq(loan.providers, expectedProviders, "providers pulled, in read order");
        assertEq(loan.pulls, expectedPulls, "pro-rata pulls with the remainder in read order");
        assertEq(loan.feeShares, _expectedShares(expectedPulls, fee, amount), "fee shares");
        assertEq(loan.fee, fee, "fee");
        _checkSettled(loan, before);
    }

    function testFuzz_ProRataLoanWithCommitmentsNearTheLimit(uint256 seed, uint256 n, uint256 amount) public {
        n = bound(n, 2, 64);
        Wallet[] memory w = new Wallet[](n);
        uint256 total;
        for (uint256 i; i < n; ++i) {
            w[i].account = address(uint160(uint256(keccak256(abi.encode("big", seed, i)))));
            w[i].commitment = bound(_rand(seed, i, 0), type(uint128).max / 2, type(uint128).max);
            _fund(token, w[i].account, w[i].commitment, w[i].commitment);
            total += w[i].commitment;
        }
        assertGt(total, type(uint128).max, "the wide division path is taken");
        amount = bound(amount, total / 2, total);
        Snapshot memory before = _snapshot(w);
        _fundFee(amount);

        vm.recordLogs();
        bank.flashLoan(borrower, address(token), amount, "");
        LoanLog memory loan = _lastLoan();
        for (uint256 j; j < loan.pulls.length; ++j) {
            assertLe(loan.pulls[j], bank.commitmentOf(address(token), loan.providers[j]), "within the cap");
        }
        _checkSettled(loan, before);
    }

    // ---------------------------------------------------------------- greedy

    /// @dev A list of `length` random entries: providers (repeats allowed) and now and then a stranger;
    /// `walletOf[e] == w.length` marks a stranger.
    function _randomList(uint256 seed, Wallet[] memory w, uint256 length)
        internal
        pure
        returns (address[] memory list, uint256[] memory walletOf)
    {
        list = new address[](length);
        walletOf = new uint256[](length);
        for (uint256 e; e < length; ++e) {
            walletOf[e] = _rand(seed, e, 7) % (w.length + 1);
            // forge-lint: disable-next-line(unsafe-typecast) e < 128
            list[e] = walletOf[e] == w.length ? address(uint160(0xbad0 + e)) : w[walletOf[e]].account;
        }
    }

    /// @dev What the list can lend (each wallet once), and the greedy pulls of `amount` from it.
    function _greedy(Wallet[] memory w, address[] memory list, uint256[] memory walletOf, uint256 amount)
        internal
        pure
        returns (uint256 coverable, address[] memory providers, uint256[] memory pulls)
    {
        providers = new address[](list.length);
        pulls = new uint256[](list.length);
        bool[] memory seen = new bool[](w.length);
        uint256 k;
        uint256 remaining = amount;
        for (uint256 e; e < list.length; ++e) {
            if (walletOf[e] == w.length || seen[walletOf[e]]) continue;
            seen[walletOf[e]] = true;
            uint256 can = _can(w[walletOf[e]]);
            coverable += can;
            uint256 take = can < remaining ? can : remaining;
            if (take == 0) continue;
            providers[k] = list[e];
            pulls[k++] = take;
            remaining -= take;
        }
        assembly ("memory-safe") {
            mstore(providers, k)
            mstore(pulls, k)
        }
    }

    function testFuzz_GreedyLoanFollowsTheList(uint256 seed, uint256 n, uint256 length, uint256 amount, uint256 feeBps)
        public
    {
        n = bound(n, 1, 64);
        feeBps = bound(feeBps, 0, 100);
        vm.prank(owner);
        bank.setFee(feeBps);
        Wallet[] memory w = _wallets(seed, n, MAX_CAP);
        (address[] memory list, uint256[] memory walletOf) = _randomList(seed, w, bound(length, 1, 128));
        (uint256 coverable,,) = _greedy(w, list, walletOf, 0);
        vm.assume(coverable != 0);
        amount = bound(amount, 1, coverable);
        (, address[] memory expectedProviders, uint256[] memory expectedPulls) = _greedy(w, list, walletOf, amount);

        Snapshot memory before = _snapshot(w);
        uint256 fee = _fundFee(amount);
        vm.recordLogs();
        bank.flashLoanFrom(borrower, address(token), amount, "", list);
        LoanLog memory loan = _lastLoan();
        assertEq(loan.providers, expectedProviders, "providers in list order, each once");
        assertEq(loan.pulls, expectedPulls, "greedy pulls");
        assertEq(loan.feeShares, _expectedShares(expectedPulls, fee, amount), "fee shares");
        _checkSettled(loan, before);
    }

    function testFuzz_RevertWhen_GreedyListCannotCover(uint256 seed, uint256 n, uint256 extra) public {
        n = bound(n, 1, 32);
        Wallet[] memory w = _wallets(seed, n, MAX_CAP);
        uint256 coverable;
        for (uint256 i; i < n; ++i) {
            coverable += _can(w[i]);
        }
        uint256 amount = coverable + bound(extra, 1, MAX_CAP);
        address[] memory accounts = _accounts(w);
        uint256[] memory balancesBefore = _balances(token, accounts);
        vm.expectRevert(
            abi.encodeWithSelector(bytes4(keccak256("InsufficientLiquidity(uint256,uint256)")), amount, coverable)
        );
        bank.flashLoanFrom(borrower, address(token), amount, "", accounts);
        // a pro-rata loan reads every ranked wallet before it gives up
        vm.expectRevert(
            abi.encodeWithSelector(bytes4(keccak256("InsufficientLiquidity(uint256,uint256)")), amount, _rankedTotal(w))
        );
        bank.flashLoan(borrower, address(token), amount, "");
        assertEq(_balances(token, accounts), balancesBefore, "nothing moved");
    }
}
