// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IReserveGovernance} from "../interfaces/IReserveGovernance.sol";
import {IFlashSwapPool} from "../interfaces/IFlashSwapPool.sol";
import {RayMath} from "./RayMath.sol";
import {PoolTypes} from "./PoolTypes.sol";
import {PoolErrors} from "./PoolErrors.sol";
import {PoolLogic} from "./PoolLogic.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {FToken, FTokenFactory} from "../FToken.sol";
import {ReserveParamsCodec} from "./ReserveParamsCodec.sol";

/// @title The pool's governance operations: listing, parameters, pool-decision bounds and the reserve governor's
/// decisions, and minting the treasury's accrued fTokens (an external library the pool delegate-calls; the pool
/// checks who may call).
library ConfigLogic {
    using ReserveParamsCodec for PoolTypes.PackedParams;

    uint256 internal constant RAY = 1e27;
    uint256 internal constant MAX_RESERVES = 128;

    /// @notice The probe a listing moves: a hundredth of a whole token, at least 100 units.
    function probeAmount(uint8 dec) internal pure returns (uint256) {
        uint256 p = 10 ** uint256(dec) / 100;
        return p < 100 ? 100 : p;
    }

    /// @notice Lists `asset` with `params` and deploys its fToken.
    /// @dev Refuses a non-contract (`NotAContract`) and a token that does not move exactly what it is told: the
    /// caller (the timelock) must hold and approve `probeAmount(decimals)` (a hundredth of a whole token, at least
    /// 100 units); the pool pulls it, checks that its balance grew by exactly that, sends it back and checks that
    /// its balance fell by exactly that (`FeeOnTransferRefused(asset, sent, received)`). Rebasing tokens cannot be
    /// told apart by one transfer: do not list them.
    function listReserve(PoolTypes.State storage s, FTokenFactory factory, address asset, IFlashSwapPool.ReserveParams calldata params)
        external
    {
        if (asset.code.length == 0) revert PoolErrors.NotAContract(asset);
        PoolTypes.Reserve storage r = s.reserves[asset];
        if (r.fToken != address(0)) revert PoolErrors.ReserveAlreadyListed(asset);
        uint256 id = s.reservesList.length;
        if (id >= MAX_RESERVES) revert PoolErrors.TooManyReserves(MAX_RESERVES);
        ReserveParamsCodec.validate(params);
        uint8 dec = IERC20Metadata(asset).decimals();
        if (dec > 36) revert ReserveParamsCodec.InvalidReserveParam("decimals", dec);
        PoolLogic.probeTransfers(asset, probeAmount(dec));

        string memory sym = IERC20Metadata(asset).symbol();
        address fToken = factory.create(asset, string.concat("FlashSwap ", sym), string.concat("f", sym), dec);
        r.fToken = fToken;
        r.id = uint8(id);
        r.decimals = dec;
        r.active = true;
        r.liquidityIndex = uint128(RAY);
        r.variableBorrowIndex = uint128(RAY);
        r.lastUpdate = uint40(block.timestamp);
        s.params[asset].store(params);
        s.reservesList.push(asset);
        s.bounds[asset] = PoolTypes.DecisionBounds({
            minOptimalUtilizationRay: uint96(params.optimalUtilizationRay),
            maxOptimalUtilizationRay: uint96(params.optimalUtilizationRay),
            maxFlashLoanFeeBps: params.flashLoanFeeBps
        });
        PoolLogic.updateRates(asset, r, s.params[asset]);
        emit IFlashSwapPool.ReserveListed(asset, fToken, dec);
        emit IFlashSwapPool.ReserveParamsSet(asset, params);
    }

    function setReserveParams(PoolTypes.State storage s, address asset, IFlashSwapPool.ReserveParams calldata params) external {
        PoolTypes.Reserve storage r = PoolLogic.listed(s, asset);
        ReserveParamsCodec.validate(params);
        PoolTypes.PackedParams storage p = s.params[asset];
        PoolLogic.updateState(r, p);
        p.store(params);
        PoolLogic.updateRates(asset, r, p);
        emit IFlashSwapPool.ReserveParamsSet(asset, params);
    }

    /// @notice The bounds within which the reserve governor may set the optimal utilisation and the flash fee:
    /// `0 < min <= max < 1 ray` and the fee bound within the hard limit, or all zero to disable pool-level decisions.
    function setPoolDecisionBounds(PoolTypes.State storage s, address asset, uint256 minUopt, uint256 maxUopt, uint16 maxFlashFeeBps)
        external
    {
        PoolLogic.listed(s, asset);
        bool disabled = minUopt == 0 && maxUopt == 0 && maxFlashFeeBps == 0;
        if (!disabled && (minUopt == 0 || minUopt > maxUopt || maxUopt >= RAY)) {
            revert IReserveGovernance.InvalidPoolDecisionBounds(minUopt, maxUopt, maxFlashFeeBps);
        }
        if (maxFlashFeeBps > ReserveParamsCodec.MAX_FLASH_FEE_BPS) {
            revert IReserveGovernance.InvalidPoolDecisionBounds(minUopt, maxUopt, maxFlashFeeBps);
        }
        s.bounds[asset] = PoolTypes.DecisionBounds(uint96(minUopt), uint96(maxUopt), maxFlashFeeBps);
        emit IReserveGovernance.PoolDecisionBoundsSet(asset, minUopt, maxUopt, maxFlashFeeBps);
    }

    /// @notice The reserve governor sets a reserve's optimal utilisation and flash-loan fee, both within the owner's
    /// bounds (`PoolDecisionOutOfBounds` else; disabled bounds refuse everything). Accrues at the old rates first.
    function setPoolDecision(PoolTypes.State storage s, address asset, uint256 uOptRay, uint16 feeBps) external {
        PoolTypes.Reserve storage r = PoolLogic.onlyReserveGovernor(s, asset);
        PoolTypes.DecisionBounds memory b = s.bounds[asset];
        if (b.maxOptimalUtilizationRay == 0 || uOptRay < b.minOptimalUtilizationRay || uOptRay > b.maxOptimalUtilizationRay
                || feeBps > b.maxFlashLoanFeeBps) {
            revert IReserveGovernance.PoolDecisionOutOfBounds(asset, uOptRay, feeBps, b.minOptimalUtilizationRay,
                b.maxOptimalUtilizationRay, b.maxFlashLoanFeeBps);
        }
        PoolTypes.PackedParams storage p = s.params[asset];
        PoolLogic.updateState(r, p);
        p.optimalUtilizationRay = uint96(uOptRay);
        p.flashLoanFeeBps = feeBps;
        PoolLogic.updateRates(asset, r, p);
        emit IFlashSwapPool.ReserveParamsSet(asset, p.load());
        emit IReserveGovernance.PoolDecisionSet(asset, uOptRay, feeBps);
    }

    /// @notice Mints the interest and fees owed to the treasury as fTokens (anyone may call).
    function mintToTreasury(PoolTypes.State storage s, address[] calldata assets) external {
        for (uint256 i; i < assets.length; ++i) {
            PoolTypes.Reserve storage r = PoolLogic.listed(s, assets[i]);
            PoolLogic.updateState(r, s.params[assets[i]]);
            uint256 scaled = r.accruedToTreasury;
            if (scaled == 0) continue;
            r.accruedToTreasury = 0;
            FToken(r.fToken).mint(s.treasury, scaled);
            emit PoolErrors.TreasuryMinted(assets[i], scaled);
        }
    }
}
