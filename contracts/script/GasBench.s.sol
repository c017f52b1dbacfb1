// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Vm} from "../test/utils/Vm.sol";
import {FlashBank} from "../src/FlashBank.sol";
import {IERC3156FlashBorrower} from "../src/interfaces/IERC3156FlashBorrower.sol";
import {WETH9} from "../src/devnet/WETH9.sol";
import {BenchBorrower} from "../test/mocks/BenchBorrower.sol";
import {FlashBankSeparateProfit} from "../test/reference/FlashBankSeparateProfit.sol";
import {DepositPoolLender} from "../test/reference/DepositPoolLender.sol";

/// @title Broadcasts the transactions whose receipts the gas benchmark reads; run it through script/gas-bench.sh.
/// @notice Every measured transaction is a real transaction on a local anvil chain, sent by the deployer (so its
/// receipt's gasUsed is the whole transaction: 21,000 intrinsic, calldata, execution, net of refunds). The script
/// writes `gas/labels.tsv` (label, sender, nonce) so the shell script can find each one's receipt.
/// @dev Each scenario gets its own WETH9-like token, so a scenario's providers are fresh for it:
///  - "first" is a loan that is the first one for every provider pulled; "steady" is the same loan again.
///  - Before the providers join, the deployer lends once alone and leaves, so the bank already holds a fee balance
///    in the token and a "first" row measures only the providers' first time, not the token's.
///  - Every provider wraps 2 units, approves the lender for type(uint256).max and commits 1 unit; a loan of n units
///    then pulls exactly 1 unit from each of n providers with both `flashLoan` and `flashLoanFrom`.
///  - The borrower (`BenchBorrower`) has a max approval to the lender set beforehand and holds the fees already.
///  - Three crowded markets replay the attacks on the provider set: one LP that can cover the loan alone, plus 127
///    providers committing the devnet minimum while holding nothing, or holding and approving exactly it, or
///    holding 1 unit when they commit and unwrapping it right after (their ranks are stale until a loan reads them).
///    Two newcomers then join the full funded-minimum market, one with `commit`, one with `commitReplacing`.
/// Provider keys are derived from a fixed string (`_providerKey`): throwaway keys for a local chain only.
contract GasBench {
    Vm private constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    uint256 private constant UNIT = 1 ether;
    uint256 private constant MAX_N = 128;
    uint256 private constant GAS_MONEY = 0.05 ether;
    /// @dev The devnet's WETH minimum (DevnetMarket lists WETH at 0.01): what each member of a crowd commits.
    uint256 private constant CROWD_MINIMUM = 0.01 ether;
    /// @dev The loan of the crowded market whose 127 other members hold the minimum.
    uint256 private constant CROWD_LOAN = 50;
    /// @dev Two newcomers to a full set (provider keys 128 and 129), each wrapping and committing this many units.
    uint256 private constant NEWCOMER_UNITS = 2;

    /// @dev The crowds of the attacks on the provider set: what providers 1..127 do besides committing.
    enum Crowd {
        Empty, // hold nothing
        FundedMinimum, // hold and approve exactly CROWD_MINIMUM
        MovedAway // hold and approve 1 unit when they commit, then unwrap it
    }

    address private deployer;
    FlashBank private bank;
    FlashBankSeparateProfit private separate;
    DepositPoolLender private pool;
    BenchBorrower private borrower;
    string private labels;
    bool private joinLabelled;

    function run() external {
        vm.startBroadcast();
        deployer = msg.sender;
        bank = new FlashBank(deployer);
        separate = new FlashBankSeparateProfit(deployer);
        pool = new DepositPoolLender(deployer);
        borrower = new BenchBorrower();
        // Ether up front: provider i wraps 2 units in each market it is in (3 kinds x sizes above i, plus the
        // 128-provider market) and provider 0 one more for the deposit pool; plus gas money. In the three crowded
        // markets provider 0 is the LP (2 units twice, then CROWD_LOAN + 1) and the others wrap CROWD_MINIMUM once
        // and 1 unit once (unwrapped again). (The newcomers are funded when they come, so that every address
        // deployed before is the one the gas table always measured: calldata prices zero bytes lower.)
        for (uint256 i; i < MAX_N; ++i) {
            uint256 markets = 1 + (i < 1 ? 9 : i < 10 ? 6 : i < 50 ? 3 : 0);
            uint256 crowds = i == 0 ? (4 + CROWD_LOAN + 1) * UNIT : CROWD_MINIMUM + UNIT;
            (bool ok,) =
                payable(vm.addr(_providerKey(i))).call{value: (markets * 2 + 1) * UNIT + crowds + GAS_MONEY}("");
            require(ok, "fund provider");
        }
        vm.stopBroadcast();

        uint256[3] memory sizes = [uint256(1), 10, 50];
        for (uint256 k; k < 3; ++k) {
            uint256 n = sizes[k];
            _proRata(bank, n, "FlashBank.flashLoan (pro rata)");
            _greedy(bank, n, "FlashBank.flashLoanFrom (greedy)");
            _greedy(separate, n, "separate profit mapping, flashLoanFrom");
        }
        _proRata(bank, MAX_N, "FlashBank.flashLoan (pro rata)");
        _crowded(Crowd.Empty, "FlashBank.flashLoan, 1 LP + 127 empty commitments");
        _crowded(Crowd.MovedAway, "FlashBank.flashLoan, 1 LP + 127 that unwrapped after committing");
        WETH9 full =
            _crowded(Crowd.FundedMinimum, "FlashBank.flashLoan (50 units), 1 LP + 127 funded minimum commitments");
        _joinFullSet(full);
        _depositPool();
        vm.writeFile("gas/labels.tsv", labels);
    }

    // ---------------------------------------------------------------- scenarios

    function _proRata(FlashBank lender, uint256 n, string memory name) private {
        WETH9 token = _market(lender, n, 1);
        for (uint256 round; round < 2; ++round) {
            _label(name, n, round);
            vm.broadcast();
            lender.flashLoan(IERC3156FlashBorrower(address(borrower)), address(token), n * UNIT, "");
        }
    }

    function _greedy(FlashBank lender, uint256 n, string memory name) private {
        WETH9 token = _market(lender, n, 1);
        address[] memory list = new address[](n);
        for (uint256 i; i < n; ++i) {
            list[i] = vm.addr(_providerKey(i));
        }
        for (uint256 round; round < 2; ++round) {
            _label(name, n, round);
            vm.broadcast();
            lender.flashLoanFrom(IERC3156FlashBorrower(address(borrower)), address(token), n * UNIT, "", list);
        }
        if (n == 1) {
            // What a provider pays to take its fees out (steady state: the position keeps its commitment).
            uint256 key = _providerKey(0);
            string memory which = lender == bank ? "FlashBank" : "separate profit mapping";
            _labelFor(string.concat("withdrawProfits (", which, ", commitment kept)"), vm.addr(key));
            vm.broadcast(key);
            lender.withdrawProfits(address(token));
        }
    }

    /// @dev The attacks on the provider set: provider 0 is the one real LP (1 unit, or CROWD_LOAN units for the
    /// funded-minimum crowd), and providers 1..127 commit CROWD_MINIMUM (1 unit for the crowd that moves away) as
    /// `crowd` says. The loan is what the LP alone can lend; its first run is the first time the crowd is there.
    function _crowded(Crowd crowd, string memory name) private returns (WETH9 token) {
        token = _market(bank, 0, CROWD_MINIMUM);
        uint256 loan = (crowd == Crowd.FundedMinimum ? CROWD_LOAN : 1) * UNIT;
        uint256 key = _providerKey(0);
        vm.startBroadcast(key);
        token.deposit{value: loan + UNIT}();
        token.approve(address(bank), type(uint256).max);
        bank.commit(address(token), loan);
        vm.stopBroadcast();
        for (uint256 i = 1; i < MAX_N; ++i) {
            key = _providerKey(i);
            vm.startBroadcast(key);
            if (crowd == Crowd.FundedMinimum) {
                token.deposit{value: CROWD_MINIMUM}();
                token.approve(address(bank), type(uint256).max);
                bank.commit(address(token), CROWD_MINIMUM);
            } else if (crowd == Crowd.MovedAway) {
                token.deposit{value: UNIT}();
                token.approve(address(bank), type(uint256).max);
                bank.commit(address(token), UNIT);
                token.withdraw(UNIT);
            } else {
                bank.commit(address(token), CROWD_MINIMUM);
            }
            vm.stopBroadcast();
        }
        for (uint256 round; round < 2; ++round) {
            _label(name, 1, round);
            vm.broadcast();
            bank.flashLoan(IERC3156FlashBorrower(address(borrower)), address(token), loan, "");
        }
    }

    /// @dev Two newcomers that can lend more join the full set of `token`: one with a plain commit (it displaces the
    /// lowest-ranked member), one naming a member with commitReplacing. Then a refresh that changes no rank.
    function _joinFullSet(WETH9 token) private {
        for (uint256 k; k < 2; ++k) {
            uint256 key = _providerKey(MAX_N + k);
            vm.broadcast();
            (bool ok,) = payable(vm.addr(key)).call{value: NEWCOMER_UNITS * UNIT + GAS_MONEY}("");
            require(ok, "fund newcomer");
            vm.startBroadcast(key);
            token.deposit{value: NEWCOMER_UNITS * UNIT}();
            token.approve(address(bank), type(uint256).max);
            vm.stopBroadcast();
            _labelFor(
                k == 0
                    ? "commit (join a full set: displaces the lowest-ranked member)"
                    : "commitReplacing (join a full set: displaces the member named)",
                vm.addr(key)
            );
            vm.broadcast(key);
            if (k == 0) bank.commit(address(token), NEWCOMER_UNITS * UNIT);
            else bank.commitReplacing(address(token), NEWCOMER_UNITS * UNIT, vm.addr(_providerKey(1)));
        }
        _labelFor("refresh (rank unchanged)", deployer);
        vm.broadcast();
        bank.refresh(address(token), vm.addr(_providerKey(2)));
    }

    /// @dev The reference pool holds 50 units from one depositor; its loan costs the same whoever deposited.
    function _depositPool() private {
        vm.startBroadcast();
        WETH9 token = new WETH9();
        pool.listToken(address(token));
        borrower.approve(address(token), address(pool));
        token.deposit{value: 51 * UNIT}();
        require(token.transfer(address(borrower), UNIT), "fund borrower");
        token.approve(address(pool), type(uint256).max);
        pool.deposit(address(token), 50 * UNIT);
        vm.stopBroadcast();

        uint256 key = _providerKey(0);
        vm.startBroadcast(key);
        token.deposit{value: UNIT}();
        token.approve(address(pool), type(uint256).max);
        vm.stopBroadcast();
        _labelFor("DepositPoolLender.deposit (a second LP)", vm.addr(key));
        vm.broadcast(key);
        pool.deposit(address(token), UNIT);

        for (uint256 round; round < 2; ++round) {
            _label("DepositPoolLender.flashLoan (reference, any number of depositors)", 0, round);
            vm.broadcast();
            pool.flashLoan(IERC3156FlashBorrower(address(borrower)), address(token), 10 * UNIT, "");
        }
    }

    /// @dev A fresh token listed on `lender` at `minimum`, warmed by one deployer-only loan, with providers 0..n-1
    /// committed.
    function _market(FlashBank lender, uint256 n, uint256 minimum) private returns (WETH9 token) {
        vm.startBroadcast();
        token = new WETH9();
        lender.listToken(address(token), minimum);
        borrower.approve(address(token), address(lender));
        token.deposit{value: 2 * UNIT}();
        require(token.transfer(address(borrower), UNIT), "fund borrower");
        token.approve(address(lender), type(uint256).max);
        lender.commit(address(token), UNIT);
        address[] memory alone = new address[](1);
        alone[0] = deployer;
        lender.flashLoanFrom(IERC3156FlashBorrower(address(borrower)), address(token), UNIT, "", alone);
        lender.commit(address(token), 0);
        vm.stopBroadcast();

        for (uint256 i; i < n; ++i) {
            uint256 key = _providerKey(i);
            vm.startBroadcast(key);
            token.deposit{value: 2 * UNIT}();
            token.approve(address(lender), type(uint256).max);
            if (i == 0 && n == 1 && lender == bank && !joinLabelled) {
                joinLabelled = true;
                _labelFor("commit (join)", vm.addr(key));
            }
            lender.commit(address(token), UNIT);
            vm.stopBroadcast();
        }
    }

    // ---------------------------------------------------------------- labels

    function _label(string memory name, uint256 n, uint256 round) private {
        string memory label = string.concat(name, "\t", vm.toString(n), "\t", round == 0 ? "first" : "steady");
        _labelFor(label, deployer);
    }

    function _labelFor(string memory label, address sender) private {
        labels = string.concat(
            labels, label, "\t", vm.toString(sender), "\t", vm.toString(uint256(vm.getNonce(sender))), "\n"
        );
    }

    function _providerKey(uint256 i) private pure returns (uint256) {
        return uint256(keccak256(abi.encodePacked("flashbank gas bench provider ", i)));
    }
}
