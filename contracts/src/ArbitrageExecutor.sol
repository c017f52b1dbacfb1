// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IArbitrageExecutor} from "./interfaces/IArbitrageExecutor.sol";
import {IERC3156FlashBorrower} from "./interfaces/IERC3156FlashBorrower.sol";
import {IERC3156FlashLender} from "./interfaces/IERC3156FlashLender.sol";
import {IFlashBank} from "./interfaces/IFlashBank.sol";
import {IERC20Minimal} from "./interfaces/IERC20Minimal.sol";
import {IUniswapV2PairMinimal} from "./interfaces/IUniswapV2PairMinimal.sol";

/// @title Flash-borrows, swaps round a cycle of Uniswap V2-style pairs, repays and pays the profit to its owner.
contract ArbitrageExecutor is IArbitrageExecutor {
    bytes32 private constant CALLBACK_SUCCESS = keccak256("ERC3156FlashBorrower.onFlashLoan");

    /// @inheritdoc IArbitrageExecutor
    address public owner;
    /// @inheritdoc IArbitrageExecutor
    address public pendingOwner;

    /// @dev The lender of the loan `execute` is waiting on; cleared by its one accepted callback.
    address private transient activeLender;
    /// @dev What the callback hands back to `execute` once the loan has returned.
    uint256 private transient loanFee;
    uint256 private transient loanProfit;

    modifier onlyOwner() {
        if (msg.sender != owner) revert NotOwner(msg.sender);
        _;
    }

    constructor(address initialOwner) {
        if (initialOwner == address(0)) revert ZeroAddress();
        owner = initialOwner;
        emit OwnershipTransferred(address(0), initialOwner);
    }

    // ---------------------------------------------------------------- loans

    /// @inheritdoc IArbitrageExecutor
    function execute(
        address lender,
        address token,
        uint256 amount,
        address[] calldata providers,
        Hop[] calldata route,
        uint256 minProfit
    ) external onlyOwner returns (uint256 profit) {
        if (lender == address(0)) revert ZeroAddress();
        if (amount == 0) revert ZeroAmount();
        if (route.length == 0) revert EmptyRoute();
        // Checked before borrowing so a malformed route fails cheaply and names its reason.
        address tokenIn = _tokenIn(route[0]);
        if (tokenIn != token) revert RouteStartMismatch(token, tokenIn);
        address tokenOut = _tokenOut(route[route.length - 1]);
        if (tokenOut != token) revert RouteEndMismatch(token, tokenOut);

        bytes memory data = abi.encode(route, minProfit);
        activeLender = lender;
        if (providers.length == 0) {
            IERC3156FlashLender(lender).flashLoan(this, token, amount, data);
        } else {
            IFlashBank(lender).flashLoanFrom(this, token, amount, data, providers);
        }
        if (activeLender != address(0)) revert LoanNotReceived(lender);

        profit = loanProfit;
        if (profit != 0) _transfer(token, owner, profit);
        emit Executed(lender, token, amount, loanFee, profit);
    }

    /// @inheritdoc IERC3156FlashBorrower
    function onFlashLoan(address initiator, address token, uint256 amount, uint256 fee, bytes calldata data)
        external
        returns (bytes32)
    {
        // activeLender is zero outside `execute`, and no caller is the zero address.
        if (msg.sender != activeLender) revert UntrustedLender(msg.sender);
        if (initiator != address(this)) revert UntrustedInitiator(initiator);
        activeLender = address(0);

        (Hop[] memory route, uint256 minProfit) = abi.decode(data, (Hop[], uint256));
        uint256 out = _swap(token, amount, route);

        uint256 owed = amount + fee;
        if (out < owed || out - owed < minProfit) revert InsufficientProfit(_difference(out, owed), minProfit);
        _approve(token, msg.sender, owed);
        loanFee = fee;
        loanProfit = out - owed;
        return CALLBACK_SUCCESS;
    }

    // ---------------------------------------------------------------- owner

    /// @inheritdoc IArbitrageExecutor
    function sweep(address token, address to, uint256 amount) external onlyOwner {
        if (to == address(0)) revert ZeroAddress();
        _transfer(token, to, amount);
        emit Swept(token, to, amount);
    }

    /// @inheritdoc IArbitrageExecutor
    function transferOwnership(address newOwner) external onlyOwner {
        pendingOwner = newOwner;
        emit OwnershipTransferStarted(msg.sender, newOwner);
    }

    /// @inheritdoc IArbitrageExecutor
    function acceptOwnership() external {
        if (msg.sender != pendingOwner) revert NotPendingOwner(msg.sender);
        emit OwnershipTransferred(owner, msg.sender);
        owner = msg.sender;
        pendingOwner = address(0);
    }

    // ---------------------------------------------------------------- internals

    /// @dev Pays `amount` into the first pair and has every pair pay its output straight into the next one (the last
    /// into this contract), so each hop costs one transfer. Returns what the last pair paid out.
    function _swap(address token, uint256 amount, Hop[] memory route) private returns (uint256 amountIn) {
        _transfer(token, route[0].pair, amount);
        amountIn = amount;
        uint256 last = route.length - 1;
        for (uint256 i; i <= last; ++i) {
            Hop memory hop = route[i];
            (uint256 reserve0, uint256 reserve1,) = IUniswapV2PairMinimal(hop.pair).getReserves();
            (uint256 reserveIn, uint256 reserveOut) = hop.zeroForOne ? (reserve0, reserve1) : (reserve1, reserve0);
            uint256 amountOut = _getAmountOut(amountIn, reserveIn, reserveOut);
            address to = i == last ? address(this) : route[i + 1].pair;
            (uint256 amount0Out, uint256 amount1Out) = hop.zeroForOne ? (uint256(0), amountOut) : (amountOut, 0);
            IUniswapV2PairMinimal(hop.pair).swap(amount0Out, amount1Out, to, "");
            amountIn = amountOut;
        }
    }

    /// @dev Uniswap V2's `getAmountOut`: the most the pair pays for `amountIn` under its 0.3% fee and constant
    /// product. A zero result makes the pair revert with its own INSUFFICIENT_OUTPUT_AMOUNT.
    function _getAmountOut(uint256 amountIn, uint256 reserveIn, uint256 reserveOut) private pure returns (uint256) {
        uint256 amountInWithFee = amountIn * 997;
        return amountInWithFee * reserveOut / (reserveIn * 1000 + amountInWithFee);
    }

    /// @dev `out - owed` as a signed number, for the error only.
    function _difference(uint256 out, uint256 owed) private pure returns (int256) {
        // casting to 'int256' is safe because out and amount both fit a V2 pair's uint112 balance (its swap and
        // _update revert otherwise) and a lender's fee is a small fraction of amount: both differences are < 2^255
        // forge-lint: disable-next-line(unsafe-typecast)
        return out >= owed ? int256(out - owed) : -int256(owed - out);
    }

    function _tokenIn(Hop calldata hop) private view returns (address) {
        IUniswapV2PairMinimal pair = IUniswapV2PairMinimal(hop.pair);
        return hop.zeroForOne ? pair.token0() : pair.token1();
    }

    function _tokenOut(Hop calldata hop) private view returns (address) {
        IUniswapV2PairMinimal pair = IUniswapV2PairMinimal(hop.pair);
        return hop.zeroForOne ? pair.token1() : pair.token0();
    }

    /// @dev Accepts tokens that return nothing as well as those that return true.
    function _transfer(address token, address to, uint256 amount) private {
        (bool ok, bytes memory ret) = token.call(abi.encodeCall(IERC20Minimal.transfer, (to, amount)));
        if (!_succeeded(token, ok, ret)) revert TransferFailed(token, to, amount);
    }

    function _approve(address token, address spender, uint256 amount) private {
        (bool ok, bytes memory ret) = token.call(abi.encodeCall(IERC20Minimal.approve, (spender, amount)));
        if (!_succeeded(token, ok, ret)) revert ApproveFailed(token, spender, amount);
    }

    /// @dev An empty answer counts only from a contract: a call to an address without code also "succeeds".
    function _succeeded(address token, bool ok, bytes memory ret) private view returns (bool) {
        if (!ok) return false;
        if (ret.length == 0) return token.code.length != 0;
        return ret.length >= 32 && abi.decode(ret, (uint256)) == 1;
    }
}
