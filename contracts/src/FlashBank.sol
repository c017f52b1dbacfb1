// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC3156FlashBorrower} from "./interfaces/IERC3156FlashBorrower.sol";
import {IERC3156FlashLender} from "./interfaces/IERC3156FlashLender.sol";
import {IFlashBank} from "./interfaces/IFlashBank.sol";
import {ProviderSet} from "./libraries/ProviderSet.sol";
import {ProRataPlan} from "./libraries/ProRataPlan.sol";
import {ProRataPulls} from "./libraries/ProRataPulls.sol";
import {TokenCalls} from "./libraries/TokenCalls.sol";
import {Loan} from "./types/Loan.sol";
import {Position} from "./types/Position.sol";

/// @title FlashBank: an ERC-3156 lender whose liquidity stays in its providers' wallets
/// @notice See `IFlashBank`. Tokens move provider→receiver and receiver→provider directly (the bank is only the
/// spender), and one transfer receiver→bank carries the whole fee, so the bank only ever holds earned fees.
/// @dev Accounting invariant: every fee is split into shares that sum to the fee exactly (the rounding dust goes
/// to the first provider pulled), and the fee is the only token that enters the bank. So for every token the
/// bank's balance equals the sum of `profitOf` over all providers, unless someone sends tokens to the bank
/// directly; such a donation belongs to nobody and stays here.
///
/// The provider set cannot be captured. It is kept in ranks by what each member could lend when last measured
/// (`ProviderSet`): a full set admits a newcomer that can lend more, right now, than a member it displaces, and a
/// pro-rata loan reads the ranks from the top and stops once the providers left could only take dust
/// (`ProRataPlan`), so members that lend nothing or almost nothing cost it nothing.
///
/// Storage is laid out for the loan path: the global configuration (owner, fee, pause) is one slot, a token's
/// configuration (listed, minimum, provider count) is one slot, and a provider's commitment and unwithdrawn profit
/// share one slot, so crediting a fee share rewrites a slot the loan already read and that is already non-zero.
contract FlashBank is IFlashBank {
    using ProviderSet for ProviderSet.Set;

    /// @inheritdoc IFlashBank
    uint256 public constant override MAX_PROVIDERS = ProviderSet.CAPACITY;
    /// @inheritdoc IFlashBank
    uint256 public constant override MAX_FEE_BPS = 100;
    /// @inheritdoc IFlashBank
    uint256 public constant override PRO_RATA_CUTOFF = ProRataPlan.CUTOFF;

    uint256 private constant BPS = 10_000;
    uint256 private constant DEFAULT_FEE_BPS = 2;
    bytes32 private constant CALLBACK_SUCCESS = keccak256("ERC3156FlashBorrower.onFlashLoan");

    /// @dev One slot: read once per loan.
    struct Config {
        address owner;
        uint16 feeBps;
        bool paused;
    }

    /// @dev `config` is one slot; `ranks` holds the `config.providerCount` members.
    struct TokenState {
        TokenConfig config;
        ProviderSet.Set ranks;
    }

    struct TokenConfig {
        uint128 minCommitment;
        uint16 providerCount;
        bool listed;
    }

    Config private _config;
    /// @inheritdoc IFlashBank
    address public override pendingOwner;
    mapping(address token => TokenState) private _tokens;
    mapping(address token => mapping(address provider => Position)) private _positions;

    bool private transient _locked;
    /// @dev Numbers the `flashLoanFrom` calls of one transaction, so the marks of an earlier loan are never seen.
    uint256 private transient _loanNonce;

    modifier nonReentrant() {
        if (_locked) revert Reentrancy();
        _locked = true;
        _;
        _locked = false;
    }

    modifier onlyOwner() {
        if (msg.sender != _config.owner) revert NotOwner(msg.sender);
        _;
    }

    /// @param initialOwner Lists tokens, sets the fee and pauses loans; the fee starts at 2 bps.
    constructor(address initialOwner) {
        if (initialOwner == address(0)) revert ZeroAddress();
        // forge-lint: disable-next-line(unsafe-typecast) a constant 2 fits in uint16
        _config = Config({owner: initialOwner, feeBps: uint16(DEFAULT_FEE_BPS), paused: false});
        emit OwnershipTransferred(address(0), initialOwner);
        emit FeeChanged(0, DEFAULT_FEE_BPS);
    }

    // ---------------------------------------------------------------- ERC-3156

    /// @inheritdoc IERC3156FlashLender
    /// @dev What every ranked member (rank >= 1) can lend now: all a pro-rata loan may read. Members ranked 0 (below
    /// the minimum when last measured) are not counted until `refresh` or their own `commit` ranks them again.
    function maxFlashLoan(address token) external view override returns (uint256 total) {
        TokenState storage state = _tokens[token];
        if (!state.config.listed || _config.paused) return 0;
        mapping(address => Position) storage positions = _positions[token];
        ProviderSet.Set storage ranks = state.ranks;
        for (uint256 bits = ranks.occupied & ProviderSet.RANK_BITS & ~uint256(1); bits != 0;) {
            uint256 rank = ProviderSet.log2(bits);
            // forge-lint: disable-next-line(incorrect-shift) the bit for `rank`
            bits ^= 1 << rank;
            uint256 size = ranks.sizeOf(rank);
            for (uint256 j; j < size; ++j) {
                address provider = ranks.memberAt(rank, j);
                total += TokenCalls.available(token, provider, positions[provider].commitment);
            }
        }
    }

    /// @inheritdoc IERC3156FlashLender
    function flashFee(address token, uint256 amount) external view override returns (uint256) {
        if (!_tokens[token].config.listed) revert UnsupportedToken(token);
        return _fee(amount, _config.feeBps);
    }

    /// @inheritdoc IERC3156FlashLender
    /// @dev Pulls pro rata to what each provider it reads can lend now. It reads the ranked members from the top rank
    /// down and stops before the next one once it has read enough to cover the amount and the next one's rank
    /// bound is at most `1/PRO_RATA_CUTOFF` of what it read (everyone left could only take dust). `ProRataPlan`
    /// splits the amount over the providers read; the pulls run in read order. A pull that fails (the token reverts
    /// or returns false) is skipped and its part carried to the providers after it; what is still missing at the end
    /// is taken from the room left with the providers read whose pull did not fail (only then may a provider see a
    /// second pull), then from the members not read, in ranking order. Members whose rank the reading found out of
    /// date are moved to their true rank once the pulls are done.
    function flashLoan(IERC3156FlashBorrower receiver, address token, uint256 amount, bytes calldata data)
        external
        override
        nonReentrant
        returns (bool)
    {
        (Loan memory loan, uint256 count) = _openLoan(receiver, token, amount);
        TokenState storage state = _tokens[token];
        mapping(address => Position) storage positions = _positions[token];
        uint256 minimum = state.config.minCommitment;
        ProRataPlan.Reading memory reading = ProRataPlan.read(state.ranks, positions, token, amount, minimum);
        if (reading.total < amount) revert InsufficientLiquidity(amount, reading.total);
        uint256[] memory plan = ProRataPlan.plan(reading.room, reading.total, reading.major, amount);
        (address[] memory lenders, uint256[] memory lent) =
            ProRataPulls.pull(loan, state.ranks, positions, count, reading, plan);
        if (reading.stale != 0) ProRataPlan.correctRanks(state.ranks, reading, minimum);
        _settle(loan, data, lenders, lent);
        return true;
    }

    /// @inheritdoc IFlashBank
    /// @dev Tries `min(commitment, remaining)` first without reading balance or allowance (the cheap happy path);
    /// only when that pull fails does it read them and retry with `min(commitment, balance, allowance, remaining)`.
    /// A provider named twice is pulled at most once: the first entry marks it in transient storage, keyed by a
    /// per-transaction loan number so that a later loan in the same transaction starts with no marks.
    function flashLoanFrom(
        IERC3156FlashBorrower receiver,
        address token,
        uint256 amount,
        bytes calldata data,
        address[] calldata providers_
    ) external override nonReentrant returns (bool) {
        if (providers_.length > MAX_PROVIDERS) {
            revert TooManyProviders(providers_.length, MAX_PROVIDERS);
        }
        (Loan memory loan,) = _openLoan(receiver, token, amount);
        (address[] memory lenders, uint256[] memory lent) = _pullGreedy(loan, providers_);
        _settle(loan, data, lenders, lent);
        return true;
    }

    // ---------------------------------------------------------------- providers

    /// @inheritdoc IFlashBank
    /// @dev Leaving (0) always works, listed token or not, paused or not. Any non-zero commitment, new or changed,
    /// needs a listed token and `minCommitment(token) <= amount <= type(uint128).max`; it measures what the caller
    /// can lend now and ranks it by that. A newcomer to a full set displaces the last member of the lowest occupied
    /// rank if it can lend more than that member right now, and otherwise reverts `ProviderSetFull`.
    function commit(address token, uint256 amount) external override nonReentrant {
        _commit(token, amount, address(0));
    }

    /// @inheritdoc IFlashBank
    /// @dev `commit` with the member to displace named by the caller, for when the lowest-ranked member is not the
    /// weakest (ranks are measurements and may be out of date). `weaker` only matters when the set is full.
    function commitReplacing(address token, uint256 amount, address weaker) external override nonReentrant {
        if (weaker == address(0)) revert ZeroAddress();
        _commit(token, amount, weaker);
    }

    /// @inheritdoc IFlashBank
    /// @dev A provider with nothing to lend (available 0) may always be pruned, whatever the minimum.
    /// Pruning an account that is not in the set changes nothing and emits nothing.
    function prune(address token, address provider) external override nonReentrant {
        Position storage position = _positions[token][provider];
        uint256 commitment = position.commitment;
        if (commitment == 0) return;
        TokenState storage state = _tokens[token];
        uint256 can = TokenCalls.available(token, provider, commitment);
        if (can != 0 && can >= state.config.minCommitment) revert ProviderStillActive(provider, can);
        _leave(state, position, provider);
        emit ProviderPruned(token, provider, msg.sender);
    }

    /// @inheritdoc IFlashBank
    /// @dev Anyone may call it: it only re-reads the provider's balance and allowance. Not a member: nothing happens.
    function refresh(address token, address provider) external override nonReentrant {
        uint256 commitment = _positions[token][provider].commitment;
        if (commitment == 0) return;
        TokenState storage state = _tokens[token];
        state.ranks
            .move(
                provider,
                ProviderSet.rankOf(TokenCalls.available(token, provider, commitment), state.config.minCommitment)
            );
    }

    /// @inheritdoc IFlashBank
    /// @dev Works for unlisted tokens and while loans are paused. Tokens that return no value are handled.
    function withdrawProfits(address token) external override nonReentrant returns (uint256 amount) {
        amount = _takeProfit(token, msg.sender);
        if (amount == 0) revert NothingToWithdraw(token, msg.sender);
        if (!TokenCalls.tryTransfer(token, msg.sender, amount)) revert TransferFailed(token, msg.sender, amount);
        emit ProfitsWithdrawn(token, msg.sender, amount);
    }

    // ---------------------------------------------------------------- owner

    /// @inheritdoc IFlashBank
    /// @dev `token` must be a contract. A relisted token keeps the providers it had, with the ranks they had (a
    /// member's rank 0 follows the new minimum from its next measurement).
    function listToken(address token, uint256 minCommitment_) external override onlyOwner nonReentrant {
        if (token == address(0)) revert ZeroAddress();
        if (token.code.length == 0) revert UnsupportedToken(token);
        if (minCommitment_ == 0) revert MinCommitmentTooLow(0, 1);
        if (minCommitment_ > type(uint128).max) revert CommitmentTooLarge(minCommitment_, type(uint128).max);
        TokenConfig storage config = _tokens[token].config;
        if (config.listed) revert AlreadyListed(token);
        config.listed = true;
        // forge-lint: disable-next-line(unsafe-typecast) checked against type(uint128).max above
        config.minCommitment = uint128(minCommitment_);
        _tokens[token].ranks.init();
        emit TokenListed(token, minCommitment_);
    }

    /// @inheritdoc IFlashBank
    function unlistToken(address token) external override onlyOwner nonReentrant {
        TokenConfig storage config = _tokens[token].config;
        if (!config.listed) revert UnsupportedToken(token);
        config.listed = false;
        emit TokenUnlisted(token);
    }

    /// @inheritdoc IFlashBank
    function setFee(uint256 feeBps_) external override onlyOwner nonReentrant {
        if (feeBps_ > MAX_FEE_BPS) revert FeeTooHigh(feeBps_, MAX_FEE_BPS);
        uint256 previous = _config.feeBps;
        // forge-lint: disable-next-line(unsafe-typecast) at most MAX_FEE_BPS = 100
        _config.feeBps = uint16(feeBps_);
        emit FeeChanged(previous, feeBps_);
    }

    /// @inheritdoc IFlashBank
    function setPaused(bool paused_) external override onlyOwner nonReentrant {
        _config.paused = paused_;
        emit PauseChanged(paused_);
    }

    /// @inheritdoc IFlashBank
    function transferOwnership(address newOwner) external override onlyOwner nonReentrant {
        if (newOwner == address(0)) revert ZeroAddress();
        pendingOwner = newOwner;
        emit OwnershipTransferStarted(msg.sender, newOwner);
    }

    /// @inheritdoc IFlashBank
    function acceptOwnership() external override nonReentrant {
        if (msg.sender != pendingOwner) revert NotPendingOwner(msg.sender);
        address previous = _config.owner;
        _config.owner = msg.sender;
        delete pendingOwner;
        emit OwnershipTransferred(previous, msg.sender);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IFlashBank
    function feeBps() external view override returns (uint256) {
        return _config.feeBps;
    }

    /// @inheritdoc IFlashBank
    function owner() external view override returns (address) {
        return _config.owner;
    }

    /// @inheritdoc IFlashBank
    function paused() external view override returns (bool) {
        return _config.paused;
    }

    /// @inheritdoc IFlashBank
    function isListed(address token) external view override returns (bool) {
        return _tokens[token].config.listed;
    }

    /// @inheritdoc IFlashBank
    function minCommitment(address token) external view override returns (uint256) {
        return _tokens[token].config.minCommitment;
    }

    /// @inheritdoc IFlashBank
    /// @dev Not affected by listing or pausing: it is what a loan would read from this wallet.
    function available(address token, address provider) external view override returns (uint256) {
        return TokenCalls.available(token, provider, _positions[token][provider].commitment);
    }

    /// @inheritdoc IFlashBank
    function commitmentOf(address token, address provider) external view override returns (uint256) {
        return _positions[token][provider].commitment;
    }

    /// @inheritdoc IFlashBank
    function profitOf(address token, address provider) public view virtual override returns (uint256) {
        return _positions[token][provider].profit;
    }

    /// @inheritdoc IFlashBank
    function providers(address token) external view override returns (address[] memory) {
        TokenState storage state = _tokens[token];
        return state.ranks.list(state.config.providerCount);
    }

    /// @inheritdoc IFlashBank
    function rankOf(address token, address provider) external view override returns (uint256) {
        if (_positions[token][provider].commitment == 0) return 0;
        return _tokens[token].ranks.seats[provider].rank;
    }

    /// @inheritdoc IFlashBank
    function providerCount(address token) external view override returns (uint256) {
        return _tokens[token].config.providerCount;
    }

    // ---------------------------------------------------------------- profit storage (hooks)

    /// @dev Credits a fee share. The position slot was read by the loan and holds a non-zero commitment, so this
    /// is a warm non-zero to non-zero write. Virtual only so the gas reference can store profit elsewhere.
    function _credit(address token, address provider, uint256 share) internal virtual {
        Position storage position = _positions[token][provider];
        assembly ("memory-safe") {
            // position.profit += share, checked: profit is the high 128 bits of the slot; share <= fee < 2**136, so
            // the 256-bit sum cannot wrap.
            let word := sload(position.slot)
            let profit := add(shr(128, word), share)
            if gt(profit, 0xffffffffffffffffffffffffffffffff) {
                mstore(0x00, 0x4e487b71) // Panic(0x11), as checked arithmetic would revert
                mstore(0x20, 0x11)
                revert(0x1c, 0x24)
            }
            sstore(position.slot, or(and(word, 0xffffffffffffffffffffffffffffffff), shl(128, profit)))
        }
    }

    /// @dev Zeroes and returns the provider's profit, keeping its commitment.
    function _takeProfit(address token, address provider) internal virtual returns (uint256 amount) {
        Position storage position = _positions[token][provider];
        amount = position.profit;
        position.profit = 0;
    }

    // ---------------------------------------------------------------- internals

    /// @dev The checks every loan shares; returns the loan's terms and the token's provider count.
    function _openLoan(IERC3156FlashBorrower receiver, address token, uint256 amount)
        private
        view
        returns (Loan memory loan, uint256 count)
    {
        if (address(receiver) == address(0)) revert ZeroAddress();
        TokenConfig memory config = _tokens[token].config;
        if (!config.listed) revert UnsupportedToken(token);
        Config memory global = _config;
        if (global.paused) revert LoansPaused();
        if (amount == 0) revert ZeroAmount();
        loan = Loan({receiver: address(receiver), token: token, amount: amount, fee: _fee(amount, global.feeBps)});
        count = config.providerCount;
    }

    /// @dev Joins, changes a cap or leaves (`amount` 0) for the caller; `named` is the member `commitReplacing`
    /// names for displacement, 0 for a plain `commit`.
    function _commit(address token, uint256 amount, address named) private {
        if (token == address(0)) revert ZeroAddress();
        Position storage position = _positions[token][msg.sender];
        TokenState storage state = _tokens[token];
        if (amount == 0) {
            if (position.commitment != 0) _leave(state, position, msg.sender);
            emit Committed(token, msg.sender, 0);
            return;
        }
        TokenConfig memory config = state.config;
        if (!config.listed) revert UnsupportedToken(token);
        if (amount > type(uint128).max) revert CommitmentTooLarge(amount, type(uint128).max);
        if (amount < config.minCommitment) revert CommitmentBelowMinimum(amount, config.minCommitment);
        uint256 can = TokenCalls.available(token, msg.sender, amount);
        uint256 rank = ProviderSet.rankOf(can, config.minCommitment);
        if (position.commitment == 0) {
            uint256 count = config.providerCount;
            if (count >= MAX_PROVIDERS) {
                _displace(token, state, can, named);
            } else {
                // forge-lint: disable-next-line(unsafe-typecast) count < MAX_PROVIDERS = 128
                state.config.providerCount = uint16(count + 1);
            }
            state.ranks.insert(msg.sender, rank);
        } else {
            state.ranks.move(msg.sender, rank);
        }
        // forge-lint: disable-next-line(unsafe-typecast) checked against type(uint128).max above
        position.commitment = uint128(amount);
        emit Committed(token, msg.sender, amount);
    }

    /// @dev Makes room in a full set for a newcomer that can lend `offered` now: removes `named`, or the set's
    /// lowest-ranked member when `named` is 0, if that member can lend less right now. The place passes straight
    /// to the newcomer, so the provider count does not change.
    function _displace(address token, TokenState storage state, uint256 offered, address named) private {
        address member = named == address(0) ? state.ranks.lowest() : named;
        Position storage position = _positions[token][member];
        uint256 commitment = position.commitment;
        if (commitment == 0) revert NotAProvider(token, member); // only a named account can be a stranger
        uint256 theirs = TokenCalls.available(token, member, commitment);
        if (offered <= theirs) {
            if (named == address(0)) revert ProviderSetFull(token, MAX_PROVIDERS);
            revert ProviderNotWeaker(member, theirs, offered);
        }
        position.commitment = 0;
        state.ranks.remove(member);
        emit ProviderPruned(token, member, msg.sender);
    }

    /// @dev Takes a member out of the set: its commitment becomes 0 (its profit stays) and its place is freed.
    function _leave(TokenState storage state, Position storage position, address provider) private {
        position.commitment = 0;
        state.ranks.remove(provider);
        unchecked {
            --state.config.providerCount; // a member was counted
        }
    }

    /// @dev The pulls of `flashLoanFrom`, in the caller's order; returns the providers pulled and their pulls.
    function _pullGreedy(Loan memory loan, address[] calldata list)
        private
        returns (address[] memory lenders, uint256[] memory lent)
    {
        mapping(address => Position) storage positions = _positions[loan.token];
        uint256 loanId = ++_loanNonce;
        lenders = new address[](list.length);
        lent = new uint256[](list.length);
        uint256 pulls;
        uint256 remaining = loan.amount;
        for (uint256 i; i < list.length; ++i) {
            address provider = list[i];
            uint256 take = positions[provider].commitment;
            if (take == 0 || !_markOnce(loanId, provider)) continue;
            take = _pullOnce(loan, provider, _min(take, remaining));
            if (take == 0) continue;
            assembly ("memory-safe") {
                // lenders[pulls] = provider; lent[pulls] = take (pulls < list.length: no bounds check needed)
                let at := shl(5, add(pulls, 1))
                mstore(add(lenders, at), provider)
                mstore(add(lent, at), take)
            }
            unchecked {
                ++pulls;
                remaining -= take; // take <= remaining
            }
            if (remaining == 0) break;
        }
        if (remaining != 0) revert InsufficientLiquidity(loan.amount, loan.amount - remaining);
        assembly ("memory-safe") {
            // Trim both arrays to the providers actually pulled.
            mstore(lenders, pulls)
            mstore(lent, pulls)
        }
    }

    /// @dev One greedy pull: `want` as is; if that fails, `min(want, balance, allowance)` when that is smaller and
    /// non-zero. Returns what was pulled.
    function _pullOnce(Loan memory loan, address provider, uint256 want) private returns (uint256) {
        address token = loan.token;
        if (TokenCalls.tryTransferFrom(token, provider, loan.receiver, want)) return want;
        uint256 can = TokenCalls.available(token, provider, want);
        if (can == 0 || can == want || !TokenCalls.tryTransferFrom(token, provider, loan.receiver, can)) return 0;
        return can;
    }

    /// @dev Calls back, pulls every principal back to its provider and the whole fee to the bank, credits the fee
    /// shares and emits the loan. `lenders`/`lent` hold only the providers pulled (at least one), in pull order.
    /// Shares are `floor(pull * fee / amount)`; the flooring dust (fewer than `pulls` units) goes to the first
    /// provider, whose share is therefore `fee - sum(other shares)`: `sum(shares) == fee` exactly.
    function _settle(Loan memory loan, bytes calldata data, address[] memory lenders, uint256[] memory lent) private {
        {
            bytes32 returned = _callback(loan, data);
            if (returned != CALLBACK_SUCCESS) revert CallbackFailed(returned);
        }
        address token = loan.token;
        uint256 fee = loan.fee;
        uint256[] memory shares = new uint256[](lent.length);
        uint256 othersShares;
        for (uint256 j; j < lent.length; ++j) {
            address provider;
            uint256 principal;
            assembly ("memory-safe") {
                let at := shl(5, add(j, 1))
                provider := mload(add(lenders, at))
                principal := mload(add(lent, at))
            }
            if (!TokenCalls.tryTransferFrom(token, loan.receiver, provider, principal)) {
                revert RepaymentFailed(loan.receiver, provider, principal);
            }
            if (j == 0) continue;
            uint256 share = ProRataPlan.mulDiv(principal, fee, loan.amount);
            if (share == 0) continue;
            assembly ("memory-safe") {
                mstore(add(shares, shl(5, add(j, 1))), share)
            }
            unchecked {
                othersShares += share; // <= fee
            }
            _credit(token, provider, share);
        }
        unchecked {
            uint256 first = fee - othersShares; // othersShares <= fee * (amount - lent[0]) / amount
            shares[0] = first;
            if (first != 0) _credit(token, lenders[0], first);
        }
        if (fee != 0 && !TokenCalls.tryTransferFrom(token, loan.receiver, address(this), fee)) {
            revert RepaymentFailed(loan.receiver, address(this), fee);
        }
        emit FlashLoan(token, loan.receiver, msg.sender, loan.amount, fee, lenders, lent, shares);
    }

    /// @dev Calls `onFlashLoan`, bubbling a revert; a short or missing answer (an account without code) reads as 0.
    function _callback(Loan memory loan, bytes calldata data) private returns (bytes32 returned) {
        (bool ok, bytes memory answer) = loan.receiver
            .call(
                abi.encodeCall(IERC3156FlashBorrower.onFlashLoan, (msg.sender, loan.token, loan.amount, loan.fee, data))
            );
        assembly ("memory-safe") {
            if iszero(ok) { revert(add(answer, 0x20), mload(answer)) }
            if gt(mload(answer), 0x1f) { returned := mload(add(answer, 0x20)) }
        }
    }

    /// @dev Marks `provider` for loan `loanId`; false when it was already marked. The transient key is
    /// `loanId << 160 | provider`: distinct per loan and provider, and never a low slot of a transient variable.
    function _markOnce(uint256 loanId, address provider) private returns (bool fresh) {
        assembly ("memory-safe") {
            let key := or(shl(160, loanId), and(provider, 0xffffffffffffffffffffffffffffffffffffffff))
            fresh := iszero(tload(key))
            if fresh { tstore(key, 1) }
        }
    }

    /// @dev `ceil(amount * feeBps / 10_000)` without overflow for any `amount`.
    function _fee(uint256 amount, uint256 feeBps_) private pure returns (uint256) {
        // Whole multiples of 10_000 first, then the rounded-up rest: exact, and no overflow for any amount.
        // forge-lint: disable-next-line(divide-before-multiply)
        return (amount / BPS) * feeBps_ + ((amount % BPS) * feeBps_ + BPS - 1) / BPS;
    }

    function _min(uint256 a, uint256 b) private pure returns (uint256) {
        return a < b ? a : b;
    }
}
