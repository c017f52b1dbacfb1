// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Test} from "./utils/Test.sol";
import {Vm} from "./utils/Vm.sol";
import {FlashBank} from "../src/FlashBank.sol";
import {IFlashBank} from "../src/interfaces/IFlashBank.sol";
import {MockERC20} from "./mocks/MockERC20.sol";
import {FlashBorrowerMock} from "./mocks/FlashBorrowerMock.sol";

/// @title What the FlashBank tests share: a bank, a listed standard token, a borrower and provider wallets.
abstract contract FlashBankFixture is Test {
    uint256 internal constant MIN_COMMITMENT = 1e6;
    bytes32 internal constant FLASH_LOAN_TOPIC =
        keccak256("FlashLoan(address,address,address,uint256,uint256,address[],uint256[],uint256[])");

    /// @dev One decoded FlashLoan event.
    struct LoanLog {
        address token;
        address receiver;
        address initiator;
        uint256 amount;
        uint256 fee;
        address[] providers;
        uint256[] pulls;
        uint256[] feeShares;
    }

    address internal owner = makeAddr("owner");
    FlashBank internal bank;
    MockERC20 internal token;
    FlashBorrowerMock internal borrower;

    function setUp() public virtual {
        bank = new FlashBank(owner);
        token = new MockERC20("Wrapped Ether", "WETH", 18);
        vm.prank(owner);
        bank.listToken(address(token), MIN_COMMITMENT);
        borrower = new FlashBorrowerMock(IFlashBank(address(bank)));
    }

    /// @dev A wallet holding `balance`, with a max approval to the bank and `commitment` committed (0: none).
    function _provider(string memory name, uint256 balance, uint256 commitment) internal returns (address p) {
        p = makeAddr(name);
        _fund(token, p, balance, commitment);
    }

    function _fund(MockERC20 t, address p, uint256 balance, uint256 commitment) internal {
        t.mint(p, balance);
        vm.startPrank(p);
        t.approve(address(bank), type(uint256).max);
        if (commitment != 0) bank.commit(address(t), commitment);
        vm.stopPrank();
    }

    /// @dev `n` providers named p0..p(n-1), each with `balance` and `commitment`.
    function _providers(uint256 n, uint256 balance, uint256 commitment) internal returns (address[] memory list) {
        list = new address[](n);
        for (uint256 i; i < n; ++i) {
            list[i] = _provider(string.concat("p", vm.toString(i)), balance, commitment);
        }
    }

    /// @dev Gives the borrower the fee it will owe on `amount`.
    function _fundFee(uint256 amount) internal returns (uint256 fee) {
        fee = bank.flashFee(address(token), amount);
        token.mint(address(borrower), fee);
    }

    function _balances(MockERC20 t, address[] memory list) internal view returns (uint256[] memory b) {
        b = new uint256[](list.length);
        for (uint256 i; i < list.length; ++i) {
            b[i] = t.balanceOf(list[i]);
        }
    }

    function _commitments(address t, address[] memory list) internal view returns (uint256[] memory c) {
        c = new uint256[](list.length);
        for (uint256 i; i < list.length; ++i) {
            c[i] = bank.commitmentOf(t, list[i]);
        }
    }

    function _profits(address t, address[] memory list) internal view returns (uint256[] memory p) {
        p = new uint256[](list.length);
        for (uint256 i; i < list.length; ++i) {
            p[i] = bank.profitOf(t, list[i]);
        }
    }

    function _sumProfits(address t, address[] memory list) internal view returns (uint256 sum) {
        for (uint256 i; i < list.length; ++i) {
            sum += bank.profitOf(t, list[i]);
        }
    }

    function _sum(uint256[] memory xs) internal pure returns (uint256 s) {
        for (uint256 i; i < xs.length; ++i) {
            s += xs[i];
        }
    }

    /// @dev The last FlashLoan event among the logs recorded since `vm.recordLogs()`.
    function _lastLoan() internal returns (LoanLog memory loan) {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        bool found;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter != address(bank) || logs[i].topics[0] != FLASH_LOAN_TOPIC) continue;
            found = true;
            loan.token = address(uint160(uint256(logs[i].topics[1])));
            loan.receiver = address(uint160(uint256(logs[i].topics[2])));
            loan.initiator = address(uint160(uint256(logs[i].topics[3])));
            (loan.amount, loan.fee, loan.providers, loan.pulls, loan.feeShares) =
                abi.decode(logs[i].data, (uint256, uint256, address[], uint256[], uint256[]));
        }
        assertTrue(found, "a FlashLoan event was emitted");
    }

    function _list(address a) internal pure returns (address[] memory l) {
        l = new address[](1);
        l[0] = a;
    }

    function _list(address a, address b) internal pure returns (address[] memory l) {
        l = new address[](2);
        l[0] = a;
        l[1] = b;
    }

    function _list(address a, address b, address c) internal pure returns (address[] memory l) {
        l = new address[](3);
        l[0] = a;
        l[1] = b;
        l[2] = c;
    }

    function _amounts(uint256 a) internal pure returns (uint256[] memory l) {
        l = new uint256[](1);
        l[0] = a;
    }

    function _amounts(uint256 a, uint256 b) internal pure returns (uint256[] memory l) {
        l = new uint256[](2);
        l[0] = a;
        l[1] = b;
    }

    function _amounts(uint256 a, uint256 b, uint256 c) internal pure returns (uint256[] memory l) {
        l = new uint256[](3);
        l[0] = a;
        l[1] = b;
        l[2] = c;
    }
}
