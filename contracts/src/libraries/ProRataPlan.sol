// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ProviderSet, PROVIDER_CAPACITY, PROVIDER_RANKS} from "./ProviderSet.sol";
import {Position} from "../types/Position.sol";

/// @title Which providers a pro-rata loan reads, and how it splits the amount over them
/// @notice The loan reads the ranked members (rank >= 1) from the top rank down, each rank in its array order, and
/// stops before the next member once what it read covers the amount and is at least `2**rank * CUTOFF`: every
/// member of that rank and below could lend less than `2**rank` when last measured, so less than `1/CUTOFF` of what
/// was read. Of the members read, one that can lend less than `1/CUTOFF` of what was read sits out when the others
/// cover the amount without it: its part would be dust (under 1/32 of the loan, and a fee share to match) while its
/// pull and repayment cost the borrower about 15k gas. When the others cannot cover the amount, everyone read takes
/// part. The parts are `floor(can * amount / base)`, `base` being the sum over those taking part, and the flooring
/// remainder (fewer units than providers) goes to the first of them, in read order, that still have room.
/// @dev Why the reading is bounded: a member read at its true rank adds at least half its rank's bound to what was
/// read, ranks fall as the reading goes on, and once the amount is covered it goes on only while what was read is
/// under CUTOFF times the bound. So a loan reads at most `2 * CUTOFF` members at their true rank, or the members it
/// needs to cover its amount if those are more, whatever the size of the set. A member ranked too high (it moved its
/// funds away after it was measured) costs one read, and the loan then moves it to its true rank.
library ProRataPlan {
    using ProviderSet for ProviderSet.Set;

    /// @dev A power of two, so the stop rule (`2**rank * CUTOFF <= total`) is one shift.
    uint256 internal constant CUTOFF = 32;
    uint256 internal constant CUTOFF_SHIFT = 5;

    /// @notice What a pro-rata loan read: the providers in read order (`set`), what each can lend now (`room`), the
    /// sum (`total`) and the sum over those that can lend at least `least(total)` (`major`); `stale` flags (bit i)
    /// the ones whose rank no longer matches. The loan stopped before member `atIndex` of rank `atRank`, with the
    /// ranks in `below` still unread (`atRank` 0: nothing left).
    struct Reading {
        address[] set;
        uint256[] room;
        uint256 total;
        uint256 major;
        uint256 stale;
        uint256 atRank;
        uint256 atIndex;
        uint256 below;
    }

    /// @dev The state of the reading loop, in memory; its assembly reads the fields by offset, in this order, 32
    /// bytes each: token 0x00, amount 0x20, minimum 0x40, n 0x60 (members read), total 0x80, stale 0xa0, atRank 0xc0,
    /// atIndex 0xe0.
    struct Cursor {
        address token;
        uint256 amount;
        uint256 minimum;
        uint256 n;
        uint256 total;
        uint256 stale;
        uint256 atRank;
        uint256 atIndex;
    }

    /// @notice Reads the members of `ranks` a loan of `amount` needs, by the rule above; `positions` holds their
    /// commitments, `minimum` is the token's.
    /// @dev In assembly because it is the hottest loop of a pro-rata loan; each member costs what `available` does
    /// (its slot, its commitment, `balanceOf` and `allowance`). Each `can` is below 2**128 and at most 128 are read:
    /// `total` cannot wrap. The readings go to memory past the free memory pointer (two words each) and are copied
    /// into exact arrays at the end, so a long set costs no memory it does not use.
    function read(
        ProviderSet.Set storage ranks,
        mapping(address => Position) storage positions,
        address token,
        uint256 amount,
        uint256 minimum
    ) internal view returns (Reading memory reading) {
        Cursor memory cursor = Cursor(token, amount, minimum, 0, 0, 0, 0, 0);
        uint256 bits = ranks.occupied & ProviderSet.RANK_BITS & ~uint256(1);
        uint256 positionsSlot;
        uint256 rowsSlot;
        {
            uint256[PROVIDER_CAPACITY][PROVIDER_RANKS] storage rows = ranks.rows;
            assembly ("memory-safe") {
                positionsSlot := positions.slot
                rowsSlot := rows.slot
            }
        }
        uint256 entries;
        assembly ("memory-safe") {
            function msb(x) -> r {
                r := shl(7, lt(0xffffffffffffffffffffffffffffffff, x))
                r := or(r, shl(6, lt(0xffffffffffffffff, shr(r, x))))
                r := or(r, shl(5, lt(0xffffffff, shr(r, x))))
                r := or(r, shl(4, lt(0xffff, shr(r, x))))
                r := or(r, shl(3, lt(0xff, shr(r, x))))
                r := or(r, shl(2, lt(0xf, shr(r, x))))
                r := or(r, shl(1, lt(0x3, shr(r, x))))
                r := or(r, lt(0x1, shr(r, x)))
            }
            // `TokenCalls.available(token, provider, commitment)`; call data at `query`, positions.slot at 0x20.
            function availableOf(tokenAddress, query, provider) -> can {
                mstore(0x00, provider)
                can := and(sload(keccak256(0x00, 0x40)), 0xffffffffffffffffffffffffffffffff) // commitment
                if can {
                    mstore(query, shl(224, 0x70a08231)) // balanceOf(provider)
                    mstore(add(query, 0x04), provider)
                    let ok := staticcall(gas(), tokenAddress, query, 0x24, 0x00, 0x20)
                    let word := 0
                    if and(ok, gt(returndatasize(), 0x1f)) { word := mload(0x00) }
                    if lt(word, can) { can := word }
                }
                if can {
                    mstore(query, shl(224, 0xdd62ed3e)) // allowance(provider, this)
                    mstore(add(query, 0x04), provider)
                    mstore(add(query, 0x24), address())
                    let ok := staticcall(gas(), tokenAddress, query, 0x44, 0x00, 0x20)
                    let word := 0
                    if and(ok, gt(returndatasize(), 0x1f)) { word := mload(0x00) }
                    if lt(word, can) { can := word }
                }
            }
            // Reads the `size` members of the rank at `row` (the first one is `first`) into the entries at `query +
            // 0x60` until the stop rule holds, keeping the counts in the cursor `c`; returns where it stopped.
            function readRank(c, query, rank, row, size, first) -> j {
                let bound := shl(add(rank, CUTOFF_SHIFT), 1) // 2**rank * CUTOFF
                for {} lt(j, size) { j := add(j, 1) } {
                    let total := mload(add(c, 0x80)) // cursor.total
                    if iszero(or(lt(total, mload(add(c, 0x20))), lt(total, bound))) { break } // cursor.amount
                    let provider := first
                    if j { provider := and(sload(add(row, j)), 0xffffffffffffffffffffffffffffffffffffffff) }
                    let can := availableOf(mload(c), query, provider) // cursor.token
                    let n := mload(add(c, 0x60)) // cursor.n
                    let e := add(query, add(0x60, shl(6, n)))
                    mstore(e, provider)
                    mstore(add(e, 0x20), can)
                    // stale unless rankOf(can, minimum) == rank: minimum <= can and 2**(rank-1) <= can < 2**rank
                    if or(
                        or(lt(can, mload(add(c, 0x40))), lt(can, shl(sub(rank, 1), 1))),
                        iszero(lt(can, shl(rank, 1)))
                    ) {
                        // cursor.stale |= 1 << n
                        mstore(add(c, 0xa0), or(mload(add(c, 0xa0)), shl(n, 1)))
                    }
                    mstore(add(c, 0x60), add(n, 1))
                    mstore(add(c, 0x80), add(total, can))
                }
            }
            let query := mload(0x40) // 0x44 bytes of call data, then the entries
            entries := add(query, 0x60)
            mstore(0x20, positionsSlot)
            for {} bits {} {
                let rank := msb(bits)
                bits := xor(bits, shl(rank, 1))
                let row := add(rowsSlot, shl(7, rank)) // rows[rank]: 128 slots each
                let head := sload(row) // the rank's size and first member
                let size := shr(160, head)
                let j := readRank(cursor, query, rank, row, size, and(head, 0xffffffffffffffffffffffffffffffffffffffff))
                if lt(j, size) {
                    // stopped before member j of the rank
                    mstore(add(cursor, 0xc0), rank) // cursor.atRank
                    mstore(add(cursor, 0xe0), j) // cursor.atIndex
                    break
                }
                let total := mload(add(cursor, 0x80))
                if iszero(or(lt(total, mload(add(cursor, 0x20))), lt(total, shl(add(msb(bits), CUTOFF_SHIFT), 1)))) {
                    // stops before the next rank (with none left, atRank stays 0)
                    if bits {
                        let next := msb(bits)
                        bits := xor(bits, shl(next, 1))
                        mstore(add(cursor, 0xc0), next)
                    }
                    break
                }
            }
            mstore(0x40, add(entries, shl(6, mload(add(cursor, 0x60))))) // the entries are now allocated
        }
        uint256 n = cursor.n;
        (reading.total, reading.stale, reading.atRank, reading.atIndex, reading.below) =
        (cursor.total, cursor.stale, cursor.atRank, cursor.atIndex, bits);
        address[] memory set = new address[](n);
        uint256[] memory room = new uint256[](n);
        uint256 floor = least(reading.total);
        uint256 major;
        assembly ("memory-safe") {
            for { let i := 0 } lt(i, n) { i := add(i, 1) } {
                let e := add(entries, shl(6, i))
                let at := shl(5, add(i, 1))
                let can := mload(add(e, 0x20))
                mstore(add(set, at), mload(e))
                mstore(add(room, at), can)
                if iszero(lt(can, floor)) { major := add(major, can) }
            }
        }
        (reading.set, reading.room, reading.major) = (set, room, major);
    }

    /// @notice Moves the members `reading` flagged as stale to the rank of what the loan found each could lend (for
    /// a provider whose pull failed: what it lent before it failed).
    function correctRanks(ProviderSet.Set storage ranks, Reading memory reading, uint256 minimum) internal {
        uint256 stale = reading.stale;
        for (uint256 i; stale != 0; ++i) {
            if (stale & 1 != 0) ranks.move(reading.set[i], ProviderSet.rankOf(reading.room[i], minimum));
            stale >>= 1;
        }
    }

    /// @notice The least a provider must be able to lend to take part in a loan that read `total`:
    /// `ceil(total / CUTOFF)`, so that `can >= least` exactly when `can * CUTOFF >= total`.
    function least(uint256 total) internal pure returns (uint256) {
        return (total + CUTOFF - 1) >> CUTOFF_SHIFT;
    }

    /// @notice The part of `amount` each provider lends, given what each can lend (`room`, each below 2**128), their
    /// sum `total >= amount` and `major`, the sum over those that can lend at least `least(total)`.
    function plan(uint256[] memory room, uint256 total, uint256 major, uint256 amount)
        internal
        pure
        returns (uint256[] memory parts)
    {
        uint256 n = room.length;
        parts = new uint256[](n);
        (uint256 floor, uint256 base) = major < amount ? (0, total) : (least(total), major);
        uint256 left = amount;
        for (uint256 at = 0x20; at <= n << 5; at += 0x20) {
            uint256 can;
            assembly ("memory-safe") {
                can := mload(add(room, at))
            }
            if (can < floor) continue;
            uint256 part = mulDiv(can, amount, base);
            assembly ("memory-safe") {
                mstore(add(parts, at), part)
            }
            unchecked {
                left -= part; // the parts sum to at most amount * base / base
            }
        }
        for (uint256 i; left != 0; ++i) {
            // Ends within the array: the room of those taking part sums to base >= amount.
            if (room[i] < floor) continue;
            uint256 extra = room[i] - parts[i];
            if (extra > left) extra = left;
            parts[i] += extra;
            left -= extra;
        }
    }

    /// @dev `floor(a * b / c)` exactly, for `a < 2**128` and `b <= c < 2**190`. Every use fits: `a` is at most a
    /// commitment, `c` at most MAX_PROVIDERS commitments (< 2**135). Above 2**128 it divides in two 64-bit steps:
    /// a*b = (a*(b>>64))*2**64 + a*(b mod 2**64), and a*(b>>64) = q*c + r, so floor(a*b/c) = q*2**64 +
    /// floor((r*2**64 + a*(b mod 2**64)) / c), where no intermediate exceeds 2**255.
    function mulDiv(uint256 a, uint256 b, uint256 c) internal pure returns (uint256) {
        unchecked {
            if (c <= type(uint128).max) return a * b / c;
            uint256 high = a * (b >> 64);
            return ((high / c) << 64) + (((high % c) << 64) + a * (b & type(uint64).max)) / c;
        }
    }
}
