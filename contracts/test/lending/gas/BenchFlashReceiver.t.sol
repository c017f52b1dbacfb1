// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Test} from "../../utils/Test.sol";
import {MockERC20} from "../../mocks/MockERC20.sol";
import {BenchFlashReceiver} from "../../../script/lending-gas/BenchFlashReceiver.sol";

/// @title The lending gas benchmark's flash receiver: answers only its lender, for loans its owner started.
contract BenchFlashReceiverTest is Test {
    address private owner;
    address private lender;
    MockERC20 private token;
    BenchFlashReceiver private receiver;

    function setUp() public {
        owner = makeAddr("owner");
        lender = makeAddr("lender");
        token = new MockERC20("Token", "TKN", 18);
        receiver = new BenchFlashReceiver(owner, lender);
    }

    function test_ApproveGivesTheLenderAnUnlimitedAllowance() public {
        assertEq(token.allowance(address(receiver), lender), 0, "no allowance before");
        vm.prank(owner);
        receiver.approve(address(token));
        assertEq(token.allowance(address(receiver), lender), type(uint256).max, "unlimited allowance after");
    }

    function testFuzz_RevertWhen_SomeoneElseApproves(address caller) public {
        vm.assume(caller != owner);
        vm.expectRevert(abi.encodeWithSelector(BenchFlashReceiver.NotOwner.selector, caller));
        vm.prank(caller);
        receiver.approve(address(token));
    }

    function testFuzz_CallbacksAnswerTheLenderForTheOwner(uint256 amount, uint256 fee) public {
        vm.startPrank(lender);
        assertTrue(receiver.executeOperation(address(token), amount, fee, owner, ""), "Aave's simple callback returns true");
        assertEq(receiver.onFlashLoan(owner, address(token), amount, fee, ""), keccak256("ERC3156FlashBorrower.onFlashLoan"),
            "ERC-3156 callback returns the magic value");
        vm.stopPrank();
    }

    function testFuzz_RevertWhen_CallbackIsNotFromTheLender(address caller) public {
        vm.assume(caller != lender);
        vm.startPrank(caller);
        vm.expectRevert(abi.encodeWithSelector(BenchFlashReceiver.NotLender.selector, caller));
        receiver.executeOperation(address(token), 1, 0, owner, "");
        vm.expectRevert(abi.encodeWithSelector(BenchFlashReceiver.NotLender.selector, caller));
        receiver.onFlashLoan(owner, address(token), 1, 0, "");
        vm.stopPrank();
    }

    function testFuzz_RevertWhen_LoanWasNotStartedByTheOwner(address initiator) public {
        vm.assume(initiator != owner);
        vm.startPrank(lender);
        vm.expectRevert(abi.encodeWithSelector(BenchFlashReceiver.NotInitiatedByOwner.selector, initiator));
        receiver.executeOperation(address(token), 1, 0, initiator, "");
        vm.expectRevert(abi.encodeWithSelector(BenchFlashReceiver.NotInitiatedByOwner.selector, initiator));
        receiver.onFlashLoan(initiator, address(token), 1, 0, "");
        vm.stopPrank();
    }
}
