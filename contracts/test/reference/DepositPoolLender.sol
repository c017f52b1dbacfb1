// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20Minimal} from "../../src/interfaces/IERC20Minimal.sol";
import {IERC3156FlashBorrower} from "../../src/interfaces/IERC3156FlashBorrower.sol";
import {IERC3156FlashLender} from "../../src/interfaces/IERC3156FlashLender.sol";

/// @title A plain deposit-pool ERC-3156 lender: the gas benchmark's reference point for FlashBank.
/// @notice Liquidity providers deposit tokens into this contract for pool shares; a loan is sent from the pool's
/// own balance and repaid to it with the fee, which raises the value of every share. Same fee rule as FlashBank
/// (2 bps, rounded up), same transient reentrancy lock, one event per loan. Standard tokens only; not for use.
contract DepositPoolLender is IERC3156FlashLender {
    error UnsupportedToken(address token);
    error InsufficientLiquidity(uint256 requested, uint256 available);
    error ZeroAmount();
    error CallbackFailed(bytes32 returned);
    error Reentrancy();
    error NotOwner(address caller);
    error TransferFailed();

    event FlashLoan(
        address indexed token, address indexed receiver, address indexed initiator, uint256 amount, uint256 fee
    );
    event Deposited(address indexed token, address indexed provider, uint256 amount, uint256 shares);
    event Withdrawn(address indexed token, address indexed provider, uint256 amount, uint256 shares);

    uint256 public constant FEE_BPS = 2;
    bytes32 private constant CALLBACK_SUCCESS = keccak256("ERC3156FlashBorrower.onFlashLoan");

    address public immutable owner;
    mapping(address token => bool) public isListed;
    mapping(address token => uint256) public totalShares;
    mapping(address token => mapping(address provider => uint256)) public sharesOf;

    bool private transient _locked;

    modifier nonReentrant() {
        if (_locked) revert Reentrancy();
        _locked = true;
        _;
        _locked = false;
    }

    constructor(address owner_) {
        owner = owner_;
    }

    function listToken(address token) external {
        if (msg.sender != owner) revert NotOwner(msg.sender);
        isListed[token] = true;
    }

    /// @notice Moves `amount` into the pool for shares priced at the pool's current balance.
    function deposit(address token, uint256 amount) external nonReentrant returns (uint256 shares) {
        if (!isListed[token]) revert UnsupportedToken(token);
        uint256 assets = IERC20Minimal(token).balanceOf(address(this));
        uint256 supply = totalShares[token];
        shares = supply == 0 || assets == 0 ? amount : amount * supply / assets;
        totalShares[token] = supply + shares;
        sharesOf[token][msg.sender] += shares;
        if (!IERC20Minimal(token).transferFrom(msg.sender, address(this), amount)) revert TransferFailed();
        emit Deposited(token, msg.sender, amount, shares);
    }

    /// @notice Redeems `shares` for their part of the pool's balance, earned fees included.
    function withdraw(address token, uint256 shares) external nonReentrant returns (uint256 amount) {
        uint256 supply = totalShares[token];
        amount = shares * IERC20Minimal(token).balanceOf(address(this)) / supply;
        sharesOf[token][msg.sender] -= shares;
        totalShares[token] = supply - shares;
        if (!IERC20Minimal(token).transfer(msg.sender, amount)) revert TransferFailed();
        emit Withdrawn(token, msg.sender, amount, shares);
    }

    function maxFlashLoan(address token) external view override returns (uint256) {
        return isListed[token] ? IERC20Minimal(token).balanceOf(address(this)) : 0;
    }

    function flashFee(address token, uint256 amount) public view override returns (uint256) {
        if (!isListed[token]) revert UnsupportedToken(token);
        return (amount * FEE_BPS + 9_999) / 10_000;
    }

    function flashLoan(IERC3156FlashBorrower receiver, address token, uint256 amount, bytes calldata data)
        external
        override
        nonReentrant
        returns (bool)
    {
        if (amount == 0) revert ZeroAmount();
        uint256 fee = flashFee(token, amount);
        uint256 balance = IERC20Minimal(token).balanceOf(address(this));
        if (amount > balance) revert InsufficientLiquidity(amount, balance);
        if (!IERC20Minimal(token).transfer(address(receiver), amount)) revert TransferFailed();
        bytes32 returned = receiver.onFlashLoan(msg.sender, token, amount, fee, data);
        if (returned != CALLBACK_SUCCESS) revert CallbackFailed(returned);
        if (!IERC20Minimal(token).transferFrom(address(receiver), address(this), amount + fee)) {
            revert TransferFailed();
        }
        emit FlashLoan(token, address(receiver), msg.sender, amount, fee);
        return true;
    }
}
