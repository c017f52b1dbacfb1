// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Test} from "../../utils/Test.sol";
import {VmSign} from "./utils/VmSign.sol";
import {Votes} from "@openzeppelin/contracts/governance/utils/Votes.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {FSWP} from "../../../src/lending/governance/FSWP.sol";

/// @title FSWP: a fixed supply to one holder, checkpointed votes on the block-number clock, permits.
contract FSWPTest is Test {
    VmSign internal constant signer = VmSign(address(uint160(uint256(keccak256("hevm cheat code")))));
    uint256 internal constant SUPPLY = 100_000_000e18;

    address internal holder = makeAddr("holder");
    address internal alice = makeAddr("alice");
    FSWP internal token;

    function setUp() public {
        vm.roll(100);
        token = new FSWP(holder, SUPPLY);
    }

    function test_MintsTheWholeSupplyToTheHolderOnce() public view {
        assertEq(token.totalSupply(), SUPPLY, "supply");
        assertEq(token.balanceOf(holder), SUPPLY, "holder has it all");
        assertEq(token.decimals(), 18, "decimals");
        assertEq(keccak256(bytes(token.symbol())), keccak256("FSWP"), "symbol");
    }

    function test_HasNoMintFunction() public {
        (bool ok,) = address(token).call(abi.encodeWithSignature("mint(address,uint256)", alice, 1));
        assertFalse(ok, "no mint(address,uint256)");
        (ok,) = address(token).call(abi.encodeWithSignature("mint(uint256)", 1));
        assertFalse(ok, "no mint(uint256)");
        assertEq(token.totalSupply(), SUPPLY, "supply unchanged");
    }

    function testFuzz_SupplyNeverChangesWithTransfers(uint256 amount, uint256 back) public {
        amount = bound(amount, 0, SUPPLY);
        back = bound(back, 0, amount);
        vm.prank(holder);
        assertTrue(token.transfer(alice, amount), "transfer");
        vm.prank(alice);
        assertTrue(token.transfer(holder, back), "transfer");
        assertEq(token.totalSupply(), SUPPLY, "fixed supply");
        assertEq(token.balanceOf(alice) + token.balanceOf(holder), SUPPLY, "conserved");
        assertEq(token.balanceOf(alice), amount - back, "alice");
    }

    function test_RevertWhen_HolderZeroOrSupplyInvalid() public {
        vm.expectRevert(FSWP.ZeroHolder.selector);
        new FSWP(address(0), SUPPLY);
        vm.expectRevert(abi.encodeWithSelector(FSWP.InvalidSupply.selector, 0, type(uint208).max));
        new FSWP(holder, 0);
        vm.expectRevert(
            abi.encodeWithSelector(FSWP.InvalidSupply.selector, uint256(type(uint208).max) + 1, type(uint208).max)
        );
        new FSWP(holder, uint256(type(uint208).max) + 1);
    }

    function test_VotesNeedDelegationAndAreCheckpointedPerBlock() public {
        assertEq(token.getVotes(holder), 0, "undelegated balances do not vote");
        vm.prank(holder);
        token.delegate(holder);
        assertEq(token.getVotes(holder), SUPPLY, "self-delegated");
        uint256 delegatedAt = block.number;
        vm.roll(block.number + 1);
        vm.prank(holder);
        assertTrue(token.transfer(alice, 1_000e18), "transfer");
        assertEq(token.getVotes(holder), SUPPLY - 1_000e18, "current votes follow the balance");
        assertEq(token.getPastVotes(holder, delegatedAt), SUPPLY, "the past block keeps its checkpoint");
        assertEq(token.getPastVotes(holder, delegatedAt - 1), 0, "before delegation: nothing");
        assertEq(token.getPastTotalSupply(delegatedAt), SUPPLY, "past supply");
        vm.expectRevert(abi.encodeWithSelector(Votes.ERC5805FutureLookup.selector, block.number, block.number));
        token.getPastVotes(holder, block.number); // only past blocks can be read
    }

    function test_ClockIsTheBlockNumber() public view {
        assertEq(token.clock(), block.number, "clock");
        assertEq(keccak256(bytes(token.CLOCK_MODE())), keccak256("mode=blocknumber&from=default"), "mode");
    }

    function test_PermitSetsAllowanceBySignature() public {
        uint256 key = 0xA11CE;
        address owner = vm.addr(key);
        vm.prank(holder);
        assertTrue(token.transfer(owner, 10e18), "transfer");
        uint256 deadline = block.timestamp + 1 hours;
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"),
                owner,
                alice,
                7e18,
                token.nonces(owner),
                deadline
            )
        );
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", token.DOMAIN_SEPARATOR(), structHash));
        (uint8 v, bytes32 r, bytes32 s) = signer.sign(key, digest);
        token.permit(owner, alice, 7e18, deadline, v, r, s);
        assertEq(token.allowance(owner, alice), 7e18, "allowance by permit");
        assertEq(token.nonces(owner), 1, "nonce used");
        // A replay recovers some other signer for the next nonce.
        (bool ok, bytes memory err) =
            address(token).call(abi.encodeCall(token.permit, (owner, alice, 7e18, deadline, v, r, s)));
        assertFalse(ok, "replay refused");
        // forge-lint: disable-next-line(unsafe-typecast) the selector: the first four bytes
        assertEq(bytes4(err), ERC20Permit.ERC2612InvalidSigner.selector, "as an invalid signer");
    }
}
