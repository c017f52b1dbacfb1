// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Vm} from "../utils/Vm.sol";
import {FlashBank} from "../../src/FlashBank.sol";
import {MockERC20} from "../mocks/MockERC20.sol";
import {FlashBorrowerMock} from "../mocks/FlashBorrowerMock.sol";

/// @title Drives FlashBank through random sequences of provider, owner and loan actions for the invariant tests,
/// keeping ghost totals and counting every loan that broke a rule.
/// @dev Six provider wallets act; every loan is checked right after it runs (balances, commitments, pulls, fee
/// shares, credited profits), so a broken rule is caught where it happens and reported by an invariant. With
/// `fillers`, that many passive providers join first (small holdings, a quarter of them moved away after committing,
/// so their ranks are stale) and the set is full once a few actors are in: every further join must displace a
/// member that can lend less than the newcomer, and naming the weakest member must always let a stronger newcomer
/// in. Each join into a full set is checked for both.
contract FlashBankHandler {
    Vm private constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));
    bytes32 private constant FLASH_LOAN_TOPIC =
        keccak256("FlashLoan(address,address,address,uint256,uint256,address[],uint256[],uint256[])");
    uint256 private constant ACTORS = 6;
    uint256 private constant MAX_AMOUNT = 1e24;

    FlashBank public immutable bank;
    MockERC20 public immutable token;
    FlashBorrowerMock public immutable borrower;
    address public immutable owner;
    address public immutable sink = address(0x5151);
    address[] public actors;
    /// @dev The actors, then the fillers: every account that can hold a commitment or a profit.
    address[] public accounts;

    // ghosts
    uint256 public feesPaid;
    uint256 public withdrawn;
    uint256 public loans;
    uint256 public loansRefused;
    uint256 public balanceBreaks;
    uint256 public commitmentBreaks;
    uint256 public pullBreaks;
    uint256 public shareBreaks;
    uint256 public joinsIntoAFullSet;
    /// @dev Joins into a full set that removed someone other than exactly one member weaker than the newcomer.
    uint256 public displacementBreaks;
    /// @dev Newcomers that could lend more than the weakest member, named it, and were refused.
    uint256 public lockoutBreaks;

    constructor(FlashBank bank_, MockERC20 token_, FlashBorrowerMock borrower_, address owner_, uint256 fillers) {
        bank = bank_;
        token = token_;
        borrower = borrower_;
        owner = owner_;
        for (uint256 i; i < ACTORS; ++i) {
            // forge-lint: disable-next-line(unsafe-typecast) small constants
            address actor = address(uint160(0xA0000 + i));
            actors.push(actor);
            accounts.push(actor);
            token.mint(actor, 1e22);
            vm.prank(actor);
            token.approve(address(bank), type(uint256).max);
        }
        for (uint256 i; i < fillers; ++i) {
            // forge-lint: disable-next-line(unsafe-typecast) small constants
            address filler = address(uint160(0xF0000 + i));
            accounts.push(filler);
            uint256 held = (i % 5 + 1) * 1e17;
            token.mint(filler, held);
            vm.startPrank(filler);
            token.approve(address(bank), type(uint256).max);
            bank.commit(address(token), 1e18);
            if (i % 4 == 0) require(token.transfer(sink, held), "transfer");
            vm.stopPrank();
        }
    }

    function actorCount() external pure returns (uint256) {
        return ACTORS;
    }

    // ---------------------------------------------------------------- provider actions

    function commit(uint256 who, uint256 amount) external {
        _join(_actor(who), _bound(amount, 1e6, MAX_AMOUNT), address(0));
    }

    /// @dev Names the member that can lend the least right now.
    function commitReplacing(uint256 who, uint256 amount) external {
        address weakest;
        uint256 weakestCan = type(uint256).max;
        for (uint256 a; a < accounts.length; ++a) {
            if (bank.commitmentOf(address(token), accounts[a]) == 0) continue;
            uint256 can = bank.available(address(token), accounts[a]);
            if (can < weakestCan) (weakest, weakestCan) = (accounts[a], can);
        }
        if (weakest == address(0)) return;
        _join(_actor(who), _bound(amount, 1e6, MAX_AMOUNT), weakest);
    }

    function refresh(uint256 whom) external {
        bank.refresh(address(token), accounts[whom % accounts.length]);
    }

    function leave(uint256 who) external {
        vm.prank(_actor(who));
        bank.commit(address(token), 0);
    }

    function approve(uint256 who, uint256 amount, bool max) external {
        vm.prank(_actor(who));
        token.approve(address(bank), max ? type(uint256).max : _bound(amount, 0, MAX_AMOUNT));
    }

    function revoke(uint256 who) external {
        vm.prank(_actor(who));
        token.approve(address(bank), 0);
    }

    function moveBalanceAway(uint256 who, uint256 amount) external {
        address actor = _actor(who);
        amount = _bound(amount, 0, token.balanceOf(actor));
        vm.prank(actor);
        require(token.transfer(sink, amount), "transfer");
    }

    function refill(uint256 who, uint256 amount) external {
        token.mint(_actor(who), _bound(amount, 0, MAX_AMOUNT));
    }

    function withdraw(uint256 who) external {
        address actor = _actor(who);
        vm.prank(actor);
        withdrawn += bank.withdrawProfits(address(token));
    }

    function prune(uint256 who) external {
        bank.prune(address(token), _actor(who));
    }

    function setFee(uint256 feeBps) external {
        vm.prank(owner);
        bank.setFee(_bound(feeBps, 0, 100));
    }

    /// @dev One commit (`named` 0) or commitReplacing; a join into a full set is checked: it removed exactly one
    /// member, which could lend less than the newcomer, and naming a weaker member never failed.
    function _join(address actor, uint256 amount, address named) private {
        bool full =
            bank.providerCount(address(token)) == bank.MAX_PROVIDERS() && bank.commitmentOf(address(token), actor) == 0;
        uint256 offered = _min(_min(amount, token.balanceOf(actor)), token.allowance(actor, address(bank)));
        uint256[] memory canBefore = new uint256[](full ? accounts.length : 0);
        uint256[] memory commitmentsBefore = full ? _commitmentsOf(accounts) : new uint256[](0);
        for (uint256 a; a < canBefore.length; ++a) {
            canBefore[a] = bank.available(address(token), accounts[a]);
        }
        bool ok;
        vm.prank(actor);
        if (named == address(0)) {
            try bank.commit(address(token), amount) {
                ok = true;
            } catch {}
        } else {
            try bank.commitReplacing(address(token), amount, named) {
                ok = true;
            } catch {}
        }
        if (!full) return;
        ++joinsIntoAFullSet;
        if (!ok) {
            for (uint256 a; a < accounts.length; ++a) {
                if (accounts[a] == named && offered > canBefore[a]) ++lockoutBreaks;
            }
            return;
        }
        uint256 removed;
        for (uint256 a; a < accounts.length; ++a) {
            if (commitmentsBefore[a] == 0 || bank.commitmentOf(address(token), accounts[a]) != 0) continue;
            ++removed;
            if (canBefore[a] >= offered) ++displacementBreaks;
            if (named != address(0) && accounts[a] != named) ++displacementBreaks;
        }
        if (removed != 1) ++displacementBreaks;
    }

    // ---------------------------------------------------------------- loans

    function loanProRata(uint256 amount) external {
        uint256 max = bank.maxFlashLoan(address(token));
        if (max == 0) return;
        amount = _bound(amount, 1, max);
        _loan(amount, new address[](0), false);
    }

    function loanFrom(uint256 amount, uint256 listSeed, uint256 length) external {
        length = _bound(length, 0, 12);
        address[] memory list = new address[](length);
        for (uint256 e; e < length; ++e) {
            uint256 r = uint256(keccak256(abi.encode(listSeed, e))) % (ACTORS + 1);
            list[e] = r == ACTORS ? address(0xbeef) : actors[r]; // repeats and a stranger allowed
        }
        _loan(_bound(amount, 1, MAX_AMOUNT), list, true);
    }

    function _loan(uint256 amount, address[] memory list, bool greedy) private {
        uint256[] memory balancesBefore = _balancesOf(accounts);
        uint256[] memory commitmentsBefore = _commitmentsOf(accounts);
        uint256[] memory profitsBefore = _profitsOf(accounts);
        uint256 fee = bank.flashFee(address(token), amount);
        token.mint(address(borrower), fee);

        vm.recordLogs();
        bool ok;
        if (greedy) {
            try bank.flashLoanFrom(borrower, address(token), amount, "", list) {
                ok = true;
            } catch {}
        } else {
            try bank.flashLoan(borrower, address(token), amount, "") {
                ok = true;
            } catch {}
        }
        Vm.Log[] memory logs = vm.getRecordedLogs();

        if (!_same(_balancesOf(accounts), balancesBefore)) ++balanceBreaks;
        if (!_same(_commitmentsOf(accounts), commitmentsBefore)) ++commitmentBreaks;
        if (!ok) {
            ++loansRefused;
            token.burn(address(borrower), fee); // keep the borrower empty between loans
            if (!_same(_profitsOf(accounts), profitsBefore)) ++shareBreaks;
            return;
        }
        ++loans;
        feesPaid += fee;
        _checkLoanEvent(logs, amount, fee, profitsBefore);
    }

    function _checkLoanEvent(Vm.Log[] memory logs, uint256 amount, uint256 fee, uint256[] memory profitsBefore)
        private
    {
        uint256 found;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter != address(bank) || logs[i].topics[0] != FLASH_LOAN_TOPIC) continue;
            ++found;
            (
                uint256 loggedAmount,
                uint256 loggedFee,
                address[] memory providers,
                uint256[] memory pulls,
                uint256[] memory shares
            ) = abi.decode(logs[i].data, (uint256, uint256, address[], uint256[], uint256[]));
            if (loggedAmount != amount || _sum(pulls) != amount || providers.length != pulls.length) ++pullBreaks;
            for (uint256 j; j < pulls.length; ++j) {
                if (pulls[j] == 0) ++pullBreaks;
            }
            if (loggedFee != fee || _sum(shares) != fee) ++shareBreaks;
            uint256[] memory profitsAfter = _profitsOf(accounts);
            for (uint256 a; a < accounts.length; ++a) {
                uint256 credited;
                for (uint256 j; j < providers.length; ++j) {
                    if (providers[j] == accounts[a]) credited += shares[j];
                }
                if (profitsAfter[a] != profitsBefore[a] + credited) ++shareBreaks;
            }
        }
        if (found != 1) ++shareBreaks;
    }

    // ---------------------------------------------------------------- views for the invariants

    function sumOfProfits() external view returns (uint256 sum) {
        for (uint256 a; a < accounts.length; ++a) {
            sum += bank.profitOf(address(token), accounts[a]);
        }
    }

    function committedAccounts() external view returns (uint256 count) {
        for (uint256 a; a < accounts.length; ++a) {
            if (bank.commitmentOf(address(token), accounts[a]) != 0) ++count;
        }
    }

    // ---------------------------------------------------------------- helpers

    function _actor(uint256 who) private view returns (address) {
        return actors[who % ACTORS];
    }

    function _balancesOf(address[] memory list) private view returns (uint256[] memory b) {
        b = new uint256[](list.length);
        for (uint256 a; a < list.length; ++a) {
            b[a] = token.balanceOf(list[a]);
        }
    }

    function _commitmentsOf(address[] memory list) private view returns (uint256[] memory c) {
        c = new uint256[](list.length);
        for (uint256 a; a < list.length; ++a) {
            c[a] = bank.commitmentOf(address(token), list[a]);
        }
    }

    function _profitsOf(address[] memory list) private view returns (uint256[] memory p) {
        p = new uint256[](list.length);
        for (uint256 a; a < list.length; ++a) {
            p[a] = bank.profitOf(address(token), list[a]);
        }
    }

    function _min(uint256 a, uint256 b) private pure returns (uint256) {
        return a < b ? a : b;
    }

    function _same(uint256[] memory x, uint256[] memory y) private pure returns (bool) {
        for (uint256 i; i < x.length; ++i) {
            if (x[i] != y[i]) return false;
        }
        return true;
    }

    function _sum(uint256[] memory xs) private pure returns (uint256 s) {
        for (uint256 i; i < xs.length; ++i) {
            s += xs[i];
        }
    }

    function _bound(uint256 x, uint256 min, uint256 max) private pure returns (uint256) {
        if (max < min) return min;
        return min + x % (max - min + 1);
    }
}
