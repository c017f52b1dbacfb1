// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC3156FlashBorrower} from "./interfaces/IERC3156FlashBorrower.sol";
import {IERC3156FlashLender} from "./interfaces/IERC3156FlashLender.sol";
import {IFlashBank} from "./interfaces/IFlashBank.sol";

/// @title FlashBank: an ERC-3156 lender whose liquidity stays in its providers' wallets
/// @notice See `IFlashBank`. Tokens move provider→receiver and receiver→provider directly (the bank is only the
/// spender), and one transfer receiver→bank carries the whole fee, so the bank only ever holds earned fees.
/// @dev Accounting invariant: every fee is split into shares that sum to the fee exactly (the rounding dust goes
/// to the first provider pulled), and the fee is the only token that enters the bank. So for every token the
/// bank's balance equals the sum of `profitOf` over all providers, unless someone sends tokens to the bank
/// directly; such a donation belongs to nobody and stays here.
///
/// Storage is laid out for the loan path: the global configuration (owner, fee, pause) is one slot, a token's
/// configuration (listed, minimum, provider count) is one slot, and a provider's commitment and unwithdrawn profit
/// share one slot, so crediting a fee share rewrites a slot the loan already read and that is already non-zero.
contract FlashBank is IFlashBank {
    /// @inheritdoc IFlashBank
    uint256 public constant override MAX_PROVIDERS = 128;
    /// @inheritdoc IFlashBank
    uint256 public constant override MAX_FEE_BPS = 100;

    uint256 private constant BPS = 10_000;
    uint256 private constant DEFAULT_FEE_BPS = 2;
    bytes32 private constant CALLBACK_SUCCESS = keccak256("ERC3156FlashBorrower.onFlashLoan");

    /// @dev One slot: read once per loan.
    struct Config {
        address owner;
        uint16 feeBps;
        bool paused;
    }

    /// @dev `config` is one slot; `providerAt[0 .. config.providerCount)` is the provider set in set order.
    struct TokenState {
        TokenConfig config;
        address[MAX_PROVIDERS] providerAt;
    }

    struct TokenConfig {
        uint128 minCommitment;
        uint16 providerCount;
        bool listed;
    }

    /// @dev A provider's cap and its unwithdrawn fees in one slot (see the contract's notes).
    struct Position {
        uint128 commitment;
        uint128 profit;
    }

    /// @dev One loan's terms, kept in memory so the loan's helpers stay within the stack.
    struct Loan {
        address receiver;
        address token;
        uint256 amount;
        uint256 fee;
    }

    Config private _config;
    /// @inheritdoc IFlashBank
    address public override pendingOwner;
    mapping(address token => TokenState) private _tokens;
    mapping(address token => mapping(address provider => Position)) private _positions;
    /// @dev 1 + the provider's place in `providerAt`; 0 when it is not in the set.
    mapping(address token => mapping(address provider => uint256)) private _indexPlusOne;

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
    function maxFlashLoan(address token) external view override returns (uint256 total) {
        TokenState storage state = _tokens[token];
        TokenConfig memory config = state.config;
        if (!config.listed || _config.paused) return 0;
        mapping(address => Position) storage positions = _positions[token];
        for (uint256 i; i < config.providerCount; ++i) {
            address provider = state.providerAt[i];
            total += _available(token, provider, positions[provider].commitment);
        }
    }

    /// @inheritdoc IERC3156FlashLender
    function flashFee(address token, uint256 amount) external view override returns (uint256) {
        if (!_tokens[token].config.listed) revert UnsupportedToken(token);
        return _fee(amount, _config.feeBps);
    }

    /// @inheritdoc IERC3156FlashLender
    /// @dev Pulls pro rata to what each provider can lend now. Pass 1 reads every provider's availability; pass 2
    /// plans `floor(available * amount / total)` each, gives the rounding remainder to providers in set order that
    /// still have room, and pulls. A pull that fails (the token reverts or returns false) is skipped and its part
    /// carried to the providers after it; what is still missing at the end is taken from the room left with the
    /// providers whose pull did not fail, in set order (only then may a provider see a second pull).
    function flashLoan(IERC3156FlashBorrower receiver, address token, uint256 amount, bytes calldata data)
        external
        override
        nonReentrant
        returns (bool)
    {
        (Loan memory loan, uint256 count) = _openLoan(receiver, token, amount);
        (address[] memory set, uint256[] memory room, uint256[] memory plan) = _planProRata(loan, count);
        (address[] memory lenders, uint256[] memory lent) = _pullProRata(loan, set, room, plan);
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
    /// needs a listed token, `minCommitment(token) <= amount <= type(uint128).max`, and a free place to join.
    function commit(address token, uint256 amount) external override nonReentrant {
        if (token == address(0)) revert ZeroAddress();
        Position storage position = _positions[token][msg.sender];
        if (amount == 0) {
            if (position.commitment != 0) {
                position.commitment = 0;
                _removeProvider(token, msg.sender);
            }
            emit Committed(token, msg.sender, 0);
            return;
        }
        TokenState storage state = _tokens[token];
        TokenConfig memory config = state.config;
        if (!config.listed) revert UnsupportedToken(token);
        if (amount > type(uint128).max) revert CommitmentTooLarge(amount, type(uint128).max);
        if (amount < config.minCommitment) revert CommitmentBelowMinimum(amount, config.minCommitment);
        if (position.commitment == 0) {
            uint256 count = config.providerCount;
            if (count >= MAX_PROVIDERS) revert ProviderSetFull(token, MAX_PROVIDERS);
            state.providerAt[count] = msg.sender;
            _indexPlusOne[token][msg.sender] = count + 1;
            // forge-lint: disable-next-line(unsafe-typecast) count < MAX_PROVIDERS = 128
            state.config.providerCount = uint16(count + 1);
        }
        // forge-lint: disable-next-line(unsafe-typecast) checked against type(uint128).max above
        position.commitment = uint128(amount);
        emit Committed(token, msg.sender, amount);
    }

    /// @inheritdoc IFlashBank
    /// @dev A provider with nothing to lend (available 0) may always be pruned, even when the minimum is 0.
    /// Pruning an account that is not in the set changes nothing and emits nothing.
    function prune(address token, address provider) external override nonReentrant {
        Position storage position = _positions[token][provider];
        uint256 commitment = position.commitment;
        if (commitment == 0) return;
        uint256 can = _available(token, provider, commitment);
        if (can != 0 && can >= _tokens[token].config.minCommitment) revert ProviderStillActive(provider, can);
        position.commitment = 0;
        _removeProvider(token, provider);
        emit ProviderPruned(token, provider, msg.sender);
    }

    /// @inheritdoc IFlashBank
    /// @dev Works for unlisted tokens and while loans are paused. Tokens that return no value are handled.
    function withdrawProfits(address token) external override nonReentrant returns (uint256 amount) {
        amount = _takeProfit(token, msg.sender);
        if (amount == 0) revert NothingToWithdraw(token, msg.sender);
        if (!_tryTransfer(token, msg.sender, amount)) revert TransferFailed(token, msg.sender, amount);
        emit ProfitsWithdrawn(token, msg.sender, amount);
    }

    // ---------------------------------------------------------------- owner

    /// @inheritdoc IFlashBank
    /// @dev `token` must be a contract. A relisted token keeps the providers it had.
    function listToken(address token, uint256 minCommitment_) external override onlyOwner nonReentrant {
        if (token == address(0)) revert ZeroAddress();
        if (token.code.length == 0) revert UnsupportedToken(token);
        if (minCommitment_ > type(uint128).max) revert CommitmentTooLarge(minCommitment_, type(uint128).max);
        TokenConfig storage config = _tokens[token].config;
        if (config.listed) revert AlreadyListed(token);
        config.listed = true;
        // forge-lint: disable-next-line(unsafe-typecast) checked against type(uint128).max above
        config.minCommitment = uint128(minCommitment_);
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
        return _available(token, provider, _positions[token][provider].commitment);
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
    function providers(address token) external view override returns (address[] memory list) {
        TokenState storage state = _tokens[token];
        uint256 count = state.config.providerCount;
        list = new address[](count);
        for (uint256 i; i < count; ++i) {
            list[i] = state.providerAt[i];
        }
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

    /// @dev Pass 1 and the plan of `flashLoan`: every provider, what it can lend, and its pro-rata part of the
    /// amount with the flooring remainder given to providers in set order that still have room.
    function _planProRata(Loan memory loan, uint256 count)
        private
        view
        returns (address[] memory set, uint256[] memory room, uint256[] memory plan)
    {
        address token = loan.token;
        TokenState storage state = _tokens[token];
        mapping(address => Position) storage positions = _positions[token];
        set = new address[](count);
        room = new uint256[](count);
        uint256 total;
        // The loop below is `_available` for every provider in set order, written out in assembly because it is
        // the hottest loop of a pro-rata loan. Each `can` is below 2**128 and count <= 128: `total` cannot wrap.
        assembly ("memory-safe") {
            let query := mload(0x40) // scratch past the free memory pointer for the call data, never allocated
            let firstProvider := add(state.slot, 1) // providerAt[0]: the slot after `config`
            for { let i := 0 } lt(i, count) { i := add(i, 1) } {
                let provider := sload(add(firstProvider, i))
                mstore(0x00, provider)
                mstore(0x20, positions.slot)
                let can := and(sload(keccak256(0x00, 0x40)), 0xffffffffffffffffffffffffffffffff) // commitment
                if can {
                    mstore(query, shl(224, 0x70a08231)) // balanceOf(provider)
                    mstore(add(query, 0x04), provider)
                    let ok := staticcall(gas(), token, query, 0x24, 0x00, 0x20)
                    let word := 0
                    if and(ok, gt(returndatasize(), 0x1f)) { word := mload(0x00) }
                    if lt(word, can) { can := word }
                }
                if can {
                    mstore(query, shl(224, 0xdd62ed3e)) // allowance(provider, this)
                    mstore(add(query, 0x04), provider)
                    mstore(add(query, 0x24), address())
                    let ok := staticcall(gas(), token, query, 0x44, 0x00, 0x20)
                    let word := 0
                    if and(ok, gt(returndatasize(), 0x1f)) { word := mload(0x00) }
                    if lt(word, can) { can := word }
                }
                let at := shl(5, add(i, 1))
                mstore(add(set, at), provider)
                mstore(add(room, at), can)
                total := add(total, can)
            }
        }
        uint256 amount = loan.amount;
        if (total < amount) revert InsufficientLiquidity(amount, total);

        plan = new uint256[](count);
        uint256 left = amount;
        for (uint256 i; i < count; ++i) {
            uint256 part = _mulDiv(room[i], amount, total);
            plan[i] = part;
            unchecked {
                left -= part; // the parts sum to at most amount * total / total
            }
        }
        for (uint256 i; left != 0; ++i) {
            // Ends within the set: the rooms left sum to total - (amount - left) >= left.
            uint256 extra = _min(room[i] - plan[i], left);
            plan[i] += extra;
            left -= extra;
        }
    }

    /// @dev The pulls of `flashLoan`, in set order, `pulled` starting as the plan. A failed pull's part is carried
    /// to the providers after it; what is still missing after the last is taken from the room left with providers
    /// that did not fail, in set order. Returns the providers pulled and their pulls, in the order of their first
    /// pull; in the usual case (everyone pulled once, in set order) that is `set` and `pulled` themselves.
    function _pullProRata(Loan memory loan, address[] memory set, uint256[] memory room, uint256[] memory pulled)
        private
        returns (address[] memory lenders, uint256[] memory lent)
    {
        uint256 count = set.length;
        uint256[] memory order = new uint256[](count);
        (uint256 pulls, uint256 carry) = _sweep(loan, set, room, pulled, order);
        if (carry != 0) pulls = _coverShortfall(loan, set, room, pulled, order, pulls, carry);
        if (pulls == count && _isIdentity(order)) return (set, pulled);

        lenders = new address[](pulls);
        lent = new uint256[](pulls);
        for (uint256 j; j < pulls; ++j) {
            uint256 i = order[j];
            lenders[j] = set[i];
            lent[j] = pulled[i];
        }
    }

    /// @dev The first sweep of `flashLoan`, in set order, in assembly because it is a hot loop: take =
    /// min(plan + carry, room); a pull that succeeds records `take` in `pulled` and `order` and carries what it
    /// could not take; a pull that fails records 0, zeroes the provider's room and carries its whole part. The
    /// success rule is `_tryTransferFrom`'s. Returns the number of providers pulled and what is left to carry.
    function _sweep(
        Loan memory loan,
        address[] memory set,
        uint256[] memory room,
        uint256[] memory pulled,
        uint256[] memory order
    ) private returns (uint256 pulls, uint256 carry) {
        address token = loan.token;
        address receiver = loan.receiver;
        assembly ("memory-safe") {
            for { let at := 0x20 } iszero(gt(at, shl(5, mload(set)))) { at := add(at, 0x20) } {
                let want := add(mload(add(pulled, at)), carry) // at most amount
                let take := mload(add(room, at))
                if lt(want, take) { take := want }
                // take == 0 changes nothing: then the plan is 0 and carry == want already.
                if take {
                    let query := mload(0x40) // scratch past the free memory pointer, never allocated
                    mstore(query, shl(224, 0x23b872dd)) // transferFrom(provider, receiver, take)
                    mstore(add(query, 0x04), mload(add(set, at)))
                    mstore(add(query, 0x24), receiver)
                    mstore(add(query, 0x44), take)
                    let ok := call(gas(), token, 0, query, 0x64, 0x00, 0x20)
                    if ok {
                        switch returndatasize()
                        case 0 { ok := gt(extcodesize(token), 0) }
                        default { ok := and(gt(returndatasize(), 0x1f), eq(mload(0x00), 1)) }
                    }
                    switch ok
                    case 0 {
                        mstore(add(pulled, at), 0)
                        mstore(add(room, at), 0)
                        carry := want
                    }
                    default {
                        mstore(add(pulled, at), take)
                        pulls := add(pulls, 1)
                        mstore(add(order, shl(5, pulls)), sub(shr(5, at), 1)) // order[pulls - 1] = i
                        carry := sub(want, take)
                    }
                }
            }
        }
    }

    /// @dev The second sweep of `flashLoan`, after a failed pull: takes `carry` from the room left with the providers
    /// that did not fail, in set order, appending first-time pulls to `order`. Returns the new number of pulls;
    /// reverts when the room cannot cover it.
    function _coverShortfall(
        Loan memory loan,
        address[] memory set,
        uint256[] memory room,
        uint256[] memory pulled,
        uint256[] memory order,
        uint256 pulls,
        uint256 carry
    ) private returns (uint256) {
        for (uint256 i; carry != 0 && i < set.length; ++i) {
            uint256 free = room[i] - pulled[i];
            if (free == 0) continue;
            uint256 take = _min(free, carry);
            if (_tryTransferFrom(loan.token, set[i], loan.receiver, take)) {
                if (pulled[i] == 0) order[pulls++] = i;
                pulled[i] += take;
                carry -= take;
            } else {
                room[i] = pulled[i];
            }
        }
        if (carry != 0) revert InsufficientLiquidity(loan.amount, loan.amount - carry);
        return pulls;
    }

    /// @dev Whether `order[j] == j` for every j.
    function _isIdentity(uint256[] memory order) private pure returns (bool) {
        for (uint256 j; j < order.length; ++j) {
            if (order[j] != j) return false;
        }
        return true;
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
        if (_tryTransferFrom(token, provider, loan.receiver, want)) return want;
        uint256 can = _available(token, provider, want);
        if (can == 0 || can == want || !_tryTransferFrom(token, provider, loan.receiver, can)) return 0;
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
            if (!_tryTransferFrom(token, loan.receiver, provider, principal)) {
                revert RepaymentFailed(loan.receiver, provider, principal);
            }
            if (j == 0) continue;
            uint256 share = _mulDiv(principal, fee, loan.amount);
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
        if (fee != 0 && !_tryTransferFrom(token, loan.receiver, address(this), fee)) {
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

    function _removeProvider(address token, address provider) private {
        TokenState storage state = _tokens[token];
        mapping(address => uint256) storage indexPlusOne = _indexPlusOne[token];
        uint256 index = indexPlusOne[provider] - 1;
        uint256 last = state.config.providerCount - 1;
        if (index != last) {
            address moved = state.providerAt[last];
            state.providerAt[index] = moved;
            indexPlusOne[moved] = index + 1;
        }
        delete state.providerAt[last];
        delete indexPlusOne[provider];
        // forge-lint: disable-next-line(unsafe-typecast) last < MAX_PROVIDERS = 128
        state.config.providerCount = uint16(last);
    }

    /// @dev `min(cap, balance, allowance)`; a balance or allowance call that reverts or answers short counts as 0.
    function _available(address token, address provider, uint256 cap) private view returns (uint256 can) {
        if (cap == 0) return 0;
        can = _min(cap, _readWord(token, 0x70a08231, provider, address(0)));
        if (can == 0) return 0;
        can = _min(can, _readWord(token, 0xdd62ed3e, provider, address(this)));
    }

    /// @dev The first word `token` answers to `selector(a)` (when `b` is 0) or `selector(a, b)`; 0 when the static
    /// call reverts or answers fewer than 32 bytes. Uses the free memory past the pointer, allocating nothing.
    function _readWord(address token, uint32 selector, address a, address b) private view returns (uint256 word) {
        assembly ("memory-safe") {
            let m := mload(0x40)
            mstore(m, shl(224, selector))
            mstore(add(m, 0x04), and(a, 0xffffffffffffffffffffffffffffffffffffffff))
            mstore(add(m, 0x24), and(b, 0xffffffffffffffffffffffffffffffffffffffff))
            let size := 0x24
            if b { size := 0x44 }
            let ok := staticcall(gas(), token, m, size, 0x00, 0x20)
            if and(ok, gt(returndatasize(), 0x1f)) { word := mload(0x00) }
        }
    }

    /// @dev `token.transferFrom(from, to, amount)`: true when it returned true, or returned nothing from a contract.
    function _tryTransferFrom(address token, address from, address to, uint256 amount) private returns (bool ok) {
        assembly ("memory-safe") {
            let m := mload(0x40)
            mstore(m, 0x23b872dd00000000000000000000000000000000000000000000000000000000)
            mstore(add(m, 0x04), and(from, 0xffffffffffffffffffffffffffffffffffffffff))
            mstore(add(m, 0x24), and(to, 0xffffffffffffffffffffffffffffffffffffffff))
            mstore(add(m, 0x44), amount)
            ok := call(gas(), token, 0, m, 0x64, 0x00, 0x20)
            if ok {
                switch returndatasize()
                case 0 { ok := gt(extcodesize(token), 0) }
                default { ok := and(gt(returndatasize(), 0x1f), eq(mload(0x00), 1)) }
            }
        }
    }

    /// @dev `token.transfer(to, amount)` with the same success rule as `_tryTransferFrom`.
    function _tryTransfer(address token, address to, uint256 amount) private returns (bool ok) {
        assembly ("memory-safe") {
            let m := mload(0x40)
            mstore(m, 0xa9059cbb00000000000000000000000000000000000000000000000000000000)
            mstore(add(m, 0x04), and(to, 0xffffffffffffffffffffffffffffffffffffffff))
            mstore(add(m, 0x24), amount)
            ok := call(gas(), token, 0, m, 0x44, 0x00, 0x20)
            if ok {
                switch returndatasize()
                case 0 { ok := gt(extcodesize(token), 0) }
                default { ok := and(gt(returndatasize(), 0x1f), eq(mload(0x00), 1)) }
            }
        }
    }

    /// @dev `ceil(amount * feeBps / 10_000)` without overflow for any `amount`.
    function _fee(uint256 amount, uint256 feeBps_) private pure returns (uint256) {
        // Whole multiples of 10_000 first, then the rounded-up rest: exact, and no overflow for any amount.
        // forge-lint: disable-next-line(divide-before-multiply)
        return (amount / BPS) * feeBps_ + ((amount % BPS) * feeBps_ + BPS - 1) / BPS;
    }

    /// @dev `floor(a * b / c)` exactly, for `a < 2**128` and `b <= c < 2**190`. Every use fits: `a` is at most a
    /// commitment, `c` at most MAX_PROVIDERS commitments (< 2**135). Above 2**128 it divides in two 64-bit steps:
    /// a*b = (a*(b>>64))*2**64 + a*(b mod 2**64), and a*(b>>64) = q*c + r, so floor(a*b/c) = q*2**64 +
    /// floor((r*2**64 + a*(b mod 2**64)) / c), where no intermediate exceeds 2**255.
    function _mulDiv(uint256 a, uint256 b, uint256 c) internal pure returns (uint256) {
        unchecked {
            if (c <= type(uint128).max) return a * b / c;
            uint256 high = a * (b >> 64);
            return ((high / c) << 64) + (((high % c) << 64) + a * (b & type(uint64).max)) / c;
        }
    }

    function _min(uint256 a, uint256 b) private pure returns (uint256) {
        return a < b ? a : b;
    }
}
