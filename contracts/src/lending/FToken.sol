// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {RayMath} from "./libraries/RayMath.sol";

/// @title What an fToken asks of its pool: the liquidity index now, and the health check after a transfer.
interface IFTokenPool {
    /// @notice The reserve's liquidity index accrued to this second (ray).
    function liquidityIndexNow(address asset) external view returns (uint256);

    /// @notice Called by the reserve's fToken after moving scaled balance from `from` to `to`: updates both
    /// accounts' collateral flags and reverts with `HealthFactorTooLow(hf)` when `from` is left below HF 1.
    function finalizeFTokenTransfer(address asset, address from, address to, uint256 fromScaledAfter, uint256 toScaledBefore)
        external;
}

/// @title A reserve's deposit receipt: a transferable ERC-20 whose balance grows with the pool's liquidity index,
/// with vote checkpoints for the reserve's own governance.
/// @notice Stored balances are SCALED units: `balanceOf = scaled × liquidityIndex / RAY`, rounded down.
/// `transfer(to, amount)` takes an amount of underlying and moves `ceil(amount × RAY / index)` scaled units (the
/// sender pays the rounding), then lets the pool check the sender's health factor (`HealthFactorTooLow(hf)`).
/// Allowances are in underlying. `Transfer` events carry scaled units (the value the stored balances moved by).
/// Votes: OpenZeppelin's ERC20Votes over the scaled balance, so a vote weighs scaled units (every holder's
/// underlying is the same multiple of them at a given block, so relative weights are the same); as in OpenZeppelin,
/// a holder's balance counts only once it is delegated (`delegate(self)` to vote oneself). `clock()` is the block
/// number, so a governor reading `getPastVotes(account, proposalSnapshotBlock)` ignores fTokens bought (or flash
/// borrowed and deposited) in or after the snapshot block. Only the pool mints, burns and moves balances on
/// liquidation.
contract FToken is ERC20, ERC20Votes {
    using RayMath for uint256;

    IFTokenPool public immutable POOL;
    address public immutable UNDERLYING_ASSET;
    uint8 private immutable _decimals;

    error OnlyPool(address caller);

    modifier onlyPool() {
        if (msg.sender != address(POOL)) revert OnlyPool(msg.sender);
        _;
    }

    constructor(IFTokenPool pool, address asset, string memory name_, string memory symbol_, uint8 decimals_)
        ERC20(name_, symbol_)
        EIP712(name_, "1")
    {
        POOL = pool;
        UNDERLYING_ASSET = asset;
        _decimals = decimals_;
    }

    function decimals() public view override returns (uint8) {
        return _decimals;
    }

    /// @notice The holder's claim on the underlying now (scaled × index, rounded down).
    function balanceOf(address account) public view override returns (uint256) {
        return super.balanceOf(account).rayMulDown(POOL.liquidityIndexNow(UNDERLYING_ASSET));
    }

    /// @notice All holders' claims now (scaled total × index, rounded down).
    function totalSupply() public view override returns (uint256) {
        return super.totalSupply().rayMulDown(POOL.liquidityIndexNow(UNDERLYING_ASSET));
    }

    function scaledBalanceOf(address account) external view returns (uint256) {
        return super.balanceOf(account);
    }

    function scaledTotalSupply() external view returns (uint256) {
        return super.totalSupply();
    }

    function transfer(address to, uint256 amount) public override returns (bool) {
        _transferUnderlying(msg.sender, to, amount);
        return true;
    }

    function transferFrom(address from, address to, uint256 amount) public override returns (bool) {
        _spendAllowance(from, msg.sender, amount);
        _transferUnderlying(from, to, amount);
        return true;
    }

    /// @notice Mints `scaled` units to `to`; answers the holder's scaled balance before.
    function mint(address to, uint256 scaled) external onlyPool returns (uint256 before) {
        before = super.balanceOf(to);
        _mint(to, scaled);
    }

    /// @notice Burns `scaled` units of `from`; answers the holder's scaled balance after.
    function burn(address from, uint256 scaled) external onlyPool returns (uint256 remaining) {
        _burn(from, scaled);
        remaining = super.balanceOf(from);
    }

    /// @notice Moves `scaled` units for a liquidation (no health check: the pool has done it); answers the
    /// recipient's scaled balance before.
    function transferOnLiquidation(address from, address to, uint256 scaled) external onlyPool returns (uint256 toBefore) {
        toBefore = super.balanceOf(to);
        _transfer(from, to, scaled);
    }

    /// @notice Block-number clock (the governor's snapshots are block numbers).
    function clock() public view override returns (uint48) {
        return uint48(block.number);
    }

    // forge-lint: disable-next-line(mixed-case-function)
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=blocknumber&from=default";
    }

    function _transferUnderlying(address from, address to, uint256 amount) private {
        uint256 scaled = amount.rayDivUp(POOL.liquidityIndexNow(UNDERLYING_ASSET)); // rounded up: the sender pays
        uint256 toBefore = super.balanceOf(to);
        _transfer(from, to, scaled);
        POOL.finalizeFTokenTransfer(UNDERLYING_ASSET, from, to, super.balanceOf(from), toBefore);
    }

    /// @dev Voting units are the scaled balance (ERC20Votes would otherwise read the index-scaled `balanceOf`).
    function _getVotingUnits(address account) internal view override returns (uint256) {
        return super.balanceOf(account);
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }
}

/// @title Deploys a reserve's fToken for the pool that calls it (keeps the fToken's bytecode out of the pool's).
contract FTokenFactory {
    /// @notice A new fToken whose pool is the caller.
    function create(address asset, string calldata name_, string calldata symbol_, uint8 decimals_)
        external
        returns (address)
    {
        return address(new FToken(IFTokenPool(msg.sender), asset, name_, symbol_, decimals_));
    }
}
