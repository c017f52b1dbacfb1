// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Vm} from "../../../utils/Vm.sol";
import {IReserveGovernor} from "../../../../src/lending/governance/IReserveGovernor.sol";
import {ReserveGovernor} from "../../../../src/lending/governance/ReserveGovernor.sol";
import {VotesFTokenMock} from "../mocks/VotesFTokenMock.sol";
import {FlashVoteLender} from "../mocks/FlashVoteLender.sol";
import {FlashVoteAttacker} from "../mocks/FlashVoteAttacker.sol";

/// @title Random fToken moves (deposits, redemptions, transfers, delegations, flash loans), proposals and votes
/// across blocks, with ghost tallies of what each vote should weigh.
contract ReserveVotesHandler {
    Vm private constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));
    uint256 public constant ACTORS = 4;
    uint256 public constant MAX_PROPOSALS = 12;

    ReserveGovernor public immutable governor;
    VotesFTokenMock public immutable fToken;
    address public immutable asset;
    FlashVoteLender public immutable lender;
    FlashVoteAttacker public immutable attacker;
    address[ACTORS] public actors;

    uint256[] public proposalIds;
    mapping(uint256 proposalId => uint256) public ghostTally; // sum of the weights castVote returned
    mapping(uint256 proposalId => address[]) private _voters;
    uint256 public weightBreaks; // votes whose weight differed from the voter's checkpoint at the snapshot
    uint256 public flashVotesCounted; // flash-loan votes that went through (must stay 0)
    uint256 public flashVotesTried;
    uint256 public votesCast;

    constructor(ReserveGovernor governor_, VotesFTokenMock fToken_, address asset_) {
        governor = governor_;
        fToken = fToken_;
        asset = asset_;
        lender = new FlashVoteLender();
        attacker = new FlashVoteAttacker();
        // Every actor starts with a self-delegated deposit, a block in the past, so that proposals and votes
        // happen from the first call on.
        for (uint256 i; i < ACTORS; ++i) {
            // forge-lint: disable-next-line(unsafe-typecast) small constants
            actors[i] = address(uint160(0xAC7000 + i));
            fToken.mint(actors[i], (i + 1) * 1_000e18);
            vm.prank(actors[i]);
            fToken.delegate(actors[i]);
        }
        vm.roll(block.number + 1);
    }

    function _actor(uint256 seed) private view returns (address) {
        return actors[seed % ACTORS];
    }

    function mine(uint256 blocks) external {
        blocks = 1 + (blocks % 40);
        vm.roll(block.number + blocks);
        vm.warp(block.timestamp + 12 * blocks);
    }

    function deposit(uint256 who, uint256 amount) external {
        fToken.mint(_actor(who), 1 + (amount % 1e24));
    }

    function redeem(uint256 who, uint256 amount) external {
        address a = _actor(who);
        uint256 balance = fToken.balanceOf(a);
        if (balance == 0) return;
        fToken.burn(a, 1 + (amount % balance));
    }

    function transfer(uint256 from, uint256 to, uint256 amount) external {
        address a = _actor(from);
        uint256 balance = fToken.balanceOf(a);
        if (balance == 0) return;
        vm.prank(a);
        require(fToken.transfer(_actor(to), amount % (balance + 1)), "transfer");
    }

    function delegate(uint256 from, uint256 to) external {
        vm.prank(_actor(from));
        fToken.delegate(_actor(to));
    }

    function propose(uint256 who, uint256 uopt, uint256 fee) external {
        if (proposalIds.length == MAX_PROPOSALS) return;
        vm.prank(_actor(who));
        // forge-lint: disable-next-line(unsafe-typecast) fee % 31 fits
        try governor.propose(asset, 0.6e27 + (uopt % 0.35e27), uint16(fee % 31)) returns (uint256 id) {
            proposalIds.push(id);
        } catch {}
    }

    function vote(uint256 who, uint256 which, uint8 support) external {
        if (proposalIds.length == 0) return;
        uint256 id = proposalIds[which % proposalIds.length];
        address voter = _actor(who);
        vm.prank(voter);
        try governor.castVote(id, IReserveGovernor.VoteType(support % 3)) returns (uint256 weight) {
            ++votesCast;
            ghostTally[id] += weight;
            _voters[id].push(voter);
            if (weight != fToken.getPastVotes(voter, governor.proposal(id).snapshot)) ++weightBreaks;
        } catch {}
    }

    /// @notice Flash-mints fTokens to the attacker, who delegates and votes on a proposal inside the loan.
    function flashVote(uint256 which, uint256 amount) external {
        if (proposalIds.length == 0) return;
        uint256 id = proposalIds[which % proposalIds.length];
        attacker.arm(address(governor), abi.encodeCall(IReserveGovernor.castVote, (id, IReserveGovernor.VoteType.For)));
        lender.flashMint(fToken, 1 + (amount % 1e30), attacker);
        ++flashVotesTried;
        if (attacker.succeeded()) ++flashVotesCounted;
    }

    // ---------------------------------------------------------------- views for the invariants

    function proposalCount() external view returns (uint256) {
        return proposalIds.length;
    }

    function voters(uint256 id) external view returns (address[] memory) {
        return _voters[id];
    }
}
