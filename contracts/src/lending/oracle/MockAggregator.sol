// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AggregatorV3Interface} from "./AggregatorV3Interface.sol";

/// @title A STAND-IN for a Chainlink price feed, for tests and the local devnet only: its operator sets any answer.
/// @notice Not a price source for real money: nothing checks what the operator writes. `setAnswer` acts like a
/// feed's normal update (a new round, answered now); `setRoundData` writes every field as given, so tests can
/// produce stale, incomplete, future, zero and negative rounds.
contract MockAggregator is AggregatorV3Interface {
    /// @notice Only the operator may set answers.
    error NotOperator(address caller);

    /// @notice Chainlink's own update event, so tools that follow feeds can follow this one.
    event AnswerUpdated(int256 indexed current, uint256 indexed roundId, uint256 updatedAt);
    /// @notice Every write of the round, whatever its fields.
    event RoundDataSet(uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound);

    /// @notice Who may set answers (the deployer of the test or devnet).
    address public immutable operator;
    /// @inheritdoc AggregatorV3Interface
    uint8 public immutable override decimals;
    /// @notice Says what this is to anyone reading it on chain.
    string public description;

    uint80 private _roundId;
    int256 private _answer;
    uint256 private _startedAt;
    uint256 private _updatedAt;
    uint80 private _answeredInRound;

    /// @param decimals_ the decimals of every answer
    /// @param initialAnswer written as round 1, answered at deployment
    constructor(uint8 decimals_, int256 initialAnswer, string memory description_) {
        operator = msg.sender;
        decimals = decimals_;
        description = string.concat("MOCK (test/devnet stand-in): ", description_);
        _write(1, initialAnswer, block.timestamp, block.timestamp, 1);
    }

    /// @notice A normal feed update: the next round, answered now.
    function setAnswer(int256 answer) external {
        if (msg.sender != operator) revert NotOperator(msg.sender);
        uint80 next = _roundId + 1;
        _write(next, answer, block.timestamp, block.timestamp, next);
    }

    /// @notice Write every field of the latest round as given (for stale, incomplete or future rounds in tests).
    function setRoundData(uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
        external
    {
        if (msg.sender != operator) revert NotOperator(msg.sender);
        _write(roundId, answer, startedAt, updatedAt, answeredInRound);
    }

    /// @inheritdoc AggregatorV3Interface
    function latestRoundData() external view override returns (uint80, int256, uint256, uint256, uint80) {
        return (_roundId, _answer, _startedAt, _updatedAt, _answeredInRound);
    }

    /// @notice The latest answer alone (Chainlink's older `latestAnswer`).
    function latestAnswer() external view returns (int256) {
        return _answer;
    }

    function _write(uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
        private
    {
        _roundId = roundId;
        _answer = answer;
        _startedAt = startedAt;
        _updatedAt = updatedAt;
        _answeredInRound = answeredInRound;
        emit AnswerUpdated(answer, roundId, updatedAt);
        emit RoundDataSet(roundId, answer, startedAt, updatedAt, answeredInRound);
    }
}
