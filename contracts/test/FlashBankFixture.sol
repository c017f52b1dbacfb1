// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Test} from "./utils/Test.sol";
import {FlashBank} from "../src/FlashBank.sol";
import {IFlashBank} from "../src/interfaces/IFlashBank.sol";
import {MockERC20} from "./mocks/MockERC20.sol";
import {FlashBorrowerMock} from "./mocks/FlashBorrowerMock.sol";

/// @title What the FlashBank tests share: a bank, a listed standard token, a borrower and provider wallets.
abstract contract FlashBankFixture is Test {
    uint256 internal constant MIN_COMMITMENT = 1e6;

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

    /// @dev A wallet holding `balance`, with a max approval to the bank and `commitment` committed.
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

    function _balances(address[] memory list) internal view returns (uint256[] memory b) {
        b = new uint256[](list.length);
        for (uint256 i; i < list.length; ++i) {
            b[i] = token.balanceOf(list[i]);
        }
    }

    function _sumProfits(address[] memory list) internal view returns (uint256 sum) {
        for (uint256 i; i < list.length; ++i) {
            sum += bank.profitOf(address(token), list[i]);
        }
    }
}
