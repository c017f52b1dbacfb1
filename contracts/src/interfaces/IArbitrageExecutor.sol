// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {IERC3156FlashBorrower} from "./IERC3156FlashBorrower.sol";

/// @title ArbitrageExecutor: flash-borrows a token, runs it round a cycle of Uniswap V2-style pairs, repays, keeps
/// the profit
/// @notice Owned by the arbitrage service. `execute` borrows from an ERC-3156 lender (FlashBank's pro-rata `flashLoan`
/// or its greedy `flashLoanFrom`), swaps by calling each pair's `swap` directly (each pair pays the next one), requires
/// at least `minProfit` left after repaying amount plus fee, lets the lender pull the repayment and sends the profit to
/// the owner. Nothing stays here between transactions.
/// @dev Swap outputs are Uniswap V2's `getAmountOut` (0.3% fee) in exact integers from each pair's `getReserves`.
/// Route tokens must be standard ERC-20s: a fee-on-transfer token makes its pair's `swap` revert.
interface IArbitrageExecutor is IERC3156FlashBorrower {
    /// @notice One swap: send the token in to `pair`, take the other one out.
    /// @dev ABI tuple `(address,bool)`. `zeroForOne == true` sells the pair's token0 for its token1.
    struct Hop {
        address pair;
        bool zeroForOne;
    }

    // ---------------------------------------------------------------- errors

    /// @notice Only the owner may call this.
    error NotOwner(address caller);
    /// @notice Only the pending owner may accept ownership.
    error NotPendingOwner(address caller);
    /// @notice A zero address was given where an account is needed.
    error ZeroAddress();
    /// @notice A loan of zero was asked for.
    error ZeroAmount();
    /// @notice The route has no hops.
    error EmptyRoute();
    /// @notice The first hop sells `tokenIn`, not the borrowed `token`.
    error RouteStartMismatch(address token, address tokenIn);
    /// @notice The last hop buys `tokenOut`, not the borrowed `token`.
    error RouteEndMismatch(address token, address tokenOut);
    /// @notice `onFlashLoan` was called by `sender`, not by the lender `execute` is borrowing from.
    error UntrustedLender(address sender);
    /// @notice `onFlashLoan` reports a loan started by `initiator`, not by this contract.
    error UntrustedInitiator(address initiator);
    /// @notice The route returned `profit` (negative when it returned less than amount plus fee) above the
    /// repayment, below the required `minProfit`.
    error InsufficientProfit(int256 profit, uint256 minProfit);
    /// @notice `lender`'s loan call returned without calling `onFlashLoan`.
    error LoanNotReceived(address lender);
    /// @notice A `transfer` of `amount` of `token` to `to` reverted or returned false.
    error TransferFailed(address token, address to, uint256 amount);
    /// @notice An `approve` of `amount` of `token` for `spender` reverted or returned false.
    error ApproveFailed(address token, address spender, uint256 amount);

    // ---------------------------------------------------------------- events

    /// @notice A route ran: `amount` of `token` was borrowed from `lender` for `fee`, and `profit` went to the owner.
    event Executed(address indexed lender, address indexed token, uint256 amount, uint256 fee, uint256 profit);
    /// @notice The owner swept `amount` of `token` to `to`.
    event Swept(address indexed token, address indexed to, uint256 amount);
    /// @notice The owner named `pendingOwner`, who must accept.
    event OwnershipTransferStarted(address indexed previousOwner, address indexed pendingOwner);
    /// @notice Ownership moved.
    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);

    // ---------------------------------------------------------------- views

    /// @notice The account allowed to execute and sweep, and that receives every profit.
    function owner() external view returns (address);
    /// @notice The account that may accept ownership; zero when no transfer is pending.
    function pendingOwner() external view returns (address);

    // ---------------------------------------------------------------- owner

    /// @notice Borrows `amount` of `token` from `lender`, runs `route` and sends the profit to the owner. Only the
    /// owner.
    /// @dev An empty `providers` borrows through the ERC-3156 `flashLoan` (FlashBank pulls pro rata); a non-empty
    /// one through FlashBank's `flashLoanFrom(receiver, token, amount, data, providers)`, which pulls greedily in
    /// that order. `route` must sell `token` first and buy `token` last; a route whose middle does not chain
    /// reverts inside the pair that was paid the wrong token. Reverts with `InsufficientProfit` unless the route
    /// returns at least `amount + fee + minProfit`. An `eth_call` of this function quotes the route exactly.
    /// @param lender The ERC-3156 lender (FlashBank when `providers` is not empty).
    /// @param token The token borrowed, and the start and end of the route.
    /// @param amount The amount borrowed and sent to the first pair.
    /// @param providers FlashBank providers to pull from, in order; empty for a pro-rata loan.
    /// @param route The pairs to swap through, in order.
    /// @param minProfit The least profit, in `token`, to accept after repaying amount plus fee.
    /// @return profit What was sent to the owner.
    function execute(
        address lender,
        address token,
        uint256 amount,
        address[] calldata providers,
        Hop[] calldata route,
        uint256 minProfit
    ) external returns (uint256 profit);

    /// @notice Sends `amount` of `token` held here to `to`. Only the owner.
    function sweep(address token, address to, uint256 amount) external;

    /// @notice Starts a two-step ownership transfer; the zero address cancels a pending one. Only the owner.
    function transferOwnership(address newOwner) external;

    /// @notice Completes it. Only the pending owner.
    function acceptOwnership() external;
}
