// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {IERC6372} from "@openzeppelin/contracts/interfaces/IERC6372.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IFlashSwapPool} from "../interfaces/IFlashSwapPool.sol";
import {IReserveGovernance} from "../interfaces/IReserveGovernance.sol";
import {IReserveGovernor} from "./IReserveGovernor.sol";

/// @title Pool-level governance: each reserve's fToken holders set its optimal utilisation and flash-loan fee.
/// @notice A compact governor with one fixed action, `pool.setPoolDecision(asset, uopt, fee)`, rather than OZ Governor
/// with arbitrary calldata: one contract serves every reserve (each reserve's fToken is looked up once), a proposal
/// writes three storage words and needs no queue transaction or timelock operation, and the bounds check at proposal
/// and at execution compares typed values instead of decoding calldata.
/// @dev Flash-loan votes weigh nothing: the snapshot is the block *before* the proposal's, so nothing acquired or
/// delegated in the proposal's block or later (by flash loan or otherwise) carries weight. Rounding: quorum and
/// threshold round up (against the proposal).
contract ReserveGovernor is IReserveGovernor {
    /// @notice Basis points in 100 %.
    uint256 public constant BPS = 10_000;

    /// @notice The pool this governor decides for; it must name this contract its `reserveGovernor`.
    IReserveGovernance public immutable pool;
    /// @notice Protocol governance (the timelock), which may cancel any pool-level proposal.
    address public immutable protocolGovernance;
    /// @notice Blocks after the proposal's block during which votes are accepted (the proposal's block votes too).
    uint32 public immutable votingPeriod;
    /// @notice Blocks between the end of the vote and the first block the proposal may be executed in.
    uint32 public immutable executionDelay;
    /// @notice Blocks during which a passed proposal stays executable before it expires.
    uint32 public immutable gracePeriod;
    /// @notice Share of the fToken's supply at the snapshot that must vote For or Abstain.
    uint16 public immutable quorumBps;
    /// @notice Share of the fToken's supply at the snapshot a proposer must hold in votes.
    uint16 public immutable proposalThresholdBps;

    /// @inheritdoc IReserveGovernor
    uint256 public proposalCount;

    /// @inheritdoc IReserveGovernor
    mapping(address asset => address) public fTokenOf;

    mapping(uint256 proposalId => Proposal) private _proposals;
    mapping(uint256 proposalId => mapping(address voter => bool)) private _voted;

    /// @param pool_ the lending pool (IReserveGovernance and IFlashSwapPool at one address)
    /// @param protocolGovernance_ the timelock that owns the pool
    constructor(
        IReserveGovernance pool_,
        address protocolGovernance_,
        uint32 votingPeriod_,
        uint32 executionDelay_,
        uint32 gracePeriod_,
        uint16 quorumBps_,
        uint16 proposalThresholdBps_
    ) {
        if (address(pool_) == address(0) || protocolGovernance_ == address(0)) {
            revert ZeroAddress();
        }
        if (
            votingPeriod_ == 0 || gracePeriod_ == 0 || quorumBps_ == 0 || quorumBps_ > BPS
                || proposalThresholdBps_ > BPS
        ) {
            revert InvalidSettings(votingPeriod_, gracePeriod_, quorumBps_, proposalThresholdBps_);
        }
        pool = pool_;
        protocolGovernance = protocolGovernance_;
        votingPeriod = votingPeriod_;
        executionDelay = executionDelay_;
        gracePeriod = gracePeriod_;
        quorumBps = quorumBps_;
        proposalThresholdBps = proposalThresholdBps_;
    }

    /// @inheritdoc IReserveGovernor
    function propose(address asset, uint256 optimalUtilizationRay, uint16 flashLoanFeeBps)
        external
        returns (uint256 proposalId)
    {
        address fToken = _fToken(asset);
        _checkBounds(asset, optimalUtilizationRay, flashLoanFeeBps);

        // A fToken on a timestamp clock would read "the previous block" as a second ago: refuse it.
        uint256 clock = IERC6372(fToken).clock();
        if (clock != block.number) revert FTokenClockNotBlockNumber(fToken, clock, block.number);
        uint256 snapshot = block.number - 1;
        uint256 supply = IVotes(fToken).getPastTotalSupply(snapshot);
        if (supply == 0) revert NoVotingSupply(fToken, snapshot);

        uint256 threshold = Math.mulDiv(supply, proposalThresholdBps, BPS, Math.Rounding.Ceil);
        uint256 proposerVotes = IVotes(fToken).getPastVotes(msg.sender, snapshot);
        if (proposerVotes < threshold) revert ProposerVotesBelowThreshold(msg.sender, proposerVotes, threshold);
        uint256 quorumVotes = Math.mulDiv(supply, quorumBps, BPS, Math.Rounding.Ceil);

        proposalId = ++proposalCount;
        uint256 voteEnd = block.number + votingPeriod;
        Proposal storage p = _proposals[proposalId];
        p.asset = asset;
        p.snapshot = SafeCast.toUint48(snapshot);
        p.voteEnd = SafeCast.toUint48(voteEnd);
        p.proposer = msg.sender;
        p.optimalUtilizationRay = SafeCast.toUint96(optimalUtilizationRay); // below 1 ray by the bounds
        p.quorumVotes = SafeCast.toUint208(quorumVotes); // at most the supply, which ERC20Votes keeps in 208 bits
        p.flashLoanFeeBps = flashLoanFeeBps;
        emit ProposalCreated(
            proposalId, msg.sender, asset, optimalUtilizationRay, flashLoanFeeBps, snapshot, voteEnd, quorumVotes
        );
    }

    /// @inheritdoc IReserveGovernor
    function castVote(uint256 proposalId, VoteType support) external returns (uint256 weight) {
        ProposalState current = state(proposalId);
        if (current != ProposalState.Active) revert UnexpectedProposalState(proposalId, current);
        if (_voted[proposalId][msg.sender]) revert AlreadyVoted(proposalId, msg.sender);
        Proposal storage p = _proposals[proposalId];
        uint256 snapshot = p.snapshot;
        weight = IVotes(fTokenOf[p.asset]).getPastVotes(msg.sender, snapshot);
        if (weight == 0) revert NoVotingPower(msg.sender, snapshot);

        _voted[proposalId][msg.sender] = true;
        if (support == VoteType.For) p.forVotes += weight;
        else if (support == VoteType.Against) p.againstVotes += weight;
        else p.abstainVotes += weight;
        emit VoteCast(proposalId, msg.sender, support, weight);
    }

    /// @inheritdoc IReserveGovernor
    function execute(uint256 proposalId) external {
        ProposalState current = state(proposalId);
        if (current != ProposalState.Executable) revert UnexpectedProposalState(proposalId, current);
        Proposal storage p = _proposals[proposalId];
        (address asset, uint256 uopt, uint16 fee) = (p.asset, p.optimalUtilizationRay, p.flashLoanFeeBps);
        _checkBounds(asset, uopt, fee);

        p.executed = true;
        emit ProposalExecuted(proposalId, asset, uopt, fee);
        pool.setPoolDecision(asset, uopt, fee);
    }

    /// @inheritdoc IReserveGovernor
    function cancel(uint256 proposalId) external {
        ProposalState current = state(proposalId);
        Proposal storage p = _proposals[proposalId];
        if (msg.sender != p.proposer && msg.sender != protocolGovernance) revert NotProposerOrGovernance(msg.sender);
        if (current != ProposalState.Active && current != ProposalState.Queued && current != ProposalState.Executable) {
            revert UnexpectedProposalState(proposalId, current);
        }
        p.canceled = true;
        emit ProposalCanceled(proposalId, msg.sender);
    }

    /// @inheritdoc IReserveGovernor
    function state(uint256 proposalId) public view returns (ProposalState) {
        Proposal storage p = _proposals[proposalId];
        if (p.asset == address(0)) revert UnknownProposal(proposalId);
        if (p.executed) return ProposalState.Executed;
        if (p.canceled) return ProposalState.Canceled;
        uint256 voteEnd = p.voteEnd;
        if (block.number <= voteEnd) return ProposalState.Active;
        if (p.forVotes + p.abstainVotes < p.quorumVotes || p.forVotes <= p.againstVotes) return ProposalState.Defeated;
        uint256 queuedUntil = voteEnd + executionDelay;
        if (block.number <= queuedUntil) return ProposalState.Queued;
        if (block.number <= queuedUntil + gracePeriod) return ProposalState.Executable;
        return ProposalState.Expired;
    }

    /// @inheritdoc IReserveGovernor
    function proposal(uint256 proposalId) external view returns (Proposal memory) {
        return _proposals[proposalId];
    }

    /// @inheritdoc IReserveGovernor
    function hasVoted(uint256 proposalId, address account) external view returns (bool) {
        return _voted[proposalId][account];
    }

    /// @dev The reserve's fToken, read from the pool once per asset (the full ReserveData is ~15 storage words).
    function _fToken(address asset) private returns (address fToken) {
        fToken = fTokenOf[asset];
        if (fToken == address(0)) {
            fToken = IFlashSwapPool(address(pool)).reserveData(asset).fToken;
            if (fToken == address(0)) revert UnknownReserve(asset);
            fTokenOf[asset] = fToken;
        }
    }

    /// @dev Reverts unless pool-level decisions are enabled on `asset` and the values lie within its bounds now.
    function _checkBounds(address asset, uint256 uopt, uint16 fee) private view {
        (uint256 minUopt, uint256 maxUopt, uint16 maxFee) = pool.poolDecisionBounds(asset);
        if (maxUopt == 0) revert PoolDecisionsDisabled(asset);
        if (uopt < minUopt || uopt > maxUopt || fee > maxFee) {
            revert IReserveGovernance.PoolDecisionOutOfBounds(asset, uopt, fee, minUopt, maxUopt, maxFee);
        }
    }
}
