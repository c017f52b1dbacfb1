// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title What the lending pool exposes to pool-level (per-reserve) governance, within bounds protocol governance sets.
/// @notice Protocol governance (the timelock, the pool's owner) sets each reserve's bounds and names the
/// `reserveGovernor`; only the reserve governor, executing a proposal its fToken holders passed, may set a reserve's
/// optimal utilisation and flash-loan fee, and the pool refuses a decision outside the bounds (whatever the reserve
/// governor checked before). Proposed by the governance engineer (src/lending/governance/README.md); the pool
/// implements it.
interface IReserveGovernance {
    /// @notice Protocol governance set the range pool-level decisions on `asset` must stay within. `maxUoptRay == 0`
    /// means pool-level decisions on `asset` are disabled.
    event PoolDecisionBoundsSet(address indexed asset, uint256 minUoptRay, uint256 maxUoptRay, uint16 maxFlashFeeBps);
    /// @notice The reserve governor set `asset`'s optimal utilisation (a ray) and flash-loan fee.
    event PoolDecisionSet(address indexed asset, uint256 optimalUtilizationRay, uint16 flashLoanFeeBps);
    /// @notice Protocol governance named the contract allowed to call `setPoolDecision`.
    event ReserveGovernorSet(address indexed previous, address indexed current);

    /// @notice `caller` is not the reserve governor.
    error NotReserveGovernor(address caller);
    /// @notice The decision lies outside `asset`'s bounds `[minUoptRay, maxUoptRay]`, fee `<= maxFlashFeeBps`.
    error PoolDecisionOutOfBounds(
        address asset,
        uint256 optimalUtilizationRay,
        uint16 flashLoanFeeBps,
        uint256 minUoptRay,
        uint256 maxUoptRay,
        uint16 maxFlashFeeBps
    );
    /// @notice Bounds that are not a range inside (0, 1 ray), or a fee bound above the pool's hard limit.
    error InvalidPoolDecisionBounds(uint256 minUoptRay, uint256 maxUoptRay, uint16 maxFlashFeeBps);

    /// @notice Sets `asset`'s optimal utilisation and flash-loan fee; only `reserveGovernor()`, only within
    /// `poolDecisionBounds(asset)` (else `PoolDecisionOutOfBounds`). Accrues the reserve's indexes at the old rates
    /// first. Emits `PoolDecisionSet` (and the pool's `ReserveParamsSet`).
    function setPoolDecision(address asset, uint256 optimalUtilizationRay, uint16 flashLoanFeeBps) external;

    /// @notice The bounds within which pool-level governance decides for `asset`; all zero until protocol
    /// governance sets them (decisions disabled).
    function poolDecisionBounds(address asset)
        external
        view
        returns (uint256 minUoptRay, uint256 maxUoptRay, uint16 maxFlashFeeBps);

    /// @notice Protocol governance (the owner) sets `asset`'s bounds: `0 < min <= max < 1 ray` and the fee bound
    /// within the pool's hard limit, or all zero to disable. Emits `PoolDecisionBoundsSet`.
    function setPoolDecisionBounds(address asset, uint256 minUoptRay, uint256 maxUoptRay, uint16 maxFlashFeeBps)
        external;

    /// @notice The one contract allowed to call `setPoolDecision` (the ReserveGovernor).
    function reserveGovernor() external view returns (address);

    /// @notice Protocol governance (the owner) names the reserve governor. Emits `ReserveGovernorSet`.
    function setReserveGovernor(address newReserveGovernor) external;
}
