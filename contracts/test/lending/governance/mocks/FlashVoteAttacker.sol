// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {IReserveGovernor} from "../../../../src/lending/governance/IReserveGovernor.sol";
import {IFlashVoteBorrower} from "./FlashVoteLender.sol";

/// @title Borrows voting tokens by flash loan, delegates them to itself and tries to vote or propose with them
/// inside the loan, recording what each attempt returned or why it reverted.
contract FlashVoteAttacker is IFlashVoteBorrower {
    enum Action {
        DelegateOnly,
        VoteProtocol,
        VoteReserve,
        ProposeReserve
    }

    Action public action;
    address public governor; // FlashSwapGovernor or ReserveGovernor
    uint256 public proposalId;
    address public asset;
    uint256 public uopt;
    uint16 public fee;

    bool public attempted;
    bool public succeeded;
    uint256 public weight; // the weight the vote counted, when it went through
    uint256 public votesDuringLoan; // the attacker's current votes inside the loan (they exist, but only "now")
    bytes public revertData;

    function arm(Action action_, address governor_, uint256 proposalId_) external {
        (action, governor, proposalId) = (action_, governor_, proposalId_);
        (attempted, succeeded, weight, revertData) = (false, false, 0, "");
    }

    function armProposal(address governor_, address asset_, uint256 uopt_, uint16 fee_) external {
        (action, governor, asset, uopt, fee) = (Action.ProposeReserve, governor_, asset_, uopt_, fee_);
        (attempted, succeeded, weight, revertData) = (false, false, 0, "");
    }

    function onFlashLoan(address token, uint256 amount, bool repay) external {
        IVotes(token).delegate(address(this));
        votesDuringLoan = IVotes(token).getVotes(address(this));
        if (action != Action.DelegateOnly) {
            attempted = true;
            (bool ok, bytes memory ret) = governor.call(_callData());
            succeeded = ok;
            if (ok && action != Action.ProposeReserve) weight = abi.decode(ret, (uint256));
            if (!ok) revertData = ret;
        }
        if (repay) IERC20(token).transfer(msg.sender, amount);
    }

    /// @notice Votes outside any loan, with whatever the attacker holds.
    function voteReserve(IReserveGovernor rg, uint256 id) external returns (uint256) {
        return rg.castVote(id, IReserveGovernor.VoteType.For);
    }

    function delegateSelf(IVotes token) external {
        token.delegate(address(this));
    }

    function _callData() private view returns (bytes memory) {
        if (action == Action.VoteProtocol) return abi.encodeCall(IGovernor.castVote, (proposalId, 1));
        if (action == Action.VoteReserve) {
            return abi.encodeCall(IReserveGovernor.castVote, (proposalId, IReserveGovernor.VoteType.For));
        }
        return abi.encodeCall(IReserveGovernor.propose, (asset, uopt, fee));
    }
}
