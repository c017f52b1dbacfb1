// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title Pool-level governance of the FlashSwap lending pool: each reserve's fToken holders decide its optimal
/// utilisation and flash-loan fee, within the bounds protocol governance set on the pool.
/// @notice One contract serves every reserve; a proposal names its reserve and is voted by that reserve's fToken
/// holders, weighted by `getPastVotes(voter, snapshot)`, the snapshot being the block before the proposal's. All
/// timings are in blocks. A proposal is `Active` from its block through `voteEnd`, then `Defeated`, or `Queued` for
/// `executionDelay` blocks, then `Executable` for `gracePeriod` blocks, then `Expired`.
interface IReserveGovernor {
    enum ProposalState {
        Active,
        Defeated,
        Queued,
        Executable,
        Expired,
        Executed,
        Canceled
    }

    enum VoteType {
        Against,
        For,
        Abstain
    }

    /// @notice One proposal: three storage words written by `propose`, then one tally word per kind of vote. Votes
    /// and quorum are in the fToken's smallest unit.
    struct Proposal {
        address asset;
        uint48 snapshot; // block whose closing checkpoints weigh the votes: the block before the proposal's
        uint48 voteEnd; // last block in which votes are accepted
        address proposer;
        uint96 optimalUtilizationRay;
        uint208 quorumVotes; // For + Abstain needed: ceil(pastTotalSupply(snapshot) * quorumBps / 10_000)
        uint16 flashLoanFeeBps;
        bool executed;
        bool canceled;
        uint256 forVotes;
        uint256 againstVotes;
        uint256 abstainVotes;
    }

    event ProposalCreated(
        uint256 indexed proposalId,
        address indexed proposer,
        address indexed asset,
        uint256 optimalUtilizationRay,
        uint16 flashLoanFeeBps,
        uint256 snapshot,
        uint256 voteEnd,
        uint256 quorumVotes
    );
    event VoteCast(uint256 indexed proposalId, address indexed voter, VoteType support, uint256 weight);
    event ProposalExecuted(
        uint256 indexed proposalId, address indexed asset, uint256 optimalUtilizationRay, uint16 flashLoanFeeBps
    );
    event ProposalCanceled(uint256 indexed proposalId, address indexed by);

    /// @notice A zero address where a contract is needed.
    error ZeroAddress();
    /// @notice Constructor settings out of range (a zero period, a quorum of 0 or above 100 %, a threshold above 100 %).
    error InvalidSettings(uint256 votingPeriod, uint256 gracePeriod, uint256 quorumBps, uint256 proposalThresholdBps);
    /// @notice `asset` is not one of the pool's reserves.
    error UnknownReserve(address asset);
    /// @notice The fToken's ERC-6372 clock is not the block number (`clock` was returned at block `blockNumber`).
    error FTokenClockNotBlockNumber(address fToken, uint256 clock, uint256 blockNumber);
    /// @notice Protocol governance has not enabled pool-level decisions on `asset` (its bounds are zero).
    error PoolDecisionsDisabled(address asset);
    /// @notice The fToken had no supply at the snapshot: there is nobody to vote.
    error NoVotingSupply(address fToken, uint256 snapshot);
    /// @notice The proposer's votes at the snapshot are below the threshold.
    error ProposerVotesBelowThreshold(address proposer, uint256 votes, uint256 threshold);
    /// @notice No proposal has this id.
    error UnknownProposal(uint256 proposalId);
    /// @notice The proposal is not in a state that allows this call.
    error UnexpectedProposalState(uint256 proposalId, ProposalState current);
    /// @notice `voter` has already voted on this proposal.
    error AlreadyVoted(uint256 proposalId, address voter);
    /// @notice `voter` had no votes at the snapshot (votes delegated or tokens acquired later count for nothing).
    error NoVotingPower(address voter, uint256 snapshot);
    /// @notice Only the proposer or protocol governance may cancel.
    error NotProposerOrGovernance(address caller);

    /// @notice Proposes `asset`'s optimal utilisation (a ray) and flash-loan fee; reverts unless the values lie
    /// within the pool's current bounds and the proposer held `proposalThresholdBps` of the fToken's supply at the
    /// snapshot (the previous block). Emits `ProposalCreated`.
    function propose(address asset, uint256 optimalUtilizationRay, uint16 flashLoanFeeBps)
        external
        returns (uint256 proposalId);

    /// @notice Casts the caller's votes at the proposal's snapshot, once; reverts `NoVotingPower` for none.
    /// Emits `VoteCast`.
    function castVote(uint256 proposalId, VoteType support) external returns (uint256 weight);

    /// @notice Anyone may execute an `Executable` proposal; the bounds are checked again (they may have changed since
    /// the proposal) and the pool checks them a third time. Emits `ProposalExecuted`.
    function execute(uint256 proposalId) external;

    /// @notice The proposer or protocol governance cancels a proposal that is `Active`, `Queued` or `Executable`.
    /// Emits `ProposalCanceled`.
    function cancel(uint256 proposalId) external;

    function state(uint256 proposalId) external view returns (ProposalState);
    function proposal(uint256 proposalId) external view returns (Proposal memory);
    function hasVoted(uint256 proposalId, address account) external view returns (bool);
    function proposalCount() external view returns (uint256);
    /// @notice The fToken whose holders vote on `asset`, as the pool named it at the asset's first proposal (a
    /// reserve's fToken never changes); zero before any proposal on `asset`.
    function fTokenOf(address asset) external view returns (address);
}
