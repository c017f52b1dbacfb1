// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {IERC3156FlashBorrower} from "./IERC3156FlashBorrower.sol";
import {IERC3156FlashLender} from "./IERC3156FlashLender.sol";

/// @title FlashBank: just-in-time flash liquidity from liquidity providers' own wallets
/// @notice Providers keep an allow-listed token (WETH for ether) in their wallets, approve this contract and
/// commit a cap. A loan pulls only what it needs from committed wallets straight to the receiver, pulls the
/// principal straight back to each wallet in the same transaction, and credits every provider a share of
/// the fee pro rata to what it lent. Nothing is held here but earned, unwithdrawn fees.
/// @dev What a provider can lend is `min(commitment, balance, allowance)`, read at loan time. Native ether cannot
/// be pulled from a wallet, which is why ether is lent as WETH.
///
/// The provider set cannot be captured. Members are ranked by what they could lend when last measured (`rankOf`):
/// a full set lets in a newcomer that can lend more, right now, than the member it displaces, and a pro-rata
/// `flashLoan` reads the ranks from the top and stops once the rest could only take dust, so providers that lend
/// nothing or almost nothing add nothing to its gas.
interface IFlashBank is IERC3156FlashLender {
    // ---------------------------------------------------------------- errors

    /// @notice `token` is not on the allow-list (or was unlisted).
    error UnsupportedToken(address token);
    /// @notice The committed wallets cannot cover the loan: `available` is what they could lend.
    error InsufficientLiquidity(uint256 requested, uint256 available);
    /// @notice A loan of zero was asked for.
    error ZeroAmount();
    /// @notice A zero address was given where an account or contract is needed.
    error ZeroAddress();
    /// @notice A commitment above the largest the bank stores (`type(uint128).max`).
    error CommitmentTooLarge(uint256 amount, uint256 maximum);
    /// @notice A non-zero commitment below the token's minimum.
    error CommitmentBelowMinimum(uint256 amount, uint256 minimum);
    /// @notice The token already has `maximum` providers and its lowest-ranked member can lend at least as much as
    /// the caller offers. Name a weaker member with `commitReplacing`, or wait for one to leave or be pruned.
    error ProviderSetFull(address token, uint256 maximum);
    /// @notice `provider`, named for displacement, can lend `available` now: not less than the `offered` amount the
    /// caller can lend now.
    error ProviderNotWeaker(address provider, uint256 available, uint256 offered);
    /// @notice `account`, named for displacement, is not one of the token's providers.
    error NotAProvider(address token, address account);
    /// @notice A token's minimum commitment must be at least `least`.
    error MinCommitmentTooLow(uint256 minCommitment, uint256 least);
    /// @notice `flashLoanFrom` was given more providers than a loan may pull from.
    error TooManyProviders(uint256 given, uint256 maximum);
    /// @notice The receiver's `onFlashLoan` did not return the ERC-3156 magic value.
    error CallbackFailed(bytes32 returned);
    /// @notice Pulling `amount` from `from` (the receiver) to `to` failed: the loan is not repaid.
    error RepaymentFailed(address from, address to, uint256 amount);
    /// @notice A fee above `maximum` basis points.
    error FeeTooHigh(uint256 feeBps, uint256 maximum);
    /// @notice Only the owner may call this.
    error NotOwner(address caller);
    /// @notice Only the pending owner may accept ownership.
    error NotPendingOwner(address caller);
    /// @notice Loans are paused.
    error LoansPaused();
    /// @notice The token is already listed.
    error AlreadyListed(address token);
    /// @notice `provider` has no profit in `token` to withdraw.
    error NothingToWithdraw(address token, address provider);
    /// @notice A guarded function was re-entered.
    error Reentrancy();
    /// @notice `provider` can still lend `available` ≥ the token's minimum, so it cannot be pruned.
    error ProviderStillActive(address provider, uint256 available);
    /// @notice Paying out profits failed in the token's transfer.
    error TransferFailed(address token, address to, uint256 amount);

    // ---------------------------------------------------------------- events

    /// @notice The owner put `token` on the allow-list with a minimum non-zero commitment.
    event TokenListed(address indexed token, uint256 minCommitment);
    /// @notice The owner took `token` off the allow-list: no more loans or new commitments; withdrawals go on.
    event TokenUnlisted(address indexed token);
    /// @notice `provider` set its cap in `token` to `amount`; 0 means it left the provider set.
    event Committed(address indexed token, address indexed provider, uint256 amount);
    /// @notice `by` removed `provider`, whose available liquidity fell below the minimum, or which `by` displaced
    /// from a full set by offering more; its commitment is now 0 (its profit stays withdrawable).
    event ProviderPruned(address indexed token, address indexed provider, address indexed by);
    /// @notice One flash loan: who lent how much (`pulls[i]` from `providers[i]`) and the fee share each was credited.
    /// @dev `sum(pulls) == amount` and `sum(feeShares) == fee`. The ledger is built from this event.
    event FlashLoan(
        address indexed token,
        address indexed receiver,
        address indexed initiator,
        uint256 amount,
        uint256 fee,
        address[] providers,
        uint256[] pulls,
        uint256[] feeShares
    );
    /// @notice `provider` withdrew `amount` of its earned fees in `token`.
    event ProfitsWithdrawn(address indexed token, address indexed provider, uint256 amount);
    /// @notice The owner changed the fee.
    event FeeChanged(uint256 previousFeeBps, uint256 newFeeBps);
    /// @notice The owner paused or resumed loans.
    event PauseChanged(bool paused);
    /// @notice The owner named `pendingOwner`, who must accept.
    event OwnershipTransferStarted(address indexed previousOwner, address indexed pendingOwner);
    /// @notice Ownership moved.
    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);

    // ---------------------------------------------------------------- constants and configuration

    /// @notice Providers per token, and the most a `flashLoanFrom` list may name; bounds every loop.
    function MAX_PROVIDERS() external view returns (uint256);
    /// @notice The highest fee the owner may set, in basis points.
    function MAX_FEE_BPS() external view returns (uint256);
    /// @notice A pro-rata loan leaves out a provider that can lend less than `1/PRO_RATA_CUTOFF` of what the loan
    /// read, unless the others cannot cover the amount without it.
    function PRO_RATA_CUTOFF() external view returns (uint256);
    /// @notice The fee in basis points of the loaned amount, rounded up.
    function feeBps() external view returns (uint256);
    function owner() external view returns (address);
    function pendingOwner() external view returns (address);
    function paused() external view returns (bool);
    function isListed(address token) external view returns (bool);
    /// @notice The smallest non-zero commitment accepted for `token`.
    function minCommitment(address token) external view returns (uint256);

    // ---------------------------------------------------------------- owner

    /// @notice Allow-lists a standard ERC-20 (no fee on transfer, no hooks). Only the owner.
    /// @dev `minCommitment_` must be at least 1 (`MinCommitmentTooLow`): a member that cannot lend the minimum is
    /// prunable and ranked 0. See contracts/README.md for the value to pick.
    function listToken(address token, uint256 minCommitment_) external;
    /// @notice Removes `token` from the allow-list. Only the owner. Providers may still leave and withdraw.
    function unlistToken(address token) external;
    /// @notice Sets the fee, at most `MAX_FEE_BPS`. Only the owner.
    function setFee(uint256 feeBps_) external;
    /// @notice Pauses or resumes loans; commitments and withdrawals are never paused. Only the owner.
    function setPaused(bool paused_) external;
    /// @notice Starts a two-step ownership transfer. Only the owner.
    function transferOwnership(address newOwner) external;
    /// @notice Completes it. Only the pending owner.
    function acceptOwnership() external;

    // ---------------------------------------------------------------- providers

    /// @notice Sets the caller's cap in `token`; 0 leaves the provider set (earned fees stay withdrawable).
    /// @dev Joining needs a listed token and `amount >= minCommitment(token)`; the set holds at most `MAX_PROVIDERS`.
    /// Leaving (0) always works, listed or not, paused or not; any non-zero amount, new or changed, needs a listed
    /// token. Every non-zero commit measures what the caller can lend now (`available` with `amount` as the cap:
    /// approve and fund first) and ranks it by that. A newcomer to a full set displaces the set's lowest-ranked
    /// member if it can lend more than that member right now (`ProviderPruned(token, member, caller)`), and reverts
    /// `ProviderSetFull` otherwise. `Committed` is emitted on every successful call, also for a 0 from an account
    /// that was not in the set.
    function commit(address token, uint256 amount) external;
    /// @notice `commit`, naming the member to displace if the set is full: it must be a provider that can lend less,
    /// right now, than the caller can with `amount` as its cap (`ProviderNotWeaker`, `NotAProvider` otherwise).
    /// @dev For when the lowest-ranked member is not the weakest (ranks are measurements and may be out of date):
    /// whoever can lend more than some member can always get in. With room in the set, or for a member changing
    /// its cap, it is exactly `commit`. Emits `ProviderPruned(token, weaker, caller)` for the displaced member.
    function commitReplacing(address token, uint256 amount, address weaker) external;
    /// @notice Removes a provider whose `available` is below the token's minimum, freeing its place. Anyone may call.
    /// @dev A provider with nothing available is always prunable. Pruning an account that is not in the set does
    /// nothing and emits nothing.
    function prune(address token, address provider) external;
    /// @notice Measures what `provider` can lend now and moves it to that rank. Anyone may call; nothing happens for
    /// an account that is not a provider.
    /// @dev Loans, `commit` and `refresh` are the only measurements: a provider that funds or approves after
    /// committing is ranked too low (perhaps 0, out of pro-rata loans) until one of them measures it again.
    function refresh(address token, address provider) external;
    /// @notice Pays the caller all its earned fees in `token`.
    /// @return amount What was paid.
    function withdrawProfits(address token) external returns (uint256 amount);

    // ---------------------------------------------------------------- loans

    /// @notice Like `flashLoan`, but pulls greedily, in order, from the caller's list of providers.
    /// @dev Providers that cannot lend (not committed, empty, revoked, blacklisted) and repeated entries are
    /// skipped; the loan reverts with `InsufficientLiquidity` only when the list cannot cover it. As with
    /// `flashLoan`, the receiver must approve this contract for `amount + fee` (principal goes back to each provider
    /// and the fee to this contract, all pulled with `transferFrom`) and should check `initiator`: anyone may start
    /// a loan to any receiver.
    function flashLoanFrom(
        IERC3156FlashBorrower receiver,
        address token,
        uint256 amount,
        bytes calldata data,
        address[] calldata providers
    ) external returns (bool);

    // ---------------------------------------------------------------- views

    /// @notice What `provider` can lend now: `min(commitment, balance, allowance)`; 0 if not committed.
    /// @dev Ignores listing and pausing; a balance or allowance call that reverts or answers short counts as 0.
    function available(address token, address provider) external view returns (uint256);
    function commitmentOf(address token, address provider) external view returns (uint256);
    /// @notice Fees earned by `provider` in `token` and not yet withdrawn.
    /// @dev Summed over all providers this equals the bank's balance of `token` (fee shares sum to each fee
    /// exactly), unless someone sent tokens to the bank directly.
    function profitOf(address token, address provider) external view returns (uint256);
    /// @notice The committed providers of `token`, in set order: by rank from the highest down, the order in which
    /// a pro-rata loan reads them.
    function providers(address token) external view returns (address[] memory);
    function providerCount(address token) external view returns (uint256);
    /// @notice A provider's rank: 0 when it could lend less than the minimum when last measured, else `k` for an
    /// availability in `[2**(k-1), 2**k)` then; 0 for an account that is not a provider.
    function rankOf(address token, address provider) external view returns (uint256);
}
