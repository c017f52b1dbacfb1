// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ProviderSet} from "./ProviderSet.sol";
import {ProRataPlan} from "./ProRataPlan.sol";
import {TokenCalls} from "./TokenCalls.sol";
import {IFlashBank} from "../interfaces/IFlashBank.sol";
import {Position} from "../types/Position.sol";
import {Loan} from "../types/Loan.sol";

/// @title How a pro-rata loan carries out its plan, and makes up for pulls that fail
/// @notice The pulls run in read order, each the provider's planned part plus whatever the providers before it
/// could not lend. A pull that fails (the token reverts or returns false: blacklisted, paused, ...) is skipped and its
/// part carried on. What is still missing after the last provider read is taken from the room left with the
/// providers read whose pull did not fail, in read order (only then may a provider see a second pull), and then from
/// the ranked members the reading did not reach, in ranking order.
library ProRataPulls {
    using ProviderSet for ProviderSet.Set;

    /// @dev Pulls made outside the plan, and what is still `missing`.
    struct Extra {
        address[] lenders;
        uint256[] lent;
        uint256 count;
        uint256 missing;
    }

    /// @notice Pulls `loan` by `pulled` (the plan, updated in place to what was pulled) from the providers `reading`
    /// read, falling back on the members of `ranks` it did not reach (`count` members in all, commitments in
    /// `positions`). Returns the providers pulled and their pulls, in the order of their first pull; in the usual
    /// case (everyone read pulled once, in read order) that is the reading's `set` and `pulled` themselves.
    function pull(
        Loan memory loan,
        ProviderSet.Set storage ranks,
        mapping(address => Position) storage positions,
        uint256 count,
        ProRataPlan.Reading memory reading,
        uint256[] memory pulled
    ) internal returns (address[] memory lenders, uint256[] memory lent) {
        address[] memory set = reading.set;
        uint256[] memory room = reading.room;
        uint256[] memory order = new uint256[](set.length);
        (uint256 pulls, uint256 carry) = _sweep(loan, set, room, pulled, order);
        if (carry != 0) (pulls, carry) = _coverShortfall(loan, set, room, pulled, order, pulls, carry);
        Extra memory extra;
        if (carry != 0) {
            extra = Extra(new address[](count - set.length), new uint256[](count - set.length), 0, carry);
            _coverFromUnread(loan, ranks, positions, reading, extra);
        }
        if (extra.count == 0 && pulls == set.length && _isIdentity(order)) return (set, pulled);

        lenders = new address[](pulls + extra.count);
        lent = new uint256[](pulls + extra.count);
        for (uint256 j; j < pulls; ++j) {
            uint256 i = order[j];
            lenders[j] = set[i];
            lent[j] = pulled[i];
        }
        for (uint256 j; j < extra.count; ++j) {
            lenders[pulls + j] = extra.lenders[j];
            lent[pulls + j] = extra.lent[j];
        }
    }

    /// @dev The first sweep of `flashLoan`, in read order, in assembly because it is a hot loop: take =
    /// min(plan + carry, room); a pull that succeeds records `take` in `pulled` and `order` and carries what it
    /// could not take; a pull that fails records 0, zeroes the provider's room and carries its whole part. The
    /// success rule is `TokenCalls.tryTransferFrom`'s. Returns the number of providers pulled and what is left over.
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
    /// that did not fail, in read order, appending first-time pulls to `order`. Returns the new number of pulls and
    /// what is still missing.
    function _coverShortfall(
        Loan memory loan,
        address[] memory set,
        uint256[] memory room,
        uint256[] memory pulled,
        uint256[] memory order,
        uint256 pulls,
        uint256 carry
    ) private returns (uint256, uint256) {
        for (uint256 i; carry != 0 && i < set.length; ++i) {
            uint256 free = room[i] - pulled[i];
            if (free == 0) continue;
            uint256 take = free < carry ? free : carry;
            if (TokenCalls.tryTransferFrom(loan.token, set[i], loan.receiver, take)) {
                if (pulled[i] == 0) order[pulls++] = i;
                pulled[i] += take;
                carry -= take;
            } else {
                room[i] = pulled[i];
            }
        }
        return (pulls, carry);
    }

    /// @dev The last resort, when pulls failed and the providers read cannot make up `extra.missing`: the ranked
    /// members the reading did not reach, in ranking order, each pulled once for what it can lend (at most what is
    /// missing). Reverts when even they cannot cover it.
    function _coverFromUnread(
        Loan memory loan,
        ProviderSet.Set storage ranks,
        mapping(address => Position) storage positions,
        ProRataPlan.Reading memory reading,
        Extra memory extra
    ) private {
        uint256 rank = reading.atRank;
        uint256 from = reading.atIndex;
        for (uint256 bits = reading.below; extra.missing != 0 && rank != 0; from = 0) {
            uint256 size = ranks.sizeOf(rank);
            for (uint256 j = from; extra.missing != 0 && j < size; ++j) {
                _pullOnceMore(loan, ranks.memberAt(rank, j), positions, extra);
            }
            rank = ProviderSet.log2(bits); // 0 once no rank is left
            // forge-lint: disable-next-line(incorrect-shift) the bit for `rank`
            bits &= ~(1 << rank);
        }
        if (extra.missing != 0) revert IFlashBank.InsufficientLiquidity(loan.amount, loan.amount - extra.missing);
    }

    /// @dev Pulls `min(available, missing)` from `provider`, appending it to `extra` when that works.
    function _pullOnceMore(
        Loan memory loan,
        address provider,
        mapping(address => Position) storage positions,
        Extra memory extra
    ) private {
        address token = loan.token;
        uint256 take = TokenCalls.available(token, provider, positions[provider].commitment);
        if (take > extra.missing) take = extra.missing;
        if (take == 0 || !TokenCalls.tryTransferFrom(token, provider, loan.receiver, take)) return;
        extra.lenders[extra.count] = provider;
        extra.lent[extra.count++] = take;
        extra.missing -= take;
    }

    /// @dev Whether `order[j] == j` for every j.
    function _isIdentity(uint256[] memory order) private pure returns (bool) {
        for (uint256 j; j < order.length; ++j) {
            if (order[j] != j) return false;
        }
        return true;
    }
}
